// Session negotiation steps: stream features → [XEP-0077 registration] → SASL → restart → bind →
// [legacy session] → established.
#include <utility>

#include "core/stream/session_impl.h"
#include "core/xep/xep0379_pars.h"
#include "core/xml/ns.h"

namespace starling::stream {
namespace {

bool offers(const std::vector<std::string>& offered, std::string_view m) {
    for (const auto& o : offered) {
        if (o == m) return true;
    }
    return false;
}

std::string decodeSaslText(const std::string& text, bool& ok) {
    ok = true;
    if (text.empty() || text == "=") return {};
    crypto::Bytes bytes;
    if (!crypto::base64Decode(text, bytes)) {
        ok = false;
        return {};
    }
    return std::string(bytes.begin(), bytes.end());
}

xml::Element saslElement(const char* name, std::string_view payload) {
    xml::Element el(ns::kSasl, name);
    if (!payload.empty())
        el.setText(crypto::base64Encode(crypto::Bytes(payload.begin(), payload.end())));
    return el;
}

}  // namespace

Result<std::string> chooseMechanism(const std::vector<std::string>& offered, bool havePassword,
                                    const std::optional<ScramCache>& cache, bool allowPlain,
                                    std::string_view pinned) {
    int floor = mechanismRank(pinned);
    bool wouldWorkWithPassword = false;
    for (const char* m : {"SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN"}) {
        if (!offers(offered, m) || mechanismRank(m) < floor) continue;
        if (std::string_view(m) == "PLAIN" && !allowPlain) continue;
        bool fromCache = cache && cache->mechanism == m && std::string_view(m) != "PLAIN";
        if (havePassword || fromCache) return std::string(m);
        wouldWorkWithPassword = true;
    }
    if (wouldWorkWithPassword) return makeError("need-password", "the remembered keys do not fit this server");
    return makeError("no-mechanism", "no acceptable SASL mechanism offered");
}

void Session::Impl::sendOpen() {
    phase = Phase::AwaitOpen;
    self.m_transport.send(openFrame(domain));
}

void Session::Impl::handleFeatures(const xml::Element& frame) {
    features = parseFeatures(frame);
    if (authenticated) {
        if (!smTryResume()) startBind();
        return;
    }
    if ((config.registerAccount || config.interactiveRegistration) && !registrationDone) {
        startRegistration();
        return;
    }
    startSasl();
}

// ---- XEP-0077 ----

void Session::Impl::startRegistration() {
    if (!features.registration) {
        fail(makeError("not-allowed", "the server does not offer in-band registration"));
        return;
    }
    phase = Phase::Registering;
    if (config.preauthToken.empty() || !features.invite || preauthDone) {
        askRegistrationForm();
        return;
    }
    // XEP-0401 §5: the token first; the server then lets this stream register.
    xml::Element iq(ns::kClient, "iq");
    iq.setAttr("type", "set");
    iq.add(xep::preauth(config.preauthToken));
    sendInternalIq(std::move(iq), [this](const Result<xml::Element>& r) {
        if (phase != Phase::Registering || (!r && r.error().code == "disconnected")) return;
        if (!r) {
            fail(r.error().code == "timeout" ? makeError("unreachable", "the invitation was not answered")
                                             : makeError("invite-invalid", r.error().message));
            return;
        }
        preauthDone = true;
        askRegistrationForm();
    });
}

void Session::Impl::askRegistrationForm() {
    xml::Element iq(ns::kClient, "iq");
    iq.setAttr("type", "get");
    iq.add(xep::registrationQuery());
    sendInternalIq(std::move(iq), [this](const Result<xml::Element>& r) { onRegistrationForm(r); });
}

void Session::Impl::onRegistrationForm(const Result<xml::Element>& reply) {
    if (phase != Phase::Registering) return;
    if (!reply) {
        if (reply.error().code == "disconnected") return;
        fail(reply.error().code == "timeout" ? makeError("unreachable", "registration timed out")
                                             : xep::registrationErrorFor(reply.error().code, reply.error().message));
        return;
    }
    const xml::Element* query = reply->child(ns::kRegister, "query");
    if (config.interactiveRegistration) {
        if (!query) {
            fail(makeError("not-allowed", "no registration form"));
            return;
        }
        registrationAwaitsAnswer = true;
        deadlineMs = self.m_clock.nowMs() + kAnswerTimeMs;
        post([this, iq = *reply] {
            if (self.onRegistrationForm) self.onRegistrationForm(iq);
        });
        return;
    }
    auto form = query ? xep::parseRegistrationForm(*query) : Result<xep::RegistrationForm>(makeError("bad-payload"));
    if (!form) {
        fail(makeError("not-allowed", "no registration form"));
        return;
    }
    auto submit = xep::registrationSubmit(*form, localpart, config.password);
    if (!submit) {
        fail(submit.error());
        return;
    }
    xml::Element iq(ns::kClient, "iq");
    iq.setAttr("type", "set");
    iq.add(std::move(*submit));
    sendInternalIq(std::move(iq), [this](const Result<xml::Element>& r) { onRegistrationDone(r); },
                   /*secret=*/true);
}

void Session::Impl::onRegistrationDone(const Result<xml::Element>& reply) {
    if (phase != Phase::Registering) return;
    if (!reply) {
        const Error& e = reply.error();
        if (e.code == "disconnected") return;
        if (e.code == "timeout") {
            fail(makeError("unreachable", "registration timed out"));
            return;
        }
        if (config.interactiveRegistration) {  // the person may answer again, on a fresh form
            wipePassword();
            post([this, refused = xep::registrationErrorFor(e.code, e.message)] {
                if (self.onRegistrationRefused) self.onRegistrationRefused(refused);
            });
            askRegistrationForm();
            return;
        }
        fail(xep::registrationErrorFor(e.code, e.message));
        return;
    }
    registrationDone = true;
    log("account registered");
    if (!features.mechanisms.empty()) {
        startSasl();  // Prosody allows authenticating on the same stream
    } else {
        sendOpen();
    }
}

bool Session::submitRegistration(xml::Element query, std::string_view username, std::string password) {
    Impl& d = *m_impl;
    if (d.phase != Phase::Registering || !d.registrationAwaitsAnswer || username.empty()) {
        crypto::secureZero(password.data(), password.size());
        return false;
    }
    d.registrationAwaitsAnswer = false;
    d.localpart = std::string(username);
    d.bareJid = d.localpart + "@" + d.domain;
    d.wipePassword();
    d.config.password = std::move(password);
    d.deadlineMs = m_clock.nowMs() + d.config.negotiationTimeoutMs;
    xml::Element iq(ns::kClient, "iq");
    iq.setAttr("type", "set");
    iq.add(std::move(query));
    d.sendInternalIq(std::move(iq), [&d](const Result<xml::Element>& r) { d.onRegistrationDone(r); }, /*secret=*/true);
    d.drain();
    return true;
}

bool Session::registrationFormPending() const {
    return m_impl->phase == Phase::Registering && m_impl->registrationAwaitsAnswer;
}

// ---- SASL ----

void Session::Impl::startSasl() {
    bool havePassword = !config.password.empty();
    auto choice = chooseMechanism(features.mechanisms, havePassword, self.m_scramCache, config.allowPlain,
                                  config.pinnedMechanism);
    if (!choice) {
        fail(choice.error());
        return;
    }
    mechanism = *choice;
    phase = Phase::Sasl;
    xml::Element auth(ns::kSasl, "auth");
    auth.setAttr("mechanism", mechanism);
    if (mechanism == "PLAIN") {
        // The password stays in memory: PLAIN needs it again for every reconnect.
        std::string msg;
        msg.push_back('\0');
        msg += localpart;
        msg.push_back('\0');
        msg += config.password;
        crypto::Bytes bytes(msg.begin(), msg.end());
        auth.setText(crypto::base64Encode(bytes));
        crypto::secureZero(msg.data(), msg.size());
        crypto::secureZero(bytes.data(), bytes.size());
    } else {
        crypto::Bytes nonceBytes(18);
        self.m_random.fill(nonceBytes.data(), nonceBytes.size());
        // The ScramClient zeroes its copy once the keys are derived; ours goes now.
        scram = std::make_unique<ScramClient>(mechanism, localpart, config.password, self.m_scramCache,
                                              crypto::base64Encode(nonceBytes));
        wipePassword();
        std::string first = scram->clientFirst();
        auth.setText(crypto::base64Encode(crypto::Bytes(first.begin(), first.end())));
    }
    log("authenticating with " + mechanism);
    sendSecret(auth);
}

void Session::Impl::handleSasl(const xml::Element& frame) {
    const std::string& name = frame.name();
    if (name == "failure") {
        std::string condition = conditionIn(frame, ns::kSasl);
        std::string text(frame.childText(ns::kSasl, "text"));
        fail(makeError("not-authorized", condition + (text.empty() ? "" : ": " + text)));
        return;
    }
    bool ok = true;
    std::string data = decodeSaslText(frame.text(), ok);
    if (!ok) {
        fail(makeError("bad-challenge", "SASL data is not base64"));
        return;
    }
    if (name == "challenge") {
        if (!scram) {
            fail(makeError("bad-challenge", "unexpected challenge"));
            return;
        }
        if (!scram->serverFirstHandled()) {
            auto final = scram->handleServerFirst(data);
            if (!final) {
                sendElement(xml::Element(ns::kSasl, "abort"));
                fail(final.error());
                return;
            }
            sendElement(saslElement("response", *final));
            return;
        }
        auto verified = scram->handleServerFinal(data);  // some servers send v= as a challenge
        if (!verified) {
            fail(verified.error());
            return;
        }
        sendElement(xml::Element(ns::kSasl, "response"));
        return;
    }
    if (name == "success") {
        if (scram && !scram->verified()) {
            auto verified = scram->handleServerFinal(data);
            if (!verified) {
                fail(verified.error());
                return;
            }
        }
        onAuthenticated();
        return;
    }
    log("ignored SASL element <" + name + ">");
}

void Session::Impl::onAuthenticated() {
    authenticated = true;
    self.m_mechanismUsed = mechanism;
    if (scram) {
        self.m_scramCache = scram->cache();
        scram.reset();
    }
    log("authenticated; restarting the stream");
    sendOpen();
}

// ---- bind ----

void Session::Impl::startBind() {
    if (!features.bind) {
        fail(makeError("bind-failed", "the server does not offer resource binding"));
        return;
    }
    needSessionIq = features.session && !features.sessionOptional;
    phase = Phase::Binding;
    xml::Element iq(ns::kClient, "iq");
    iq.setAttr("type", "set");
    xml::Element& bind = iq.add(ns::kBind, "bind");
    if (!config.resource.empty()) bind.addText(ns::kBind, "resource", config.resource);
    sendInternalIq(std::move(iq), [this](const Result<xml::Element>& r) { onBound(r); });
}

void Session::Impl::onBound(const Result<xml::Element>& reply) {
    if (phase != Phase::Binding) return;
    if (!reply) {
        if (reply.error().code == "disconnected") return;
        fail(makeError("bind-failed", reply.error().code));
        return;
    }
    const xml::Element* bind = reply->child(ns::kBind, "bind");
    std::string jid = bind ? std::string(bind->childText(ns::kBind, "jid")) : std::string();
    std::string bare = normalizeJidForCompare(jid.substr(0, jid.find('/')));
    if (jid.empty() || bare != normalizeJidForCompare(bareJid)) {
        fail(makeError("bind-failed", "the server bound an unexpected JID"));
        return;
    }
    self.m_boundJid = jid;
    if (!needSessionIq) {
        established();
        return;
    }
    xml::Element iq(ns::kClient, "iq");
    iq.setAttr("type", "set");
    iq.add(ns::kSession, "session");
    sendInternalIq(std::move(iq), [this](const Result<xml::Element>& r) { onSessionReply(r); });
}

void Session::Impl::onSessionReply(const Result<xml::Element>& reply) {
    if (phase != Phase::Binding) return;
    if (!reply) {
        if (reply.error().code == "disconnected") return;
        fail(makeError("bind-failed", "session: " + reply.error().code));
        return;
    }
    established();
}

void Session::Impl::established() {
    phase = Phase::Done;
    smStart();
    everEstablished = true;
    reconnectAttempt = 0;
    establishedAtMs = self.m_clock.nowMs();  // redirects are forgiven only once it stays up (handleClose)
    log("established as " + self.m_boundJid);
    setState(SessionState::Established);
    post([this] {
        if (self.onEstablished) self.onEstablished();
    });
}

}  // namespace starling::stream
