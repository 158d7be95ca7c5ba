#include "core/modules/calls_module.h"

#include <algorithm>

#include "core/im/jid_util.h"
#include "core/xep/xep0353_jingle_message.h"
#include "core/xml/ns.h"

namespace starling::modules {

CallsModule::CallsModule(Core& core, ExternalServicesModule& externalServices, bool enabled)
    : Module(core), m_externalServices(externalServices), m_enabled(enabled), m_session(env()) {
    m_core.router.onIq(name(), {"set"}, ns::kJingle, "jingle",
                       [this](const xml::Element& iq, const xml::Element& payload) { return onJingleIq(iq, payload); });
    m_core.router.onMessage(name(), router::Filter{router::Kind::Message, {}, ns::kJingleMessage, ""},
                            [this](const xml::Element& m) { return onJmiMessage(m); });
    m_core.router.onPresence(name(), router::Filter{router::Kind::Presence, {"unavailable"}, "", ""},
                             [this](const xml::Element& p) {
                                 m_session.onUnavailable(std::string(p.attr("from")), now());
                                 flush();
                                 return router::Handled::No;  // the presence module's too
                             });
    // Carbons of JMI messages (our other device's proceed or reject, or the caller's to it).
    m_core.incoming.add(im::Stage::Origin, name(), [this](im::Incoming& in) { return originStage(in); });
}

calls::CallSession::Env CallsModule::env() {
    return {[this] { return m_core.state.ownJid; }, [this] { return m_core.uuid(); },
            [this](const std::string& bare) {
                const auto& roster = m_core.state.roster;
                return std::any_of(roster.begin(), roster.end(), [&](const model::RosterItem& i) { return i.jid == bare; });
            }};
}

std::vector<std::string> CallsModule::features() const {
    if (!m_enabled) return {};
    return {ns::kJingle,        ns::kJingleRtp,   ns::kJingleRtpAudio, ns::kJingleRtpVideo,   ns::kJingleIceUdp,
            ns::kJingleDtls,    ns::kJingleRtcpFb, ns::kJingleRtpHdrExt, ns::kJingleGrouping, ns::kJingleSsma,
            ns::kJingleMessage};
}

void CallsModule::onAccount() {
    m_session = calls::CallSession(env());
    m_media.clear();
    m_core.state.call = {};
}

// A new session (not a resumption): our full JID changed, the peer can no longer reach the call.
void CallsModule::onEstablished() {
    m_session.onDisconnected(now());
    flush();
}

void CallsModule::onTimer(std::int64_t nowMs) {
    m_session.onTimer(nowMs);
    flush();
}

bool CallsModule::jmi(const xml::Element& message, bool fromOurAccount) {
    auto j = xep::parseJmi(message);
    if (!j) return false;
    const std::string_view type = message.attr("type");
    if (type == "error" || type == "groupchat") return true;  // bounced or not for us: nothing to act on
    // A proposal kept by the server while we were offline (it carries a <delay/>) is long over: no ringing.
    if (j->action == xep::JmiAction::Propose && message.child(ns::kDelay, "delay")) {
        m_core.log("a delayed call proposal from '" + std::string(message.attr("from")) + "' is not rung");
        return true;
    }
    m_session.onJmi(std::string(message.attr("from")), std::string(message.attr("to")), *j, fromOurAccount, now());
    if (!fromOurAccount && j->action == xep::JmiAction::Propose && m_session.call().sid == j->id)
        m_externalServices.refreshIfStale();
    flush();
    return true;
}

router::Handled CallsModule::onJmiMessage(const xml::Element& message) {
    if (!m_enabled) return router::Handled::No;
    // From our own account outside a carbon: nothing we answer (one of our devices calling itself).
    if (im::normalizedBare(message.attr("from")) == m_core.account) return router::Handled::Yes;
    if (!jmi(message, false)) m_core.log("dropped a jingle-message without an id");
    return router::Handled::Yes;
}

im::Flow CallsModule::originStage(im::Incoming& in) {
    if (!m_enabled || (in.source != im::Source::CarbonReceived && in.source != im::Source::CarbonSent))
        return im::Flow::Next;
    if (!jmi(*in.message, in.source == im::Source::CarbonSent)) return im::Flow::Next;
    in.result.outcome = im::IncomingOutcome::Updated;  // a call signal, never a chat message
    return im::Flow::Done;
}

// The router would send our reply after this returns, behind what the session queued (a busy
// session-terminate would overtake the result acknowledging its session-initiate): we send the reply
// first ourselves.
router::IqAnswer CallsModule::onJingleIq(const xml::Element& iq, const xml::Element& payload) {
    if (!m_enabled) return router::IqAnswer::error("cancel", "service-unavailable");  // as if nobody took it
    auto j = xep::parseJingle(payload);
    const router::IqAnswer answer = j ? m_session.onJingle(std::string(iq.attr("from")), *j, now())
                                      : router::IqAnswer::error("modify", "bad-request");
    m_core.session.send(router::iqReply(iq, answer));
    if (j && j->action == xep::JingleAction::SessionInitiate && m_session.call().sid == j->sid)
        m_externalServices.refreshIfStale();
    flush();
    return router::IqAnswer::ignore();
}

void CallsModule::flush() {
    for (auto& out : m_session.takeStanzas()) {
        if (!out.iq) {
            m_core.session.send(out.stanza);
            continue;
        }
        m_core.session.sendIq(std::move(out.stanza), [this, sid = out.sid](const Result<xml::Element>& r) {
            if (r) return;
            m_session.onIqFailed(sid, r.error().code, now());
            flush();
        });
    }
    for (auto& e : m_session.takeMediaEvents()) m_media.push_back(std::move(e));
    if (m_session.takeChanged()) {
        m_core.state.call = m_session.call();
        m_core.touch();
    }
}

bool CallsModule::startCall(const std::string& jid, bool video) {
    if (!m_enabled || !m_core.online()) return false;
    m_externalServices.refreshIfStale();
    const bool ok = m_session.start(jid, video, now());
    flush();
    return ok;
}

bool CallsModule::acceptCall() {
    const bool ok = m_session.accept(now());
    flush();
    return ok;
}

bool CallsModule::declineCall() {
    const bool ok = m_session.decline(now());
    flush();
    return ok;
}

bool CallsModule::hangUp() {
    const bool ok = m_session.hangUp(now());
    flush();
    return ok;
}

bool CallsModule::localDescription(const std::string& sdp) {
    const bool ok = m_session.localDescription(sdp, now());
    flush();
    return ok;
}

bool CallsModule::localCandidate(const std::string& mid, const std::string& candidate) {
    const bool ok = m_session.localCandidate(mid, candidate);
    flush();
    return ok;
}

void CallsModule::mediaState(bool connected) {
    if (connected) m_session.mediaConnected(now());
    else m_session.mediaFailed(now());
    flush();
}

void CallsModule::mediaFailed(const std::string& condition) {
    m_session.mediaFailed(now(), condition);
    flush();
}

}  // namespace starling::modules
