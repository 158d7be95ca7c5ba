// The history window through a whole Client: start-up shows the newest segment of a long stored chat,
// loadOlder reads local segments first (offline too) and asks the archive only after them, leaving a
// chat trims it back, revealMessage finds an old message, Queued messages of sealed segments still go
// out, and an archive result repeating a message that is only on disk is recognised as a duplicate.
#include <gtest/gtest.h>

#include <functional>
#include <set>

#include "client_test_harness.h"
#include "core/im/archive_sync.h"
#include "core/im/messages.h"
#include "core/storage/account_store.h"

namespace starling {
namespace {

using test::ClientHarness;
using test::ScramServer;
using test::stanza;
using test::TempDir;

constexpr const char* kBob = "bob@localhost";
constexpr const char* kRoster = R"(<item jid="bob@localhost" name="Bob" subscription="both"/>)"
                                R"(<item jid="carl@localhost" subscription="both"/>)";
constexpr std::int64_t kBase = 1764547200000;  // 2025-12-01T00:00:00Z; message i is i minutes later
constexpr int kStored = 3 * static_cast<int>(storage::kSegmentMessages) + 200;

class NullPersistence : public platform::Persistence {
public:
    void requestFlush() override {}
};

model::Message stored(int i) {
    model::Message m;
    m.id = "A" + std::to_string(i) + "-o";
    m.originId = m.id;
    m.stanzaId = "A" + std::to_string(i);
    m.from = "bob@localhost/phone";
    m.body = "stored " + std::to_string(i);
    m.timestampMs = kBase + i * 60000;
    return m;
}

class ClientHistory : public ::testing::Test {
protected:
    // Bob's chat as an earlier session left it: kStored messages (plus `extra` first).
    void writeHistory(const std::vector<model::Message>& extra = {}) {
        storage::Store store(dir.path);
        NullPersistence persistence;
        storage::AccountStore data(store, persistence);
        for (const auto& m : extra) ASSERT_TRUE(data.appendMessage(test::kAccount, kBob, m));
        for (int i = 0; i < kStored; ++i) ASSERT_TRUE(data.appendMessage(test::kAccount, kBob, stored(i)));
    }
    // The same chat with message i changed by `edit` first (e.g. made one of ours).
    void writeHistoryEdited(const std::function<void(int, model::Message&)>& edit) {
        storage::Store store(dir.path);
        NullPersistence persistence;
        storage::AccountStore data(store, persistence);
        for (int i = 0; i < kStored; ++i) {
            model::Message m = stored(i);
            edit(i, m);
            ASSERT_TRUE(data.appendMessage(test::kAccount, kBob, m));
        }
    }
    static void makeOurs(model::Message& m, const std::string& id, model::MessageStatus status) {
        m.id = m.originId = id;
        m.from = "user@localhost/starling";
        m.direction = model::Direction::Outgoing;
        m.status = status;
    }
    void login(bool autoSync = true) {
        h = std::make_unique<ClientHarness>(dir.path);
        h->autoAnswerSync = autoSync;
        ScramServer server("SCRAM-SHA-256", test::kPassword);
        h->login(server, kRoster);
    }
    model::Conversation& conv() { return const_cast<model::Conversation&>(h->state().conversations.at(kBob)); }
    static void expectOnceInOrder(const std::vector<model::Message>& all, std::size_t count) {
        ASSERT_EQ(all.size(), count);
        std::set<std::string> ids;
        for (std::size_t i = 0; i < all.size(); ++i) {
            EXPECT_TRUE(ids.insert(all[i].id).second) << all[i].id;
            if (i > 0) {
                EXPECT_LE(all[i - 1].timestampMs, all[i].timestampMs);
            }
        }
    }
    bool anyArchiveQuery(const std::vector<xml::Element>& sent) {
        for (const auto& e : sent)
            if (e.child(ns::kMam, "query")) return true;
        return false;
    }

