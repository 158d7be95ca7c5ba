// The incremental history scanner (core/search/history_search.h) over segment files written the way the
// store lays them out (storage/history_files.h): ordering across chats, kMaxHits, bodies only, damaged
// lines and segments, the old one-file layout, and step budgets.
#include "core/search/history_search.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <set>

#include "core/storage/formats.h"
#include "core/storage/history_files.h"

namespace starling::search {
namespace {

constexpr const char* kAccount = "me@example.org";

class SearchHistory : public ::testing::Test {
protected:
    void SetUp() override {
        char tmpl[] = "/tmp/starling-search-XXXXXX";
        ASSERT_NE(mkdtemp(tmpl), nullptr);
        dir = tmpl;
        store = std::make_unique<storage::Store>(dir);
    }
    void TearDown() override {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
    static model::Message msg(const std::string& id, const std::string& body, std::int64_t ts, bool out = false) {
        model::Message m;
        m.id = id;
        m.from = out ? std::string(kAccount) + "/web" : "peer@example.org/phone";
        m.body = body;
        m.direction = out ? model::Direction::Outgoing : model::Direction::Incoming;
        m.status = out ? model::MessageStatus::Delivered : model::MessageStatus::Received;
        m.timestampMs = ts;
        return m;
    }
    void segment(const std::string& peer, std::uint32_t seq, const std::vector<model::Message>& messages,
                 const std::string& extra = "") {
        std::string text;
        for (const auto& m : messages) text += storage::encodeMessageRecord(m);
        text += extra;
        ASSERT_TRUE(store->writeAtomic(storage::historyChatDir(kAccount, peer) + "/" + storage::segmentName(seq), text).ok());
    }
    // Runs a search to the end in steps of `budget` bytes; returns the number of steps.
    std::size_t run(HistorySearch& s, std::size_t budget = 1024) {
        std::size_t steps = 0;
        while (!s.done()) {
            s.step(budget);
            ++steps;
            EXPECT_LT(steps, 100000u);
            if (steps >= 100000u) break;
        }
        return steps;
    }
    std::vector<model::SearchHit> hits(std::string_view query, std::size_t budget = 1024) {
        HistorySearch s(*store, kAccount, query);
        run(s, budget);
        return s.hits();
    }
    std::string dir;
    std::unique_ptr<storage::Store> store;
};

TEST_F(SearchHistory, FindsCaseInsensitiveLatinAndCyrillicWithSnippets) {
    segment("bob@example.org", 0, {msg("b1", "привет, мир", 1000), msg("b2", "oh HELLO there", 2000, true),
                                   msg("b3", "nothing here", 3000)});
    auto found = hits("ПРИВЕТ");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].peer, "bob@example.org");
    EXPECT_EQ(found[0].messageId, "b1");
    EXPECT_EQ(found[0].timestampMs, 1000);
    EXPECT_FALSE(found[0].outgoing);
    EXPECT_EQ(found[0].snippet, "привет, мир");
    EXPECT_EQ(found[0].snippet.substr(found[0].matchStart, found[0].matchLength), "привет");
    found = hits("Hello");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].messageId, "b2");
    EXPECT_TRUE(found[0].outgoing);
    EXPECT_EQ(found[0].snippet.substr(found[0].matchStart, found[0].matchLength), "HELLO");
    EXPECT_TRUE(hits("absent").empty());
}

TEST_F(SearchHistory, NewestFirstAcrossChatsAndSegments) {
    // Timestamps interleave across chats and segments; any budget gives the same order.
    segment("alice@example.org", 0, {msg("a1", "meet at noon", 100), msg("a2", "meet later", 400)});
    segment("alice@example.org", 1, {msg("a3", "MEET now", 700)});
    segment("bob@example.org", 0, {msg("b1", "meet?", 200), msg("b2", "no", 500)});
    segment("bob@example.org", 1, {msg("b3", "Meet!", 600), msg("b4", "meet", 900)});
    segment("carol@example.org", 0, {msg("c1", "meeting", 300), msg("c2", "meet", 800)});
    for (std::size_t budget : {1u, 64u, 1024u, 1u << 20}) {
        auto found = hits("meet", budget);
        std::vector<std::string> ids;
        for (const auto& h : found) ids.push_back(h.messageId);
        EXPECT_EQ(ids, (std::vector<std::string>{"b4", "c2", "a3", "b3", "a2", "c1", "b1", "a1"})) << budget;
    }
}

