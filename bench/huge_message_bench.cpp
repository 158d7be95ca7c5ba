// What a contact's huge message costs the core: a logged-in starling::Client (public API only; the
// scripted server of tests/support answers its login and sync as an empty Prosody would) gets one live
// chat message per body as a single WebSocket frame — 700,000 × "L" on one line, 300,000 CJK characters,
// 200,000 emoji, and an ordinary line for comparison — and the time of `Client::onFrame` for it is measured
// (parse, router, incoming pipeline, history append, search index: everything before the UI draws), each
// body 5 times with new ids (thread CPU time best / median / worst, and wall time). In the browser that call is one main-thread task, so
// it must stay well under a frame's 50 ms. Runs natively and under node:
//   build/native/huge_message_bench      node --no-experimental-fetch build/wasm/huge_message_bench.js
#include <stdlib.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/client.h"
#include "core/storage/store.h"
#include "core/xml/parser.h"
#include "support/fake_device.h"
#include "support/scripted_login.h"

using namespace starling;
using namespace starling::test;
using Clock = std::chrono::steady_clock;

namespace {

// This thread's CPU time: on a machine shared with other builds the wall clock mostly measures them.
double cpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

struct Body {
    const char* name;
    std::string text;
};

std::string repeat(std::string_view unit, std::size_t times) {
    std::string out;
    out.reserve(unit.size() * times);
    for (std::size_t i = 0; i < times; ++i) out += unit;
    return out;
}

struct LoggedIn : FakeDevice {
    explicit LoggedIn(const std::string& dir) : FakeDevice(dir) {
        server.answerSync = true;
        client = std::make_unique<Client>(platform(), ClientConfig{"localhost", "ws://bench"});
        client->setLogger([](std::string_view) {});
    }

    // Answers what the client sent until it sends nothing more.
    void serve() {
        for (int round = 0; round < 64; ++round) {
            auto frames = transport.takeSent();
            if (frames.empty()) return;
            for (const std::string& f : frames) {
                auto sent = xml::parseFrame(f, {}, ns::kClient);
                if (!sent.ok()) continue;
                for (const std::string& reply : server.answer(*sent)) client->onFrame(reply);
            }
        }
    }

    bool login() {
        LoginRequest req;
        req.jid = server.account;
        req.password = "bench";
        req.websocketUrl = "ws://bench";
        req.remember = false;
        req.allowPlain = true;
        client->login(req);
        client->onTransportOpen();
        serve();
        return client->state().connection == model::Connection::Online;
    }

    ScriptedLogin server;
    std::unique_ptr<Client> client;
};

}  // namespace

int main() {
    // On tmpfs: the store fsyncs, which in the browser (MEMFS, IDBFS flushed later) costs nothing.
    char tmpl[] = "/dev/shm/starling-huge-message-XXXXXX";
    const char* dir = mkdtemp(tmpl);
    if (!dir) return 1;
    int rc = 0;
    {
        LoggedIn run(dir);
        if (!run.login()) {
            std::fprintf(stderr, "bench: the client did not log in\n");
            rc = 2;
        }
        const std::vector<Body> bodies = {
            {"ordinary line", "Привет! How are you today? 👋"},
            {"700,000 x L", std::string(700'000, 'L')},
            {"300,000 CJK", repeat("漢", 300'000)},
            {"200,000 emoji", repeat("😀", 200'000)},
        };
        int serial = 0;
        for (const Body& body : bodies) {
            if (rc != 0) break;
            std::vector<double> ms, cpu;
            for (int i = 0; i < 5; ++i) {
                const std::string n = std::to_string(++serial);
                const std::string frame =
                    "<message xmlns='jabber:client' type='chat' from='bob@localhost/phone' to='" + run.server.boundJid +
                    "' id='huge-" + n + "'><body>" + body.text + "</body><origin-id xmlns='urn:xmpp:sid:0' id='o-" +
                    n + "'/><stanza-id xmlns='urn:xmpp:sid:0' by='user@localhost' id='s-" + n + "'/></message>";
                const auto t0 = Clock::now();
                const double c0 = cpuMs();
                run.client->onFrame(frame);
                cpu.push_back(cpuMs() - c0);
                ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
                run.serve();
                run.clock.advance(1000);
                run.client->onTimer();
            }
            std::sort(ms.begin(), ms.end());
            std::sort(cpu.begin(), cpu.end());
            const auto& conv = run.client->state().conversations;
            const auto it = conv.find("bob@localhost");
            const std::size_t stored = it == conv.end() ? 0 : it->second.messages.size();
            if (cpu.back() > 0)
                std::printf("%-14s (%7zu bytes): onFrame CPU best %6.2f, median %6.2f, worst %6.2f ms; wall median "
                            "%6.2f, worst %6.2f ms (%zu in the chat)\n",
                            body.name, body.text.size(), cpu.front(), cpu[cpu.size() / 2], cpu.back(),
                            ms[ms.size() / 2], ms.back(), stored);
            else  // no per-thread CPU clock (node): wall time only
                std::printf("%-14s (%7zu bytes): onFrame wall best %6.2f, median %6.2f, worst %6.2f ms (%zu in the chat)\n",
                            body.name, body.text.size(), ms.front(), ms[ms.size() / 2], ms.back(), stored);
        }
    }
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    return rc;
}
