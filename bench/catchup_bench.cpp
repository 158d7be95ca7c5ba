// Archive catch-up throughput: how many archived messages per second the client takes in — each one a
// WebSocket frame parsed (strict check + tree), matched as a mam:2 result of our archive, passed through
// the incoming pipeline (origin, de-dup against the chat so far, store in state) and appended to the
// chat's history file. 10,000 results over 5 chats, then the same 10,000 again (all duplicates, as after
// a resend or an overlapping page). Runs natively and, in the Wasm build, under node:
//   build/arch-native/catchup_bench          node --no-experimental-fetch build/arch-wasm/catchup_bench.js
#include <stdlib.h>

#include <cstdlib>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "core/im/messages.h"
#include "core/storage/account_store.h"
#include "core/storage/store.h"
#include "core/xep/xep0313_mam.h"
#include "core/xml/ns.h"
#include "core/xml/parser.h"
#include "platform/persistence.h"

using namespace starling;
using Clock = std::chrono::steady_clock;

namespace {

struct CountingPersistence : platform::Persistence {
    void requestFlush() override { ++flushes; }
    int flushes = 0;
};

constexpr const char* kOwn = "me@localhost";

std::string frame(int i) {
    const std::string peer = "peer" + std::to_string(i % 5) + "@localhost";
    const bool ours = i % 3 == 0;
    const std::string from = ours ? std::string(kOwn) + "/web" : peer + "/phone";
    const std::string to = ours ? peer : std::string(kOwn);
    const int sec = i % 60, min = (i / 60) % 60, hour = (i / 3600) % 24;
    char stamp[32];
    std::snprintf(stamp, sizeof stamp, "2026-01-01T%02d:%02d:%02dZ", hour, min, sec);
    const std::string id = "arch-" + std::to_string(i);
    return "<message xmlns='jabber:client' to='me@localhost/web'><result xmlns='urn:xmpp:mam:2' queryid='q1' id='" + id +
           "'><forwarded xmlns='urn:xmpp:forward:0'><delay xmlns='urn:xmpp:delay' stamp='" + stamp +
           "'/><message xmlns='jabber:client' type='chat' from='" + from + "' to='" + to + "' id='m" + std::to_string(i) +
           "'><body>Сообщение номер " + std::to_string(i) + " — a line of ordinary chat text 👋</body>"
           "<origin-id xmlns='urn:xmpp:sid:0' id='o" + std::to_string(i) + "'/><request xmlns='urn:xmpp:receipts'/>"
           "<markable xmlns='urn:xmpp:chat-markers:0'/></message></forwarded></result></message>";
}

}  // namespace

int main(int argc, char** argv) {
    char tmpl[] = "/tmp/starling-catchup-XXXXXX";
    const char* dir = mkdtemp(tmpl);
    if (!dir) return 1;
    storage::Store store(dir);
    CountingPersistence persistence;
    storage::AccountStore data(store, persistence);
    model::State state;
    im::MessagePipeline pipeline;
    im::IncomingOptions options;
    options.ownBareJid = kOwn;
    options.nowMs = 1767225600000;

    const int kCount = argc > 1 ? std::atoi(argv[1]) : 10000;  // results per pass
    std::vector<std::string> frames;
    frames.reserve(kCount);
    for (int i = 0; i < kCount; ++i) frames.push_back(frame(i));

    for (int pass = 0; pass < 2; ++pass) {
        int stored = 0, duplicates = 0;
        double parseMs = 0, matchMs = 0, pipelineMs = 0, appendMs = 0;
        auto lap = [](Clock::time_point& t) {
            const auto now = Clock::now();
            const double ms = std::chrono::duration<double, std::milli>(now - t).count();
            t = now;
            return ms;
        };
        const auto t0 = Clock::now();
        for (const std::string& text : frames) {
            auto t = Clock::now();
            auto parsed = xml::parseFrame(text, {}, ns::kClient);
            if (!parsed) return 2;
            parseMs += lap(t);
            auto result = xep::parseMamResult(*parsed, kOwn);
            if (!result || result->queryId != "q1") return 3;
            matchMs += lap(t);
            im::IncomingResult r = pipeline.processArchived(state, *result, options);
            pipelineMs += lap(t);
            if (r.outcome == im::IncomingOutcome::Stored) {
                data.appendMessage(kOwn, r.peer, r.message);
                ++stored;
            } else if (r.outcome == im::IncomingOutcome::Duplicate) {
                ++duplicates;
            }
            appendMs += lap(t);
        }
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        std::printf("catch-up pass %d (%s): %d results in %.0f ms = %.0f messages/s (stored %d, duplicates %d)\n"
                    "  parse frame %.0f ms, match result %.0f ms, pipeline %.0f ms, append to history %.0f ms\n",
                    pass + 1, pass == 0 ? "new" : "all duplicates", kCount, ms, kCount * 1000.0 / ms, stored,
                    duplicates, parseMs, matchMs, pipelineMs, appendMs);
    }
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    return 0;
}
