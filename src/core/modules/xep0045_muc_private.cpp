// Private messages through a room (XEP-0045 §7.5): a message to or from `room@service/nick` of a room
// we know (State::rooms, joined or not; State::formerRooms: left, removed, bookmarked) is a chat of its
// own, keyed by that occupant JID (im/occupant_chat.h) — never the room's chat, never a contact's. Incoming: told at the Origin stage,
// before one-to-one chat's, which then takes the occupant JID as the peer (live, carbons both ways, our
// own archive; error replies too, so that they fail our message in that chat). The <x/> the XEP asks
// senders to add is not relied on (the XEP says receivers must not), nor taken as proof: any contact can
// add it, so a contact's `bob@example.org/phone` stays bob's chat. A room we do not know stays a
// one-to-one chat as before: no room is made up from a message. Outgoing: type 'chat' with the <x/>,
// never OMEMO (the room relays it: its server reads it), waiting until we are in the room.
#include "core/im/jid_util.h"
#include "core/im/occupant_chat.h"
#include "core/modules/xep0045_muc_module.h"
#include "core/xml/ns.h"

namespace starling::modules {

using im::Flow;

namespace {

Flow dropped(im::Incoming& in, std::string reason) {
    in.result.outcome = im::IncomingOutcome::Dropped;
    in.result.reason = std::move(reason);
    return Flow::Done;
}

}  // namespace

Flow MucModule::privateStage(im::Incoming& in) {
    const xml::Element& msg = *in.message;
    const std::string_view type = msg.hasAttr("type") ? msg.attr("type") : std::string_view("normal");
    if (type != "chat" && type != "normal" && type != "error") return Flow::Next;
    // The other side: the recipient of our own copy (a sent carbon, our message in our archive).
    const bool ours = in.source == im::Source::CarbonSent ||
                      (in.source == im::Source::Archive && im::normalizedBare(msg.attr("from")) == in.options.ownBareJid);
    const std::string_view other = msg.attr(ours ? "to" : "from");
    // The room part alone: a nick too long or empty still names the room it claims to come through.
    const std::size_t slash = other.find('/');
    const std::string roomJid = im::normalizedBare(other.substr(0, slash));
    if (roomJid.empty() || !im::isKnownRoom(m_core.state, roomJid)) return Flow::Next;  // a contact, or no room we know
    if (slash == std::string_view::npos) {
        if (type == "error") return Flow::Next;  // the room refused our groupchat message: that chat's
        return dropped(in, "a " + std::string(type) + " message from the room " + roomJid + " itself, not an occupant");
    }
    const std::string key = im::occupantChatKey(m_core.state, other);
    if (key.empty()) return dropped(in, "private message through " + roomJid + " with an invalid nick");
    in.occupantChat = key;
    return Flow::Next;
}

im::OutFlow MucModule::privateDecorate(im::Outgoing& out) {
    if (!im::isOccupantChat(out.peer) || out.stanza.attr("type") != "chat") return im::OutFlow::Next;
    auto room = m_core.state.rooms.find(std::string(im::roomOfOccupantChat(out.peer)));
    if (room == m_core.state.rooms.end() || !room->second.error.empty()) {
        out.message.status = model::MessageStatus::Failed;
        out.message.error = "not-in-room";
        return im::OutFlow::Wait;
    }
    if (!room->second.joined) return im::OutFlow::Wait;  // the room relays it only from an occupant
    out.stanza.add(ns::kMucUser, "x");  // XEP-0045 §7.5: carbons and archives tell it
    return im::OutFlow::Next;
}

}  // namespace starling::modules
