// libFuzzer target: a logged-in Client (public API only) fed whole WebSocket frames by a hostile server.
//
// Input: a first byte of login flags (bit 0: the server offers XEP-0198; bit 1: post-login sync and PEP
// are answered as by an empty server, else they are left to the input), then chunks separated by 0x00.
// A chunk of one byte is a platform event or a person's intent (see command()); any other chunk is one
// frame for Client::onFrame, after "{id}" / "{id1}".."{id9}" are replaced by the id of the newest / an
// older stanza the client sent, "{qid}" by the queryid of its newest archive query and "{me}" by its bound
// JID. After every chunk the clock moves 250 ms and onTimer() runs, so timeouts fire. Frames reach the
// client only while its socket is open, as from a real platform.
//
// Before the input: a fresh Client in a fresh store logs in with PLAIN (support/scripted_login.h; SCRAM's
// 4096 PBKDF2 rounds would cost more than all the rest). The store starts as a copy of the one the first
// login of this process left, with its OMEMO keys (100 pre-keys generated per run would, too), on tmpfs
// (the store fsyncs).
//
// Invariants: no crash, leak or UB; every frame the client sends is one well-formed element.
// STARLING_FUZZ_TRACE=1 prints every frame both ways (to read what a reproducer does).
// Corpus: tests/fuzz/corpus/client_frames_fuzz/ (+ client_frames_fuzz.dict); scripts/test.sh runs it.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "core/client.h"
#include "core/storage/store.h"
#include "core/xml/parser.h"
#include "support/fake_device.h"
#include "support/scripted_login.h"

namespace fs = std::filesystem;
using namespace starling;
using namespace starling::test;

namespace {

constexpr char kSeparator = '\0';
const char* kBob = "bob@localhost";
const char* kCarol = "carol@localhost";
const char* kRoster = R"(<item jid="bob@localhost" name="Bob" subscription="both"/>)"
                      R"(<item jid="dave@localhost" subscription="to" ask="subscribe"><group>Work</group></item>)";

fs::path g_root;  // this process's directory: template/ (left by the first login) and run/
bool g_trace = false;

struct Run : FakeDevice {
    explicit Run(std::uint8_t flags) : FakeDevice((g_root / "run").string()) {
        server.rosterItems = kRoster;
        server.sm = flags & 1;
        server.answerSync = flags & 2;
        client = std::make_unique<Client>(platform(), ClientConfig{"localhost", kWsUrl});
        client->setLogger([](std::string_view) {});
    }

    ScriptedLogin server;
    std::unique_ptr<Client> client;
    std::deque<std::string> ids;  // ids of the stanzas the client sent, newest first
    std::string queryId;          // of its newest archive query
    std::size_t opens = 0;        // transport.openedUrls seen
    int closes = 0;               // transport.closeCalls seen
    bool socketOpen = false;      // the platform said "open" for the client's newest socket

    // Takes what the client sent; with `serve`, the scripted server answers until nothing new goes out.
    void drain(bool serve) {
        for (int round = 0; round < 64; ++round) {
            auto frames = transport.takeSent();
            if (frames.empty()) break;
            for (const std::string& f : frames) {
                if (g_trace) std::fprintf(stderr, "client_frames_fuzz: sent     %s\n", f.c_str());
                auto sent = xml::parseFrame(f, {}, ns::kClient);
                if (!sent.ok()) {
                    std::fprintf(stderr, "client sent a malformed frame: %s\n", f.c_str());
                    std::abort();
                }
                if (sent->hasAttr("id")) {
                    ids.emplace_front(sent->attr("id"));
                    if (ids.size() > 10) ids.pop_back();
                }
                if (const xml::Element* q = sent->child(ns::kMam, "query"); q && q->hasAttr("queryid"))
                    queryId = q->attr("queryid");
                if (!serve) continue;
                for (const std::string& reply : server.answer(*sent))
                    if (socketOpen) feed(reply);
            }
        }
        noticeSocket();
    }

    // The client opened or closed its socket: frames only flow after the platform's onTransportOpen.
    void noticeSocket() {
        if (transport.closeCalls != closes) {
            closes = transport.closeCalls;
            socketOpen = false;
        }
        if (transport.openedUrls.size() != opens) {
            opens = transport.openedUrls.size();
            socketOpen = false;
        }
    }

    void feed(const std::string& frame) {
        if (g_trace) std::fprintf(stderr, "client_frames_fuzz: received %s\n", frame.c_str());
        client->onFrame(frame);
    }

    void connect() {
        if (!transport.isOpen || socketOpen) return;
        socketOpen = true;
        server.authenticated = false;  // a new connection authenticates again (or resumes)
        client->onTransportOpen();
        drain(true);
    }

    bool login() {
        LoginRequest req;
        req.jid = server.account;
        req.password = "pencil";
        req.websocketUrl = kWsUrl;
        req.remember = false;
        req.allowPlain = true;
        client->login(req);
        noticeSocket();
        connect();
        return client->state().connection == model::Connection::Online;
    }

    std::string expand(std::string_view chunk) const {
        std::string out;
        out.reserve(chunk.size());
        for (std::size_t i = 0; i < chunk.size();) {
            if (chunk.substr(i, 5) == "{qid}") {
                out += queryId;
                i += 5;
            } else if (chunk.substr(i, 4) == "{me}") {
                out += server.boundJid;
                i += 4;
            } else if (chunk.substr(i, 4) == "{id}") {
                out += ids.empty() ? "" : ids[0];
                i += 4;
            } else if (chunk.size() - i >= 5 && chunk.substr(i, 3) == "{id" && chunk[i + 3] >= '1' &&
                       chunk[i + 3] <= '9' && chunk[i + 4] == '}') {
                const std::size_t n = static_cast<std::size_t>(chunk[i + 3] - '0');
                out += n < ids.size() ? ids[n] : "";
                i += 5;
            } else {
                out += chunk[i++];
            }
        }
        return out;
    }

