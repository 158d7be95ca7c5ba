// rooms.json: the rooms we are in (or joining), with our nick and password, so that a reload or a new
// session joins them again. A room we left or were removed from is not in "rooms": only its JID, in
// "former" (State::formerRooms), so that its occupants' private messages stay private chats.
#include "core/im/jid_util.h"
#include "core/modules/xep0045_muc_module.h"
#include "core/util/json.h"

namespace starling::modules {

namespace {
constexpr const char* kRoomsFile = "rooms.json";
}

void MucModule::loadRooms() {
    const std::string text = m_core.data.loadAccountFile(m_core.account, kRoomsFile);
    if (text.empty()) return;
    auto root = Json::parse(text);
    const Json* rooms = root && root->isObject() ? root->find("rooms") : nullptr;
    if (!rooms || !rooms->isArray()) {
        m_core.log("rooms.json is damaged: no rooms rejoined");
        return;
    }
    for (const auto& r : rooms->items()) {
        if (!r.isObject()) continue;
        const std::string jid = im::normalizedAccount(r.getString("jid"));
        const std::string nick = r.getString("nick");
        if (jid.empty() || nick.empty() || !im::isJid(jid + "/" + nick)) continue;
        model::Room& room = m_core.state.rooms[jid];
        room.jid = jid;
        room.nick = nick;
        room.password = r.getString("password");
        model::Conversation& conv = m_core.state.conversations[jid];
        conv.jid = jid;
    }
    if (const Json* former = root->find("former"); former && former->isArray())
        for (const auto& r : former->items())
            if (r.isString())
                if (std::string jid = im::normalizedAccount(r.asString()); !jid.empty() && !m_core.state.rooms.count(jid))
                    remember(jid);
}

void MucModule::saveRooms() {
    if (m_core.account.empty()) return;
    Json rooms = Json::array();
    Json former = Json::array();
    for (const auto& jid : m_core.state.formerRooms) former.push(Json(jid));
    for (const auto& [jid, room] : m_core.state.rooms) {
        // Removed (kicked, banned, destroyed, …): a room we were in, known after a reload too.
        if (room.error == "kicked" || room.error == "destroyed" || room.error.rfind("removed-", 0) == 0)
            former.push(Json(jid));
        if (!room.error.empty()) continue;  // refused or removed: not joined again by itself
        Json r = Json::object();
        r.set("jid", jid);
        r.set("nick", room.nick);
        if (!room.password.empty()) r.set("password", room.password);
        rooms.push(std::move(r));
    }
    Json root = Json::object();
    root.set("rooms", std::move(rooms));
    root.set("former", std::move(former));
    m_core.data.saveAccountFile(m_core.account, kRoomsFile, root.dump() + "\n");
}

}  // namespace starling::modules
