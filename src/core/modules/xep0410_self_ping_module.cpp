#include "core/modules/xep0410_self_ping_module.h"

#include "core/xml/ns.h"

namespace starling::modules {

SelfPingModule::SelfPingModule(Core& core, MucModule& muc) : Module(core), m_muc(muc) {
    m_muc.onActivity = [this](const std::string& room) { m_heard[room] = m_core.p.clock.nowMs(); };
}

void SelfPingModule::onEstablished() {
    ++m_epoch;
    m_heard.clear();
    m_pending.clear();
}

SelfPingModule::Verdict SelfPingModule::verdict(const Result<xml::Element>& answer) {
    if (answer) return Verdict::Joined;
    const std::string& code = answer.error().code;
    if (code == "service-unavailable" || code == "feature-not-implemented" || code == "item-not-found")
        return Verdict::Joined;
    if (code == "timeout" || code == "remote-server-not-found" || code == "remote-server-timeout")
        return Verdict::Unknown;
    return Verdict::NotJoined;
}

void SelfPingModule::onTimer(std::int64_t nowMs) {
    if (!m_core.online()) return;
    for (const auto& [jid, room] : m_core.state.rooms) {
        if (!room.joined || m_pending.count(jid)) continue;
        auto heard = m_heard.try_emplace(jid, nowMs).first;  // joined: counts as heard
        if (nowMs - heard->second >= kSilenceMs) ping(jid, room.nick, nowMs);
    }
}

void SelfPingModule::ping(const std::string& room, const std::string& nick, std::int64_t nowMs) {
    xml::Element iq(ns::kClient, "iq");
    iq.setAttr("type", "get");
    iq.setAttr("to", room + "/" + nick);
    iq.add(ns::kPing, "ping");
    m_pending.insert(room);
    const std::uint64_t epoch = m_epoch;
    m_core.session.sendIq(std::move(iq), [this, room, epoch](const Result<xml::Element>& r) {
        if (epoch != m_epoch) return;
        m_pending.erase(room);
        const std::int64_t now = m_core.p.clock.nowMs();
        switch (verdict(r)) {
            case Verdict::Joined: m_heard[room] = now; break;
            case Verdict::Unknown: m_heard[room] = now - kSilenceMs + kRetryMs; break;
            case Verdict::NotJoined:
                m_core.log("self-ping: no longer in room " + room + " (" + r.error().code + "): joining again");
                m_heard[room] = now;
                m_muc.rejoin(room);
                break;
        }
    }, 60000);
    (void)nowMs;
}

}  // namespace starling::modules
