#include "core/client.h"

#include <algorithm>
#include <cstdio>
#include <optional>

#include "core/client_impl.h"
#include "core/im/jid_util.h"
#include "core/im/presence.h"
#include "core/im/roster.h"
#include "core/im/stanza_util.h"
#include "core/util/strings.h"
#include "core/xep/xep0030_disco.h"
#include "core/xep/xep0115_caps.h"
#include "core/xep/xep0156_discovery.h"
#include "core/xep/xep0199_ping.h"
#include "core/xep/xep0359_stanza_id.h"
#include "core/xml/ns.h"

namespace starling {

namespace {

std::string domainOf(std::string_view bare) {
    const std::size_t at = bare.find('@');
    return std::string(at == std::string_view::npos ? bare : bare.substr(at + 1));
}

}  // namespace

// Session failure codes → login-screen problem codes (model::LoginProblem).
std::string loginProblemFor(const std::string& sessionCode) {
    if (sessionCode == "not-authorized" || sessionCode == "need-password") return "auth-failed";
    if (sessionCode == "conflict") return "registration-conflict";
    if (sessionCode == "not-allowed") return "registration-closed";
    if (sessionCode == "not-acceptable") return "registration-not-acceptable";
    if (sessionCode == "unreachable") return "unreachable";
    if (sessionCode == "no-mechanism") return "no-mechanism";
    if (sessionCode == "bad-jid") return "bad-jid";
    return "server-error";
}

Client::Impl::Impl(Platform platform, ClientConfig cfg)
    : p(platform), config(std::move(cfg)), session(p.transport, p.clock, p.random), data(p.store, p.persistence) {
    disco = xep::starlingDiscoInfo();
    disco.addFeature(xep::kPingFeature);
    disco.addFeature(xep::kStanzaIdFeature);
    disco.addFeature(xep::kCapsFeature);
    for (const char* f : OmemoService::discoFeatures()) disco.addFeature(f);
    capsVer = xep::capsVer(disco);
    logger = [](std::string_view line) { std::fprintf(stderr, "starling: %.*s\n", int(line.size()), line.data()); };
    data.onError = [this](const std::string& message) {
        state.storageError = message;
        log("storage: " + message);
        touch();
    };
    session.onStanza = [this](const xml::Element& stanza) { handleStanza(stanza); };
    session.onEstablished = [this] { handleEstablished(); };
    session.onResumed = [this] { handleResumed(); };
    session.onAcked = [this](const xml::Element& stanza) { handleAcked(stanza); };
    session.onStateChanged = [this](stream::SessionState s) { handleSessionState(s); };
    session.onFailed = [this](const Error& e) { handleFailed(e); };
    session.onLog = [this](std::string_view line) { log(line); };
    settings = data.loadSettings();  // so that saving settings before start() keeps the language
    omemo = std::make_unique<OmemoService>(OmemoService::Deps{
        session, p.store, p.persistence, p.random, p.clock, state, [this](std::string_view line) { log(line); },
        [this] { touch(); }, [this] { flushQueued(); }});
    pipeline.decrypt = [this](const xml::Element& stanza, model::Message& m) { return omemo->decryptStage(stanza, m); };
}

void Client::Impl::log(std::string_view line) {
    if (logger) logger(line);
}

std::string Client::Impl::uuid() {
    std::uint8_t b[16];
    p.random.fill(b, sizeof b);
    b[6] = static_cast<std::uint8_t>((b[6] & 0x0F) | 0x40);
    b[8] = static_cast<std::uint8_t>((b[8] & 0x3F) | 0x80);
    static const char* kHex = "0123456789abcdef";
    std::string out;
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
        out += kHex[b[i] >> 4];
        out += kHex[b[i] & 15];
    }
    return out;
}

// Loads the account's roster and history when it becomes the current one.
void Client::Impl::switchAccount(const std::string& bare) {
    if (account == bare) return;
    account = bare;
    state.roster = data.loadRoster(bare);
    im::sortRoster(state.roster);
    state.conversations = data.loadHistory(bare);
    state.presence.clear();
    state.subscriptionRequests.clear();
    state.openChat.clear();
    sync.held.clear();  // another account's messages
    omemo->load(bare);
    touch();
}

