// Segmented chat history (history_store.h): sealing, the start-up window, loading older segments,
// updates across segments, the index as a cache, migration of one-file chats, trimming, coverage.
#include "core/storage/history_store.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <set>

#include "core/storage/account_store.h"

namespace starling::storage {
namespace {

class NullPersistence : public platform::Persistence {
public:
    void requestFlush() override {}
};

constexpr const char* kMe = "me@x";
constexpr const char* kBob = "bob@x";

model::Message msg(int n, std::int64_t ts, model::Direction dir = model::Direction::Incoming,
                   model::MessageStatus st = model::MessageStatus::Received) {
    model::Message m;
    m.id = "m" + std::to_string(n);
    m.from = dir == model::Direction::Incoming ? "bob@x/r" : "me@x/r";
    m.body = "body " + std::to_string(n);
    m.direction = dir;
    m.status = st;
    m.timestampMs = ts;
    return m;
}

class HistoryStoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        char tmpl[] = "/tmp/starling-hist-XXXXXX";
        ASSERT_NE(mkdtemp(tmpl), nullptr);
        dir = tmpl;
        store = std::make_unique<Store>(dir);
        reopen();
    }
    void TearDown() override {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
    void reopen() {  // a new tab: nothing in memory
        data = std::make_unique<AccountStore>(*store, persistence);
        data->onError = [this](const std::string& e) { errors.push_back(e); };
    }
    void appendMany(int first, int count, const std::string& peer = kBob) {
        for (int i = first; i < first + count; ++i) ASSERT_TRUE(data->appendMessage(kMe, peer, msg(i, 1000 + i)));
    }
    std::size_t msgRecords(const std::string& path) {
        auto text = store->read(path);
        return text ? decodeHistory(*text).messages.size() : 0;
    }
    std::string seg(std::uint32_t n, const std::string& peer = kBob) {
        return historyChatDir(kMe, peer) + "/" + segmentName(n);
    }
    // Everything the chat holds, oldest first, by loading every older segment.
    std::vector<model::Message> everything(model::Conversation& conv) {
        while (data->history().loadOlder(kMe, conv)) {
        }
        return conv.messages;
    }
    static void expectOnceInOrder(const std::vector<model::Message>& all, int count) {
        ASSERT_EQ(all.size(), static_cast<std::size_t>(count));
        std::set<std::string> ids;
        for (std::size_t i = 0; i < all.size(); ++i) {
            EXPECT_TRUE(ids.insert(all[i].id).second) << all[i].id;
            if (i > 0) {
                EXPECT_LE(all[i - 1].timestampMs, all[i].timestampMs);
            }
        }
    }

    std::string dir;
    NullPersistence persistence;
    std::unique_ptr<Store> store;
    std::unique_ptr<AccountStore> data;
    std::vector<std::string> errors;
};

TEST_F(HistoryStoreTest, AppendsSealSegmentsOfKSegmentMessagesAndIndexThem) {
    appendMany(0, 2 * kSegmentMessages + 201);
    auto paths = segmentPaths(*store, kMe, kBob);
    ASSERT_EQ(paths.size(), 3u);
    EXPECT_EQ(msgRecords(paths[0]), kSegmentMessages);
    EXPECT_EQ(msgRecords(paths[1]), kSegmentMessages);
    EXPECT_EQ(msgRecords(paths[2]), 201u);
    auto index = decodeSegmentIndex(*store->read(historyIndexPath(kMe, kBob)));
    ASSERT_EQ(index.size(), 2u);
    EXPECT_EQ(index[1].seq, 1u);
    EXPECT_EQ(index[1].messages, kSegmentMessages);
    EXPECT_EQ(index[1].maxTs, 1000 + 2 * static_cast<std::int64_t>(kSegmentMessages) - 1);
    EXPECT_TRUE(errors.empty());
}

// A segment is one file (and in the browser one IndexedDB record, copied whole on each append): a huge
// message starts a segment of its own, and the message after it another, across a reload too.
TEST_F(HistoryStoreTest, AHugeMessageSitsInASegmentOfItsOwn) {
    appendMany(0, 3);
    model::Message huge = msg(3, 1003);
    huge.body = std::string(700'000, 'L');
    ASSERT_TRUE(data->appendMessage(kMe, kBob, huge));
    appendMany(4, 2);
    reopen();  // the size of the newest segment is known to a new tab too
    auto convs = data->loadHistory(kMe);
    appendMany(6, 1);
    huge.id = "m7";
    huge.timestampMs = 1007;
    ASSERT_TRUE(data->appendMessage(kMe, kBob, huge));
    auto paths = segmentPaths(*store, kMe, kBob);
    ASSERT_EQ(paths.size(), 4u);
    EXPECT_EQ(msgRecords(paths[0]), 3u);
    EXPECT_EQ(msgRecords(paths[1]), 1u);
    EXPECT_EQ(msgRecords(paths[2]), 3u);  // m4, m5 and, after the reload, m6
    EXPECT_EQ(msgRecords(paths[3]), 1u);
    for (std::size_t i : {0u, 2u}) EXPECT_LT(store->read(paths[i])->size(), kSegmentBytes);
    reopen();
    convs = data->loadHistory(kMe);
    const std::vector<model::Message> all = everything(convs.at(kBob));
    ASSERT_EQ(all.size(), 8u);
    for (std::size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i].id, "m" + std::to_string(i));
    EXPECT_EQ(all[3].body, huge.body);
    EXPECT_TRUE(errors.empty());
}

TEST_F(HistoryStoreTest, StartUpLoadsTheNewestSegmentOnlyAndCountsTheRest) {
    appendMany(0, 2 * kSegmentMessages + 201);
    reopen();
    auto convs = data->loadHistory(kMe);
    const model::Conversation& conv = convs.at(kBob);
    ASSERT_EQ(conv.messages.size(), 201u);
    EXPECT_EQ(conv.messages.front().id, "m1000");
    EXPECT_EQ(conv.messages.back().id, "m1200");
    EXPECT_EQ(conv.localBefore, 2 * kSegmentMessages);
}

TEST_F(HistoryStoreTest, StartUpNeverParsesSealedSegments) {
    appendMany(0, 2 * kSegmentMessages + 150);
    // Sealed segments made unreadable as JSON: start-up must not notice (it reads the index only).
    ASSERT_TRUE(store->writeAtomic(seg(0), std::string(kSegmentMessages, '\n')).ok());
    reopen();
    auto convs = data->loadHistory(kMe);
    EXPECT_EQ(convs.at(kBob).messages.size(), 150u);
    EXPECT_EQ(convs.at(kBob).localBefore, 2 * kSegmentMessages);
    // Loading it corrects the count.
    model::Conversation conv = convs.at(kBob);
    ASSERT_TRUE(data->history().loadOlder(kMe, conv));
    ASSERT_TRUE(data->history().loadOlder(kMe, conv));
    EXPECT_EQ(conv.messages.size(), 150u + kSegmentMessages);
    EXPECT_EQ(conv.localBefore, 0u);
}

TEST_F(HistoryStoreTest, NearlyEmptyNewestSegmentBringsTheOneBefore) {
    appendMany(0, kSegmentMessages + 10);
    reopen();
    auto convs = data->loadHistory(kMe);
    EXPECT_EQ(convs.at(kBob).messages.size(), kSegmentMessages + 10);
    EXPECT_EQ(convs.at(kBob).localBefore, 0u);
}

TEST_F(HistoryStoreTest, LoadOlderMergesEverySegmentOnceInTimeOrder) {
    appendMany(0, 3 * kSegmentMessages + 300);
    // An archive page older than everything lands in the newest segment (appends only go there).
    ASSERT_TRUE(data->appendMessage(kMe, kBob, msg(9999, 5)));
    reopen();
    auto convs = data->loadHistory(kMe);
    model::Conversation conv = convs.at(kBob);
    EXPECT_EQ(conv.messages.front().id, "m9999");
    std::size_t steps = 0;
    while (data->history().loadOlder(kMe, conv)) {
        ++steps;
        EXPECT_EQ(conv.localBefore, (3 - steps) * kSegmentMessages);
    }
    EXPECT_EQ(steps, 3u);
    expectOnceInOrder(conv.messages, 3 * kSegmentMessages + 301);
    EXPECT_EQ(conv.messages[0].id, "m9999");
    EXPECT_EQ(conv.messages[1].id, "m0");
    EXPECT_FALSE(data->history().loadOlder(kMe, conv));
}

TEST_F(HistoryStoreTest, EqualTimestampsKeepStoredOrderAcrossSegments) {
    for (std::size_t i = 0; i < kSegmentMessages + 200; ++i)
        ASSERT_TRUE(data->appendMessage(kMe, kBob, msg(static_cast<int>(i), 42)));
    reopen();
    model::Conversation conv = data->loadHistory(kMe).at(kBob);
    auto all = everything(conv);
    ASSERT_EQ(all.size(), kSegmentMessages + 200);
    for (std::size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i].id, "m" + std::to_string(i));
}

