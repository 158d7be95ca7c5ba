#include "core/modules/xep0045_muc_module.h"

#include "core/im/jid_util.h"
#include "core/util/strings.h"
#include "core/xml/ns.h"

namespace starling::modules {

namespace {

// A room address: a bare JID with a localpart ("" when it is none).
std::string roomJidOf(const std::string& text) { return im::normalizedAccount(util::trim(text)); }

// A nickname the room can take as the resource of room@service/nick ("" when it is none).
std::string validNick(const std::string& room, const std::string& text) {
    const std::string nick(util::trim(text));
    if (nick.empty() || room.empty()) return {};
    auto j = jid::Jid::parse(room + "/" + nick);
    return j ? j->resource() : std::string();
}

}  // namespace

MucModule::MucModule(Core& core, std::function<void()> flushQueued) : Module(core), m_flushQueued(std::move(flushQueued)) {
    // Presence from the rooms we are in (the presence module leaves those to us).
    const router::Filter fromRooms{router::Kind::Presence, {"", "unavailable", "error"}, "", ""};
    m_core.router.onPresence(name(), fromRooms, [this](const xml::Element& p) { return onPresence(p); });
    // Before the account archive's Unwrap stage: results of a room's archive query of ours.
    m_core.incoming.add(im::Stage::Unwrap, name(), [this](im::Incoming& in) { return unwrapStage(in); });
    // Before one-to-one chat's Origin stage (this module is built before the chat module).
    m_core.incoming.add(im::Stage::Origin, name(), [this](im::Incoming& in) { return originStage(in); });
    m_core.incoming.add(im::Stage::Notify, name(), [this](im::Incoming& in) { return notifyStage(in); });
    m_core.outgoing.add(im::OutStage::Decorate, name(), [this](im::Outgoing& out) { return decorateStage(out); });
}

// XEP-0045 §6.2. Not jabber:x:conference: invitations we receive are not handled yet.
std::vector<std::string> MucModule::features() const { return {ns::kMuc}; }

void MucModule::onAccount() {
    ++m_epoch;
    m_pending.clear();
    m_queries.clear();
    m_infoTries.clear();
    m_core.state.rooms.clear();
    m_core.state.formerRooms.clear();
    m_core.state.roomInvitations.clear();
    if (!m_core.account.empty()) loadRooms();
}

// A new session is in no room: the rooms we were in are joined again once it is online.
void MucModule::onEstablished() {
    ++m_epoch;
    m_queries.clear();
    m_infoTries.clear();
    for (auto& [jid, room] : m_core.state.rooms) {
        room.joined = false;
        room.joining = false;
        room.occupants.clear();
    }
}

void MucModule::onOnline() {
    for (auto& [jid, room] : m_core.state.rooms)
        if (room.error.empty() && !room.joined && !room.joining) sendJoin(room);
    m_core.touch();
}

bool MucModule::sendJoin(model::Room& room) {
    if (!m_core.online()) return false;
    m_core.session.send(xep::mucJoinPresence(room.jid, room.nick, room.password));
    room.joining = true;
    return true;
}

bool MucModule::joinRoom(const std::string& roomText, const std::string& nickText, const std::string& password) {
    const std::string jid = roomJidOf(roomText);
    const std::string nick = validNick(jid, nickText);
    if (jid.empty() || nick.empty() || m_core.account.empty()) {
        m_core.state.notice = "bad-room";
        m_core.touch();
        return false;
    }
    std::erase_if(m_core.state.roomInvitations, [&](const model::RoomInvitation& i) { return i.room == jid; });
    m_core.state.formerRooms.erase(jid);
    model::Room& room = m_core.state.rooms[jid];
    room.jid = jid;
    room.nick = nick;
    room.password = password;
    room.error.clear();
    room.errorText.clear();
    room.proposedNick.clear();
    room.joined = false;  // until the room's answer (a nick change of a joined room is answered the same)
    model::Conversation& conv = m_core.state.conversations[jid];
    conv.jid = jid;
    saveRooms();
    sendJoin(room);
    m_core.touch();
    return true;
}

bool MucModule::createRoom(const std::string& room, const std::string& nick, bool isPrivate,
                           const std::vector<std::string>& members) {
    const std::string jid = roomJidOf(room);
    if (!joinRoom(room, nick, {})) return false;
    Pending p;
    p.isPrivate = isPrivate;
    for (const auto& m : members)
        if (std::string bare = im::normalizedAccount(util::trim(m)); !bare.empty()) p.members.push_back(bare);
    m_pending[jid] = std::move(p);
    return true;
}

bool MucModule::leaveRoom(const std::string& roomText) {
    const std::string jid = roomJidOf(roomText);
    auto it = m_core.state.rooms.find(jid);
    if (it == m_core.state.rooms.end()) return false;
    if (m_core.online() && (it->second.joined || it->second.joining))
        m_core.session.send(xep::mucLeavePresence(jid, it->second.nick));
    m_core.state.rooms.erase(it);  // its history stays, as a one-to-one chat's does
    m_pending.erase(jid);
    remember(jid);  // its occupants' private messages stay private chats
    saveRooms();
    m_core.touch();
    if (onLeft) onLeft(jid);
    return true;
}

void MucModule::rememberRoom(const std::string& jid) {
    if (m_core.state.rooms.count(jid) || m_core.state.formerRooms.count(jid)) return;
    remember(jid);
    saveRooms();
}

void MucModule::remember(const std::string& jid) {
    auto& former = m_core.state.formerRooms;
    if (former.size() >= kMaxFormerRooms) former.erase(former.begin());
    former.insert(jid);
}

void MucModule::rejoin(const std::string& jid) {
    auto it = m_core.state.rooms.find(jid);
    if (it == m_core.state.rooms.end() || !it->second.error.empty()) return;
    it->second.joined = false;
    it->second.occupants.clear();
    sendJoin(it->second);
    m_core.touch();
}

std::string MucModule::ownOccupantJid(const std::string& room) const {
    auto it = m_core.state.rooms.find(room);
    return it == m_core.state.rooms.end() ? std::string() : room + "/" + it->second.nick;
}

bool MucModule::canAct(const std::string& room) const {
    auto it = m_core.state.rooms.find(room);
    return m_core.online() && it != m_core.state.rooms.end() && it->second.joined;
}

bool MucModule::setSubject(const std::string& roomText, const std::string& subject) {
    const std::string jid = roomJidOf(roomText);
    if (!canAct(jid)) return false;
    m_core.session.send(xep::subjectMessage(jid, subject));
    return true;
}

// The room answers a moderation request with a result or an error; an error is said as a notice.
bool MucModule::kick(const std::string& roomText, const std::string& nick, const std::string& reason) {
    const std::string jid = roomJidOf(roomText);
    if (!canAct(jid) || nick.empty()) return false;
    m_core.session.sendIq(xep::kickIq(jid, nick, reason), [this](const Result<xml::Element>& r) {
        if (r) return;
        m_core.log("kick refused: " + r.error().code);
        m_core.state.notice = "room-moderation-failed";
        m_core.touch();
    });
    return true;
}

namespace {
bool changeAffiliation(Core& core, const std::string& room, const std::string& jidText, const char* affiliation,
                       const std::string& reason) {
    const std::string bare = im::normalizedAccount(util::trim(jidText));
    if (bare.empty()) return false;
    core.session.sendIq(xep::affiliationIq(room, bare, affiliation, reason), [&core, affiliation](const Result<xml::Element>& r) {
        if (r) return;
        core.log(std::string("affiliation ") + affiliation + " refused: " + r.error().code);
        core.state.notice = "room-moderation-failed";
        core.touch();
    });
    return true;
}
}  // namespace

bool MucModule::ban(const std::string& roomText, const std::string& jid, const std::string& reason) {
    const std::string room = roomJidOf(roomText);
    return canAct(room) && changeAffiliation(m_core, room, jid, "outcast", reason);
}

bool MucModule::grantMembership(const std::string& roomText, const std::string& jid) {
    const std::string room = roomJidOf(roomText);
    return canAct(room) && changeAffiliation(m_core, room, jid, "member", {});
}

// Both forms: the mediated one (the room forwards it, and in a members-only room lets the invitee in)
// and the direct one (XEP-0249), which clients that ignore mediated invitations understand.
bool MucModule::invite(const std::string& roomText, const std::string& jidText) {
    const std::string room = roomJidOf(roomText);
    const std::string invitee = im::normalizedAccount(util::trim(jidText));
    if (!canAct(room) || invitee.empty()) return false;
    const model::Room& r = m_core.state.rooms.at(room);
    m_core.session.send(xep::mediatedInvite(room, invitee));
    xml::Element direct = xep::directInvite(room, invitee, r.password);
    direct.setAttr("id", m_core.uuid());
    m_core.session.send(direct);
    return true;
}

}  // namespace starling::modules
