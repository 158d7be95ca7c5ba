// Which XEP-0203 stamps are believed (im/delay.h): none from the future beyond the clock skew allowed,
// none from before XMPP; the others are replaced by the arrival time.
#include "core/im/delay.h"

#include <gtest/gtest.h>

#include "xep_fixture.h"

namespace starling::im {
namespace {

constexpr std::int64_t kNow = 1767225600000;  // 2026-01-01T00:00:00Z

TEST(DelayStamp, BelievedUpToTheClockSkewAheadAndNotBeforeXmpp) {
    EXPECT_TRUE(stampPlausible(kNow, kNow));
    EXPECT_TRUE(stampPlausible(kNow + kMaxClockSkewMs, kNow));
    EXPECT_FALSE(stampPlausible(kNow + kMaxClockSkewMs + 1, kNow));
    EXPECT_TRUE(stampPlausible(kEarliestStampMs, kNow));
    EXPECT_FALSE(stampPlausible(kEarliestStampMs - 1, kNow));
    EXPECT_FALSE(stampPlausible(-1, kNow));
    EXPECT_EQ(kEarliestStampMs, parseXmppDateTime("2000-01-01T00:00:00Z"));
}

TEST(DelayStamp, AnUnbelievableOrMissingStampIsTheArrivalTime) {
    EXPECT_EQ(plausibleStamp(kNow - 3600000, kNow), kNow - 3600000);
    EXPECT_EQ(plausibleStamp(std::nullopt, kNow), kNow);
    EXPECT_EQ(plausibleStamp(parseXmppDateTime("9999-12-31T23:59:59Z"), kNow), kNow);
    EXPECT_EQ(plausibleStamp(parseXmppDateTime("1970-01-01T00:00:00Z"), kNow), kNow);
}

TEST(DelayStamp, PlausibleDelayStampOfAStanza) {
    auto withStamp = [](const char* stamp) {
        return test::parseStanza(std::string("<message><delay xmlns='urn:xmpp:delay' stamp='") + stamp +
                                 "'/></message>");
    };
    EXPECT_EQ(plausibleDelayStamp(withStamp("2025-12-31T23:00:00Z"), kNow), kNow - 3600000);
    EXPECT_EQ(plausibleDelayStamp(withStamp("9999-12-31T23:59:59Z"), kNow), std::nullopt);
    EXPECT_EQ(plausibleDelayStamp(withStamp("yesterday"), kNow), std::nullopt);
    EXPECT_EQ(plausibleDelayStamp(test::parseStanza("<message/>"), kNow), std::nullopt);
    EXPECT_TRUE(delayStamp(withStamp("9999-12-31T23:59:59Z")).has_value()) << "parsing alone checks no clock";
}

}  // namespace
}  // namespace starling::im