void Client::Impl::start() {
    settings = data.loadSettings();
    state.language = settings.language;
    touch();
    if (settings.account.empty()) return;
    connectRemembered(settings.account);
}

// Logs in with the stored SCRAM keys of `bare`; false when there are none.
bool Client::Impl::connectRemembered(const std::string& bare) {
    auto creds = data.loadCredentials(bare);
    if (!creds) return false;
    switchAccount(creds->jid);
    pinnedMechanism = data.loadPinnedMechanism(creds->jid);
    state.remembered = true;
    state.loginProblem = {};
    state.ownJid = creds->jid;
    remember = true;
    wipePassword();
    allowPlain = false;
    registerAccount = false;
    fromRemembered = true;
    stream::SessionConfig cfg;
    cfg.scram = creds->scram;
    cfg.pinnedMechanism = creds->pinnedMechanism;
    connect(creds->url, std::move(cfg));
    return true;
}

void Client::Impl::login(const LoginRequest& request) {
    if (session.state() != stream::SessionState::Idle) session.stop();
    discovery.reset();
    retryAtMs.reset();
    state.loginProblem = {};
    std::string typed(util::trim(request.jid));
    if (typed.find('@') == std::string::npos && !config.defaultDomain.empty() && !typed.empty())
        typed += "@" + config.defaultDomain;
    const std::string jid = im::normalizedAccount(typed);
    if (jid.empty()) {
        problem("bad-jid", "");
        return;
    }
    switchAccount(jid);
    state.ownJid = jid;
    password = request.password;
    remember = request.remember;
    allowPlain = request.allowPlain;
    registerAccount = request.registerAccount;
    fromRemembered = false;
    pinnedMechanism = data.loadPinnedMechanism(jid);
    const std::string domain = domainOf(jid);
    std::string url(util::trim(request.websocketUrl));
    if (url.empty() && domain == im::normalizedBare(config.defaultDomain)) url = config.defaultWebsocket;
    if (!url.empty()) {
        connect(url, {});
        return;
    }
    // XEP-0156: ask for both documents; the first that names a WebSocket wins.
    auto urls = xep::hostMetaUrls(domain);
    if (!urls) {
        problem("bad-jid", urls.error().message);
        return;
    }
    Discovery d;
    d.xmlId = nextHttpId++;
    d.jsonId = nextHttpId++;
    d.deadlineMs = p.clock.nowMs() + kDiscoveryTimeoutMs;
    discovery = d;
    state.connection = model::Connection::Discovering;
    touch();
    p.http.get(d.xmlId, urls->xml);
    p.http.get(d.jsonId, urls->json);
}

void Client::Impl::onHttpResult(std::uint32_t id, int status, std::string_view body) {
    if (!discovery || (id != discovery->xmlId && id != discovery->jsonId)) return;
    const bool json = id == discovery->jsonId;
    (json ? discovery->jsonDone : discovery->xmlDone) = true;
    std::string url;
    if (status == 200) {
        auto found = json ? xep::parseHostMetaJson(body) : xep::parseHostMetaXml(body);
        if (found && !found->empty()) url = found->front();  // wss:// first
        else log("host-meta " + std::string(json ? "JSON" : "XML") + ": " + (found ? "empty" : found.error().code));
    }
    if (!url.empty()) {
        discovery.reset();
        connect(url, {});
        return;
    }
    if (discovery->xmlDone && discovery->jsonDone) {
        discovery.reset();
        problem("no-endpoint", "");
    }
}

void Client::Impl::connect(const std::string& url, stream::SessionConfig cfg) {
    cfg.url = url;
    cfg.jid = account;
    if (stream::mechanismRank(pinnedMechanism) > stream::mechanismRank(cfg.pinnedMechanism))
        cfg.pinnedMechanism = pinnedMechanism;
    cfg.password = password;
    cfg.allowPlain = allowPlain;
    cfg.registerAccount = registerAccount;
    cfg.resource = "starling-" + uuid().substr(0, 8);
    // A half-dead socket (the transport never reports the close) shows as a minute of silence: a
    // ping then gets no answer (with XEP-0198 its <r/> hits ackTimeoutMs first, and we resume).
    cfg.keepaliveMs = 60'000;
    connectedUrl = url;
    state.connection = model::Connection::Connecting;
    state.rosterReceived = false;
    touch();
    session.start(std::move(cfg));
}

