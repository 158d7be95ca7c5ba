// XEP-0444 Message Reactions on the XEP's examples: a reaction, the sender's new set replacing the old
// one, removing all; reactions of both sides; to an unknown message; a flood; ours going out; a reload.
#include "core/xep/xep0444_reactions.h"

#include <gtest/gtest.h>

#include "message_actions_fixture.h"

namespace starling {
namespace {

using test::fixture;
using Who = std::set<std::string>;

TEST(Xep0444Reactions, ParsesExamples4To6AndWritesExample5) {
    auto one = xep::parseReactions(fixture("xep0444/04.xml"));
    ASSERT_TRUE(one);
    EXPECT_EQ(one->id, "744f6e18-a57a-11e9-a656-4889e7820c76");
    EXPECT_EQ(one->emoji, std::vector<std::string>{"👋"});
    auto two = xep::parseReactions(fixture("xep0444/05.xml"));
    ASSERT_TRUE(two);
    EXPECT_EQ(two->emoji, (std::vector<std::string>{"👋", "🐢"}));
    auto none = xep::parseReactions(fixture("xep0444/06.xml"));
    ASSERT_TRUE(none);
    EXPECT_TRUE(none->emoji.empty());
    EXPECT_FALSE(xep::parseReactions(fixture("xep0444/03.xml")));
    xml::Element ours = xep::reactionsMessage("romeo@capulet.net/orchard", "chat", "96d73204-a57a-11e9-88b8-4889e7820c76",
                                              "744f6e18-a57a-11e9-a656-4889e7820c76", {"👋", "🐢"});
    EXPECT_TRUE(xml::equivalent(ours, fixture("xep0444/05.xml"))) << xml::serialize(ours);
}

TEST(Xep0444Reactions, AFloodIsCutAndBadReactionsAreRefused) {
    std::string flood = "<message xmlns='jabber:client'><reactions xmlns='urn:xmpp:reactions:0' id='m'>";
    for (int i = 0; i < 5000; ++i) flood += "<reaction>" + std::to_string(i) + "</reaction>";
    flood += "<reaction> \t</reaction></reactions></message>";
    auto r = xep::parseReactions(test::parseStanza(flood));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->emoji.size(), xep::kMaxReactionsPerSender);
    EXPECT_TRUE(r->truncated);
    EXPECT_EQ(xep::normalizedReaction(" 👍 "), "👍");
    EXPECT_EQ(xep::normalizedReaction(std::string(100, 'x')), "");
    EXPECT_EQ(xep::normalizedReaction("a\x01"), "");
}

class ReactionsTest : public test::MessageActionsTest {
protected:
    const std::map<std::string, std::set<std::string>>& reactionsOf(std::size_t i) { return bob()[i].reactions; }
};

TEST_F(ReactionsTest, ASendersNewSetReplacesHisOldOne) {
    receive(fixture("xep0444/03.xml"));
    receive(fixture("xep0444/04.xml"));
    ASSERT_EQ(bob().size(), 1u);
    EXPECT_EQ(reactionsOf(0).at("👋"), Who{"bob@localhost"});
    receive(fixture("xep0444/05.xml"));
    EXPECT_EQ(reactionsOf(0).size(), 2u);
    EXPECT_EQ(reactionsOf(0).at("🐢"), Who{"bob@localhost"});
    ASSERT_TRUE(h->client->react("bob@localhost", "744f6e18-a57a-11e9-a656-4889e7820c76", {"👋"}));
    auto sent = h->sentOne();
    auto ours = xep::parseReactions(sent);
    ASSERT_TRUE(ours);
    EXPECT_EQ(ours->id, "744f6e18-a57a-11e9-a656-4889e7820c76");
    EXPECT_EQ(ours->emoji, std::vector<std::string>{"👋"});
    EXPECT_EQ(sent.child(ns::kOmemoLegacy, "encrypted"), nullptr);
    EXPECT_EQ(reactionsOf(0).at("👋"), (Who{"bob@localhost", "user@localhost"}));
    receive(fixture("xep0444/06.xml"));  // Bob removes his
    EXPECT_EQ(reactionsOf(0).size(), 1u);
    EXPECT_EQ(reactionsOf(0).at("👋"), Who{"user@localhost"});
    EXPECT_EQ(bob().size(), 1u);
    EXPECT_EQ(h->state().conversations.at("bob@localhost").unread, 1);
    auto again = reloaded();
    ASSERT_EQ(again.size(), 1u);
    EXPECT_EQ(again[0].reactions.size(), 1u);
    EXPECT_EQ(again[0].reactions.at("👋"), Who{"user@localhost"});
}

TEST_F(ReactionsTest, AReactionToAnUnknownMessageIsIgnoredAndAFloodIsBounded) {
    receive(fixture("xep0444/04.xml"));
    EXPECT_EQ(h->state().conversations.count("bob@localhost") ? bob().size() : 0u, 0u);
    receive(fixture("xep0444/03.xml"));
    std::string flood = "<message xmlns='jabber:client' id='f1'><reactions xmlns='urn:xmpp:reactions:0' "
                        "id='744f6e18-a57a-11e9-a656-4889e7820c76'>";
    for (int i = 0; i < 3000; ++i) flood += "<reaction>e" + std::to_string(i) + "</reaction>";
    flood += "</reactions></message>";
    receive(test::parseStanza(flood));
    ASSERT_EQ(bob().size(), 1u);
    EXPECT_EQ(reactionsOf(0).size(), xep::kMaxReactionsPerSender);
}

TEST_F(ReactionsTest, OurReactionFromAnotherDeviceAppliesAsACarbon) {
    receive(fixture("xep0444/03.xml"));
    xml::Element r = fixture("xep0444/04.xml");
    carbonSent(r);
    EXPECT_EQ(reactionsOf(0).at("👋"), Who{"user@localhost"});
}

class ReactionsArchiveTest : public test::MessageActionsArchiveTest {};

TEST_F(ReactionsArchiveTest, ReactionsFromTheArchiveApply) {
    catchUp({[](const std::string& q) {
                 return test::mamWith(q, "A1", "user@localhost/laptop", "bob@localhost", "u1", "<body>cake?</body>",
                                      "2025-12-31T10:00:00Z");
             },
             [](const std::string& q) {
                 return test::mamWith(q, "A2", "bob@localhost/phone", "user@localhost", "b2",
                                      "<reactions xmlns='urn:xmpp:reactions:0' id='u1'><reaction>🎂</reaction>"
                                      "</reactions>",
                                      "2025-12-31T10:00:05Z");
             }});
    ASSERT_EQ(bob().size(), 1u);
    EXPECT_EQ(bob()[0].reactions.at("🎂"), Who{"bob@localhost"});
}

}  // namespace
}  // namespace starling
