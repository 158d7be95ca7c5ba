// History at scale (storage/history_store.h): 100,000 stored messages over 20 chats (one of 10,000)
// written through AccountStore into a temp store, then as a new tab would see them: start-up load time
// and what it holds in memory, opening the 10,000-message chat after scrolling back through another one
// (the left chat is trimmed), each loadOlder step while scrolling through all 10,000, and migrating a
// 10,000-message chat from the old one-file form. Runs natively and, in the Wasm build, under node:
//   build/native/history_bench [total]      node --no-experimental-fetch build/wasm/history_bench.js
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "core/storage/account_store.h"
#include "core/storage/store.h"
#include "platform/persistence.h"

using namespace starling;
using Clock = std::chrono::steady_clock;

namespace {

struct NullPersistence : platform::Persistence {
    void requestFlush() override {}
};

constexpr const char* kOwn = "me@localhost";
constexpr std::int64_t kBase = 1767225600000;  // 2026-01-01

double since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

model::Message message(int chat, int i) {
    model::Message m;
    const bool ours = i % 3 == 0;
    m.id = "c" + std::to_string(chat) + "-" + std::to_string(i) + "-0f3c9a2e-5b7d-4e11-9c3a-7d2b8e6f1a40";
    m.originId = ours ? std::string() : m.id;
    m.stanzaId = "arch-" + std::to_string(chat) + "-" + std::to_string(i);
    m.from = ours ? std::string(kOwn) + "/web" : "peer" + std::to_string(chat) + "@localhost/phone";
    m.body = "Сообщение номер " + std::to_string(i) + " — a line of ordinary chat text 👋";
    m.direction = ours ? model::Direction::Outgoing : model::Direction::Incoming;
    m.status = ours ? model::MessageStatus::Displayed : model::MessageStatus::Received;
    m.timestampMs = kBase + static_cast<std::int64_t>(i) * 30000;
    return m;
}

std::string peer(int chat) { return "peer" + std::to_string(chat) + "@localhost"; }

std::size_t bytesOf(const model::Message& m) {
    return sizeof m + m.id.capacity() + m.stanzaId.capacity() + m.originId.capacity() + m.from.capacity() +
           m.body.capacity() + m.error.capacity();
}

}  // namespace

int main(int argc, char** argv) {
    char tmpl[] = "/tmp/starling-history-XXXXXX";
    const char* dir = mkdtemp(tmpl);
    if (!dir) return 1;
    const int total = argc > 1 ? std::max(20000, std::atoi(argv[1])) : 100000;
    const int kChats = 20, kBig = total / 10;
    storage::Store store(dir);
    NullPersistence persistence;

    {  // write: the big chat, then the rest spread over 19 chats
        storage::AccountStore data(store, persistence);
        const auto t = Clock::now();
        int written = 0;
        for (int chat = 0; chat < kChats; ++chat) {
            const int n = chat == 0 ? kBig : (total - kBig) / (kChats - 1) + (chat <= (total - kBig) % (kChats - 1));
            for (int i = 0; i < n; ++i, ++written)
                if (!data.appendMessage(kOwn, peer(chat), message(chat, i))) return 2;
        }
        const double ms = since(t);
        std::printf("write %d messages over %d chats (one of %d): %.0f ms = %.0f appends/s\n", written, kChats, kBig,
                    ms, written * 1000.0 / ms);
    }

    storage::AccountStore data(store, persistence);
    auto t = Clock::now();
    auto convs = data.loadHistory(kOwn);
    const double startMs = since(t);
    std::size_t held = 0, bytes = 0, before = 0;
    for (const auto& [jid, conv] : convs) {
        held += conv.messages.size();
        before += conv.localBefore;
        for (const auto& m : conv.messages) bytes += bytesOf(m);
    }
    std::printf("start-up load: %.1f ms; %zu messages in memory (%.1f KB), %zu left on disk, %zu chats\n", startMs,
                held, bytes / 1024.0, before, convs.size());

    // Scroll all the way back in chat 1, then open the big chat: chat 1 is trimmed on leaving.
    model::Conversation& other = convs.at(peer(1));
    while (data.history().loadOlder(kOwn, other)) {
    }
    const std::size_t scrolled = other.messages.size();
    t = Clock::now();
    data.history().trim(kOwn, other);
    model::Conversation& big = convs.at(peer(0));
    const double openMs = since(t);
    std::printf("open the %d-message chat (window of %zu ready; the left chat trimmed %zu → %zu): %.2f ms\n", kBig,
                big.messages.size(), scrolled, other.messages.size(), openMs);

    double worst = 0, sum = 0;
    int steps = 0;
    for (;;) {
        t = Clock::now();
        const bool more = data.history().loadOlder(kOwn, big);
        const double ms = since(t);
        if (!more) break;
        worst = std::max(worst, ms);
        sum += ms;
        ++steps;
    }
    std::printf("loadOlder through all %zu messages: %d segment steps, worst %.2f ms, mean %.2f ms\n",
                big.messages.size(), steps, worst, steps ? sum / steps : 0.0);
    bool ordered = std::is_sorted(big.messages.begin(), big.messages.end(),
                                  [](const model::Message& a, const model::Message& b) { return a.timestampMs < b.timestampMs; });
    if (big.messages.size() != static_cast<std::size_t>(kBig) || !ordered) return 3;

    // Migration of an old one-file chat of kBig messages (another account, so nothing else is loaded).
    const char* kOld = "old@localhost";
    std::string file;
    for (int i = 0; i < kBig; ++i) file += storage::encodeMessageRecord(message(0, i));
    if (!store.writeAtomic(storage::historyPath(kOld, peer(0)), file)) return 4;
    storage::AccountStore fresh(store, persistence);
    t = Clock::now();
    auto migrated = fresh.loadHistory(kOld);
    const double migrateMs = since(t);
    const auto& m = migrated.at(peer(0));
    std::printf("migrate a %d-message one-file chat (%.1f MB) to %zu segments + first window: %.0f ms\n", kBig,
                file.size() / 1048576.0, storage::segmentPaths(store, kOld, peer(0)).size(), migrateMs);
    if (m.messages.size() + m.localBefore != static_cast<std::size_t>(kBig)) return 5;

    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    return 0;
}
