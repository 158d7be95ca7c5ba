// XEP-0280 Message Carbons on the XEP's own examples: enabling, the origin rule (outer from = own bare
// JID), one level of forwarding, no groupchat, private messages; and where carbons land in the chats.
#include "core/xep/xep0280_carbons.h"

#include <gtest/gtest.h>

#include "core/im/messages.h"
#include "xep_fixture.h"

namespace starling::xep {
namespace {

using test::fixture;
using test::parseStanza;

constexpr const char* kRomeo = "romeo@montague.example";

TEST(Xep0280Carbons, EnableIqIsExample3) {
    xml::Element iq = carbonsEnableIq();
    iq.setAttr("id", "enable1");
    xml::Element expected = fixture("xep0280/03.xml");
    expected.removeAttr("from");  // the client leaves from to the server
    EXPECT_TRUE(xml::equivalent(iq, expected)) << xml::serialize(iq, ns::kClient);
}

TEST(Xep0280Carbons, ReceivedCarbonFromOwnBareJidIsAccepted) {
    const xml::Element m = fixture("xep0280/10.xml");
    ASSERT_TRUE(isCarbon(m));
    auto c = parseCarbon(m, kRomeo);
    ASSERT_TRUE(c.ok()) << c.error().code;
    EXPECT_EQ(c->direction, CarbonDirection::Received);
    EXPECT_EQ(c->message->attr("from"), "juliet@capulet.example/balcony");
    EXPECT_EQ(c->message->childText(ns::kClient, "body"),
              "What man art thou that, thus bescreen'd in night, so stumblest on my counsel?");
}

TEST(Xep0280Carbons, SentCarbonIsAccepted) {
    const xml::Element m = fixture("xep0280/13.xml");  // the carbon points into it
    auto c = parseCarbon(m, kRomeo);
    ASSERT_TRUE(c.ok()) << c.error().code;
    EXPECT_EQ(c->direction, CarbonDirection::Sent);
    EXPECT_EQ(c->message->attr("to"), "juliet@capulet.example/balcony");
}

TEST(Xep0280Carbons, ImpersonationOfExample11IsRefused) {
    auto c = parseCarbon(fixture("xep0280/11.xml"), kRomeo);
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.error().code, "forged");
}

TEST(Xep0280Carbons, OnlyTheBareJidMayCarry) {
    // From one of our own resources, or no from at all: not our server speaking.
    for (const char* from : {" from='romeo@montague.example/home'", "", " from='montague.example'"}) {
        auto m = parseStanza(std::string("<message xmlns='jabber:client'") + from +
                             " type='chat'><received xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>"
                             "<message xmlns='jabber:client' from='juliet@capulet.example/b' type='chat'><body>x</body>"
                             "</message></forwarded></received></message>");
        auto c = parseCarbon(m, kRomeo);
        ASSERT_FALSE(c.ok()) << from;
        EXPECT_EQ(c.error().code, "forged") << from;
    }
    // Case differences in the JID are the same JID.
    auto m = parseStanza("<message xmlns='jabber:client' from='Romeo@Montague.Example'><received "
                         "xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'><message xmlns='jabber:client' "
                         "from='juliet@capulet.example/b' type='chat'><body>x</body></message></forwarded></received></message>");
    EXPECT_TRUE(parseCarbon(m, kRomeo).ok());
}

TEST(Xep0280Carbons, OneLevelOfForwardingOnly) {
    const std::string inner10 = test::fixtureText("xep0280/10.xml");
    // Example 10 wrapped once more: a carbon of a carbon.
    auto nested = parseStanza("<message xmlns='jabber:client' from='romeo@montague.example' type='chat'>"
                              "<received xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>" +
                              inner10 + "</forwarded></received></message>");
    auto c = parseCarbon(nested, kRomeo);
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.error().code, "nested");
    // Two forwarded messages, or two wrappers: malformed.
    auto two = parseStanza("<message xmlns='jabber:client' from='romeo@montague.example'><sent xmlns='urn:xmpp:carbons:2'>"
                           "<forwarded xmlns='urn:xmpp:forward:0'><message xmlns='jabber:client' to='a@b'/>"
                           "<message xmlns='jabber:client' to='c@d'/></forwarded></sent></message>");
    EXPECT_EQ(parseCarbon(two, kRomeo).error().code, "malformed");
    auto both = parseStanza("<message xmlns='jabber:client' from='romeo@montague.example'>"
                            "<sent xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'><message "
                            "xmlns='jabber:client' to='a@b'/></forwarded></sent><received xmlns='urn:xmpp:carbons:2'>"
                            "<forwarded xmlns='urn:xmpp:forward:0'><message xmlns='jabber:client' to='a@b'/></forwarded>"
                            "</received></message>");
    EXPECT_EQ(parseCarbon(both, kRomeo).error().code, "malformed");
}

