// Full-text search over local history: 100,000 messages in 20 chats (segment files of 500 messages, the
// store's layout), mixed Latin/Cyrillic bodies. For a rare word, a common word (more than kMaxHits
// matches), two words and a word that is nowhere: time to finish the search, number of steps, time per
// step (mean, median, 99th percentile, worst; each step's time the minimum of 3 runs) at the client's
// step budget, and one cold first search, time until the first hit shows, hits. Runs natively
// and, in the Wasm build, under node:
//   build/native/search_bench [stepBytes]      node --no-experimental-fetch build/wasm/search_bench.js
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "core/search/history_search.h"
#include "core/storage/formats.h"
#include "core/storage/history_files.h"
#include "core/storage/store.h"

using namespace starling;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kOwn = "me@localhost";
constexpr int kChats = 20;
constexpr int kMessages = 100000;

const char* const kWords[] = {
    "привет", "как", "дела", "сегодня", "завтра", "встреча", "работа", "код", "сборка", "тесты", "ошибка",
    "исправил", "посмотри", "пожалуйста", "спасибо", "хорошо", "ладно", "вечером", "утром", "Москва",
    "hello", "meeting", "tomorrow", "build", "release", "review", "please", "thanks", "coffee", "lunch",
    "server", "deploy", "the", "and", "is", "it", "ok", "Ёлка", "ещё", "😀", "👍", "link", "https://example.org/x",
};

std::uint64_t g_seed = 42;
std::uint32_t rnd() {
    g_seed = g_seed * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<std::uint32_t>(g_seed >> 33);
}

std::string body(int i) {
    std::string b;
    const int words = 4 + static_cast<int>(rnd() % 14);
    for (int w = 0; w < words; ++w) {
        if (w) b += rnd() % 9 == 0 ? ", " : " ";
        std::string word = kWords[rnd() % (sizeof kWords / sizeof kWords[0])];
        if (w == 0 && rnd() % 2 && word[0] >= 'a' && word[0] <= 'z') word[0] = static_cast<char>(word[0] - 32);
        b += word;
    }
    if (i % 14000 == 7) b += " КВАЗАР";  // the rare word: 8 messages
    if (rnd() % 25 == 0) b += "\nвторая строка";
    return b;
}

struct Outcome {
    double totalMs = 0, meanStepMs = 0, worstStepMs = 0, p99StepMs = 0, medianStepMs = 0, firstHitMs = -1;
    std::size_t steps = 0, hits = 0, scanned = 0;
    bool truncated = false;
};

// Every run of a query does the same work step by step (the budget is bytes, not time), so the
// minimum over kRuns of each step's time takes out what other processes on the machine cost it.
constexpr int kRuns = 3;

Outcome run(const storage::Store& store, const char* query, std::size_t stepBytes) {
    Outcome o;
    std::vector<double> stepMs;
    o.totalMs = 1e18;
    for (int r = 0; r < kRuns; ++r) {
        search::HistorySearch s(store, kOwn, query);
        std::size_t k = 0;
        double total = 0, firstHit = -1;
        while (!s.done()) {
            const auto t = Clock::now();
            s.step(stepBytes);
            const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t).count();
            total += ms;
            if (firstHit < 0 && !s.hits().empty()) firstHit = total;
            if (k == stepMs.size()) stepMs.push_back(ms);
            else stepMs[k] = std::min(stepMs[k], ms);
            ++k;
        }
        o.totalMs = std::min(o.totalMs, total);
        if (firstHit >= 0 && (o.firstHitMs < 0 || firstHit < o.firstHitMs)) o.firstHitMs = firstHit;
        o.steps = k;
        o.hits = s.hits().size();
        o.scanned = s.scanned();
        o.truncated = s.truncated();
    }
    std::sort(stepMs.begin(), stepMs.end());
    if (!stepMs.empty()) {
        for (double ms : stepMs) o.meanStepMs += ms / static_cast<double>(stepMs.size());
        o.worstStepMs = stepMs.back();
        o.p99StepMs = stepMs[stepMs.size() * 99 / 100];
        o.medianStepMs = stepMs[stepMs.size() / 2];
    }
    return o;
}

}  // namespace