TEST_F(SearchHistory, NewestSegmentsAreScannedFirst) {
    // After the newest segment of each chat, the first hits already are the newest ones.
    std::vector<model::Message> old, recent;
    for (int i = 0; i < 200; ++i) old.push_back(msg("o" + std::to_string(i), "word old", 1000 + i));
    for (int i = 0; i < 5; ++i) recent.push_back(msg("r" + std::to_string(i), "word recent", 9000 + i));
    segment("bob@example.org", 0, old);
    segment("bob@example.org", 1, recent);
    HistorySearch s(*store, kAccount, "word");
    while (!s.done() && s.hits().size() < 5) s.step(256);
    ASSERT_GE(s.hits().size(), 5u);
    EXPECT_EQ(s.hits()[0].messageId, "r4");
    EXPECT_EQ(s.hits()[4].messageId, "r0");
    EXPECT_FALSE(s.done());
}

TEST_F(SearchHistory, StopsAtMaxHitsKeepingTheNewest) {
    const std::size_t total = model::Search::kMaxHits + 37;
    std::vector<model::Message> a, b;
    for (std::size_t i = 0; i < total; ++i)
        (i % 2 ? a : b).push_back(msg("m" + std::to_string(i), "common word " + std::to_string(i), 10000 + std::int64_t(i)));
    segment("a@example.org", 0, a);
    segment("b@example.org", 0, b);
    HistorySearch s(*store, kAccount, "COMMON");
    run(s, 4096);
    ASSERT_EQ(s.hits().size(), model::Search::kMaxHits);
    EXPECT_TRUE(s.truncated());
    EXPECT_EQ(s.scanned(), total);
    EXPECT_EQ(s.hits().front().messageId, "m" + std::to_string(total - 1));
    EXPECT_EQ(s.hits().back().messageId, "m" + std::to_string(total - model::Search::kMaxHits));
    for (std::size_t i = 1; i < s.hits().size(); ++i) EXPECT_GT(s.hits()[i - 1].timestampMs, s.hits()[i].timestampMs);
    // Exactly kMaxHits matches: all kept, not truncated.
    HistorySearch exact(*store, kAccount, "word 1");  // "word 1…" of the ids 1, 10–19, 100–199, 1000+
    run(exact);
    EXPECT_FALSE(exact.truncated());
}

TEST_F(SearchHistory, OnlyBodiesAreSearchedNeverIdsOrJids) {
    segment("bob@example.org", 0, {msg("secret-id-42", "plain text", 1000)});
    EXPECT_TRUE(hits("bob@example.org").empty());
    EXPECT_TRUE(hits("peer@example.org").empty());  // the sender in "from"
    EXPECT_TRUE(hits("secret-id-42").empty());
    EXPECT_TRUE(hits("msg").empty());               // the record type
    EXPECT_TRUE(hits("received").empty());          // the status
    segment("bob@example.org", 1, {msg("x", "write to bob@example.org", 2000)});
    auto found = hits("bob@example.org");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].messageId, "x");
}

TEST_F(SearchHistory, EscapedBodiesAreFound) {
    // Quotes, backslashes, slashes, newlines and \u escapes in the JSON all decode before matching.
    segment("bob@example.org", 0, {msg("q", "say \"hi\"\\now\nплз a/b", 1000)});
    std::string raw = R"({"t":"msg","id":"u","from":"p@x/y","body":"\u041f\u0420\u0418\u0412\u0415\u0422","dir":"in","st":"received","enc":false,"ts":2000})";
    ASSERT_TRUE(store->append(storage::historyChatDir(kAccount, "bob@example.org") + "/" + storage::segmentName(0), raw + "\n").ok());
    EXPECT_EQ(hits("\"HI\"").size(), 1u);
    EXPECT_EQ(hits("\\now").size(), 1u);
    EXPECT_EQ(hits("a/b").size(), 1u);
    EXPECT_EQ(hits("now плз").size(), 1u);
    auto found = hits("привет");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].messageId, "u");
    EXPECT_EQ(found[0].snippet, "ПРИВЕТ");
}