    TempDir dir;
    std::unique_ptr<ClientHarness> h;
};

TEST_F(ClientHistory, StartUpShowsTheNewestSegmentAndScrollingReadsLocalSegmentsFirst) {
    writeHistory();
    login();
    EXPECT_EQ(conv().messages.size(), 200u);
    EXPECT_EQ(conv().localBefore, 3 * storage::kSegmentMessages);
    EXPECT_EQ(conv().messages.back().body, "stored " + std::to_string(kStored - 1));
    for (int step = 1; step <= 3; ++step) {
        h->client->loadOlder(kBob);
        EXPECT_FALSE(h->state().conversations.at(kBob).loadingOlder) << "no archive query while local history is left";
        EXPECT_EQ(conv().localBefore, (3 - step) * storage::kSegmentMessages);
        h->autoAnswerSync = false;
        EXPECT_FALSE(anyArchiveQuery(h->takeSent()));
        h->autoAnswerSync = true;
    }
    expectOnceInOrder(conv().messages, kStored);
    EXPECT_EQ(conv().messages.front().body, "stored 0");
    h->client->loadOlder(kBob);  // nothing older locally: now the archive (empty here)
    EXPECT_TRUE(h->state().conversations.at(kBob).loadingOlder);
    h->takeSent();
    EXPECT_TRUE(h->state().conversations.at(kBob).archiveStart);
}

TEST_F(ClientHistory, LoadOlderReadsLocalHistoryOffline) {
    writeHistory();
    login();
    h->client->onTransportClosed("network down");
    ASSERT_NE(h->state().connection, model::Connection::Online);
    h->client->loadOlder(kBob);
    EXPECT_EQ(conv().messages.size(), 200u + storage::kSegmentMessages);
    EXPECT_EQ(conv().localBefore, 2 * storage::kSegmentMessages);
}

TEST_F(ClientHistory, LeavingAChatTrimsItsWindowBack) {
    writeHistory();
    login();
    h->client->openChat(kBob);
    for (int i = 0; i < 3; ++i) h->client->loadOlder(kBob);
    ASSERT_EQ(conv().messages.size(), static_cast<std::size_t>(kStored));
    h->client->openChat("carl@localhost");
    EXPECT_EQ(conv().messages.size(), 200u);
    EXPECT_EQ(conv().localBefore, 3 * storage::kSegmentMessages);
    h->client->openChat(kBob);
    for (int i = 0; i < 3; ++i) h->client->loadOlder(kBob);
    h->client->closeChat();
    EXPECT_EQ(conv().messages.size(), 200u);
    // A new message after the trim is de-duplicated and stored as before.
    h->feed(stanza(R"(<message from="bob@localhost/phone" type="chat" id="n1"><body>new</body>)"
                   R"(<origin-id xmlns="urn:xmpp:sid:0" id="n1"/></message>)"));
    h->feed(stanza(R"(<message from="bob@localhost/phone" type="chat" id="n1"><body>new</body>)"
                   R"(<origin-id xmlns="urn:xmpp:sid:0" id="n1"/></message>)"));
    EXPECT_EQ(conv().messages.size(), 201u);
}

// Our message in the segment before the newest one, the chat trimmed back: Bob's receipt and read
// marker for it still reach it, in memory and on disk; one for an unknown id reads a bounded amount.
TEST_F(ClientHistory, AReceiptForAMessageOnlyOnDiskStillUpdatesIt) {
    writeHistoryEdited([](int i, model::Message& m) {
        if (i == kStored - 250) makeOurs(m, "ours", model::MessageStatus::Sent);
    });
    login();
    ASSERT_EQ(im::findMessage(conv(), "ours"), nullptr);
    h->feed(stanza(R"(<message from="bob@localhost/phone" id="r1"><received xmlns="urn:xmpp:receipts" id="ours"/></message>)"));
    const model::Message* m = im::findMessage(conv(), "ours");
    ASSERT_NE(m, nullptr);
    EXPECT_EQ(m->status, model::MessageStatus::Delivered);
    h->client->openChat("carl@localhost");  // trimmed again
    h->feed(stanza(R"(<message from="bob@localhost/phone" id="d1"><displayed xmlns="urn:xmpp:chat-markers:0" id="ours"/></message>)"));
    login();  // what the file says
    ASSERT_TRUE(h->client->revealMessage(kBob, "ours"));
    EXPECT_EQ(im::findMessage(conv(), "ours")->status, model::MessageStatus::Displayed);

    login();
    const std::size_t before = conv().localBefore;
    for (const char* bogus : {"nope", "nope2", "nope3"})
        h->feed(stanza(std::string(R"(<message from="bob@localhost/phone" id="r2"><received xmlns="urn:xmpp:receipts" id=")") +
                       bogus + R"("/></message>)"));
    EXPECT_EQ(conv().localBefore, before - 2 * storage::kSegmentMessages) << "two segments (kSignalReachSegments) in all";
}

// Bob reads our newest message while the older ones are only on disk: when they are loaded, by
// scrolling back now or after a restart, ours that reached him show as read; a Failed one stays Failed.
TEST_F(ClientHistory, AReadMarkerAlsoCoversOurOlderMessagesOnDisk) {
    writeHistoryEdited([](int i, model::Message& m) {
        if (i % 10 == 0)
            makeOurs(m, "ours" + std::to_string(i), i == 20 ? model::MessageStatus::Failed : model::MessageStatus::Delivered);
    });
    const std::string newest = "ours" + std::to_string((kStored - 1) / 10 * 10);
    login();
    ASSERT_EQ(im::findMessage(conv(), "ours0"), nullptr);
    h->feed(stanza(R"(<message from="bob@localhost/phone" id="d1"><displayed xmlns="urn:xmpp:chat-markers:0" id=")" +
                   newest + R"("/></message>)"));
    auto check = [&](const char* when) {
        ASSERT_TRUE(h->client->revealMessage(kBob, "ours0")) << when;
        for (const auto& m : conv().messages) {
            if (m.direction != model::Direction::Outgoing) continue;
            EXPECT_EQ(m.status, m.id == "ours20" ? model::MessageStatus::Failed : model::MessageStatus::Displayed)
                << m.id << " " << when;
        }
    };
    check("in this session");
    login();
    check("after a restart");
}

TEST_F(ClientHistory, RevealMessageLoadsOlderSegmentsUntilTheMessageIsIn) {
    writeHistory();
    login();
    EXPECT_TRUE(h->client->revealMessage(kBob, "A5-o"));
    EXPECT_EQ(conv().localBefore, 0u);
    EXPECT_EQ(conv().messages[5].id, "A5-o");
    EXPECT_FALSE(h->client->revealMessage(kBob, "no-such-id"));
    EXPECT_FALSE(h->client->revealMessage("nobody@localhost", "A5-o"));
}

TEST_F(ClientHistory, QueuedMessageOfASealedSegmentStillGoesOutAfterStartUp) {
    model::Message queued;
    queued.id = "queued-long-ago";
    queued.from = "user@localhost";
    queued.body = "written offline";
    queued.direction = model::Direction::Outgoing;
    queued.status = model::MessageStatus::Queued;
    queued.timestampMs = kBase - 1000;
    writeHistory({queued});
    login();
    bool sent = false;
    for (const auto& e : h->extraAfterLogin) sent = sent || (e.is(ns::kClient, "message") && e.attr("id") == queued.id);
    EXPECT_TRUE(sent) << "the outbox resends it";
    ASSERT_EQ(conv().messages.front().id, queued.id);
    EXPECT_EQ(conv().messages.front().status, model::MessageStatus::Sent);
    // Sent now: the next start-up needs the newest segment only.
    login();
    EXPECT_EQ(conv().messages.size(), 201u);
    EXPECT_EQ(conv().localBefore, 3 * storage::kSegmentMessages);
}

TEST_F(ClientHistory, ArchiveRepeatOfAMessageOnlyOnDiskIsADuplicate) {
    writeHistory();
    {
        storage::Store store(dir.path);
        ASSERT_TRUE(store.writeAtomic(im::archiveCursorPath(test::kAccount),
                                      im::encodeArchiveCursor({"A0", kBase}))
                        .ok());
    }
    login(/*autoSync=*/false);
    const xml::Element* carbons = nullptr;
    const xml::Element* disco = nullptr;
    for (const auto& e : h->extraAfterLogin) {
        if (e.child(ns::kCarbons, "enable")) carbons = &e;
        if (e.child(ns::kDiscoInfo, "query")) disco = &e;
    }
    ASSERT_NE(carbons, nullptr);
    ASSERT_NE(disco, nullptr);
    h->feed(R"(<iq xmlns="jabber:client" type="result" id=")" + std::string(carbons->attr("id")) + R"("/>)");
    h->feed(R"(<iq xmlns="jabber:client" type="result" from="user@localhost" id=")" + std::string(disco->attr("id")) +
            R"("><query xmlns="http://jabber.org/protocol/disco#info"><feature var="urn:xmpp:sid:0"/>)"
            R"(<feature var="urn:xmpp:mam:2"/></query></iq>)");
    xml::Element q = h->sentOne();
    const xml::Element* mam = q.child(ns::kMam, "query");
    ASSERT_NE(mam, nullptr);
    const std::string qid(mam->attr("queryid"));
    ASSERT_EQ(conv().localBefore, 3 * storage::kSegmentMessages);
    auto result = [&](const std::string& archiveId, const std::string& body, const std::string& stamp) {
        h->feed(stanza("<message to='user@localhost/x'><result xmlns='urn:xmpp:mam:2' queryid='" + qid + "' id='" +
                       archiveId + "'><forwarded xmlns='urn:xmpp:forward:0'><delay xmlns='urn:xmpp:delay' stamp='" +
                       stamp + "'/><message xmlns='jabber:client' type='chat' from='bob@localhost/phone' " +
                       "to='user@localhost' id='" + archiveId + "-m'><body>" + body +
                       "</body><origin-id xmlns='urn:xmpp:sid:0' id='" + archiveId +
                       "-o'/></message></forwarded></result></message>"));
    };
    result("A10", "stored 10", "2025-12-01T00:10:30Z");  // stored at 00:10:00, only on disk
    result("N1", "new in the archive", "2025-12-01T00:11:10Z");
    h->feed(R"(<iq xmlns="jabber:client" type="result" id=")" + std::string(q.attr("id")) +
            R"("><fin xmlns="urn:xmpp:mam:2" complete="true"><set xmlns="http://jabber.org/protocol/rsm"><last>N1</last></set></fin></iq>)");
    EXPECT_TRUE(h->logged("dropped duplicate message A10-o"));
    while (conv().localBefore > 0) h->client->loadOlder(kBob);
    expectOnceInOrder(conv().messages, kStored + 1);
    EXPECT_EQ(conv().messages[12].id, "N1-o");
    // And so after a restart: exactly one copy on disk.
    login();
    while (conv().localBefore > 0) h->client->loadOlder(kBob);
    expectOnceInOrder(conv().messages, kStored + 1);
}

TEST_F(ClientHistory, LogoutForgettingLocalDataRemovesTheSegments) {
    writeHistory();
    login();
    ASSERT_TRUE(h->store.exists(storage::historyChatDir(test::kAccount, kBob)));
    h->client->logout(/*forgetLocalData=*/true);
    EXPECT_FALSE(h->store.exists(storage::historyChatDir(test::kAccount, kBob)));
    EXPECT_TRUE(storage::historyPeers(h->store, test::kAccount).empty());
}

}  // namespace
}  // namespace starling
