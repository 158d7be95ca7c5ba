// IQ tracking by id AND sender, timeouts, and reconnect back-off bounds.
#include "core/stream/iq_tracker.h"

#include <gtest/gtest.h>

#include "core/stream/backoff.h"
#include "support/fake_random.h"
#include "xep_fixture.h"

namespace starling::stream {
namespace {

using test::parseStanza;

struct Tracked {
    IqTracker tracker;
    int calls = 0;
    std::string lastError;
    void add(const char* id, const char* to, std::int64_t deadline = 100) {
        tracker.add(id, to, [this](const Result<xml::Element>& r) {
            ++calls;
            lastError = r.ok() ? "" : r.error().code;
        }, deadline);
    }
    bool feed(std::string_view text) {
        IqOutcome out;
        if (!tracker.match(parseStanza(text), "juliet@capulet.lit", "juliet@capulet.lit/balcony", "capulet.lit", out)) return false;
        out.callback(out.result);
        return true;
    }
};

TEST(StreamIqTrackerTest, MatchesIdAndAddressedSender) {
    Tracked t;
    t.add("a1", "romeo@montague.lit/orchard");
    EXPECT_FALSE(t.feed(R"(<iq type="result" id="a1" from="evil@montague.lit/orchard"/>)"));
    EXPECT_FALSE(t.feed(R"(<iq type="result" id="a1"/>)"));
    EXPECT_FALSE(t.feed(R"(<iq type="result" id="a1" from="romeo@montague.lit"/>)"));
    EXPECT_FALSE(t.feed(R"(<iq type="result" id="a2" from="romeo@montague.lit/orchard"/>)"));
    EXPECT_FALSE(t.feed(R"(<iq type="get" id="a1" from="romeo@montague.lit/orchard"/>)"));
    EXPECT_EQ(t.calls, 0);
    EXPECT_TRUE(t.feed(R"(<iq type="result" id="a1" from="Romeo@Montague.lit/orchard"/>)"));
    EXPECT_EQ(t.calls, 1);
    EXPECT_EQ(t.tracker.size(), 0u);
    EXPECT_FALSE(t.feed(R"(<iq type="result" id="a1" from="romeo@montague.lit/orchard"/>)"));  // only once
}

TEST(StreamIqTrackerTest, EmptyToAcceptsOwnAccountOrServerOnly) {
    for (const char* from : {"", "juliet@capulet.lit", "juliet@capulet.lit/balcony", "capulet.lit"}) {
        Tracked t;
        t.add("r", "");
        std::string frame = std::string(R"(<iq type="result" id="r")") + (*from ? std::string(" from=\"") + from + "\"" : "") + "/>";
        EXPECT_TRUE(t.feed(frame)) << from;
    }
    for (const char* from : {"capulet.lit.evil", "nurse@capulet.lit", "juliet@capulet.lit/other", "evil.lit"}) {
        Tracked t;
        t.add("r", "");
        EXPECT_FALSE(t.feed(std::string(R"(<iq type="result" id="r" from=")") + from + "\"/>")) << from;
    }
}

TEST(StreamIqTrackerTest, ErrorReplyCarriesCondition) {
    Tracked t;
    t.add("e", "capulet.lit");
    EXPECT_TRUE(t.feed(R"(<iq type="error" id="e" from="capulet.lit"><error type="cancel"><item-not-found xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>)"));
    EXPECT_EQ(t.lastError, "item-not-found");
}

TEST(StreamIqTrackerTest, ExpiresAtDeadline) {
    Tracked t;
    t.add("x", "", 100);
    t.add("y", "", 200);
    EXPECT_TRUE(t.tracker.expire(99).empty());
    auto out = t.tracker.expire(100);
    ASSERT_EQ(out.size(), 1u);
    ASSERT_FALSE(out[0].result.ok());
    EXPECT_EQ(out[0].result.error().code, "timeout");
    auto rest = t.tracker.failAll("disconnected");
    ASSERT_EQ(rest.size(), 1u);
    EXPECT_EQ(rest[0].result.error().code, "disconnected");
}

TEST(StreamBackoffTest, DoublesWithJitterAndCaps) {
    test::FakeRandom random(42);
    for (int attempt = 0; attempt < 12; ++attempt) {
        std::int64_t base = std::min<std::int64_t>(1000ll << attempt, 60000);
        for (int i = 0; i < 50; ++i) {
            std::int64_t d = reconnectDelayMs(attempt, random);
            EXPECT_GE(d, base * 3 / 4) << attempt;
            EXPECT_LE(d, std::min<std::int64_t>(base * 5 / 4, 60000)) << attempt;
        }
    }
    EXPECT_LE(reconnectDelayMs(1000, random), 60000);  // no overflow for huge attempt counts
}

TEST(StreamBackoffTest, JitterSpansTheRange) {
    test::FakeRandom low;
    low.fixed = 0x00;
    EXPECT_EQ(reconnectDelayMs(0, low), 750);
    EXPECT_EQ(reconnectDelayMs(2, low), 3000);
    test::FakeRandom high;
    high.fixed = 0xff;
    EXPECT_EQ(reconnectDelayMs(0, high), 1249);
    EXPECT_EQ(reconnectDelayMs(3, high), 9999);
    EXPECT_EQ(reconnectDelayMs(10, high), 60000);  // capped
    EXPECT_EQ(reconnectDelayMs(10, low), 45000);
}

}  // namespace
}  // namespace starling::stream