TEST_F(HistoryStoreTest, UpdatesInNewerSegmentsReachMessagesOfOlderOnes) {
    for (std::size_t i = 0; i < kSegmentMessages; ++i)
        ASSERT_TRUE(data->appendMessage(kMe, kBob, msg(static_cast<int>(i), 1000 + i, model::Direction::Outgoing,
                                                       model::MessageStatus::Sent)));
    appendMany(1000, kSegmentMessages);  // segment 1
    model::Message u = msg(7, 0, model::Direction::Outgoing, model::MessageStatus::Delivered);
    u.stanzaId = "sid-7";
    ASSERT_TRUE(data->appendUpdate(kMe, kBob, u));
    appendMany(2000, kSegmentMessages);  // segment 2
    u.status = model::MessageStatus::Displayed;
    u.stanzaId.clear();  // a later update without a stanza-id keeps the earlier one's
    ASSERT_TRUE(data->appendUpdate(kMe, kBob, u));
    model::Message in = msg(1001, 0);  // an incoming message's update (direction given)
    in.status = model::MessageStatus::Displayed;
    ASSERT_TRUE(data->appendUpdate(kMe, kBob, in));
    EXPECT_EQ(decodeHistory(*store->read(seg(1))).unresolved.size(), 1u);
    reopen();
    model::Conversation conv = data->loadHistory(kMe).at(kBob);
    auto all = everything(conv);
    auto find = [&](const std::string& id) {
        return *std::find_if(all.begin(), all.end(), [&](const model::Message& m) { return m.id == id; });
    };
    EXPECT_EQ(find("m7").status, model::MessageStatus::Displayed);
    EXPECT_EQ(find("m7").stanzaId, "sid-7");
    EXPECT_EQ(find("m8").status, model::MessageStatus::Sent);
    EXPECT_EQ(find("m1001").status, model::MessageStatus::Displayed);
}

