#include "core/stream/session.h"

#include <algorithm>
#include <utility>

#include "core/stream/backoff.h"
#include "core/stream/session_impl.h"
#include "core/xml/ns.h"
#include "core/xml/parser.h"

namespace starling::stream {
Session::Session(platform::Transport& transport, platform::Clock& clock, platform::Random& random)
    : m_impl(std::make_unique<Impl>(*this)), m_transport(transport), m_clock(clock), m_random(random) {}

Session::~Session() {
    m_impl->events.clear();
    m_impl->wipePassword();
}

// ---- Impl: events, state, connection lifecycle ----

void Session::Impl::log(std::string_view text) {
    if (self.onLog) self.onLog(text);
}

void Session::Impl::post(std::function<void()> event) { events.push_back(std::move(event)); }

void Session::Impl::drain() {
    if (draining) return;  // a callback called an input: the outer loop runs what it queued
    draining = true;
    while (!events.empty()) {
        auto event = std::move(events.front());
        events.pop_front();
        event();
    }
    draining = false;
}

void Session::Impl::setState(SessionState s) {
    if (self.m_state == s) return;
    self.m_state = s;
    post([this, s] {
        if (self.onStateChanged) self.onStateChanged(s);
    });
}

void Session::Impl::wipePassword() {
    if (!config.password.empty()) crypto::secureZero(config.password.data(), config.password.size());
    config.password.clear();
}

void Session::Impl::deliver(std::vector<IqOutcome> outcomes) {
    for (auto& o : outcomes) {
        if (!o.callback) continue;
        post([cb = std::move(o.callback), r = std::move(o.result)] { cb(r); });
    }
}

void Session::Impl::resetConnection() {
    phase = Phase::None;
    features = {};
    authenticated = false;
    needSessionIq = false;
    registrationAwaitsAnswer = false;
    preauthDone = false;
    scram.reset();
    mechanism.clear();
    // A session that will be resumed keeps its IQs: their replies can still arrive after <resumed/>.
    if (!resumePending) deliver(iqs.failAll("disconnected"));
    pingPending = false;
    smUnrequested = 0;
    smRequestAtMs = 0;
    smRequestOut = false;
}

void Session::Impl::connect() {
    resetConnection();
    deadlineMs = self.m_clock.nowMs() + config.negotiationTimeoutMs;
    setState(SessionState::Connecting);
    log("connecting");
    transportOpen = true;
    self.m_transport.open(currentUrl);
}

void Session::Impl::fail(Error error) {
    log("failed: " + error.code + (error.message.empty() ? "" : " (" + error.message + ")"));
    closeTransport(true);
    smForget();
    resetConnection();
    wipePassword();
    setState(SessionState::Failed);
    post([this, e = std::move(error)] {
        if (self.onFailed) self.onFailed(e);
    });
}

void Session::Impl::connectionLost(std::string reason) {
    log("connection lost: " + reason);
    bool canRetry = everEstablished && (self.m_scramCache || !config.password.empty());
    if (canRetry && smResumeAfterLoss()) {
        resumePending = true;  // keeps the bound JID, the unacked queue and the pending IQs
    } else {
        smForget();
        self.m_boundJid.clear();
    }
    resetConnection();
    if (!canRetry) {
        setState(SessionState::Failed);
        post([this, r = std::move(reason)] {
            if (self.onFailed) self.onFailed(makeError("unreachable", r));
        });
        return;
    }
    std::int64_t delay = reconnectDelayMs(reconnectAttempt++, self.m_random);
    reconnectAtMs = self.m_clock.nowMs() + delay;
    log("reconnecting in " + std::to_string(delay) + " ms");
    setState(SessionState::WaitingReconnect);
}

void Session::Impl::closeTransport(bool sendClose) {
    if (!transportOpen) return;
    if (sendClose && phase != Phase::None) self.m_transport.send(closeFrame());
    transportOpen = false;
    self.m_transport.close();
}

void Session::Impl::keepalive(std::int64_t now) {
    if (config.keepaliveMs <= 0 || pingPending || self.m_state != SessionState::Established) return;
    if (now - lastFrameMs < config.keepaliveMs) return;
    pingPending = true;
    xml::Element ping(ns::kClient, "iq");
    ping.setAttr("type", "get");
    ping.setAttr("to", domain);
    ping.add(ns::kPing, "ping");
    std::string id = self.newId();
    ping.setAttr("id", id);
    iqs.add(id, domain, [this](const Result<xml::Element>& r) {
        pingPending = false;  // any answer, even an error, shows the connection is alive
        if (!r && r.error().code == "timeout" && self.m_state == SessionState::Established) {
            closeTransport(/*sendClose=*/smMode == SmMode::Off);  // a <close/> would end a resumable session
            connectionLost("keepalive ping timed out");
        }
    }, now + 30000);
    sendStanza(ping);
}

void Session::Impl::sendElement(const xml::Element& el) { self.m_transport.send(xml::serialize(el)); }

void Session::Impl::sendInternalIq(xml::Element iq, IqCallback callback, bool secret) {
    std::string id = self.newId();
    iq.setAttr("id", id);
    iqs.add(id, std::string(iq.attr("to")), std::move(callback), deadlineMs);
    if (secret) sendSecret(iq);
    else sendElement(iq);
}

namespace {
void wipeTexts(xml::Element& el) {
    // The element is a non-const object we own, so writing through text() is legal.
    std::string& text = const_cast<std::string&>(el.text());
    if (!text.empty()) crypto::secureZero(text.data(), text.size());
    for (auto& c : el.children()) wipeTexts(c);
}
}  // namespace

void Session::Impl::sendSecret(xml::Element& el) {
    std::string wire = xml::serialize(el);
    self.m_transport.send(wire);
    crypto::secureZero(wire.data(), wire.size());
    wipeTexts(el);
}

// ---- Impl: frames ----

void Session::Impl::handleFrame(const xml::Element& frame) {
    switch (classify(frame)) {
        case FrameKind::Broken:  // e.g. <stream:stream>: TCP framing on a WebSocket
            violation("<" + frame.name() + "> breaks RFC 7395 framing");
            return;
        case FrameKind::Open:
            if (phase != Phase::AwaitOpen) {  // RFC 7395 3.3.2: only we restart a stream
                violation("an <open/> nobody asked for");
                return;
            }
            if (auto info = parseOpen(frame); !info) {
                fail(info.error());
                return;
            }
            phase = Phase::AwaitFeatures;
            return;
        case FrameKind::Close:
            handleClose(frame);
            return;
        case FrameKind::Features:
            if (phase == Phase::AwaitFeatures) handleFeatures(frame);
            else log("ignored unexpected <stream:features/>");
            return;
        case FrameKind::StreamError:
            handleStreamError(frame);
            return;
        case FrameKind::Sasl:
            if (phase == Phase::Sasl) handleSasl(frame);
            else log("ignored unexpected SASL element");
            return;
        case FrameKind::Stanza:
            handleStanza(frame);
            return;
        case FrameKind::StreamManagement:
            handleSm(frame);
            return;
        case FrameKind::Unknown:
            log("ignored unknown top-level element <" + frame.name() + ">");
            return;
    }
}

void Session::Impl::handleStanza(const xml::Element& stanza) {
    // XEP-0198: every stanza received counts as handled, including the ones dropped below.
    if (smMode == SmMode::Enabled) sm.countInbound();
    if (stanza.name() == "iq") {
        std::string_view type = stanza.attr("type");
        if (type == "result" || type == "error") {
            IqOutcome outcome;
            if (iqs.match(stanza, bareJid, self.m_boundJid, domain, outcome)) {
                post([cb = std::move(outcome.callback), r = std::move(outcome.result)] {
                    if (cb) cb(r);
                });
            } else {
                log("dropped iq reply with unknown id or unexpected sender");
            }
            return;
        }
        if (type != "get" && type != "set") {
            log("dropped iq without a valid type");
            return;
        }
    }
    if (self.m_state != SessionState::Established) {
        log("dropped stanza received before the session was established");
        return;
    }
    post([this, s = stanza] {
        if (self.onStanza) self.onStanza(s);
    });
}

// ---- public API ----

void Session::start(SessionConfig config) {
    Impl& d = *m_impl;
    d.closeTransport(true);
    d.wipePassword();
    d.smForget();
    d.resetConnection();
    d.config = std::move(config);
    std::string jid = d.config.jid.substr(0, d.config.jid.find('/'));
    auto at = jid.find('@');
    d.localpart = at == std::string::npos ? std::string() : jid.substr(0, at);
    d.domain = at == std::string::npos ? jid : jid.substr(at + 1);
    d.bareJid = jid;
    d.currentUrl = d.config.url;
    d.registrationDone = false;
    d.everEstablished = false;
    d.reconnectAttempt = 0;
    d.redirects = 0;
    d.violations = 0;
    d.violationAtMs = -1;
    m_boundJid.clear();
    m_mechanismUsed.clear();
    m_scramCache = d.config.scram;
    d.preauthDone = false;
    d.registrationAwaitsAnswer = false;
    const bool needsLocalpart = !d.config.interactiveRegistration;
    if ((needsLocalpart && d.localpart.empty()) || d.domain.empty() || d.currentUrl.empty()) {
        d.fail(makeError("bad-jid", d.currentUrl.empty() ? "no WebSocket URL" : "JID needs localpart@domain"));
    } else {
        d.connect();
    }
    d.drain();
}

void Session::stop() {
    Impl& d = *m_impl;
    d.closeTransport(true);  // a clean <close/>: the server ends the session (no resumption)
    d.smForget();
    d.resetConnection();
    d.wipePassword();
    m_boundJid.clear();
    d.setState(SessionState::Idle);
    d.drain();
}

void Session::onTransportOpen() {
    Impl& d = *m_impl;
    if (m_state != SessionState::Connecting) return;
    d.setState(SessionState::Negotiating);
    d.sendOpen();
    d.drain();
}

void Session::onFrame(std::string_view text) {
    Impl& d = *m_impl;
    if (m_state != SessionState::Negotiating && m_state != SessionState::Established) return;
    d.lastFrameMs = m_clock.nowMs();
    auto frame = xml::parseFrame(text, xml::Limits{}, ns::kClient);
    if (!frame) {
        d.log("dropped malformed frame: " + frame.error().message);
    } else {
        d.handleFrame(*frame);
    }
    d.drain();
}

void Session::onTransportClosed(std::string_view reason) {
    Impl& d = *m_impl;
    if (m_state != SessionState::Connecting && m_state != SessionState::Negotiating &&
        m_state != SessionState::Established)
        return;
    d.transportOpen = false;
    if (d.phase != Phase::None && d.phase != Phase::AwaitOpen)  // the server had answered (backoff.h)
        d.reconnectAttempt = std::min(d.reconnectAttempt, kAnsweredLinkLostMaxAttempt);
    d.connectionLost(reason.empty() ? std::string("transport closed") : std::string(reason));
    d.drain();
}

void Session::onTimer() {
    Impl& d = *m_impl;
    std::int64_t now = m_clock.nowMs();
    d.deliver(d.iqs.expire(now));
    if (m_state == SessionState::WaitingReconnect && now >= d.reconnectAtMs) {
        d.connect();
    } else if ((m_state == SessionState::Connecting || m_state == SessionState::Negotiating) && now >= d.deadlineMs) {
        d.closeTransport(true);
        d.connectionLost("negotiation timed out");
    } else {
        d.keepalive(now);
        d.smTimer(now);
    }
    d.drain();
}

void Session::send(const xml::Element& stanza) {
    if (m_state != SessionState::Established) {
        m_impl->log("dropped outgoing stanza: not established");
        return;
    }
    m_impl->sendStanza(stanza);
}

void Session::sendIq(xml::Element iq, IqCallback callback, std::int64_t timeoutMs) {
    Impl& d = *m_impl;
    if (m_state != SessionState::Established) {
        if (callback) d.post([cb = std::move(callback)] { cb(makeError("disconnected", "not established")); });
    } else {
        std::string id = newId();
        iq.setAttr("id", id);
        d.iqs.add(id, std::string(iq.attr("to")), std::move(callback), m_clock.nowMs() + timeoutMs);
        d.sendStanza(iq);
    }
    d.drain();
}

std::int64_t Session::reconnectInMs() const {
    if (m_state != SessionState::WaitingReconnect) return -1;
    std::int64_t left = m_impl->reconnectAtMs - m_clock.nowMs();
    return left < 0 ? 0 : left;
}

bool Session::reconnectNow() {
    Impl& d = *m_impl;
    if (m_state != SessionState::WaitingReconnect) return false;
    d.log("reconnecting now (asked)");
    d.reconnectAttempt = 0;  // if this attempt fails too, the next one waits the first step again
    d.connect();             // resumePending and the unacked queue stay as connectionLost left them
    d.drain();
    return true;
}

std::string Session::newId() {
    crypto::Bytes bytes(12);
    m_random.fill(bytes.data(), bytes.size());
    return crypto::hexEncode(bytes);
}

}  // namespace starling::stream