    const model::Message* firstFailed() const {
        auto it = client->state().conversations.find(kBob);
        if (it == client->state().conversations.end()) return nullptr;
        for (const auto& m : it->second.messages)
            if (m.status == model::MessageStatus::Failed) return &m;
        return nullptr;
    }

    std::uint32_t someDevice() const {
        auto it = client->state().omemo.devices.find(kBob);
        return it == client->state().omemo.devices.end() || it->second.empty() ? 12345 : it->second.front().id;
    }

    void command(char c) {
        if (g_trace) std::fprintf(stderr, "client_frames_fuzz: command  %c\n", c);
        Client& cl = *client;
        switch (c) {
            case 'c':  // the socket drops
                if (socketOpen) {
                    socketOpen = false;
                    transport.isOpen = false;
                    cl.onTransportClosed("fuzz: connection lost");
                }
                break;
            case 'o': connect(); break;  // the socket the client asked for opens; login answered again
            case 't': clock.advance(10'000); break;
            case 'T': clock.advance(300'000); break;
            case 'm': cl.sendMessage(kBob, "hello"); break;
            case 'n': cl.sendMessage("stranger@example.org", "hi"); break;
            case 'f':
                if (const model::Message* m = firstFailed()) cl.resendMessage(kBob, std::string(m->id));
                break;
            case 'v': cl.openChat(kBob); break;
            case 'V': cl.closeChat(); break;
            case 'l': cl.loadOlder(kBob); break;
            case 'L': cl.loadMissing(""); break;
            case 'k': cl.loadMissing(kBob); break;
            case 'a': cl.addContact(kCarol, "Carol"); break;
            case 'A': cl.approveSubscription(kCarol); break;
            case 'd': cl.denySubscription(kCarol); break;
            case 'x': cl.removeContact(kBob); break;
            case 'N': cl.renameContact(kBob, "Robert"); break;
            case 'p': cl.setPresence(model::Show::Away, "away"); break;
            case 'h': cl.setActive(false); break;
            case 'H': cl.setActive(true); break;
            case 'y': cl.setTyping(kBob, true); break;
            case 'Y': cl.setTyping(kBob, false); break;
            case 'e': cl.setChatEncryption(kBob, true); break;
            case 'E': cl.setChatEncryption(kBob, false); break;
            case 'u': cl.setDeviceTrust(kBob, someDevice(), false); break;
            case 'U': cl.setDeviceTrust(kBob, someDevice(), true); break;
            case 's':
                cl.search("hello");
                for (int i = 0; i < 4 && cl.state().search.running; ++i) cl.searchStep();
                break;
            case 'R': cl.reconnect(); break;
            case 'q': cl.logout(false); break;
            case 'g': cl.onPersistError("fuzz: quota exceeded"); break;
            default: break;
        }
        noticeSocket();
    }

    void chunk(std::string_view chunk) {
        if (chunk.size() == 1) {
            command(chunk[0]);
        } else if (!chunk.empty() && socketOpen) {
            feed(expand(chunk));
        }
        drain(false);
        clock.advance(250);
        client->onTimer();
        drain(false);
    }
};

void freshStore(const fs::path& from) {
    const fs::path run = g_root / "run";
    std::error_code ec;
    fs::remove_all(run, ec);
    if (!from.empty()) fs::copy(from, run, fs::copy_options::recursive, ec);
    else fs::create_directories(run, ec);
    if (ec) {
        std::fprintf(stderr, "client_frames_fuzz: cannot prepare %s: %s\n", run.c_str(), ec.message().c_str());
        std::abort();
    }
}

void removeRoot() {
    std::error_code ec;
    fs::remove_all(g_root, ec);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    // The store fsyncs: on a disk that was 7/8 of a run's time (26 runs/s against 205 on /dev/shm).
    const char* tmp = std::getenv("TMPDIR");
    std::string base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : tmp && *tmp ? tmp : "/tmp";
    std::string tmpl = base + "/starling-client-fuzz-XXXXXX";
    if (!mkdtemp(tmpl.data())) {
        std::perror("client_frames_fuzz: mkdtemp");
        std::abort();
    }
    g_root = tmpl;
    g_trace = std::getenv("STARLING_FUZZ_TRACE") != nullptr;
    std::atexit(removeRoot);
    // The first login creates the account's OMEMO keys; every run starts from a copy of that store.
    freshStore({});
    {
        Run first(0);
        if (!first.login()) {
            std::fprintf(stderr, "client_frames_fuzz: the scripted login failed\n");
            std::abort();
        }
    }
    std::error_code ec;
    fs::rename(g_root / "run", g_root / "template", ec);
    if (ec) std::abort();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    freshStore(g_root / "template");
    Run run(data[0]);
    if (!run.login()) {
        std::fprintf(stderr, "client_frames_fuzz: the scripted login failed\n");
        std::abort();
    }
    std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
    while (!rest.empty()) {
        const std::size_t end = rest.find(kSeparator);
        run.chunk(rest.substr(0, end));
        if (end == std::string_view::npos) break;
        rest.remove_prefix(end + 1);
    }
    return 0;
}
