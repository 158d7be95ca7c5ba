#pragma once
// One native Starling client wired to real platform pieces: the POSIX WebSocket transport, the
// steady/system clock, getrandom, and a file Store in its own temporary directory. Http answers
// every request with 404 (these tests give the WebSocket URL, so discovery must not be needed).
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/client.h"
#include "core/model/state.h"
#include "core/storage/store.h"
#include "integration/live_env.h"
#include "native/native_clock.h"
#include "native/urandom_random.h"
#include "native/ws_transport.h"
#include "platform/http.h"
#include "platform/persistence.h"

namespace starling::integration {

class NotFoundHttp : public platform::Http {
public:
    void get(std::uint32_t requestId, const std::string& url) override { pending.emplace_back(requestId, url); }
    void request(std::uint32_t, const platform::HttpRequest&) override {}
    void cancel(std::uint32_t) override {}
    std::deque<std::pair<std::uint32_t, std::string>> pending;
};

class NoopPersistence : public platform::Persistence {
public:
    void requestFlush() override { ++flushes; }
    int flushes = 0;
};

// A temporary directory removed at the end of the test (kept if STARLING_KEEP_TMP is set).
class TempDir {
public:
    TempDir() {
        std::string tmpl = (std::filesystem::temp_directory_path() / "starling-it-XXXXXX").string();
        char* made = ::mkdtemp(tmpl.data());
        m_path = made ? made : "";
    }
    ~TempDir() {
        std::error_code ec;
        if (!m_path.empty() && !std::getenv("STARLING_KEEP_TMP")) std::filesystem::remove_all(m_path, ec);
    }
    const std::string& path() const { return m_path; }

private:
    std::string m_path;
};

class LiveClient {
public:
    // `storeRoot`: where the client's files live; reuse it to simulate a reload. `calls`: ClientConfig::calls.
    explicit LiveClient(const std::string& storeRoot, bool calls = false)
        : m_store(storeRoot),
          m_client(Platform{m_transport, m_http, m_persistence, m_random, m_clock, m_store},
                   ClientConfig{domain(), wsUrl(), false, calls}) {
        m_transport.onOpen = [this] { m_client.onTransportOpen(); };
        m_transport.onFrame = [this](std::string_view f) { m_client.onFrame(f); };
        m_transport.onClosed = [this](std::string_view r) { m_client.onTransportClosed(r); };
        m_client.setLogger([this](std::string_view line) { log.emplace_back(line); });
    }

    Client& client() { return m_client; }
    const model::State& state() const { return m_client.state(); }
    native::WsTransport& transport() { return m_transport; }

    // One short turn of the event loop: socket I/O, then any pending HTTP answers.
    void step(int pollMs = 10) {
        m_transport.poll(pollMs);
        while (!m_http.pending.empty()) {
            auto [id, url] = m_http.pending.front();
            m_http.pending.pop_front();
            m_client.onHttpResult(id, 404, "");
        }
    }
    void tick() { m_client.onTimer(); }

    bool loggedIn() const {
        return state().connection == model::Connection::Online && state().rosterReceived;
    }
    std::string bareJid() const {
        const std::string& own = state().ownJid;
        return own.substr(0, own.find('/'));
    }
    const model::RosterItem* rosterItem(const std::string& jid) const {
        for (const auto& item : state().roster)
            if (item.jid == jid) return &item;
        return nullptr;
    }
    const model::Message* lastMessageFrom(const std::string& peer, model::Direction dir) const {
        auto it = state().conversations.find(peer);
        if (it == state().conversations.end()) return nullptr;
        for (auto m = it->second.messages.rbegin(); m != it->second.messages.rend(); ++m)
            if (m->direction == dir) return &*m;
        return nullptr;
    }

    std::vector<std::string> log;

private:
    native::NativeClock m_clock;
    native::UrandomRandom m_random;
    native::WsTransport m_transport{m_random};
    NotFoundHttp m_http;
    NoopPersistence m_persistence;
    storage::Store m_store;
    Client m_client;
};

// Pumps every client until `done` or the timeout; ticks each one's onTimer about every 250 ms.
inline bool pumpAll(std::vector<LiveClient*> clients, const std::function<bool()>& done,
                    std::int64_t timeoutMs = 15000) {
    return pumpUntil(
        done,
        [&] {
            for (auto* c : clients) c->step(clients.size() > 1 ? 5 : 10);
        },
        [&] {
            for (auto* c : clients) c->tick();
        },
        timeoutMs);
}

inline std::string describe(const LiveClient& c) {
    std::string s = "connection=" + std::to_string(static_cast<int>(c.state().connection)) +
                    " problem=" + c.state().loginProblem.code + " own=" + c.state().ownJid;
    for (const auto& line : c.log) s += "\n  log: " + line;
    return s;
}

// The login these tests send: `user` at our domain, over our WebSocket URL.
inline LoginRequest loginRequest(const std::string& user, const std::string& password, bool registerAccount,
                                 bool remember) {
    LoginRequest r;
    r.jid = user + "@" + domain();
    r.password = password;
    r.websocketUrl = wsUrl();
    r.remember = remember;
    r.registerAccount = registerAccount;
    return r;
}

// Starts `c` and logs in; fails at the first login problem (with the client's log) rather than at the timeout.
inline ::testing::AssertionResult logIn(LiveClient& c, const LoginRequest& r) {
    c.client().start();
    c.client().login(r);
    if (!pumpAll({&c}, [&] { return c.loggedIn() || !c.state().loginProblem.code.empty(); }) || !c.loggedIn())
        return ::testing::AssertionFailure() << "login " << r.jid << ": " << describe(c);
    return ::testing::AssertionSuccess();
}

// logIn, then waits until our OMEMO device is announced (own device list and bundle acknowledged by the server).
inline ::testing::AssertionResult logInWithOmemo(LiveClient& c, const LoginRequest& r) {
    if (auto online = logIn(c, r); !online) return online;
    if (!pumpAll({&c}, [&] { return c.state().omemo.ownDeviceAnnounced; }))
        return ::testing::AssertionFailure() << "no OMEMO device: " << describe(c);
    return ::testing::AssertionSuccess();
}

// `a` asks `b` for presence, `b` approves; both rosters end at subscription "both".
inline ::testing::AssertionResult befriend(LiveClient& a, LiveClient& b) {
    const std::string aJid = a.bareJid(), bJid = b.bareJid();
    a.client().addContact(bJid, "");
    if (!pumpAll({&a, &b}, [&] {
            const auto& r = b.state().subscriptionRequests;
            return std::find(r.begin(), r.end(), aJid) != r.end();
        }))
        return ::testing::AssertionFailure() << "no subscription request: " << describe(b);
    b.client().approveSubscription(aJid);
    if (!pumpAll({&a, &b}, [&] {
            auto* ab = a.rosterItem(bJid);
            auto* ba = b.rosterItem(aJid);
            return ab && ba && ab->subscription == "both" && ba->subscription == "both";
        }))
        return ::testing::AssertionFailure() << "not subscribed both ways";
    return ::testing::AssertionSuccess();
}

}  // namespace starling::integration
