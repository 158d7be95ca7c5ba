// XEP-0333 Displayed Markers on the XEP's examples: markable messages, the marker, and a marker that
// marks the message and every earlier outgoing one Displayed.
#include "core/xep/xep0333_chat_markers.h"

#include <gtest/gtest.h>

#include "core/im/messages.h"
#include "xep_fixture.h"

namespace starling::xep {
namespace {

using test::fixture;

TEST(Xep0333ChatMarkers, MarkableAndDisplayedOfExamples3And4) {
    EXPECT_TRUE(isMarkable(fixture("xep0333/03.xml")));
    EXPECT_EQ(displayedMarkerFor(fixture("xep0333/03.xml")), "");
    EXPECT_EQ(displayedMarkerFor(fixture("xep0333/04.xml")), "the-msg-1");
    EXPECT_TRUE(isMarkable(im::chatMessage("bob@x", "u1", "hi")));
}

TEST(Xep0333ChatMarkers, MarkerWeSendMatchesExample4) {
    xml::Element ours = displayedMessage("romeo@montegue.lit", "the-msg-1", "", "");
    ours.removeAttr("id");
    ours.removeChildren(ns::kHints, "store");
    xml::Element expected = fixture("xep0333/04.xml");
    expected.removeAttr("from");
    EXPECT_TRUE(xml::equivalent(ours, expected)) << xml::serialize(ours, ns::kClient);
}

TEST(Xep0333ChatMarkers, DisplayedMarksThatAndEveryEarlierOutgoingMessage) {
    model::State state;
    auto& conv = state.conversations["juliet@capulet.let"];
    const char* ids[] = {"m0", "the-msg-1", "m2"};
    for (int i = 0; i < 3; ++i) {
        model::Message m;
        m.id = ids[i];
        m.direction = model::Direction::Outgoing;
        m.status = i == 0 ? model::MessageStatus::Delivered : model::MessageStatus::Sent;
        m.timestampMs = i;
        conv.messages.push_back(m);
    }
    model::Message theirs;
    theirs.id = "their-1";
    theirs.timestampMs = 1;
    conv.messages.insert(conv.messages.begin() + 1, theirs);
    im::MessagePipeline pipeline;
    auto r = pipeline.process(state, fixture("xep0333/04.xml"), "romeo@montegue.lit", 10);
    ASSERT_EQ(r.outcome, im::IncomingOutcome::Updated) << r.reason;
    EXPECT_EQ(r.updates.size(), 2u);
    const auto& list = state.conversations["juliet@capulet.let"].messages;
    EXPECT_EQ(list[0].status, model::MessageStatus::Displayed);
    EXPECT_EQ(list[1].status, model::MessageStatus::Received);  // theirs is untouched
    EXPECT_EQ(list[2].status, model::MessageStatus::Displayed);
    EXPECT_EQ(list[3].status, model::MessageStatus::Sent);      // later than the marked one
}

// Found by the blocking e2e test: a message that bounced (the contact blocked us) stayed Failed until his
// marker for a later one, after he unblocked us, showed it as read. A marker reads what reached him: the
// failed ones before the marked message stay failed (the marked one itself did arrive).
TEST(Xep0333ChatMarkers, EarlierFailedMessagesStayFailed) {
    model::State state;
    auto& conv = state.conversations["juliet@capulet.let"];
    const char* ids[] = {"bounced", "the-msg-1"};
    for (int i = 0; i < 2; ++i) {
        model::Message m;
        m.id = ids[i];
        m.direction = model::Direction::Outgoing;
        m.status = model::MessageStatus::Failed;
        m.error = "service-unavailable";
        m.timestampMs = i;
        conv.messages.push_back(m);
    }
    im::MessagePipeline pipeline;
    auto r = pipeline.process(state, fixture("xep0333/04.xml"), "romeo@montegue.lit", 10);
    ASSERT_EQ(r.outcome, im::IncomingOutcome::Updated) << r.reason;
    const auto& list = state.conversations["juliet@capulet.let"].messages;
    EXPECT_EQ(list[0].status, model::MessageStatus::Failed);
    EXPECT_EQ(list[0].error, "service-unavailable");
    EXPECT_EQ(list[1].status, model::MessageStatus::Displayed);
    EXPECT_EQ(list[1].error, "");
}

TEST(Xep0333ChatMarkers, OurOwnMarkerFromAnotherDeviceClearsUnread) {
    model::State state;
    im::MessagePipeline pipeline;
    state.conversations["juliet@capulet.let"].unread = 3;
    auto carbon = test::parseStanza(
        "<message xmlns='jabber:client' from='romeo@montegue.lit'><sent xmlns='urn:xmpp:carbons:2'>"
        "<forwarded xmlns='urn:xmpp:forward:0'><message xmlns='jabber:client' from='romeo@montegue.lit/phone' "
        "to='juliet@capulet.let' type='chat'><displayed xmlns='urn:xmpp:chat-markers:0' id='x'/></message>"
        "</forwarded></sent></message>");
    auto r = pipeline.process(state, carbon, "romeo@montegue.lit", 1);
    EXPECT_EQ(r.outcome, im::IncomingOutcome::Updated) << r.reason;
    EXPECT_EQ(state.conversations["juliet@capulet.let"].unread, 0);
}

}  // namespace
}  // namespace starling::xep
