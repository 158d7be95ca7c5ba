// Presence from the rooms we are in or joining (XEP-0045 §7.2, §7.6, §9, §10): occupants, our own
// self-presence (status 110), join errors, nick changes, removals and destruction.
#include "core/im/jid_util.h"
#include "core/im/stanza_util.h"
#include "core/modules/xep0045_muc_module.h"
#include "core/xep/xep0030_disco.h"
#include "core/xml/ns.h"

namespace starling::modules {

using xep::OccupantPresence;
namespace status = xep::muc_status;

router::Handled MucModule::onPresence(const xml::Element& presence) {
    const std::string from(presence.attr("from"));
    auto found = m_core.state.rooms.find(im::normalizedBare(from));
    if (found == m_core.state.rooms.end()) return router::Handled::No;  // a contact's: the presence module's
    model::Room& room = found->second;
    if (onActivity && room.joined) onActivity(room.jid);
    const std::string nick = im::resourceOf(from);
    if (presence.attr("type") == "error") {
        if (room.joining && (nick.empty() || nick == room.nick)) onJoinError(room, presence);
        else m_core.log("room " + room.jid + " error: " + im::stanzaErrorCondition(presence));
        return router::Handled::Yes;
    }
    auto parsed = xep::parseOccupantPresence(presence);
    if (!parsed) {
        m_core.log("dropped presence from room '" + from + "': " + parsed.error().code);
        return router::Handled::Yes;
    }
    const OccupantPresence& p = *parsed;
    // The room's end, and a ban, reach us without status 110 (XEP-0045 examples 113, 202); a removal
    // from our own nick is ours (a nick is one occupant's).
    const bool removal = !p.available && (p.destroyed || p.has(status::kBanned) || p.has(status::kKicked) ||
                                          p.has(status::kRemovedAffiliation) || p.has(status::kRemovedMembersOnly) ||
                                          p.has(status::kRemovedShutdown));
    if (removal && (p.destroyed || p.nick == room.nick) && (room.joined || room.joining)) {
        removed(room, p);
        m_core.touch();
        return router::Handled::Yes;
    }
    if (p.self()) {
        // Our own presence comes from our nick; while joining, from the one the room assigned (210).
        const bool ours = p.nick == room.nick || (room.joining && p.has(status::kNickAssigned));
        if (!ours) {
            m_core.log("room " + room.jid + ": self-presence from another occupant's nick ignored");
            return router::Handled::Yes;
        }
        onSelf(room, p);
    } else {
        onOccupant(room, p);
    }
    m_core.touch();
    return router::Handled::Yes;
}

void MucModule::onJoinError(model::Room& room, const xml::Element& presence) {
    room.joining = false;
    room.joined = false;
    room.error = xep::joinErrorCode(presence);
    room.errorText = im::stanzaErrorText(presence);
    room.proposedNick = room.error == "nick-conflict" ? xep::alternativeNick(room.nick) : std::string();
    m_pending.erase(room.jid);
    m_core.log("joining " + room.jid + " refused: " + room.error);
    saveRooms();  // not rejoined until asked again
    m_core.touch();
}

void MucModule::onOccupant(model::Room& room, const OccupantPresence& p) {
    if (!p.available) {
        room.occupants.erase(p.nick);  // left, or changes nick (303: the new nick's presence follows)
        return;
    }
    model::Occupant& o = room.occupants[p.nick];
    o.nick = p.nick;
    o.realJid = p.realJid;
    o.role = p.role;
    o.affiliation = p.affiliation;
    o.show = p.show;
    o.occupantId = p.occupantId;
}

void MucModule::onSelf(model::Room& room, const OccupantPresence& p) {
    if (!p.available) {
        if (p.has(status::kNickChanged) && !p.newNick.empty()) {  // our nick changes; the room stays joined
            room.occupants.erase(p.nick);
            room.nick = p.newNick;
            saveRooms();
            return;
        }
        removed(room, p);
        return;
    }
    onOccupant(room, p);
    const bool entered = !room.joined;
    const bool nickChanged = room.nick != p.nick;
    room.nick = p.nick;  // 210: the room's choice
    room.joined = true;
    room.joining = false;
    room.error.clear();
    room.errorText.clear();
    room.proposedNick.clear();
    if (!p.occupantId.empty()) room.selfOccupantId = p.occupantId;
    if (!entered) {
        if (nickChanged) saveRooms();
        return;
    }
    saveRooms();
    askRoomFeatures(room.jid);
    catchUp(room.jid);
    if (onEntered) onEntered(room);
    auto pending = m_pending.find(room.jid);
    if (pending != m_pending.end()) {
        if (p.has(status::kCreated)) configureNewRoom(room.jid);
        else {
            m_core.log("room " + room.jid + " already existed: not configured");
            m_pending.erase(pending);
        }
    } else if (p.has(status::kCreated)) {
        // A plain join created it: the room stays locked to everyone else until its owner configures it
        // (Prosody answers their joins item-not-found), so the default configuration is accepted.
        const std::string jid = room.jid;
        m_core.session.sendIq(xep::instantRoomIq(jid), [this, jid](const Result<xml::Element>& r) {
            if (!r) m_core.log("instant room " + jid + " refused: " + r.error().code);
        });
    }
    if (m_flushQueued) m_flushQueued();  // what was written while we were out goes now
}

// Kicked, banned, removed by an affiliation change or a shutdown, the room destroyed, or we left.
void MucModule::removed(model::Room& room, const OccupantPresence& p) {
    room.joined = false;
    room.joining = false;
    room.occupants.clear();
    room.errorText = p.reason;
    if (p.destroyed) room.error = "destroyed";
    else if (p.has(status::kKicked)) room.error = "kicked";
    else if (p.has(status::kBanned)) room.error = "removed-banned";
    else if (p.has(status::kRemovedAffiliation)) room.error = "removed-affiliation";
    else if (p.has(status::kRemovedMembersOnly)) room.error = "removed-members-only";
    else if (p.has(status::kRemovedShutdown)) room.error = "removed-shutdown";
    else room.error = "removed";
    m_core.log("removed from room " + room.jid + ": " + room.error);
    saveRooms();
}

// A room we just created is locked until its owner configures it (XEP-0045 §10.1.3); then the members
// are made members (a members-only room lets only them in) and invited.
void MucModule::configureNewRoom(const std::string& jid) {
    const Pending pending = m_pending[jid];
    m_pending.erase(jid);
    xep::RoomConfig config;
    config.isPrivate = pending.isPrivate;
    const std::uint64_t epoch = m_epoch;
    m_core.session.sendIq(xep::roomConfigIq(jid, config), [this, jid, pending, epoch](const Result<xml::Element>& r) {
        if (epoch != m_epoch) return;
        auto room = m_core.state.rooms.find(jid);
        if (room == m_core.state.rooms.end()) return;
        if (!r) {
            m_core.log("configuring room " + jid + " refused: " + r.error().code);
            room->second.error = "configuration-failed";
            m_core.touch();
            return;
        }
        room->second.encryptable = pending.isPrivate;
        for (const auto& member : pending.members) {
            grantMembership(jid, member);
            invite(jid, member);
        }
        askRoomFeatures(jid);
        m_core.touch();
    });
}

// A room that lets its disco#info time out this often in one session is not asked again until the next.
constexpr int kRoomInfoTries = 3;

// disco#info of the room: members-only + non-anonymous means OMEMO can reach every member. A room that
// never answers is taken as what we knew of it (private if we made it so), after kRoomInfoTries.
void MucModule::askRoomFeatures(const std::string& jid) {
    xml::Element iq(ns::kClient, "iq");
    iq.setAttr("to", jid);
    iq.setAttr("type", "get");
    iq.add(ns::kDiscoInfo, "query");
    const std::uint64_t epoch = m_epoch;
    m_core.session.sendIq(std::move(iq), [this, jid, epoch](const Result<xml::Element>& r) {
        if (epoch != m_epoch) return;
        if (!r && r.error().code == "disconnected") return;  // the next session asks again
        if (!r && r.error().code == "timeout" && ++m_infoTries[jid] < kRoomInfoTries) return askRoomFeatures(jid);
        auto room = m_core.state.rooms.find(jid);
        if (room == m_core.state.rooms.end()) return;
        const xml::Element* query = r ? r->child(ns::kDiscoInfo, "query") : nullptr;
        // No answer: what we knew stays (a room we created private stays encrypted); never a downgrade.
        if (query) room->second.encryptable = xep::roomIsEncryptable(xep::parseDiscoInfo(*query).features);
        if (!r)
            m_core.log("room " + jid + " disco#info: " + r.error().code + " after " + std::to_string(m_infoTries[jid] + 1) +
                       " tries (taken as " + (room->second.encryptable ? "private" : "not private") + ")");
        m_core.touch();
        if (onInfo) onInfo(jid, query != nullptr);
    });
}

void MucModule::askRoomFeaturesAgain(const std::string& jid) {
    m_infoTries[jid] = kRoomInfoTries - 1;  // one more try, not three: a person is waiting
    askRoomFeatures(jid);
}

}  // namespace starling::modules