int main(int argc, char** argv) {
    const std::size_t stepBytes = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : search::kStepBytes;
    char tmpl[] = "/tmp/starling-search-bench-XXXXXX";
    const char* dir = mkdtemp(tmpl);
    if (!dir) return 1;
    storage::Store store(dir);

    // Message i goes to chat i % 20, one second after message i - 1; each chat's messages are cut into
    // segments of kSegmentMessages.
    std::vector<std::string> segment(kChats);
    std::vector<int> inSegment(kChats, 0), sequence(kChats, 0);
    std::size_t bytes = 0;
    auto flush = [&](int c) {
        const std::string peer = "contact" + std::to_string(c) + "@localhost";
        const std::string path = storage::historyChatDir(kOwn, peer) + "/" + storage::segmentName(sequence[c]++);
        if (!store.writeAtomic(path, segment[c]).ok()) std::exit(2);
        bytes += segment[c].size();
        segment[c].clear();
        inSegment[c] = 0;
    };
    for (int i = 0; i < kMessages; ++i) {
        const int c = i % kChats;
        model::Message m;
        const bool out = i % 3 == 0;
        m.id = "m" + std::to_string(i);
        m.stanzaId = "arch-" + std::to_string(i);
        m.from = out ? std::string(kOwn) + "/web" : "contact" + std::to_string(c) + "@localhost/phone";
        m.body = body(i);
        m.direction = out ? model::Direction::Outgoing : model::Direction::Incoming;
        m.status = out ? model::MessageStatus::Displayed : model::MessageStatus::Received;
        m.timestampMs = 1767225600000 + std::int64_t(i) * 1000;
        segment[c] += storage::encodeMessageRecord(m);
        if (++inSegment[c] == static_cast<int>(storage::kSegmentMessages)) flush(c);
    }
    for (int c = 0; c < kChats; ++c)
        if (inSegment[c]) flush(c);
    std::printf("history: %d messages in %d chats, %.1f MB in segment files; step budget %zu bytes\n", kMessages,
                kChats, bytes / 1e6, stepBytes);

    const char* queries[] = {"квазар", "привет", "Meeting ЁЛКА", "zzqx"};
    const char* what[] = {"rare word", "common word", "two words", "no match"};
    {
        // The very first search of a session, in Wasm before the engine has optimized the code.
        search::HistorySearch s(store, kOwn, "квазар");
        const auto t0 = Clock::now();
        double worst = 0;
        std::size_t steps = 0;
        while (!s.done()) {
            const auto t = Clock::now();
            s.step(stepBytes);
            worst = std::max(worst, std::chrono::duration<double, std::milli>(Clock::now() - t).count());
            ++steps;
        }
        std::printf("first search of the process (cold): %.0f ms in %zu steps, worst step %.2f ms\n",
                    std::chrono::duration<double, std::milli>(Clock::now() - t0).count(), steps, worst);
    }
    std::printf("step times: per step the minimum of %d runs\n", kRuns);
    for (int q = 0; q < 4; ++q) {
        const Outcome o = run(store, queries[q], stepBytes);
        std::printf("%-11s \"%s\": %4.0f ms total (best run) in %zu steps; step mean %.2f, median %.2f, p99 %.2f, worst %.2f ms; "
                    "first hit after %.1f ms; %zu hits%s; %zu scanned\n",
                    what[q], queries[q], o.totalMs, o.steps, o.meanStepMs, o.medianStepMs,
                    o.p99StepMs, o.worstStepMs, o.firstHitMs, o.hits, o.truncated ? " (truncated)" : "", o.scanned);
    }
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    return 0;
}
