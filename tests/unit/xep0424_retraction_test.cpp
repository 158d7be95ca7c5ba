// XEP-0424 Message Retraction on the XEP's examples: the author's retraction empties the message and its
// fallback body is never shown; someone else's, or one of an unknown id, is ignored; the earlier
// (XEP-0422 apply-to) form slixmpp sends; ours goes out in both forms; the deletion survives a reload.
#include "core/xep/xep0424_retraction.h"

#include <gtest/gtest.h>

#include "message_actions_fixture.h"

namespace starling {
namespace {

using test::fixture;

TEST(Xep0424Retraction, ParsesExample4AndTheEarlierApplyToForm) {
    EXPECT_EQ(xep::retractionOf(fixture("xep0424/04.xml")), "wrong-recipient-1");
    EXPECT_EQ(xep::retractionOf(fixture("xep0424/03.xml")), "");
    EXPECT_EQ(xep::retractionOf(test::parseStanza(
                  "<message xmlns='jabber:client'><apply-to xmlns='urn:xmpp:fasten:0' id='old-1'>"
                  "<retract xmlns='urn:xmpp:message-retract:0'/></apply-to></message>")),
              "old-1");
    // Ours: the example's elements, plus the earlier form and the standard fallback text.
    xml::Element ours = xep::retractionMessage("lord@capulet.example", "chat", "retract-message-1", "wrong-recipient-1");
    EXPECT_EQ(xep::retractionOf(ours), "wrong-recipient-1");
    ours.removeChildren(ns::kFasten, "apply-to");
    xml::Element expected = fixture("xep0424/04.xml");
    expected.removeChildren(ns::kClient, "body");
    expected.addText(ns::kClient, "body", xep::kRetractionFallbackBody);
    ours.removeChildren(ns::kClient, "body");
    ours.addText(ns::kClient, "body", xep::kRetractionFallbackBody);
    EXPECT_TRUE(xml::equivalent(ours, expected)) << xml::serialize(ours);
}

class RetractionTest : public test::MessageActionsTest {};

TEST_F(RetractionTest, TheAuthorsRetractionEmptiesTheMessageAndItsFallbackIsNotShown) {
    receive(fixture("xep0424/03.xml"));
    receive(fixture("xep0424/04.xml"), "bob@localhost/other");
    ASSERT_EQ(bob().size(), 1u);
    EXPECT_TRUE(bob()[0].retracted);
    EXPECT_EQ(bob()[0].body, "");
    auto again = reloaded();
    ASSERT_EQ(again.size(), 1u);
    EXPECT_TRUE(again[0].retracted);
    EXPECT_EQ(again[0].body, "");
}

TEST_F(RetractionTest, SomeoneElsesRetractionAndAnUnknownIdAreIgnored) {
    const std::string ours = sendOurs("mine");
    xml::Element r = fixture("xep0424/04.xml");
    r.child(ns::kRetract, "retract")->setAttr("id", ours);
    receive(r);
    xml::Element unknown = fixture("xep0424/04.xml");
    unknown.setAttr("id", "retract-2");
    receive(unknown);  // wrong-recipient-1 was never received
    ASSERT_EQ(bob().size(), 1u);
    EXPECT_FALSE(bob()[0].retracted);
    EXPECT_EQ(bob()[0].body, "mine");
    // Carol cannot retract Bob's message: hers goes to her own chat, where it names nothing.
    receive(fixture("xep0424/03.xml"));
    receive(fixture("xep0424/04.xml"), "carol@localhost/x");
    EXPECT_FALSE(bob()[1].retracted);
    EXPECT_EQ(h->state().conversations.count("carol@localhost") ? h->state().conversations.at("carol@localhost").messages.size() : 0u, 0u);
}

TEST_F(RetractionTest, TheEarlierApplyToFormWorks) {
    receive(fixture("xep0424/03.xml"));
    receive(test::parseStanza("<message xmlns='jabber:client' id='r0'><apply-to xmlns='urn:xmpp:fasten:0' "
                              "id='wrong-recipient-1'><retract xmlns='urn:xmpp:message-retract:0'/></apply-to>"
                              "<fallback xmlns='urn:xmpp:fallback:0'/><body>This person attempted to retract a "
                              "previous message, but it's unsupported by your client.</body></message>"));
    ASSERT_EQ(bob().size(), 1u);
    EXPECT_TRUE(bob()[0].retracted);
}

TEST_F(RetractionTest, OurRetractionGoesOutAndIsFinal) {
    const std::string id = sendOurs("oops");
    ASSERT_TRUE(h->client->retract("bob@localhost", id));
    auto sent = h->sentOne();
    EXPECT_EQ(xep::retractionOf(sent), id);
    ASSERT_NE(sent.child(ns::kFasten, "apply-to"), nullptr);
    EXPECT_EQ(sent.childText(ns::kClient, "body"), xep::kRetractionFallbackBody);
    EXPECT_TRUE(bob()[0].retracted);
    EXPECT_EQ(bob()[0].body, "");
    EXPECT_FALSE(h->client->retract("bob@localhost", id));           // already deleted
    EXPECT_FALSE(h->client->correct("bob@localhost", id, "revived"));  // a deleted message stays deleted
    receive(fixture("xep0424/03.xml"));
    EXPECT_FALSE(h->client->retract("bob@localhost", "wrong-recipient-1"));  // Bob's
    auto again = reloaded();
    ASSERT_EQ(again.size(), 2u);
    EXPECT_TRUE(again[0].retracted);
}

TEST_F(RetractionTest, OurRetractionFromAnotherDeviceAppliesAsACarbon) {
    carbonSent(test::parseStanza("<message xmlns='jabber:client' id='mine1'><body>secret</body></message>"));
    carbonSent(xep::retractionMessage("bob@localhost", "chat", "r1", "mine1"));
    ASSERT_EQ(bob().size(), 1u);
    EXPECT_TRUE(bob()[0].retracted);
}

class RetractionArchiveTest : public test::MessageActionsArchiveTest {};

TEST_F(RetractionArchiveTest, RetractionsFromTheArchiveApplyAndTheirFallbackIsNoMessage) {
    catchUp({[](const std::string& q) {
                 return test::mamWith(q, "A1", "bob@localhost/phone", "user@localhost", "b1", "<body>oops</body>",
                                      "2025-12-31T10:00:00Z");
             },
             [](const std::string& q) {
                 return test::mamWith(q, "A2", "bob@localhost/phone", "user@localhost", "b2",
                                      "<retract xmlns='urn:xmpp:message-retract:1' id='b1'/><fallback "
                                      "xmlns='urn:xmpp:fallback:0' for='urn:xmpp:message-retract:1'/><body>/me "
                                      "retracted a previous message, but it's unsupported by your client.</body>",
                                      "2025-12-31T10:00:05Z");
             }});
    ASSERT_EQ(bob().size(), 1u);
    EXPECT_TRUE(bob()[0].retracted);
    EXPECT_EQ(bob()[0].body, "");
}

}  // namespace
}  // namespace starling