TEST_F(HistoryStoreTest, MissingOrDamagedIndexIsRebuiltFromTheSegments) {
    appendMany(0, 2 * kSegmentMessages + 150);
    ASSERT_TRUE(store->writeAtomic(historyIndexPath(kMe, kBob), "{\"v\":1,\"segs\":[[0,\"x\"]]}").ok());
    reopen();
    EXPECT_EQ(data->loadHistory(kMe).at(kBob).localBefore, 2 * kSegmentMessages);
    EXPECT_EQ(decodeSegmentIndex(*store->read(historyIndexPath(kMe, kBob))).size(), 2u);
    ASSERT_TRUE(store->remove(historyIndexPath(kMe, kBob)).ok());
    reopen();
    EXPECT_EQ(data->loadHistory(kMe).at(kBob).localBefore, 2 * kSegmentMessages);
}

TEST_F(HistoryStoreTest, CutOffLastRecordIsRepairedAndNothingElseIsLost) {
    appendMany(0, kSegmentMessages + 150);
    ASSERT_TRUE(store->append(seg(1), "{\"t\":\"msg\",\"id\":\"half").ok());  // the tab died mid-write
    reopen();
    model::Conversation conv = data->loadHistory(kMe).at(kBob);
    EXPECT_EQ(conv.messages.size(), 150u);
    ASSERT_TRUE(data->appendMessage(kMe, kBob, msg(5000, 99999)));
    reopen();
    conv = data->loadHistory(kMe).at(kBob);
    EXPECT_EQ(conv.messages.back().id, "m5000");
    expectOnceInOrder(everything(conv), kSegmentMessages + 151);
}

