#include "core/modules/alerts_module.h"

#include <algorithm>

#include "core/im/jid_util.h"
#include "core/im/occupant_chat.h"
#include "core/modules/xep0045_muc_module.h"
#include "core/util/json.h"
#include "core/util/utf8.h"

namespace starling::modules {

namespace {
constexpr const char* kFile = "alerts.json";
constexpr std::size_t kPreviewBytes = 240;  // a notification shows a line or two
constexpr std::size_t kMaxMuted = 10000;

// A chat key as saved: a contact's or room's bare JID, or a private chat's occupant JID
// (im/occupant_chat.h: the room may be gone by now, the chat stays); "" when it is neither.
std::string mutedKey(std::string_view text) {
    if (std::string bare = im::normalizedAccount(text); !bare.empty()) return bare;
    auto j = jid::Jid::parse(text);
    return j && j->hasResource() && !j->local().empty() ? j->full() : std::string();
}
}  // namespace

AlertsModule::AlertsModule(Core& core) : Module(core) {
    m_core.incoming.add(im::Stage::Notify, name(), [this](im::Incoming& in) { return notifyStage(in); });
}

void AlertsModule::onAccount() {
    m_core.state.alerts = model::Alerts{};
    if (m_core.account.empty()) return;
    const std::string text = m_core.data.loadAccountFile(m_core.account, kFile);
    if (text.empty()) return;
    auto root = Json::parse(text);
    if (!root || !root->isObject()) {
        m_core.log("alerts.json is damaged: no chat muted, notifications off");
        return;
    }
    model::Alerts& a = m_core.state.alerts;
    a.notify = root->getBool("notify");
    a.sound = root->getBool("sound");
    if (const Json* muted = root->find("muted"); muted && muted->isArray())
        for (const auto& j : muted->items())
            if (j.isString() && a.muted.size() < kMaxMuted)
                if (std::string jid = mutedKey(j.asString()); !jid.empty()) a.muted.insert(jid);
}

void AlertsModule::save() {
    if (m_core.account.empty()) return;
    const model::Alerts& a = m_core.state.alerts;
    Json muted = Json::array();
    for (const auto& jid : a.muted) muted.push(Json(jid));
    Json root = Json::object();
    root.set("notify", Json(a.notify));
    root.set("sound", Json(a.sound));
    root.set("muted", std::move(muted));
    if (!m_core.data.saveAccountFile(m_core.account, kFile, root.dump() + "\n")) m_core.log("alerts.json not saved");
}

void AlertsModule::setMuted(const std::string& chat, bool muted) {
    model::Alerts& a = m_core.state.alerts;
    if (chat.empty() || a.muted.count(chat) == static_cast<std::size_t>(muted)) return;
    if (muted) {
        a.muted.insert(chat);
        std::erase_if(a.pending, [&](const model::Alert& p) { return p.chat == chat; });
    } else {
        a.muted.erase(chat);
    }
    save();
    m_core.touch();
}

void AlertsModule::setSwitches(bool notify, bool sound) {
    model::Alerts& a = m_core.state.alerts;
    if (a.notify == notify && a.sound == sound) return;
    a.notify = notify;
    a.sound = sound;
    save();
    m_core.touch();
}

im::Flow AlertsModule::notifyStage(const im::Incoming& in) {
    const im::IncomingResult& r = in.result;
    if (in.outgoing || r.outcome != im::IncomingOutcome::Stored || r.source != im::Source::Live) return im::Flow::Next;
    model::State& st = m_core.state;
    if (r.peer.empty() || st.alerts.muted.count(r.peer)) return im::Flow::Next;
    if (m_core.active && st.openChat == r.peer) return im::Flow::Next;  // in view
    auto room = st.rooms.find(r.peer);
    const bool isRoom = room != st.rooms.end();
    if (isRoom && (!in.groupchat || !mentionsNick(r.message.body, room->second.nick))) return im::Flow::Next;
    model::Alert alert;
    alert.chat = r.peer;
    // A room's occupant, in the room or privately (im/occupant_chat.h): the occupant JID; else the contact.
    alert.from = isRoom || im::isOccupantChat(r.peer) ? r.message.from : im::normalizedBare(r.message.from);
    alert.body = utf8::truncate(r.message.body, kPreviewBytes);
    alert.messageId = r.message.id;
    alert.room = isRoom;
    alert.attachment = r.message.attachment.has_value();
    auto& pending = st.alerts.pending;
    std::erase_if(pending, [&](const model::Alert& p) { return p.chat == alert.chat; });
    if (pending.size() >= model::Alerts::kMaxPending) pending.erase(pending.begin());
    pending.push_back(std::move(alert));
    m_core.touch();
    return im::Flow::Next;
}

}  // namespace starling::modules
