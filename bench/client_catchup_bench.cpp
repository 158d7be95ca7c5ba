// Archive catch-up through the whole client: a logged-in starling::Client (public API only, scripted
// server, in-memory transport) takes a first login's newest-page query answered with N archive results
// as WebSocket frames — each parsed by the session, dispatched by the stanza router, unwrapped by the
// archive module, through the incoming pipeline (origin, signals, de-dup, decrypt, store) and appended
// to the chat's history file — then the same N again through a second query (all duplicates). Compares
// the client's cost with catchup_bench (the pipeline alone). Runs natively and under node:
//   build/native/client_catchup_bench [N]      node --no-experimental-fetch build/wasm/client_catchup_bench.js
#include <stdlib.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "core/client.h"
#include "core/storage/store.h"

using namespace starling;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kOwn = "me@localhost";

struct Wire : platform::Transport {
    void open(const std::string&) override { opened = true; }
    void send(std::string_view text) override { sent.emplace_back(text); }
    void close() override {}
    std::vector<std::string> take() { return std::exchange(sent, {}); }
    bool opened = false;
    std::vector<std::string> sent;
};
struct NoHttp : platform::Http {
    void get(std::uint32_t, const std::string&) override {}
    void request(std::uint32_t, const platform::HttpRequest&) override {}
    void cancel(std::uint32_t) override {}
};
struct NoFlush : platform::Persistence {
    void requestFlush() override {}
};
struct CountingRandom : platform::Random {
    void fill(std::uint8_t* out, std::size_t len) override {
        for (std::size_t i = 0; i < len; ++i) out[i] = static_cast<std::uint8_t>(++state * 2654435761u >> 24);
    }
    std::uint32_t state = 1;
};
struct FixedClock : platform::Clock {
    std::int64_t nowMs() const override { return now; }
    std::int64_t wallTimeMs() const override { return 1767225600000 + now; }
    std::int64_t now = 1000;
};

std::string attr(const std::string& frame, const std::string& name) {
    const std::string key = name + "=\"";
    std::size_t at = frame.find(key);
    char quote = '"';
    if (at == std::string::npos) {
        at = frame.find(name + "='");
        quote = '\'';
    }
    if (at == std::string::npos) return {};
    at += name.size() + 2;
    return frame.substr(at, frame.find(quote, at) - at);
}

std::string result(int i, const std::string& queryId) {
    const std::string peer = "peer" + std::to_string(i % 5) + "@localhost";
    const bool ours = i % 3 == 0;
    const std::string from = ours ? std::string(kOwn) + "/web" : peer + "/phone";
    const std::string to = ours ? peer : std::string(kOwn);
    char stamp[32];
    std::snprintf(stamp, sizeof stamp, "2025-12-31T%02d:%02d:%02dZ", (i / 3600) % 24, (i / 60) % 60, i % 60);
    const std::string n = std::to_string(i);
    return "<message xmlns='jabber:client' to='me@localhost/web'><result xmlns='urn:xmpp:mam:2' queryid='" + queryId +
           "' id='arch-" + n + "'><forwarded xmlns='urn:xmpp:forward:0'><delay xmlns='urn:xmpp:delay' stamp='" +
           stamp + "'/><message xmlns='jabber:client' type='chat' from='" + from + "' to='" + to + "' id='m" + n +
           "'><body>Сообщение номер " + n + " — a line of ordinary chat text 👋</body><origin-id xmlns='urn:xmpp:sid:0' id='o" +
           n + "'/><request xmlns='urn:xmpp:receipts'/><markable xmlns='urn:xmpp:chat-markers:0'/></message></forwarded></result></message>";
}

const char* kOpen = "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' from='localhost' id='s1' version='1.0' xml:lang='en'/>";

}  // namespace