TEST_F(HistoryStoreTest, OneFileChatIsMigratedToSegments) {
    const int n = 2 * kSegmentMessages + 234;
    std::string old;
    for (int i = 0; i < n; ++i) {
        old += encodeMessageRecord(msg(i, 1000 + i, model::Direction::Outgoing, model::MessageStatus::Sent));
        if (i == 3) old += encodeUpdateRecord(msg(3, 0, model::Direction::Outgoing, model::MessageStatus::Delivered));
    }
    old += encodeUpdateRecord(msg(0, 0, model::Direction::Outgoing, model::MessageStatus::Displayed));
    old += "{\"t\":\"msg\",\"id\":\"cut";  // a truncated last line
    ASSERT_TRUE(store->writeAtomic(historyPath(kMe, kBob), old).ok());
    auto convs = data->loadHistory(kMe);
    EXPECT_FALSE(store->exists(historyPath(kMe, kBob)));
    EXPECT_EQ(segmentPaths(*store, kMe, kBob).size(), 3u);
    model::Conversation conv = convs.at(kBob);
    EXPECT_EQ(conv.messages.size(), 234u);
    EXPECT_EQ(conv.localBefore, 2 * kSegmentMessages);
    auto all = everything(conv);
    expectOnceInOrder(all, n);
    EXPECT_EQ(all[0].status, model::MessageStatus::Displayed);
    EXPECT_EQ(all[3].status, model::MessageStatus::Delivered);
    EXPECT_EQ(historyPeers(*store, kMe), std::vector<std::string>{kBob});
    EXPECT_TRUE(errors.empty());
}

TEST_F(HistoryStoreTest, InterruptedMigrationRunsAgainWithoutDuplicates) {
    const int n = 2 * kSegmentMessages + 10;
    std::string old;
    for (int i = 0; i < n; ++i) old += encodeMessageRecord(msg(i, 1000 + i));
    ASSERT_TRUE(store->writeAtomic(historyPath(kMe, kBob), old).ok());
    data->loadHistory(kMe);
    // The tab died after the first segment was written: old file back, later segments and index gone.
    ASSERT_TRUE(store->writeAtomic(historyPath(kMe, kBob), old).ok());
    ASSERT_TRUE(store->remove(seg(1)).ok());
    ASSERT_TRUE(store->remove(seg(2)).ok());
    ASSERT_TRUE(store->remove(historyIndexPath(kMe, kBob)).ok());
    reopen();
    model::Conversation conv = data->loadHistory(kMe).at(kBob);
    EXPECT_FALSE(store->exists(historyPath(kMe, kBob)));
    expectOnceInOrder(everything(conv), n);
    // … and after it completed but before the old file was removed (segments appended to since).
    ASSERT_TRUE(data->appendMessage(kMe, kBob, msg(7777, 999999)));
    ASSERT_TRUE(store->writeAtomic(historyPath(kMe, kBob), old).ok());
    reopen();
    conv = data->loadHistory(kMe).at(kBob);
    EXPECT_FALSE(store->exists(historyPath(kMe, kBob)));
    expectOnceInOrder(everything(conv), n + 1);
    EXPECT_TRUE(errors.empty());
}

TEST_F(HistoryStoreTest, HashedPeerNamesKeepAPeerRecordInEverySegment) {
    const std::string peer = std::string(400, 'p') + "@example.org";
    for (std::size_t i = 0; i < kSegmentMessages + 5; ++i)
        ASSERT_TRUE(data->appendMessage(kMe, peer, msg(static_cast<int>(i), 1000 + i)));
    for (const auto& path : segmentPaths(*store, kMe, peer)) EXPECT_EQ(decodeHistory(*store->read(path)).peer, peer);
    EXPECT_EQ(historyPeers(*store, kMe), std::vector<std::string>{peer});
    reopen();
    auto convs = data->loadHistory(kMe);
    EXPECT_EQ(convs.at(peer).messages.size(), kSegmentMessages + 5);
}