void Client::Impl::problem(const std::string& code, const std::string& detail) {
    state.loginProblem = {code, detail};
    state.connection = model::Connection::Failed;
    touch();
}

void Client::Impl::handleSessionState(stream::SessionState s) {
    switch (s) {
        case stream::SessionState::Connecting: state.connection = model::Connection::Connecting; break;
        case stream::SessionState::Negotiating: state.connection = model::Connection::Authenticating; break;
        case stream::SessionState::WaitingReconnect:
            state.connection = model::Connection::Reconnecting;
            // A resumed session keeps the contacts' presence; a new one gets it again.
            if (!session.resumable()) state.presence.clear();
            state.rosterReceived = false;
            break;
        default: break;  // Established: Online once the roster is in; Failed: see handleFailed
    }
    touch();
}

void Client::Impl::handleFailed(const Error& e) {
    log("session failed: " + e.code + " " + e.message);
    wipePassword();
    state.presence.clear();
    state.rosterReceived = false;
    const std::string code = loginProblemFor(e.code);
    if (fromRemembered && code == "unreachable") {
        // Auto-login while the network or server is down: keep the local data on screen and retry.
        const std::int64_t delay = std::min<std::int64_t>(kRetryMaxMs, kRetryBaseMs << std::min(retryAttempt, 5));
        ++retryAttempt;
        retryAtMs = p.clock.nowMs() + delay;
        state.connection = model::Connection::Reconnecting;
        touch();
        return;
    }
    if (fromRemembered && code == "auth-failed") {
        // The stored keys no longer work (password changed): forget them so we do not retry forever.
        data.forgetCredentials(account);
        if (settings.account == account) {
            settings.account.clear();
            data.saveSettings(settings);
        }
        state.remembered = false;
    }
    problem(code, e.message);
}

void Client::Impl::handleEstablished() {
    retryAtMs.reset();
    retryAttempt = 0;
    awaitingAck.clear();     // a new session: what was unacked is Queued and goes out again (same ids)
    state.presence.clear();  // kept through a failed resumption attempt; the new session resends it
    if (stream::mechanismRank(session.mechanismUsed()) > stream::mechanismRank(pinnedMechanism)) {
        pinnedMechanism = session.mechanismUsed();
        data.savePinnedMechanism(account, pinnedMechanism);
    }
    state.ownJid = session.boundJid().empty() ? account : session.boundJid();
    state.loginProblem = {};
    if (remember && session.scramCache()) {
        storage::Credentials creds;
        creds.jid = account;
        creds.url = connectedUrl;
        creds.pinnedMechanism = session.mechanismUsed();
        creds.scram = *session.scramCache();
        if (data.saveCredentials(creds)) {
            settings.account = account;
            data.saveSettings(settings);
            state.remembered = true;
        }
    } else if (!remember && !fromRemembered) {
        data.forgetCredentials(account);
        if (settings.account == account) {
            settings.account.clear();
            data.saveSettings(settings);
        }
        state.remembered = false;
    }
    wipePassword();  // the session keeps what it needs for reconnects
    touch();
    omemo->onEstablished();
    session.sendIq(im::rosterGet(), [this](const Result<xml::Element>& reply) { handleRosterResult(reply); });
}

void Client::Impl::handleRosterResult(const Result<xml::Element>& reply) {
    if (session.state() != stream::SessionState::Established) return;  // logged out meanwhile
    if (reply) {
        if (const xml::Element* query = reply->child(ns::kRoster, "query")) {
            std::vector<model::RosterItem> roster;
            for (auto& entry : im::parseRosterQuery(*query))
                if (!entry.remove) roster.push_back(std::move(entry.item));
            im::sortRoster(roster);
            state.roster = std::move(roster);
            data.saveRoster(account, state.roster);
        }
    } else {
        log("roster get failed: " + reply.error().code + "; keeping the stored roster");
    }
    state.rosterReceived = true;
    state.connection = model::Connection::Online;
    session.send(ownPresence());
    touch();
    flushQueued();
    syncOnline();  // client_sync.cpp: carbons, archive catch-up
}

}  // namespace starling