TEST_F(SearchHistory, DamagedLinesAndSegmentsAreSkipped) {
    const std::string damaged = "{\"t\":\"msg\",\"id\":\"cut\",\"body\":\"needle cut\n"
                                "not json at all needle\n"
                                "{\"t\":\"msg\",\"id\":\"\",\"body\":\"needle without id\",\"st\":\"received\",\"ts\":5}\n"
                                "\n\xFF\xFE needle\n"
                                "{\"t\":\"upd\",\"id\":\"g1\",\"st\":\"displayed\"}\n";
    segment("bob@example.org", 0, {msg("g1", "needle one", 1000)}, damaged);
    segment("bob@example.org", 1, {msg("g2", "needle two", 2000)}, "{\"t\":\"msg\",\"id\":\"tail\",\"body\":\"needle");
    // A "segment" that is a directory cannot be read.
    std::filesystem::create_directories(dir + "/" + storage::historyChatDir(kAccount, "bob@example.org") + "/" +
                                        storage::segmentName(2));
    HistorySearch s(*store, kAccount, "needle");
    run(s);
    ASSERT_EQ(s.hits().size(), 2u);
    EXPECT_EQ(s.hits()[0].messageId, "g2");
    EXPECT_EQ(s.hits()[1].messageId, "g1");
    EXPECT_GE(s.skippedLines(), 3u);
    EXPECT_EQ(s.unreadable(), 1u);
}

TEST_F(SearchHistory, OldOneFileChatsAreSearchedToo) {
    std::string text = storage::encodeMessageRecord(msg("old1", "legacy needle", 500));
    ASSERT_TRUE(store->writeAtomic(storage::historyPath(kAccount, "legacy@example.org"), text).ok());
    segment("bob@example.org", 0, {msg("new1", "new needle", 900)});
    auto found = hits("needle");
    ASSERT_EQ(found.size(), 2u);
    EXPECT_EQ(found[0].messageId, "new1");
    EXPECT_EQ(found[1].messageId, "old1");
    EXPECT_EQ(found[1].peer, "legacy@example.org");
}

TEST_F(SearchHistory, BlankQueryEmptyAccountAndNoHistoryAreDone) {
    HistorySearch blank(*store, kAccount, "  \t ");
    EXPECT_TRUE(blank.done());
    EXPECT_FALSE(blank.step(1024));
    HistorySearch nobody(*store, "", "x");
    EXPECT_TRUE(nobody.done());
    HistorySearch empty(*store, kAccount, "x");
    run(empty);
    EXPECT_TRUE(empty.hits().empty());
    EXPECT_EQ(empty.scanned(), 0u);
}

TEST_F(SearchHistory, StepsRespectTheByteBudget) {
    std::vector<model::Message> many;
    for (int i = 0; i < 400; ++i) many.push_back(msg("m" + std::to_string(i), "some filler text number " + std::to_string(i), i));
    segment("bob@example.org", 0, many);
    const std::size_t line = storage::encodeMessageRecord(many[0]).size();
    // Nothing matches: steps are the bytes read divided by the budget (plus listings and opening).
    HistorySearch none(*store, kAccount, "absent");
    const std::size_t steps = run(none, 8 * line);
    const std::size_t fileBytes = none.bytesRead();
    EXPECT_GE(steps, fileBytes / (8 * line + line + 256));  // no step ran far past its budget
    EXPECT_LE(steps, fileBytes / (8 * line - 2 * line) + 4);
    EXPECT_EQ(none.scanned(), 400u);
    // Lines that may be hits are parsed, and cost more.
    HistorySearch some(*store, kAccount, "number 39");
    EXPECT_GT(run(some, 8 * line), steps + 5);
    EXPECT_EQ(some.scanned(), 400u);
    EXPECT_EQ(some.hits().size(), 14u);  // 39, 139, 239, 339, 390–399: words match inside words
}

}  // namespace
}  // namespace starling::search
