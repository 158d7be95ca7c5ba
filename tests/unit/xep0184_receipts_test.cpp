// XEP-0184 Message Delivery Receipts on the XEP's examples: the request, the receipt, and a receipt
// marking our outgoing message Delivered (never an incoming one, never twice).
#include "core/xep/xep0184_receipts.h"

#include <gtest/gtest.h>

#include "core/im/messages.h"
#include "xep_fixture.h"

namespace starling::xep {
namespace {

using test::fixture;

TEST(Xep0184Receipts, RequestAndReceiptOfExamples3And4) {
    const xml::Element request = fixture("xep0184/03.xml");
    EXPECT_TRUE(receiptRequested(request));
    EXPECT_EQ(receiptFor(request), "");
    const xml::Element receipt = fixture("xep0184/04.xml");
    EXPECT_FALSE(receiptRequested(receipt));
    EXPECT_EQ(receiptFor(receipt), "richard2-4.1.247");
}

TEST(Xep0184Receipts, ReceiptWeSendMatchesExample4) {
    xml::Element ours = receiptMessage("northumberland@shakespeare.lit/westminster", "richard2-4.1.247", "", "bi29sg183b4v");
    ours.removeChildren(ns::kHints, "store");
    xml::Element expected = fixture("xep0184/04.xml");
    expected.removeAttr("from");
    EXPECT_TRUE(xml::equivalent(ours, expected)) << xml::serialize(ours, ns::kClient);
}

TEST(Xep0184Receipts, OutgoingMessagesRequestOne) {
    const xml::Element m = im::chatMessage("bob@x", "u1", "hi");
    EXPECT_TRUE(receiptRequested(m));
}

TEST(Xep0184Receipts, PipelineMarksOurMessageDeliveredAndAsksToAnswer) {
    model::State state;
    im::MessagePipeline pipeline;
    constexpr const char* kOwn = "northumberland@shakespeare.lit";
    model::Message ours;
    ours.id = "richard2-4.1.247";
    ours.direction = model::Direction::Outgoing;
    ours.status = model::MessageStatus::Sent;
    ours.from = "northumberland@shakespeare.lit/westminster";
    state.conversations["kingrichard@royalty.england.lit"].messages.push_back(ours);
    auto r = pipeline.process(state, fixture("xep0184/04.xml"), kOwn, 1);
    ASSERT_EQ(r.outcome, im::IncomingOutcome::Updated) << r.reason;
    ASSERT_EQ(r.updates.size(), 1u);
    EXPECT_EQ(r.updates[0].status, model::MessageStatus::Delivered);
    EXPECT_EQ(state.conversations["kingrichard@royalty.england.lit"].messages[0].status, model::MessageStatus::Delivered);
    // Again: nothing changes.
    r = pipeline.process(state, fixture("xep0184/04.xml"), kOwn, 2);
    EXPECT_TRUE(r.updates.empty());
    EXPECT_EQ(r.outcome, im::IncomingOutcome::Dropped);

    // Example 3 seen from the king's side: a message asking for a receipt.
    model::State king;
    r = pipeline.process(king, fixture("xep0184/03.xml"), "kingrichard@royalty.england.lit", 3);
    ASSERT_EQ(r.outcome, im::IncomingOutcome::Stored) << r.reason;
    EXPECT_EQ(r.receiptTo, "northumberland@shakespeare.lit/westminster");
    EXPECT_EQ(r.receiptId, "richard2-4.1.247");
}

TEST(Xep0184Receipts, AReceiptNeverTouchesIncomingMessagesOrOtherChats) {
    model::State state;
    im::MessagePipeline pipeline;
    model::Message theirs;
    theirs.id = "richard2-4.1.247";
    theirs.direction = model::Direction::Incoming;
    state.conversations["kingrichard@royalty.england.lit"].messages.push_back(theirs);
    model::Message other;
    other.id = "richard2-4.1.247";
    other.direction = model::Direction::Outgoing;
    other.status = model::MessageStatus::Sent;
    state.conversations["mallory@evil.lit"].messages.push_back(other);
    auto r = pipeline.process(state, fixture("xep0184/04.xml"), "northumberland@shakespeare.lit", 1);
    EXPECT_TRUE(r.updates.empty());
    EXPECT_EQ(state.conversations["mallory@evil.lit"].messages[0].status, model::MessageStatus::Sent);
}

}  // namespace
}  // namespace starling::xep
