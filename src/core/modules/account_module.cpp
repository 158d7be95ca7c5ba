#include "core/modules/account_module.h"

#include <algorithm>

#include "core/crypto/hash.h"
#include "core/im/jid_util.h"
#include "core/util/strings.h"
#include "core/xep/xep0156_discovery.h"

namespace starling::modules {

namespace {

std::string domainOf(std::string_view bare) {
    const std::size_t at = bare.find('@');
    return std::string(at == std::string_view::npos ? bare : bare.substr(at + 1));
}

}  // namespace

std::string loginProblemFor(const std::string& sessionCode) {
    if (sessionCode == "not-authorized" || sessionCode == "need-password") return "auth-failed";
    if (sessionCode == "conflict") return "registration-conflict";
    if (sessionCode == "not-allowed") return "registration-closed";
    if (sessionCode == "not-acceptable") return "registration-not-acceptable";
    if (sessionCode == "unreachable") return "unreachable";
    if (sessionCode == "no-mechanism") return "no-mechanism";
    if (sessionCode == "bad-jid") return "bad-jid";
    if (sessionCode == "invite-invalid") return "invite-invalid";
    return "server-error";
}

AccountModule::AccountModule(Core& core, ClientConfig config, std::function<void(const std::string&)> switchTo)
    : Module(core), m_config(std::move(config)), m_switchTo(std::move(switchTo)) {
    m_settings = m_core.data.loadSettings();  // so that saving settings before start() keeps the language
}

void AccountModule::wipePassword() {
    crypto::secureZero(m_password.data(), m_password.size());
    m_password.clear();
}

void AccountModule::start() {
    m_settings = m_core.data.loadSettings();
    m_core.state.language = m_settings.language;
    m_core.touch();
    if (m_settings.account.empty()) return;
    connectRemembered(m_settings.account);
}

// Logs in with the stored SCRAM keys of `bare`; false when there are none.
bool AccountModule::connectRemembered(const std::string& bare) {
    auto creds = m_core.data.loadCredentials(bare);
    if (!creds) return false;
    m_switchTo(creds->jid);
    m_pinnedMechanism = m_core.data.loadPinnedMechanism(creds->jid);
    m_core.state.remembered = true;
    m_core.state.loginProblem = {};
    m_core.state.ownJid = creds->jid;
    m_remember = true;
    wipePassword();
    m_allowPlain = false;
    m_registerAccount = false;
    m_signupDomain.clear();
    m_fromRemembered = true;
    stream::SessionConfig cfg;
    cfg.scram = creds->scram;
    cfg.pinnedMechanism = creds->pinnedMechanism;
    connect(creds->url, std::move(cfg));
    return true;
}

void AccountModule::login(const LoginRequest& request) {
    if (m_core.session.state() != stream::SessionState::Idle) m_core.session.stop();
    m_discovery.reset();
    m_retryAtMs.reset();
    m_core.state.loginProblem = {};
    std::string typed(util::trim(request.jid));
    if (typed.find('@') == std::string::npos && !m_config.defaultDomain.empty() && !typed.empty())
        typed += "@" + m_config.defaultDomain;
    const std::string jid = im::normalizedAccount(typed);
    if (jid.empty()) {
        problem("bad-jid", "");
        return;
    }
    m_switchTo(jid);
    m_core.state.ownJid = jid;
    m_password = request.password;
    m_remember = request.remember;
    m_allowPlain = request.allowPlain;
    m_registerAccount = request.registerAccount;
    m_signupDomain.clear();
    m_fromRemembered = false;
    m_pinnedMechanism = m_core.data.loadPinnedMechanism(jid);
    const std::string domain = domainOf(jid);
    std::string url(util::trim(request.websocketUrl));
    if (url.empty() && domain == im::normalizedBare(m_config.defaultDomain)) url = m_config.defaultWebsocket;
    if (!url.empty()) {
        connect(url, {});
        return;
    }
    discover(domain);
}

// XEP-0156: ask for both documents; the first that names a WebSocket wins.
void AccountModule::discover(const std::string& domain) {
    auto urls = xep::hostMetaUrls(domain);
    if (!urls) {
        problem("bad-jid", urls.error().message);
        return;
    }
    Discovery d;
    d.xmlId = m_nextHttpId++;
    d.jsonId = m_nextHttpId++;
    d.deadlineMs = m_core.p.clock.nowMs() + kDiscoveryTimeoutMs;
    m_discovery = d;
    m_core.state.connection = model::Connection::Discovering;
    m_core.touch();
    m_core.p.http.get(d.xmlId, urls->xml);
    m_core.p.http.get(d.jsonId, urls->json);
}

void AccountModule::signup(const std::string& domain, const std::string& websocket, const std::string& token) {
    if (m_core.session.state() != stream::SessionState::Idle) m_core.session.stop();
    m_discovery.reset();
    m_retryAtMs.reset();
    m_core.state.loginProblem = {};
    wipePassword();
    m_remember = true;
    m_allowPlain = false;
    m_registerAccount = false;
    m_fromRemembered = false;
    m_signupDomain = domain;
    m_signupToken = token;
    std::string url(util::trim(websocket));
    for (const auto& server : m_config.servers)
        if (url.empty() && server.domain == domain) url = server.websocket;
    if (url.empty() && domain == im::normalizedBare(m_config.defaultDomain)) url = m_config.defaultWebsocket;
    if (!url.empty()) {
        connect(url, {});
        return;
    }
    discover(domain);
}

void AccountModule::signupAccount(const std::string& bare) {
    m_switchTo(bare);
    m_core.state.ownJid = bare;
    m_pinnedMechanism = m_core.data.loadPinnedMechanism(bare);
}

void AccountModule::onHttpResult(std::uint32_t id, int status, std::string_view body) {
    if (!m_discovery || (id != m_discovery->xmlId && id != m_discovery->jsonId)) return;
    const bool json = id == m_discovery->jsonId;
    (json ? m_discovery->jsonDone : m_discovery->xmlDone) = true;
    std::string url;
    if (status == 200) {
        auto found = json ? xep::parseHostMetaJson(body) : xep::parseHostMetaXml(body);
        if (found && !found->empty()) url = found->front();  // wss:// first
        else m_core.log("host-meta " + std::string(json ? "JSON" : "XML") + ": " + (found ? "empty" : found.error().code));
    }
    if (!url.empty()) {
        m_discovery.reset();
        connect(url, {});
        return;
    }
    if (m_discovery->xmlDone && m_discovery->jsonDone) {
        m_discovery.reset();
        problem("no-endpoint", "");
    }
}

void AccountModule::connect(const std::string& url, stream::SessionConfig cfg) {
    cfg.url = url;
    cfg.jid = m_signupDomain.empty() ? m_core.account : m_signupDomain;
    cfg.interactiveRegistration = !m_signupDomain.empty();
    cfg.preauthToken = m_signupDomain.empty() ? std::string() : m_signupToken;
    if (stream::mechanismRank(m_pinnedMechanism) > stream::mechanismRank(cfg.pinnedMechanism))
        cfg.pinnedMechanism = m_pinnedMechanism;
    cfg.password = m_password;
    cfg.allowPlain = m_allowPlain;
    cfg.registerAccount = m_registerAccount;
    cfg.resource = "starling-" + m_core.uuid().substr(0, 8);
    // A half-dead socket (the transport never reports the close) shows as a minute of silence: a
    // ping then gets no answer (with XEP-0198 its <r/> hits ackTimeoutMs first, and we resume).
    cfg.keepaliveMs = 60'000;
    m_connectedUrl = url;
    m_core.state.connection = model::Connection::Connecting;
    m_core.state.rosterReceived = false;
    m_serverAnswered = false;
    m_core.touch();
    m_core.session.start(std::move(cfg));
}

void AccountModule::problem(const std::string& code, const std::string& detail) {
    m_core.state.loginProblem = {code, detail};
    m_core.state.connection = model::Connection::Failed;
    m_core.touch();
    if (onProblem) onProblem(code, detail);
}

void AccountModule::onTimer(std::int64_t nowMs) {
    if (m_discovery && nowMs >= m_discovery->deadlineMs) {
        m_discovery.reset();
        problem("no-endpoint", "discovery timed out");
    }
    if (m_retryAtMs && nowMs >= *m_retryAtMs) {
        m_retryAtMs.reset();
        if (!connectRemembered(m_core.account)) problem("unreachable", "");
    }
}

void AccountModule::sessionState(stream::SessionState s) {
    switch (s) {
        case stream::SessionState::Connecting: m_core.state.connection = model::Connection::Connecting; break;
        case stream::SessionState::Negotiating:
            m_core.state.connection = model::Connection::Authenticating;
            m_serverAnswered = true;
            break;
        case stream::SessionState::WaitingReconnect:
            m_core.state.connection = model::Connection::Reconnecting;
            // A resumed session keeps the contacts' presence; a new one gets it again.
            if (!m_core.session.resumable()) m_core.state.presence.clear();
            m_core.state.rosterReceived = false;
            break;
        default: break;  // Established: Online once the roster is in; Failed: see sessionFailed
    }
    m_core.touch();
}

void AccountModule::forgetRemembered() {
    m_core.data.forgetCredentials(m_core.account);
    if (m_settings.account == m_core.account) {
        m_settings.account.clear();
        m_core.data.saveSettings(m_settings);
    }
    m_core.state.remembered = false;
}

void AccountModule::sessionFailed(const Error& e) {
    m_core.log("session failed: " + e.code + " " + e.message);
    wipePassword();
    m_core.state.presence.clear();
    m_core.state.rosterReceived = false;
    const std::string code = loginProblemFor(e.code);
    if (m_fromRemembered && code == "unreachable") {
        // Auto-login while the network or server is down: keep the local data on screen and retry.
        // (A page reloaded behind a link cut every 1 to 3 s waited 2, 4, 8, 16, 32 s: five attempts in
        // a minute, each cut, while the server answered every one.)
        if (m_serverAnswered) m_retryAttempt = std::min(m_retryAttempt, kAnsweredRetryMaxAttempt);
        const std::int64_t delay = std::min<std::int64_t>(kRetryMaxMs, kRetryBaseMs << std::min(m_retryAttempt, 5));
        ++m_retryAttempt;
        m_retryAtMs = m_core.p.clock.nowMs() + delay;
        m_core.state.connection = model::Connection::Reconnecting;
        m_core.touch();
        return;
    }
    // The stored keys no longer work (password changed): forget them so we do not retry forever.
    if (m_fromRemembered && code == "auth-failed") forgetRemembered();
    problem(code, e.message);
}

void AccountModule::onEstablished() {
    clearRetry();
    m_core.state.presence.clear();  // kept through a failed resumption attempt; the new session resends it
    const stream::Session& session = m_core.session;
    if (stream::mechanismRank(session.mechanismUsed()) > stream::mechanismRank(m_pinnedMechanism)) {
        m_pinnedMechanism = session.mechanismUsed();
        m_core.data.savePinnedMechanism(m_core.account, m_pinnedMechanism);
    }
    m_core.state.ownJid = session.boundJid().empty() ? m_core.account : session.boundJid();
    m_core.state.loginProblem = {};
    if (m_remember && session.scramCache()) {
        storage::Credentials creds;
        creds.jid = m_core.account;
        creds.url = m_connectedUrl;
        creds.pinnedMechanism = session.mechanismUsed();
        creds.scram = *session.scramCache();
        if (m_core.data.saveCredentials(creds)) {
            m_settings.account = m_core.account;
            m_core.data.saveSettings(m_settings);
            m_core.state.remembered = true;
        }
    } else if (!m_remember && !m_fromRemembered) {
        forgetRemembered();
    }
    wipePassword();  // the session keeps what it needs for reconnects
    m_core.touch();
}

bool AccountModule::reconnect() {
    const std::string bare = m_core.account.empty() ? m_settings.account : m_core.account;
    if (bare.empty() || m_core.online()) return false;
    if (m_core.session.state() != stream::SessionState::Idle) m_core.session.stop();
    clearRetry();
    return connectRemembered(bare);
}

bool AccountModule::reconnectNow() {
    if (!m_retryAtMs) return m_core.session.reconnectNow();
    m_retryAtMs.reset();
    m_retryAttempt = 0;
    if (!connectRemembered(m_core.account)) problem("unreachable", "");
    return true;
}

void AccountModule::logout(bool forgetLocalData) {
    if (m_core.session.state() != stream::SessionState::Idle) m_core.session.stop();
    m_discovery.reset();
    m_retryAtMs.reset();
    wipePassword();
    if (!m_core.account.empty()) {
        m_core.data.forgetCredentials(m_core.account);
        if (m_settings.account == m_core.account) {
            m_settings.account.clear();
            m_core.data.saveSettings(m_settings);
        }
        if (forgetLocalData) m_core.data.removeAccount(m_core.account);
    }
}

void AccountModule::setLanguage(const std::string& language) {
    m_core.state.language = language;
    m_settings.language = language;
    m_core.data.saveSettings(m_settings);
    m_core.touch();
}

}  // namespace starling::modules
