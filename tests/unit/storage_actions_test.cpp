// Message actions in the history files (storage/formats.h): records written before them read as messages
// without actions; "msg" records carry them; "act" updates (an "upd" with the action state) apply in file
// order, also to a message of an older segment; an older reader's view of an "act" is a status update.
#include <gtest/gtest.h>

#include "core/storage/formats.h"
#include "core/storage/history_store.h"
#include "core/storage/store.h"
#include "client_test_harness.h"
#include "support/fake_device.h"

namespace starling::storage {
namespace {

TEST(StorageActions, RecordsWrittenBeforeActionsReadAsMessagesWithoutThem) {
    // Verbatim records of the format before this change.
    const std::string old =
        R"({"t":"msg","id":"a1","from":"bob@localhost/phone","body":"hi","dir":"in","st":"received","enc":false,"ts":1700000000000})" "\n"
        R"({"t":"msg","id":"b2","from":"user@localhost/web","body":"yo","dir":"out","st":"queued","enc":false,"ts":1700000001000})" "\n"
        R"({"t":"upd","id":"b2","st":"sent"})" "\n";
    History h = decodeHistory(old);
    ASSERT_EQ(h.messages.size(), 2u);
    for (const auto& m : h.messages) {
        EXPECT_FALSE(m.edited);
        EXPECT_FALSE(m.retracted);
        EXPECT_TRUE(m.reactions.empty());
        EXPECT_TRUE(m.replyTo.empty());
        EXPECT_TRUE(m.originalBody.empty());
    }
    EXPECT_EQ(h.messages[1].status, model::MessageStatus::Sent);
    EXPECT_EQ(h.skippedLines, 0u);
}

TEST(StorageActions, MessageAndActRecordsRoundTrip) {
    model::Message m;
    m.id = "r1";
    m.from = "bob@localhost/phone";
    m.body = "Great idea!";
    m.timestampMs = 1700000000000;
    m.replyTo = "q1";
    m.replyToJid = "user@localhost/web";
    std::string file = encodeMessageRecord(m);
    m.edited = true;
    m.originalBody = "Great idea";
    m.body = "Great idea!!";
    m.editId = "c1";
    m.editedMs = 1700000005000;
    m.reactions["👍"] = {"user@localhost", "bob@localhost"};
    file += encodeActionRecord(m);
    History h = decodeHistory(file);
    ASSERT_EQ(h.messages.size(), 1u);
    const model::Message& back = h.messages[0];
    EXPECT_EQ(back.body, "Great idea!!");
    EXPECT_TRUE(back.edited);
    EXPECT_EQ(back.originalBody, "Great idea");
    EXPECT_EQ(back.editId, "c1");
    EXPECT_EQ(back.editedMs, 1700000005000);
    EXPECT_EQ(back.replyTo, "q1");
    EXPECT_EQ(back.replyToJid, "user@localhost/web");
    EXPECT_EQ(back.reactions, m.reactions);
    // Later: deleted for everyone, reactions gone.
    model::Message gone = back;
    gone.retracted = true;
    gone.body.clear();
    gone.originalBody.clear();
    gone.edited = false;
    gone.reactions.clear();
    h = decodeHistory(file + encodeActionRecord(gone));
    ASSERT_EQ(h.messages.size(), 1u);
    EXPECT_TRUE(h.messages[0].retracted);
    EXPECT_EQ(h.messages[0].body, "");
    EXPECT_TRUE(h.messages[0].reactions.empty());
    EXPECT_FALSE(h.messages[0].edited);
}

TEST(StorageActions, AnActOnAMessageOfAnOlderSegmentReachesItWhenThatSegmentIsLoaded) {
    test::TempDir dir;
    test::FakeDevice device(dir.path);
    HistoryStore store(device.store, device.persistence, [](const std::string&) {});
    const std::string account = "user@localhost", peer = "bob@localhost";
    model::Message first;
    first.id = "old-1";
    first.from = "bob@localhost/phone";
    first.body = "first";
    first.timestampMs = 1700000000000;
    ASSERT_TRUE(store.appendMessage(account, peer, first));
    for (std::size_t i = 0; i < kSegmentMessages + 5; ++i) {  // seals the first segment
        model::Message m = first;
        m.id = "m" + std::to_string(i);
        m.timestampMs += static_cast<std::int64_t>(i + 1) * 1000;
        ASSERT_TRUE(store.appendMessage(account, peer, m));
    }
    model::Message edited = first;
    edited.body = "first, edited";
    edited.edited = true;
    edited.originalBody = "first";
    edited.reactions["🎉"] = {"user@localhost"};
    ASSERT_TRUE(store.appendUpdate(account, peer, edited, true));
    ASSERT_TRUE(store.appendUpdate(account, peer, [&] {  // a later plain status update keeps the act
        model::Message s = edited;
        s.status = model::MessageStatus::Received;
        return s;
    }()));
    HistoryStore again(device.store, device.persistence, [](const std::string&) {});
    auto chats = again.load(account);
    model::Conversation& conv = chats.at(peer);
    while (conv.localBefore > 0 && again.loadOlder(account, conv)) {}
    const model::Message* found = nullptr;
    for (const auto& m : conv.messages)
        if (m.id == "old-1") found = &m;
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->body, "first, edited");
    EXPECT_TRUE(found->edited);
    EXPECT_EQ(found->reactions.at("🎉"), std::set<std::string>{"user@localhost"});
}

}  // namespace
}  // namespace starling::storage
