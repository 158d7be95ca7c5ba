// XEP-0461 Message Replies on the XEP's examples: the reply's reference, the XEP-0428 fallback quote cut
// (code points, a bad range leaves the body whole), ours going out with a quote, and a reload.
#include "core/xep/xep0461_replies.h"

#include <gtest/gtest.h>

#include "core/xep/xep0428_fallback.h"
#include "message_actions_fixture.h"

namespace starling {
namespace {

using test::fixture;

TEST(Xep0461Replies, ParsesExamples4And5AndCutsTheFallback) {
    auto r = xep::parseReply(fixture("xep0461/04.xml"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->id, "message-id1");
    EXPECT_EQ(r->to, "anna@example.com/tablet");
    const xml::Element five = fixture("xep0461/05.xml");
    auto fb = xep::parseFallback(five, ns::kReply);
    EXPECT_TRUE(fb.present);
    EXPECT_EQ(xep::stripFallback(five.childText(ns::kClient, "body"), fb), "Great idea!");
    EXPECT_FALSE(xep::parseFallback(five, ns::kRetract).present);
}

TEST(Xep0461Replies, FallbackRangesCountCodePointsAndBadOnesAreNotCut) {
    xep::Fallback fb;
    fb.present = true;
    fb.ranges = {{0, 4}};
    EXPECT_EQ(xep::stripFallback("> ё\nда", fb), "да");
    fb.ranges = {{0, 40}};  // past the end: the body stays whole
    EXPECT_EQ(xep::stripFallback("short", fb), "short");
    fb.ranges = {{3, 1}};
    EXPECT_EQ(xep::stripFallback("backwards", fb), "backwards");
    EXPECT_EQ(xep::replyQuote("We should bake a cake"), "> We should bake a cake\n");
    EXPECT_EQ(xep::replyQuote("a\nb\nc\nd"), "> a\n> b\n> c\xE2\x80\xA6\n");
    EXPECT_LE(xep::replyQuote(std::string(5000, 'x')).size(), xep::kMaxQuoteBytes + 8);
}

class RepliesTest : public test::MessageActionsTest {};

TEST_F(RepliesTest, AReplyKeepsItsReferenceAndLosesItsQuote) {
    receive(fixture("xep0461/03.xml"));  // Bob's "We should bake a cake" (id message-id1)
    receive(fixture("xep0461/05.xml"));
    ASSERT_EQ(bob().size(), 2u);
    EXPECT_EQ(bob()[1].body, "Great idea!");
    EXPECT_EQ(bob()[1].replyTo, "message-id1");
    // A quote of words never said changes nothing: the reply names the message, the UI shows that one.
    xml::Element lie = fixture("xep0461/05.xml");
    lie.setAttr("id", "message-id4");
    lie.child(ns::kReply, "reply")->setAttr("id", "never-said");
    receive(lie);
    EXPECT_EQ(bob()[2].body, "Great idea!");
    EXPECT_EQ(bob()[2].replyTo, "never-said");
    auto again = reloaded();
    ASSERT_EQ(again.size(), 3u);
    EXPECT_EQ(again[1].replyTo, "message-id1");
    EXPECT_EQ(again[1].body, "Great idea!");
}

TEST_F(RepliesTest, OurReplyGoesOutWithReplyAndAQuoteOtherClientsShow) {
    receive(fixture("xep0461/03.xml"));
    ASSERT_TRUE(h->client->reply("bob@localhost", "message-id1", "Great idea!"));
    auto sent = h->sentOne();
    EXPECT_EQ(sent.childText(ns::kClient, "body"), "> We should bake a cake\nGreat idea!");
    auto r = xep::parseReply(sent);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->id, "message-id1");
    EXPECT_EQ(r->to, test::kBobPhone);
    auto fb = xep::parseFallback(sent, ns::kReply);
    ASSERT_EQ(fb.ranges.size(), 1u);
    EXPECT_EQ(fb.ranges[0], (std::pair<std::size_t, std::size_t>{0, 24}));
    ASSERT_EQ(bob().size(), 2u);
    EXPECT_EQ(bob()[1].body, "Great idea!");
    EXPECT_EQ(bob()[1].replyTo, "message-id1");
    EXPECT_FALSE(h->client->reply("bob@localhost", "never-said", "?"));
}

}  // namespace
}  // namespace starling