TEST_F(HistoryStoreTest, QueuedMessagesInSealedSegmentsAreInTheStartUpWindow) {
    ASSERT_TRUE(data->appendMessage(kMe, kBob, msg(1, 1, model::Direction::Outgoing, model::MessageStatus::Queued)));
    appendMany(100, 2 * kSegmentMessages + 200);
    reopen();
    model::Conversation conv = data->loadHistory(kMe).at(kBob);
    EXPECT_EQ(conv.messages.front().id, "m1");  // the outbox will see it
    EXPECT_EQ(conv.localBefore, 0u);
    model::Message sent = conv.messages.front();
    sent.status = model::MessageStatus::Sent;
    ASSERT_TRUE(data->appendUpdate(kMe, kBob, sent));
    reopen();
    conv = data->loadHistory(kMe).at(kBob);  // sent: start-up reads the newest segment only again
    EXPECT_EQ(conv.messages.size(), 200u + 1);  // 2*500+200+1 messages: the newest segment holds 201
    EXPECT_EQ(conv.localBefore, 2 * kSegmentMessages);
    auto all = everything(conv);
    EXPECT_EQ(all.front().id, "m1");
    EXPECT_EQ(all.front().status, model::MessageStatus::Sent);
    // A stale index (the tab died before it was rewritten) only makes one start-up read more.
    std::vector<SegmentInfo> stale = decodeSegmentIndex(*store->read(historyIndexPath(kMe, kBob)));
    stale[0].queued = 1;
    ASSERT_TRUE(store->writeAtomic(historyIndexPath(kMe, kBob), encodeSegmentIndex(stale)).ok());
    reopen();
    EXPECT_EQ(data->loadHistory(kMe).at(kBob).localBefore, 0u);
    reopen();
    EXPECT_EQ(data->loadHistory(kMe).at(kBob).localBefore, 2 * kSegmentMessages);
}

TEST_F(HistoryStoreTest, ResendingAFailedMessageOfASealedSegmentKeepsItInTheWindow) {
    ASSERT_TRUE(data->appendMessage(kMe, kBob, msg(1, 1, model::Direction::Outgoing, model::MessageStatus::Failed)));
    appendMany(100, kSegmentMessages + 200);
    reopen();
    model::Conversation conv = data->loadHistory(kMe).at(kBob);
    ASSERT_TRUE(data->history().loadOlder(kMe, conv));
    model::Message again = conv.messages.front();
    ASSERT_EQ(again.id, "m1");
    again.status = model::MessageStatus::Queued;
    ASSERT_TRUE(data->appendUpdate(kMe, kBob, again));
    reopen();
    conv = data->loadHistory(kMe).at(kBob);
    EXPECT_EQ(conv.messages.front().id, "m1");
    EXPECT_EQ(conv.messages.front().status, model::MessageStatus::Queued);
}

TEST_F(HistoryStoreTest, TrimReturnsToTheNewestSegmentButKeepsQueuedOnes) {
    appendMany(0, 3 * kSegmentMessages + 200);
    reopen();
    model::Conversation conv = data->loadHistory(kMe).at(kBob);
    EXPECT_FALSE(data->history().trim(kMe, conv));  // one segment: nothing to trim
    auto all = everything(conv);
    ASSERT_EQ(conv.messages.size(), 3 * kSegmentMessages + 200);
    ASSERT_TRUE(data->history().trim(kMe, conv));
    EXPECT_EQ(conv.messages.size(), 200u);
    EXPECT_EQ(conv.localBefore, 3 * kSegmentMessages);
    expectOnceInOrder(everything(conv), 3 * kSegmentMessages + 200);

    // A Queued message of ours two segments back: the trim stops there.
    ASSERT_TRUE(data->history().trim(kMe, conv));
    ASSERT_TRUE(
        data->appendMessage(kMe, kBob, msg(77777, 5000000, model::Direction::Outgoing, model::MessageStatus::Queued)));
    appendMany(10000, 2 * kSegmentMessages);
    reopen();
    conv = data->loadHistory(kMe).at(kBob);
    auto withQueued = everything(conv);
    ASSERT_TRUE(data->history().trim(kMe, conv));
    EXPECT_TRUE(std::any_of(conv.messages.begin(), conv.messages.end(), [](const model::Message& m) {
        return m.id == "m77777" && m.status == model::MessageStatus::Queued;
    }));
    EXPECT_EQ(data->history().windowSegments(kMe, kBob), 3u);
    expectOnceInOrder(everything(conv), static_cast<int>(withQueued.size()));
}