TEST(Xep0280Carbons, GroupchatIsNeverACarbon) {
    auto m = parseStanza("<message xmlns='jabber:client' from='romeo@montague.example'><received xmlns='urn:xmpp:carbons:2'>"
                         "<forwarded xmlns='urn:xmpp:forward:0'><message xmlns='jabber:client' type='groupchat' "
                         "from='room@conf.example/nick'><body>x</body></message></forwarded></received></message>");
    EXPECT_EQ(parseCarbon(m, kRomeo).error().code, "groupchat");
}

TEST(Xep0280Carbons, PrivateMessageMatchesExample14) {
    const xml::Element ex = fixture("xep0280/14.xml");
    // Build the same message as example 14 from its parts, then opt out of carbons.
    xml::Element built(ns::kClient, "message");
    for (const auto& a : ex.attrs()) built.setAttr(a.name, a.value);
    built.addText(ns::kClient, "body", ex.childText(ns::kClient, "body"));
    built.addText(ns::kClient, "thread", ex.childText(ns::kClient, "thread"));
    addPrivate(built);
    addPrivate(built);  // idempotent
    EXPECT_TRUE(xml::equivalent(built, ex)) << xml::serialize(built, ns::kClient);
}

// Where carbons land: sent ones as outgoing in the chat with `to`, received ones as incoming.
TEST(Xep0280Carbons, PipelinePutsCarbonsInTheRightChat) {
    model::State state;
    im::MessagePipeline pipeline;
    auto r = pipeline.process(state, fixture("xep0280/13.xml"), kRomeo, 1000);
    ASSERT_EQ(r.outcome, im::IncomingOutcome::Stored) << r.reason;
    EXPECT_EQ(r.source, im::Source::CarbonSent);
    EXPECT_EQ(r.peer, "juliet@capulet.example");
    EXPECT_EQ(r.message.direction, model::Direction::Outgoing);
    EXPECT_EQ(r.message.status, model::MessageStatus::Sent);
    EXPECT_EQ(state.conversations.at("juliet@capulet.example").unread, 0);

    r = pipeline.process(state, fixture("xep0280/10.xml"), kRomeo, 2000);
    ASSERT_EQ(r.outcome, im::IncomingOutcome::Stored) << r.reason;
    EXPECT_EQ(r.peer, "juliet@capulet.example");
    EXPECT_EQ(r.message.direction, model::Direction::Incoming);
    EXPECT_TRUE(r.receiptTo.empty());  // the device it was sent to answers, not us
    EXPECT_EQ(state.conversations.at("juliet@capulet.example").messages.size(), 2u);
    EXPECT_EQ(state.conversations.at("juliet@capulet.example").unread, 1);

    r = pipeline.process(state, fixture("xep0280/11.xml"), kRomeo, 3000);  // Tybalt's forgery
    EXPECT_EQ(r.outcome, im::IncomingOutcome::Dropped);
    EXPECT_EQ(state.conversations.at("juliet@capulet.example").messages.size(), 2u);
    EXPECT_EQ(state.conversations.count("tybalt@capulet.example"), 0u);
}

TEST(Xep0280Carbons, PipelineRefusesACarbonAboutSomeoneElse) {
    // A "sent" carbon whose inner sender is not our account.
    model::State state;
    im::MessagePipeline pipeline;
    auto m = parseStanza("<message xmlns='jabber:client' from='romeo@montague.example'><sent xmlns='urn:xmpp:carbons:2'>"
                         "<forwarded xmlns='urn:xmpp:forward:0'><message xmlns='jabber:client' type='chat' "
                         "from='juliet@capulet.example/b' to='nurse@capulet.example'><body>x</body></message>"
                         "</forwarded></sent></message>");
    auto r = pipeline.process(state, m, kRomeo, 1);
    EXPECT_EQ(r.outcome, im::IncomingOutcome::Dropped);
    EXPECT_TRUE(state.conversations.empty());
}

}  // namespace
}  // namespace starling::xep
