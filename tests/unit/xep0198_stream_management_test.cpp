// XEP-0198 payloads and counters, with the XEP's own examples as fixtures.
#include "core/xep/xep0198_stream_management.h"

#include <gtest/gtest.h>

#include "core/xml/ns.h"
#include "xep_fixture.h"

namespace starling::xep {
namespace {

using test::parseStanza;

xml::Element message(const std::string& id) {
    xml::Element m(ns::kClient, "message");
    m.setAttr("id", id);
    return m;
}

// ---- the XEP's examples ----

TEST(Xep0198Test, EnabledExamplesParse) {
    auto plain = parseSmEnabled(parseStanza("<enabled xmlns='urn:xmpp:sm:3'/>"));
    ASSERT_TRUE(plain.ok());
    EXPECT_TRUE(plain->id.empty());
    EXPECT_FALSE(plain->resume);

    auto resumable = parseSmEnabled(parseStanza("<enabled xmlns='urn:xmpp:sm:3' id='some-long-sm-id' resume='true'/>"));
    ASSERT_TRUE(resumable.ok());
    EXPECT_EQ(resumable->id, "some-long-sm-id");
    EXPECT_TRUE(resumable->resume);

    auto noResume = parseSmEnabled(parseStanza("<enabled xmlns='urn:xmpp:sm:3' id='some-long-sm-id'/>"));
    ASSERT_TRUE(noResume.ok());
    EXPECT_FALSE(noResume->resume);

    auto located = parseSmEnabled(parseStanza(R"(<enabled xmlns='urn:xmpp:sm:3'
            id='some-long-sm-id'
            location='[2001:41D0:1:A49b::1]:9222'
            resume='true'/>)"));
    ASSERT_TRUE(located.ok());
    EXPECT_EQ(located->location, "[2001:41D0:1:A49b::1]:9222");
    EXPECT_TRUE(located->resume);

    // Prosody 0.12 answers resume="true" with a max.
    auto prosody = parseSmEnabled(parseStanza(R"(<enabled xmlns="urn:xmpp:sm:3" id="a1" resume="true" max="600"/>)"));
    ASSERT_TRUE(prosody.ok());
    EXPECT_EQ(prosody->maxSeconds, 600u);
    EXPECT_FALSE(parseSmEnabled(parseStanza("<enabled xmlns='urn:xmpp:sm:2'/>")).ok());  // another namespace
}

TEST(Xep0198Test, EnableAndResumeSerializeLikeTheExamples) {
    EXPECT_TRUE(xml::equivalent(smEnable(true), parseStanza("<enable xmlns='urn:xmpp:sm:3' resume='true'/>")));
    EXPECT_TRUE(xml::equivalent(smEnable(false), parseStanza("<enable xmlns='urn:xmpp:sm:3'/>")));
    EXPECT_TRUE(xml::equivalent(smResume(7, "some-long-sm-id"),
                                parseStanza("<resume xmlns='urn:xmpp:sm:3' h='7' previd='some-long-sm-id'/>")));
    EXPECT_TRUE(xml::equivalent(smRequest(), parseStanza("<r xmlns='urn:xmpp:sm:3'/>")));
    EXPECT_TRUE(xml::equivalent(smAck(3), parseStanza("<a xmlns='urn:xmpp:sm:3' h='3'/>")));
}

TEST(Xep0198Test, ResumedAndFailedExamplesParse) {
    auto resumed = parseSmResumed(parseStanza("<resumed xmlns='urn:xmpp:sm:3' h='42' previd='some-long-sm-id'/>"));
    ASSERT_TRUE(resumed.ok());
    EXPECT_EQ(resumed->h, 42u);
    EXPECT_EQ(resumed->previd, "some-long-sm-id");
    // The XEP's placeholder 'another-sequence-number' is not a number: refused, not read as 0.
    auto placeholder =
        parseSmResumed(parseStanza("<resumed xmlns='urn:xmpp:sm:3' h='another-sequence-number' previd='some-long-sm-id'/>"));
    ASSERT_FALSE(placeholder.ok());
    EXPECT_EQ(placeholder.error().code, "bad-h");

    auto timedOut = parseSmFailed(parseStanza(R"(<failed xmlns='urn:xmpp:sm:3' h='5'>
  <item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
</failed>)"));
    ASSERT_TRUE(timedOut.h.has_value());
    EXPECT_EQ(*timedOut.h, 5u);
    EXPECT_EQ(timedOut.condition, "item-not-found");

    auto refused = parseSmFailed(parseStanza(R"(<failed xmlns='urn:xmpp:sm:3'>
  <unexpected-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
</failed>)"));
    EXPECT_FALSE(refused.h.has_value());
    EXPECT_EQ(refused.condition, "unexpected-request");
}

TEST(Xep0198Test, HandledCountTooHighMatchesTheExample) {
    auto expected = parseStanza(R"(<stream:error xmlns:stream='http://etherx.jabber.org/streams'>
  <undefined-condition xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>
  <handled-count-too-high xmlns='urn:xmpp:sm:3' h='10' send-count='8'/>
  <text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>You acknowledged 10 stanzas, but I only sent you 8 so far.</text>
</stream:error>)");
    EXPECT_TRUE(xml::equivalent(smHandledCountTooHigh(10, 8), expected)) << xml::serialize(smHandledCountTooHigh(10, 8));
}

TEST(Xep0198Test, CounterText) {
    EXPECT_EQ(*parseSmCounter("0"), 0u);
    EXPECT_EQ(*parseSmCounter("4294967295"), 4294967295u);
    EXPECT_FALSE(parseSmCounter("4294967296").ok());
    EXPECT_FALSE(parseSmCounter("").ok());
    EXPECT_FALSE(parseSmCounter("-1").ok());
    EXPECT_FALSE(parseSmCounter("+1").ok());
    EXPECT_FALSE(parseSmCounter(" 1").ok());
    EXPECT_FALSE(parseSmCounter("12345678901").ok());
    EXPECT_FALSE(parseSmAck(parseStanza("<a xmlns='urn:xmpp:sm:3'/>")).ok());
    EXPECT_EQ(*parseSmAck(parseStanza("<a xmlns='urn:xmpp:sm:3' h='1'/>")), 1u);
}

// ---- counters ----

// "An efficient session": five messages, <r/>, <a h='5'/>; five more, <a h='10'/>.
TEST(Xep0198Test, EfficientSessionExampleTrimsTheQueue) {
    SmCounters c;
    c.reset();
    for (int i = 0; i < 5; ++i) c.sent(message("m" + std::to_string(i)));
    EXPECT_EQ(c.sendCount(), 5u);
    auto first = c.ack(*parseSmAck(parseStanza("<a xmlns='urn:xmpp:sm:3' h='5'/>")));
    ASSERT_TRUE(first.ok());
    ASSERT_EQ(first->size(), 5u);
    EXPECT_EQ((*first)[0].attr("id"), "m0");
    EXPECT_EQ((*first)[4].attr("id"), "m4");
    EXPECT_TRUE(c.unacked().empty());
    for (int i = 5; i < 10; ++i) c.sent(message("m" + std::to_string(i)));
    auto partial = c.ack(7);
    ASSERT_TRUE(partial.ok());
    ASSERT_EQ(partial->size(), 2u);
    EXPECT_EQ((*partial)[1].attr("id"), "m6");
    ASSERT_EQ(c.unacked().size(), 3u);
    EXPECT_EQ(c.unacked().front().attr("id"), "m7");
    EXPECT_EQ(c.sendCount(), 10u);
    auto again = c.ack(7);  // a repeated ack acknowledges nothing new
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->empty());
    auto rest = c.ack(10);
    ASSERT_TRUE(rest.ok());
    EXPECT_EQ(rest->size(), 3u);
}

TEST(Xep0198Test, ImpossibleHIsNotAnAck) {
    SmCounters c;
    c.reset();
    for (int i = 0; i < 8; ++i) c.sent(message(std::to_string(i)));
    ASSERT_TRUE(c.ack(3).ok());
    auto tooHigh = c.ack(10);  // the XEP's example: 10 acknowledged, 8 sent
    ASSERT_FALSE(tooHigh.ok());
    EXPECT_EQ(tooHigh.error().code, "handled-count-too-high");
    EXPECT_EQ(c.unacked().size(), 5u);  // nothing dropped
    EXPECT_EQ(c.lastAcked(), 3u);
    auto backwards = c.ack(2);  // moving back is, modulo 2^32, acking ~4 billion: refused too
    ASSERT_FALSE(backwards.ok());
    EXPECT_EQ(c.unacked().size(), 5u);
    EXPECT_TRUE(c.ack(8).ok());
    EXPECT_FALSE(c.ack(9).ok());  // nothing left to ack
}

TEST(Xep0198Test, CountersWrapModulo2To32) {
    SmCounters c;
    c.startAt(0xFFFFFFFEu, 0xFFFFFFFDu);
    EXPECT_EQ(c.countInbound(), 0xFFFFFFFFu);
    EXPECT_EQ(c.countInbound(), 0u);
    EXPECT_EQ(c.countInbound(), 1u);
    for (int i = 0; i < 4; ++i) c.sent(message(std::to_string(i)));
    EXPECT_EQ(c.sendCount(), 1u);  // 0xFFFFFFFD + 4
    auto beforeWrap = c.ack(0xFFFFFFFFu);
    ASSERT_TRUE(beforeWrap.ok());
    EXPECT_EQ(beforeWrap->size(), 2u);
    auto acrossWrap = c.ack(1u);  // two more, across the wrap
    ASSERT_TRUE(acrossWrap.ok());
    ASSERT_EQ(acrossWrap->size(), 2u);
    EXPECT_EQ((*acrossWrap)[1].attr("id"), "3");
    EXPECT_TRUE(c.unacked().empty());
    EXPECT_FALSE(c.ack(2u).ok());
    EXPECT_FALSE(c.ack(0xFFFFFFFFu).ok());  // behind the last ack
}

}  // namespace
}  // namespace starling::xep