TEST_F(HistoryStoreTest, CoverLoadsEverySegmentThatMayHoldAGivenTime) {
    appendMany(0, 4 * kSegmentMessages + 200);  // timestamps 1000 … 3199
    reopen();
    model::Conversation conv = data->loadHistory(kMe).at(kBob);
    EXPECT_EQ(data->history().cover(kMe, conv, 999999), 0u);  // newer than anything left out
    EXPECT_EQ(data->history().cover(kMe, conv, 1000 + 3 * kSegmentMessages), 1u);
    EXPECT_EQ(conv.messages.front().timestampMs, 1000 + 3 * static_cast<std::int64_t>(kSegmentMessages));
    EXPECT_EQ(data->history().cover(kMe, conv, 1000 + kSegmentMessages + 3), 2u);
    EXPECT_LE(conv.messages.front().timestampMs, 1000 + kSegmentMessages + 3);
    EXPECT_EQ(conv.localBefore, kSegmentMessages);
    EXPECT_EQ(data->history().cover(kMe, conv, 0), 1u);
    EXPECT_EQ(data->history().cover(kMe, conv, 0), 0u);
    EXPECT_EQ(conv.localBefore, 0u);
}

TEST_F(HistoryStoreTest, AppendsWithoutALoadedWindowStartASegmentOfTheirOwn) {
    appendMany(0, 300);
    reopen();  // no loadHistory: this instance knows nothing of the chat's window
    appendMany(300, 5);
    EXPECT_EQ(segmentPaths(*store, kMe, kBob).size(), 2u);
    reopen();
    model::Conversation conv = data->loadHistory(kMe).at(kBob);
    expectOnceInOrder(everything(conv), 305);
}

TEST_F(HistoryStoreTest, RemoveAccountRemovesSegmentsAndOldFiles) {
    appendMany(0, kSegmentMessages + 3);
    ASSERT_TRUE(store->writeAtomic(historyPath(kMe, "carl@x"), encodeMessageRecord(msg(1, 1))).ok());
    ASSERT_TRUE(data->removeAccount(kMe));
    EXPECT_TRUE(historyPeers(*store, kMe).empty());
    EXPECT_FALSE(store->exists(historyChatDir(kMe, kBob)));
    EXPECT_TRUE(data->loadHistory(kMe).empty());
    ASSERT_TRUE(data->appendMessage(kMe, kBob, msg(1, 1)));  // starts over cleanly
    EXPECT_EQ(data->loadHistory(kMe).at(kBob).messages.size(), 1u);
}

TEST(SegmentIndexTest, RoundTripsAndDropsBadEntries) {
    std::vector<SegmentInfo> segs{{0, 500, 123, 0}, {1, 500, 456, 2}};
    auto back = decodeSegmentIndex(encodeSegmentIndex(segs));
    ASSERT_EQ(back.size(), 2u);
    EXPECT_EQ(back[1].seq, 1u);
    EXPECT_EQ(back[1].maxTs, 456);
    EXPECT_EQ(back[1].queued, 2u);
    EXPECT_TRUE(decodeSegmentIndex("nonsense").empty());
    EXPECT_EQ(decodeSegmentIndex(R"({"segs":[[0,1,2,3],[-1,1,2,3],[1,"a",2,3],[2,1,2]]})").size(), 1u);
}

}  // namespace
}  // namespace starling::storage
