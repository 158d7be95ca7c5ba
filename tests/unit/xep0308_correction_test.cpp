// XEP-0308 Last Message Correction on the XEP's examples: only the author's correction replaces the
// text (the first text kept), chains, a correction naming itself, an older one arriving late, ours going
// out, a carbon of ours from another device, and the edit read again after a reload.
#include "core/xep/xep0308_correction.h"

#include <gtest/gtest.h>

#include "message_actions_fixture.h"

namespace starling {
namespace {

using test::fixture;

TEST(Xep0308Correction, ParsesExample4AndWritesItsReplace) {
    EXPECT_EQ(xep::correctionOf(fixture("xep0308/04.xml")), "bad1");
    EXPECT_EQ(xep::correctionOf(fixture("xep0308/03.xml")), "");
    xml::Element ours(ns::kClient, "message");
    ours.setAttr("to", "juliet@capulet.net/balcony").setAttr("id", "good1");
    ours.addText(ns::kClient, "body", "But soft, what light through yonder window breaks?");
    xep::addCorrection(ours, "bad1");
    EXPECT_TRUE(xml::equivalent(ours, fixture("xep0308/04.xml"))) << xml::serialize(ours);
}

class CorrectionTest : public test::MessageActionsTest {};

TEST_F(CorrectionTest, TheAuthorsCorrectionReplacesTheTextAndKeepsTheOriginal) {
    receive(fixture("xep0308/03.xml"));
    receive(fixture("xep0308/04.xml"), "bob@localhost/tablet");  // another device of Bob's: same bare JID
    ASSERT_EQ(bob().size(), 1u);
    EXPECT_EQ(bob()[0].body, "But soft, what light through yonder window breaks?");
    EXPECT_TRUE(bob()[0].edited);
    EXPECT_EQ(bob()[0].originalBody, "But soft, what light through yonder airlock breaks?");
    EXPECT_EQ(h->state().conversations.at("bob@localhost").unread, 1);  // the correction is no new message
    auto again = reloaded();
    ASSERT_EQ(again.size(), 1u);
    EXPECT_EQ(again[0].body, "But soft, what light through yonder window breaks?");
    EXPECT_TRUE(again[0].edited);
    EXPECT_EQ(again[0].originalBody, "But soft, what light through yonder airlock breaks?");
}

TEST_F(CorrectionTest, SomeoneElsesCorrectionOfOurMessageIsShownAsTheMessageItIs) {
    const std::string ours = sendOurs("my words");
    xml::Element c = fixture("xep0308/04.xml");
    c.child(ns::kCorrection, "replace")->setAttr("id", ours);
    receive(c);
    ASSERT_EQ(bob().size(), 2u);
    EXPECT_EQ(bob()[0].body, "my words");
    EXPECT_FALSE(bob()[0].edited);
    EXPECT_EQ(bob()[1].body, "But soft, what light through yonder window breaks?");
    EXPECT_EQ(bob()[1].direction, model::Direction::Incoming);
}

TEST_F(CorrectionTest, ACorrectionNamingItselfOrAnUnknownMessageIsAMessage) {
    receive(fixture("xep0308/03.xml"));
    xml::Element self = fixture("xep0308/04.xml");
    self.child(ns::kCorrection, "replace")->setAttr("id", "good1");
    receive(self);
    xml::Element unknown = fixture("xep0308/04.xml");
    unknown.setAttr("id", "good2");
    unknown.child(ns::kCorrection, "replace")->setAttr("id", "never-sent");
    receive(unknown);
    ASSERT_EQ(bob().size(), 3u);
    EXPECT_FALSE(bob()[0].edited);
    EXPECT_EQ(bob()[0].body, "But soft, what light through yonder airlock breaks?");
}

TEST_F(CorrectionTest, AChainNamingThePreviousCorrectionStillEditsTheOriginal) {
    receive(fixture("xep0308/03.xml"));
    receive(fixture("xep0308/04.xml"));
    receive(test::parseStanza("<message xmlns='jabber:client' id='better1'><body>third</body>"
                              "<replace xmlns='urn:xmpp:message-correct:0' id='good1'/></message>"));
    ASSERT_EQ(bob().size(), 1u);
    EXPECT_EQ(bob()[0].body, "third");
    EXPECT_EQ(bob()[0].originalBody, "But soft, what light through yonder airlock breaks?");
}

TEST_F(CorrectionTest, AnOlderCorrectionArrivingLaterChangesNothing) {
    receive(fixture("xep0308/03.xml"));
    receive(test::parseStanza("<message xmlns='jabber:client' id='c2'><body>newest</body>"
                              "<replace xmlns='urn:xmpp:message-correct:0' id='bad1'/></message>"));
    receive(test::parseStanza("<message xmlns='jabber:client' id='c1'><body>older</body>"
                              "<replace xmlns='urn:xmpp:message-correct:0' id='bad1'/>"
                              "<delay xmlns='urn:xmpp:delay' stamp='2020-01-01T00:00:00Z'/></message>"));
    ASSERT_EQ(bob().size(), 1u);
    EXPECT_EQ(bob()[0].body, "newest");
}

TEST_F(CorrectionTest, OurCorrectionGoesOutWithReplaceAndShowsEdited) {
    const std::string id = sendOurs("teh typo");
    ASSERT_TRUE(h->client->correct("bob@localhost", id, "the typo"));
    auto sent = h->sentOne();
    EXPECT_EQ(sent.childText(ns::kClient, "body"), "the typo");
    ASSERT_NE(sent.child(ns::kCorrection, "replace"), nullptr);
    EXPECT_EQ(sent.child(ns::kCorrection, "replace")->attr("id"), id);
    EXPECT_NE(sent.attr("id"), id);
    ASSERT_EQ(bob().size(), 1u);
    EXPECT_EQ(bob()[0].body, "the typo");
    EXPECT_TRUE(bob()[0].edited);
    EXPECT_EQ(bob()[0].originalBody, "teh typo");
    EXPECT_FALSE(h->client->correct("bob@localhost", "no-such-id", "x"));
    receive(fixture("xep0308/03.xml"));
    EXPECT_FALSE(h->client->correct("bob@localhost", "bad1", "not mine to edit"));
    auto again = reloaded();
    ASSERT_EQ(again.size(), 2u);
    EXPECT_EQ(again[0].body, "the typo");
    EXPECT_TRUE(again[0].edited);
}

TEST_F(CorrectionTest, OurCorrectionFromAnotherDeviceAppliesAsACarbon) {
    xml::Element original = test::parseStanza("<message xmlns='jabber:client' id='mine1'><body>helo</body>"
                                              "<origin-id xmlns='urn:xmpp:sid:0' id='mine1'/></message>");
    carbonSent(original);
    carbonSent(test::parseStanza("<message xmlns='jabber:client' id='mine2'><body>hello</body>"
                                 "<replace xmlns='urn:xmpp:message-correct:0' id='mine1'/></message>"));
    ASSERT_EQ(bob().size(), 1u);
    EXPECT_EQ(bob()[0].direction, model::Direction::Outgoing);
    EXPECT_EQ(bob()[0].body, "hello");
    EXPECT_TRUE(bob()[0].edited);
}

class CorrectionArchiveTest : public test::MessageActionsArchiveTest {};

// A new device's catch-up: Bob's message and his correction, then ours and our other device's correction.
TEST_F(CorrectionArchiveTest, CorrectionsFromTheArchiveApply) {
    catchUp({[](const std::string& q) {
                 return test::mamWith(q, "A1", "bob@localhost/phone", "user@localhost", "b1", "<body>helo</body>",
                                      "2025-12-31T10:00:00Z");
             },
             [](const std::string& q) {
                 return test::mamWith(q, "A2", "bob@localhost/phone", "user@localhost", "b2",
                                      "<body>hello</body><replace xmlns='urn:xmpp:message-correct:0' id='b1'/>",
                                      "2025-12-31T10:00:05Z");
             },
             [](const std::string& q) {
                 return test::mamWith(q, "A3", "user@localhost/laptop", "bob@localhost", "u1", "<body>hi bbo</body>",
                                      "2025-12-31T10:01:00Z");
             },
             [](const std::string& q) {
                 return test::mamWith(q, "A4", "user@localhost/laptop", "bob@localhost", "u2",
                                      "<body>hi bob</body><replace xmlns='urn:xmpp:message-correct:0' id='u1'/>",
                                      "2025-12-31T10:01:05Z");
             }});
    ASSERT_EQ(bob().size(), 2u);
    EXPECT_EQ(bob()[0].body, "hello");
    EXPECT_TRUE(bob()[0].edited);
    EXPECT_EQ(bob()[1].body, "hi bob");
    EXPECT_EQ(bob()[1].direction, model::Direction::Outgoing);
    EXPECT_TRUE(bob()[1].edited);
}

}  // namespace
}  // namespace starling