int main(int argc, char** argv) {
    const int kCount = argc > 1 ? std::atoi(argv[1]) : 10000;
    char tmpl[] = "/tmp/starling-client-catchup-XXXXXX";
    const char* dir = mkdtemp(tmpl);
    if (!dir) return 1;
    int rc = 0;
    {
        Wire wire;
        NoHttp http;
        NoFlush flush;
        CountingRandom random;
        FixedClock clock;
        storage::Store store(dir);
        Client client(Platform{wire, http, flush, random, clock, store}, ClientConfig{"localhost", "ws://bench"});
        client.setLogger([](std::string_view) {});
        LoginRequest login;
        login.jid = kOwn;
        login.password = "bench";
        login.websocketUrl = "ws://bench";
        login.allowPlain = true;
        login.remember = false;
        client.login(login);
        client.onTransportOpen();
        client.onFrame(kOpen);
        client.onFrame("<stream:features xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>"
                       "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms>"
                       "</stream:features>");
        client.onFrame("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
        client.onFrame(kOpen);
        client.onFrame("<stream:features xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>"
                       "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><required/></bind></stream:features>");
        // Answer the session's start as Prosody with an empty roster and archive would.
        std::string queryId, queryIq;
        for (int round = 0; round < 20 && queryId.empty(); ++round) {
            for (const std::string& f : wire.take()) {
                const std::string id = attr(f, "id");
                if (f.find("urn:ietf:params:xml:ns:xmpp-bind") != std::string::npos) {
                    client.onFrame("<iq xmlns='jabber:client' type='result' id='" + id +
                                   "'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>me@localhost/web</jid></bind></iq>");
                } else if (f.find("urn:xmpp:mam:2") != std::string::npos) {
                    queryId = attr(f.substr(f.find("urn:xmpp:mam:2")), "queryid");
                    queryIq = id;
                } else if (f.find("http://jabber.org/protocol/disco#info") != std::string::npos && f.find("<iq") == 0) {
                    client.onFrame("<iq xmlns='jabber:client' type='result' from='me@localhost' id='" + id +
                                   "'><query xmlns='http://jabber.org/protocol/disco#info'><feature var='urn:xmpp:mam:2'/>"
                                   "<feature var='urn:xmpp:sid:0'/></query></iq>");
                } else if (f.find("jabber:iq:roster") != std::string::npos) {
                    client.onFrame("<iq xmlns='jabber:client' type='result' id='" + id +
                                   "'><query xmlns='jabber:iq:roster'/></iq>");
                } else if (f.find("<iq") == 0 && attr(f, "type") != "result") {
                    client.onFrame("<iq xmlns='jabber:client' type='error' id='" + id +
                                   "'><error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
                }
            }
        }
        if (queryId.empty() || client.state().connection != model::Connection::Online) {
            std::fprintf(stderr, "bench: the client did not reach the archive query\n");
            rc = 2;
        }
        for (int pass = 0; pass < 2 && rc == 0; ++pass) {
            std::vector<std::string> frames;
            frames.reserve(kCount);
            for (int i = 0; i < kCount; ++i) frames.push_back(result(i, queryId));
            const auto t0 = Clock::now();
            for (const std::string& f : frames) client.onFrame(f);
            const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
            std::size_t stored = 0;
            for (const auto& [jid, conv] : client.state().conversations) stored += conv.messages.size() + conv.localBefore;
            std::printf("client catch-up pass %d (%s): %d results in %.0f ms = %.0f messages/s (%zu in the chats)\n",
                        pass + 1, pass == 0 ? "new" : "all duplicates", kCount, ms, kCount * 1000.0 / ms, stored);
            client.onFrame("<iq xmlns='jabber:client' type='result' id='" + queryIq +
                           "'><fin xmlns='urn:xmpp:mam:2' complete='true'/></iq>");
            // The second pass: a chat's "load missing messages" opens a new query, answered with the same ids.
            if (pass == 0) {
                wire.take();
                client.loadMissing("peer0@localhost");
                for (const std::string& f : wire.take())
                    if (f.find("urn:xmpp:mam:2") != std::string::npos) {
                        queryId = attr(f.substr(f.find("urn:xmpp:mam:2")), "queryid");
                        queryIq = attr(f, "id");
                    }
            }
        }
    }
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    return rc;
}
