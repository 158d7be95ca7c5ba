// A room's groupchat messages in the pipelines. Incoming: claimed at the Origin stage (before one-to-one
// chat's checkOrigin, which then skips them): only live, only from a room we are in; the peer is the
// room, `from` the occupant; ours when the occupant is us (occupant-id when the room gives one, else our
// nick); de-duplicated by the room's own stanza-id, our reflection matched by origin-id. Outgoing: a
// room's message waits Queued until we are in the room.
#include <algorithm>

#include "core/im/delay.h"
#include "core/im/jid_util.h"
#include "core/modules/xep0045_muc_module.h"
#include "core/search/casefold.h"
#include "core/xep/xep0359_stanza_id.h"
#include "core/xml/ns.h"

namespace starling::modules {

using im::Flow;

namespace {

constexpr std::size_t kMaxInvitations = 50;  // anyone can send them: the oldest go

Flow dropped(im::Incoming& in, std::string reason) {
    in.result.outcome = im::IncomingOutcome::Dropped;
    in.result.reason = std::move(reason);
    return Flow::Done;
}

}  // namespace

bool mentionsNick(std::string_view body, std::string_view nick) {
    if (nick.empty()) return false;
    std::string text, name;
    search::foldInto(body, text);
    search::foldInto(nick, name);
    return text.find(name) != std::string::npos;
}

Flow MucModule::originStage(im::Incoming& in) {
    const xml::Element& msg = *in.message;
    if (msg.attr("type") != "groupchat") {
        const Flow invitation = invitationStage(in);
        return invitation == Flow::Next ? privateStage(in) : invitation;
    }
    // Inside a carbon or a result of our own archive: not ours to claim (one-to-one chat drops it).
    auto query = in.source == im::Source::Archive ? m_queries.find(in.archiveQuery) : m_queries.end();
    const bool roomArchive = query != m_queries.end();
    if (in.source != im::Source::Live && !roomArchive) return Flow::Next;
    in.groupchat = true;
    im::IncomingResult& r = in.result;
    r.source = in.source;
    in.from = std::string(msg.attr("from"));
    in.type = "groupchat";
    const std::string roomJid = im::normalizedBare(in.from);
    auto found = m_core.state.rooms.find(roomJid);
    if (roomArchive && roomJid != query->second.room) return dropped(in, "another room's message in a room's archive");
    if (found == m_core.state.rooms.end() || (!roomArchive && !(found->second.joined || found->second.joining)))
        return dropped(in, "groupchat message from a room we are not in");
    model::Room& room = found->second;
    if (onActivity && !roomArchive) onActivity(roomJid);
    r.peer = roomJid;
    if (roomArchive && xep::subjectOf(msg)) return dropped(in, "archived subject");
    if (auto subject = xep::subjectOf(msg)) {
        if (room.subject != *subject) {
            room.subject = *subject;
            in.signalled = true;
            r.outcome = im::IncomingOutcome::Updated;
            return Flow::Done;
        }
        return dropped(in, "subject unchanged");
    }
    // An OMEMO message without a fallback body still reaches the decrypt stage (it may carry text).
    if (!msg.child(ns::kClient, "body") && !msg.child(ns::kOmemoLegacy, "encrypted"))
        return dropped(in, "groupchat message without body");
    const std::string nick = im::resourceOf(in.from);
    const std::string occupantId = xep::occupantIdOf(msg);
    in.outgoing = !room.selfOccupantId.empty() && !occupantId.empty() ? occupantId == room.selfOccupantId
                                                                       : !nick.empty() && nick == room.nick;
    // Only the room's own stanza-id (by = the room) is trusted, and only within the room's chat.
    in.ids = xep::parseStanzaIds(msg, roomJid);
    if (roomArchive) in.ids.stanzaId = in.archiveId;  // the archive's id is the room's stanza-id
    in.options.trustStanzaIds = true;
    model::Message& m = in.built;
    m.originId = in.ids.originId;
    m.id = !in.ids.originId.empty() ? in.ids.originId : std::string(msg.attr("id"));
    if (m.id.empty()) m.id = in.ids.stanzaId;
    m.stanzaId = in.ids.stanzaId;
    m.from = in.from;
    m.direction = in.outgoing ? model::Direction::Outgoing : model::Direction::Incoming;
    m.status = in.outgoing ? model::MessageStatus::Sent : model::MessageStatus::Received;
    m.timestampMs = im::plausibleStamp(in.stamp ? in.stamp : im::delayStamp(msg), in.options.nowMs);
    // Pages after our newest message are newer than it, though archives stamp in whole seconds.
    if (roomArchive && im::stampPlausible(in.options.minArchiveStampMs, in.options.nowMs))
        m.timestampMs = std::max(m.timestampMs, in.options.minArchiveStampMs);
    return Flow::Next;
}

// An invitation is a request, not a chat message (its body — Prosody adds one — is not shown in the
// room's chat). Only live ones are kept; a copy from our archive or another device is dropped.
Flow MucModule::invitationStage(im::Incoming& in) {
    const xml::Element& msg = *in.message;
    if (!msg.child(ns::kMucUser, "x") && !msg.child(ns::kConference, "x")) return Flow::Next;
    if (msg.attr("type") == "error") return Flow::Next;
    auto invitation = xep::parseInvitation(msg);
    if (!invitation) return Flow::Next;
    if (in.source != im::Source::Live) return dropped(in, "invitation copy");
    if (m_core.state.rooms.count(invitation->room) && m_core.state.rooms.at(invitation->room).joined)
        return dropped(in, "invitation to a room we are in");
    auto& list = m_core.state.roomInvitations;
    std::erase_if(list, [&](const model::RoomInvitation& i) { return i.room == invitation->room; });
    if (list.size() >= kMaxInvitations) list.erase(list.begin());
    list.push_back({invitation->room, invitation->inviter, invitation->password, invitation->reason});
    m_core.touch();
    return dropped(in, "invitation to " + invitation->room + " kept as a request");
}

// A new message that names our nick counts apart from the unread count (not in the open room).
Flow MucModule::notifyStage(im::Incoming& in) {
    if (!in.groupchat || in.outgoing || in.result.outcome != im::IncomingOutcome::Stored) return Flow::Next;
    auto room = m_core.state.rooms.find(in.result.peer);
    if (room == m_core.state.rooms.end() || m_core.state.openChat == room->first) return Flow::Next;
    if (mentionsNick(in.result.message.body, room->second.nick)) ++room->second.mentions;
    return Flow::Next;
}

im::OutFlow MucModule::decorateStage(im::Outgoing& out) {
    if (out.stanza.attr("type") != "groupchat") return privateDecorate(out);
    auto room = m_core.state.rooms.find(out.peer);
    // Removed (kicked, banned, destroyed) or refused: it cannot go; the person may join again and resend.
    if (room == m_core.state.rooms.end() || !room->second.error.empty()) {
        out.message.status = model::MessageStatus::Failed;
        out.message.error = "not-in-room";
        return im::OutFlow::Wait;
    }
    if (!room->second.joined) return im::OutFlow::Wait;  // goes once we are in (after a reconnect's join)
    return im::OutFlow::Next;
}

}  // namespace starling::modules
