#include "core/modules/xep0384_omemo_muc_module.h"

#include <algorithm>

#include "core/im/jid_util.h"
#include "core/im/occupant_chat.h"
#include "core/xep/xep0045_muc.h"
#include "core/xep/xep0045_muc_members.h"
#include "core/xml/ns.h"

namespace starling::modules {

namespace {
// The affiliations whose holders read a members-only room (XEP-0045 §5.2): its members for OMEMO.
constexpr const char* kMemberAffiliations[] = {"owner", "admin", "member"};
}  // namespace

OmemoMucModule::OmemoMucModule(Core& core, OmemoService& omemo, MucModule& muc, std::function<void()> ready)
    : Module(core), m_omemo(omemo), m_muc(muc), m_ready(std::move(ready)) {
    muc.onInfo = [this](const std::string& room, bool known) { roomInfo(room, known); };
    m_core.outgoing.add(im::OutStage::Encrypt, name(), [this](im::Outgoing& out) { return encryptStage(out); });
    m_core.incoming.add(im::Stage::Decrypt, name(), [this](im::Incoming& in) { return decryptStage(in); });
    // Before chat's catch-all handler; anything else with a muc#user <x/> (an invitation) goes on to it.
    m_core.router.onMessage(name(), router::Filter{router::Kind::Message, {}, ns::kMucUser, "x"},
                            [this](const xml::Element& message) { return affiliationNotice(message); });
}

// Someone not in the room became a member (or stopped being one): the room says so to its occupants
// (Prosody does, as XEP-0045 shows). Our next message reaches their devices, or no longer does.
router::Handled OmemoMucModule::affiliationNotice(const xml::Element& message) {
    auto keys = m_rooms.find(im::normalizedBare(message.attr("from")));
    if (keys == m_rooms.end() || !m_core.state.rooms.count(keys->first)) return router::Handled::No;
    const auto changes = xep::parseAffiliationNotice(message);
    if (changes.empty()) return router::Handled::No;
    for (const auto& change : changes) {
        const bool member = std::find(std::begin(kMemberAffiliations), std::end(kMemberAffiliations),
                                      std::string_view(change.affiliation)) != std::end(kMemberAffiliations);
        if (member) keys->second.affiliated.insert(change.jid);
        else keys->second.affiliated.erase(change.jid);
        m_core.log("room " + keys->first + ": " + change.jid + " is now " + change.affiliation);
    }
    return router::Handled::Yes;
}

void OmemoMucModule::onAccount() {
    ++m_epoch;
    m_rooms.clear();
}

// A new session is in no room yet: features and members are asked again after each join.
void OmemoMucModule::onEstablished() {
    ++m_epoch;
    m_rooms.clear();
}

void OmemoMucModule::refresh(const std::string& jid) {
    auto room = m_core.state.rooms.find(jid);
    if (room == m_core.state.rooms.end()) return;
    const omemo::Account* account = m_omemo.account();
    const bool off = account && account->chatEncryption(jid) == omemo::ChatEncryption::Off;
    const bool encrypted = room->second.encryptable && !off;
    if (room->second.encrypted == encrypted) return;
    room->second.encrypted = encrypted;
    m_core.touch();
}

void OmemoMucModule::roomInfo(const std::string& room, bool known) {
    RoomKeys& keys = m_rooms[room];
    keys.info = true;
    keys.infoFailed = !known;
    refresh(room);
    auto found = m_core.state.rooms.find(room);
    if (found != m_core.state.rooms.end() && found->second.encrypted) {
        fetchMembers(room);
    } else if (m_ready) {  // plain: what waited for the room's features goes now (or fails: see encryptStage)
        keys.failWaiting = keys.infoFailed;
        m_ready();
        m_rooms[room].failWaiting = false;
    }
}

// The member list, one affiliation per request; asked again after each join (it may have changed).
void OmemoMucModule::fetchMembers(const std::string& room) {
    RoomKeys& keys = m_rooms[room];
    if (keys.listsPending > 0) return;
    keys.listsFetched = false;
    keys.affiliated.clear();
    keys.listsPending = static_cast<int>(std::size(kMemberAffiliations));
    const std::uint64_t epoch = m_epoch;
    for (const char* affiliation : kMemberAffiliations) {
        m_core.session.sendIq(xep::affiliationListIq(room, affiliation), [this, epoch, room, affiliation](
                                                                             const Result<xml::Element>& r) {
            if (epoch != m_epoch) return;
            RoomKeys& k = m_rooms[room];
            if (r) {
                for (const auto& item : xep::parseAffiliationList(*r)) k.affiliated.insert(item.jid);
            } else {
                // Not allowed to read it (a room that keeps it from members): its occupants are who we know.
                m_core.log("room " + room + " " + affiliation + " list: " + r.error().code);
            }
            if (--k.listsPending > 0) return;
            k.listsFetched = true;
            if (m_ready) m_ready();
        });
    }
}

std::set<std::string> OmemoMucModule::members(const model::Room& room) const {
    std::set<std::string> out;
    if (auto keys = m_rooms.find(room.jid); keys != m_rooms.end()) out = keys->second.affiliated;
    for (const auto& [nick, occupant] : room.occupants)
        if (std::string bare = im::normalizedBare(occupant.realJid); !bare.empty()) out.insert(bare);
    out.erase(m_core.account);  // our other devices are added by the service
    return out;
}

im::OutFlow OmemoMucModule::encryptStage(im::Outgoing& out) {
    if (out.stanza.attr("type") != "groupchat") return im::OutFlow::Next;
    auto room = m_core.state.rooms.find(out.peer);
    if (room == m_core.state.rooms.end()) return im::OutFlow::Next;  // the group chat Decorate stage failed it
    RoomKeys& keys = m_rooms[out.peer];
    // Whether the room is private is known only from this session's answer: nothing goes before it.
    if (!keys.info) return im::OutFlow::Wait;
    refresh(out.peer);
    // The room did not say whether it is private: never plaintext on a guess. What waited for it fails
    // with a reason; a message sent after that (or sent again) asks the room once more and waits.
    if (keys.infoFailed && !room->second.encryptable) {
        if (keys.failWaiting) {
            out.message.status = model::MessageStatus::Failed;
            out.message.error = "room-no-info";
            return im::OutFlow::Wait;
        }
        keys.info = false;
        keys.infoFailed = false;
        m_muc.askRoomFeaturesAgain(out.peer);
        return im::OutFlow::Wait;
    }
    if (!room->second.encrypted) return im::OutFlow::Next;
    if (!keys.listsFetched) {
        fetchMembers(out.peer);
        return im::OutFlow::Wait;
    }
    return m_omemo.prepareGroupOutgoing(out.peer, members(room->second), out.message, out.stanza) ? im::OutFlow::Next
                                                                                                  : im::OutFlow::Wait;
}

// The occupant's real JID: the occupant under that nick now (in a live message; its occupant-id, when
// both are known, must agree), or in the room's archive the JID the room stored with the message, else
// the occupant now in the room with the message's occupant-id. A nick alone never names the author of
// an archived message (nicks are reused).
std::string OmemoMucModule::senderOf(const model::Room& room, const im::Incoming& in) const {
    const xml::Element& msg = *in.message;
    const std::string occupantId = xep::occupantIdOf(msg);
    if (in.source == im::Source::Archive) {
        if (std::string stored = xep::archivedRealJid(msg); !stored.empty()) return stored;
        if (occupantId.empty()) return {};
        for (const auto& [nick, o] : room.occupants)
            if (o.occupantId == occupantId) return im::normalizedBare(o.realJid);
        return {};
    }
    auto o = room.occupants.find(im::resourceOf(in.from));
    if (o == room.occupants.end()) return {};
    if (!occupantId.empty() && !o->second.occupantId.empty() && occupantId != o->second.occupantId) return {};
    return im::normalizedBare(o->second.realJid);
}

// A private message through a room (XEP-0045 §7.5) may come encrypted too, in a non-anonymous room:
// Conversations' MessageParser decrypts a room's messages, private ones included, for the occupant's true
// JID. Decrypted here the same way; ours from another device of ours for our own account. When the room does not tell who it is (anonymous, the occupant gone, the room left),
// the message says that in words ("omemo-private-sender-unknown") rather than a bare failure.
im::Flow OmemoMucModule::decryptStage(im::Incoming& in) {
    const bool privateMessage = !in.occupantChat.empty();
    if (!in.groupchat && !privateMessage) return im::Flow::Next;
    const bool encrypted = in.message->child(ns::kOmemoLegacy, "encrypted") != nullptr;
    auto room = m_core.state.rooms.find(privateMessage ? std::string(im::roomOfOccupantChat(in.occupantChat)) : in.result.peer);
    std::string sender;
    if (encrypted && privateMessage && in.outgoing) sender = m_core.account;
    else if (encrypted && room != m_core.state.rooms.end()) sender = senderOf(room->second, in);
    m_omemo.notePeer(sender);
    const bool go = m_omemo.decryptStage(*in.message, in.built, sender);
    if (privateMessage && encrypted && sender.empty() && !in.built.error.empty())
        in.built.error = "omemo-private-sender-unknown";
    if (go) return im::Flow::Next;
    in.result.reason = "could not decrypt";
    return im::Flow::Done;
}

}  // namespace starling::modules
