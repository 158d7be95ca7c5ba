// One-to-one messages through a logged-in Client: send (queued → sent), offline queue, receive (Cyrillic,
// emoji, delay), de-duplication, error replies, IQ answers, restart with history, storage failures.
#include <gtest/gtest.h>

#include "client_test_harness.h"
#include "core/storage/formats.h"

namespace starling {
namespace {

using test::ClientHarness;
using test::ScramServer;
using test::stanza;
using model::MessageStatus;

class ClientMessages : public test::LoggedInClientTest {
protected:
    void SetUp() override { logIn(); }
    const std::vector<model::Message>& bob() { return h->state().conversations.at("bob@localhost").messages; }
};

TEST_F(ClientMessages, SendWritesStanzaWithOriginIdAndMarksSent) {
    const auto rev = h->client->revision();
    h->client->sendMessage("bob@localhost", "Привет, мир 👋");
    EXPECT_GT(h->client->revision(), rev);
    auto m = h->sentOne();
    ASSERT_TRUE(m.is(ns::kClient, "message"));
    ASSERT_EQ(bob().size(), 1u);
    const model::Message& stored = bob()[0];
    EXPECT_EQ(stored.id.size(), 36u);  // uuid
    EXPECT_TRUE(xml::equivalent(m, test::parseXml(stanza(
        R"(<message to="bob@localhost" type="chat" id=")" + stored.id + R"("><body>Привет, мир 👋</body>)"
        R"(<request xmlns="urn:xmpp:receipts"/><markable xmlns="urn:xmpp:chat-markers:0"/>)"
        R"(<origin-id xmlns="urn:xmpp:sid:0" id=")" + stored.id + R"("/></message>)"))))
        << xml::serialize(m, ns::kClient);
    EXPECT_EQ(stored.status, MessageStatus::Sent);
    EXPECT_EQ(stored.direction, model::Direction::Outgoing);
    EXPECT_EQ(stored.from, h->boundJid);
    EXPECT_EQ(stored.timestampMs, h->clock.wallTimeMs());
    // On disk: the queued record first, then the status update.
    auto log = h->store.read("accounts/user@localhost/history/bob@localhost.d/s00000000.log");
    ASSERT_TRUE(log.ok());
    EXPECT_EQ(std::count(log->begin(), log->end(), '\n'), 2);
    EXPECT_LT(log->find("\"queued\""), log->find("\"sent\""));
    auto hist = storage::decodeHistory(*log);
    ASSERT_EQ(hist.messages.size(), 1u);
    EXPECT_EQ(hist.messages[0].status, MessageStatus::Sent);
    EXPECT_EQ(hist.messages[0].body, "Привет, мир 👋");
}

TEST_F(ClientMessages, OfflineMessagesQueueAndGoOutAfterReconnect) {
    h->client->onTransportClosed("network down");
    EXPECT_EQ(h->state().connection, model::Connection::Reconnecting);
    EXPECT_TRUE(h->state().presence.empty());
    h->client->sendMessage("bob@localhost", "one");
    h->client->sendMessage("bob@localhost", "two");
    EXPECT_TRUE(h->takeSent().empty());
    ASSERT_EQ(bob().size(), 2u);
    EXPECT_EQ(bob()[0].status, MessageStatus::Queued);
    EXPECT_EQ(bob()[1].status, MessageStatus::Queued);

    // Back-off passes; the session reconnects by itself.
    for (int i = 0; i < 240 && h->transport.openedUrls.size() < 2; ++i) {
        h->clock.advance(1000);
        h->client->onTimer();
    }
    ASSERT_EQ(h->transport.openedUrls.size(), 2u);
    ScramServer server("SCRAM-SHA-256", test::kPassword);
    h->authenticateAndBind(server, {"SCRAM-SHA-256"});
    h->answerRoster(R"(<item jid="bob@localhost" name="Bob" subscription="both"/>)");
    std::vector<xml::Element> queue;  // the messages among what follows (the upload service's disco too)
    for (const auto& e : h->extraAfterLogin)
        if (e.is(ns::kClient, "message")) queue.push_back(e);
    ASSERT_EQ(queue.size(), 2u);  // the queue, in order, after the initial presence
    EXPECT_EQ(queue[0].childText(ns::kClient, "body"), "one");
    EXPECT_EQ(queue[1].childText(ns::kClient, "body"), "two");
    EXPECT_EQ(bob()[0].status, MessageStatus::Sent);
    EXPECT_EQ(bob()[1].status, MessageStatus::Sent);
}

TEST_F(ClientMessages, ReceiveStoresCountsUnreadAndOpenChatClearsIt) {
    h->feed(stanza(R"(<message from="bob@localhost/phone" to=")" + h->boundJid +
                   R"(" type="chat" id="b1"><body>Здравствуй 🌍 мир</body>)"
                   R"(<stanza-id xmlns="urn:xmpp:sid:0" by="user@localhost" id="arch-1"/></message>)"));
    ASSERT_EQ(bob().size(), 1u);
    EXPECT_EQ(bob()[0].body, "Здравствуй 🌍 мир");
    EXPECT_EQ(bob()[0].stanzaId, "arch-1");
    EXPECT_EQ(bob()[0].status, MessageStatus::Received);
    EXPECT_EQ(h->state().conversations.at("bob@localhost").unread, 1);
    EXPECT_EQ(model::totalUnread(h->state()), 1);
    h->client->openChat("bob@localhost");
    EXPECT_EQ(model::totalUnread(h->state()), 0);
    EXPECT_EQ(h->state().openChat, "bob@localhost");
    h->feed(stanza(R"(<message from="bob@localhost/phone" type="chat" id="b2"><body>ещё</body></message>)"));
    EXPECT_EQ(h->state().conversations.at("bob@localhost").unread, 0);  // chat is open
    h->client->closeChat();
    h->feed(stanza(R"(<message from="bob@localhost/phone" type="chat" id="b3"><body>и ещё</body></message>)"));
    EXPECT_EQ(h->state().conversations.at("bob@localhost").unread, 1);
}

TEST_F(ClientMessages, DuplicatesAreDroppedByStanzaIdAndOriginId) {
    const std::string a = R"(<message from="bob@localhost/phone" type="chat" id="x1"><body>hi</body>)"
                          R"(<stanza-id xmlns="urn:xmpp:sid:0" by="user@localhost" id="arch-9"/></message>)";
    h->feed(stanza(a));
    h->feed(stanza(a));
    // Same archive id under another message id: still the same message.
    h->feed(stanza(R"(<message from="bob@localhost/phone" type="chat" id="x2"><body>hi</body>)"
                   R"(<stanza-id xmlns="urn:xmpp:sid:0" by="user@localhost" id="arch-9"/></message>)"));
    // origin-id + sender.
    const std::string o = R"(<message from="bob@localhost/laptop" type="chat" id="y"><body>yo</body>)"
                          R"(<origin-id xmlns="urn:xmpp:sid:0" id="orig-1"/></message>)";
    h->feed(stanza(o));
    h->feed(stanza(o));
    EXPECT_EQ(bob().size(), 2u);
    EXPECT_EQ(h->state().conversations.at("bob@localhost").unread, 2);
    EXPECT_TRUE(h->logged("duplicate"));
    // A forged stanza-id (by someone else) does not make a duplicate nor get stored.
    h->feed(stanza(R"(<message from="bob@localhost/x" type="chat" id="z"><body>new</body>)"
                   R"(<stanza-id xmlns="urn:xmpp:sid:0" by="bob@localhost" id="arch-9"/></message>)"));
    ASSERT_EQ(bob().size(), 3u);
    EXPECT_TRUE(bob()[2].stanzaId.empty());
}

TEST_F(ClientMessages, ErrorReplyMarksMessageFailedAndPersists) {
    h->client->sendMessage("bob@localhost", "are you there?");
    auto m = h->sentOne();
    const std::string id(m.attr("id"));
    h->feed(stanza(R"(<message from="bob@localhost" type="error" id=")" + id +
                   R"("><error type="cancel"><service-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/>)"
                   R"(</error></message>)"));
    ASSERT_EQ(bob().size(), 1u);
    EXPECT_EQ(bob()[0].status, MessageStatus::Failed);
    EXPECT_EQ(bob()[0].error, "service-unavailable");
    // After a restart the failure is still there.
    h.reset();
    logIn();
    ASSERT_EQ(bob().size(), 1u);
    EXPECT_EQ(bob()[0].status, MessageStatus::Failed);
}

TEST_F(ClientMessages, FailedMessageCanBeResent) {
    h->client->sendMessage("bob@localhost", "retry me");
    const std::string id(h->sentOne().attr("id"));
    h->feed(stanza(R"(<message from="bob@localhost" type="error" id=")" + id +
                   R"("><error type="wait"><resource-constraint xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/>)"
                   R"(</error></message>)"));
    ASSERT_EQ(bob()[0].status, MessageStatus::Failed);
    h->client->resendMessage("bob@localhost", id);
    auto again = h->sentOne();
    EXPECT_EQ(again.attr("id"), id);
    EXPECT_EQ(again.childText(ns::kClient, "body"), "retry me");
    EXPECT_EQ(bob()[0].status, MessageStatus::Sent);
    EXPECT_TRUE(bob()[0].error.empty());
    h->client->resendMessage("bob@localhost", id);  // only failed messages are resent
    EXPECT_TRUE(h->takeSent().empty());
}

TEST_F(ClientMessages, RestartLoadsHistoryOldestFirst) {
    h->clock.advance(1000);
    h->feed(stanza(R"(<message from="bob@localhost/a" type="chat" id="i1"><body>first</body></message>)"));
    h->clock.advance(1000);
    h->client->sendMessage("bob@localhost", "second ✓");
    h->takeSent();  // answers OMEMO's device-list lookup (none): the message goes out as plaintext
    h->clock.advance(1000);
    h->feed(stanza(R"(<message from="bob@localhost/a" type="chat" id="i2"><body>third</body>)"
                   R"(<origin-id xmlns="urn:xmpp:sid:0" id="i2"/></message>)"));
    h->feed(stanza(R"(<message from="carol@localhost/a" type="chat" id="c1"><body>carol</body></message>)"));
    h.reset();
    ClientHarness fresh(dir.path);
    fresh.client->start();  // remembered: history shows before the network
    const auto& msgs = fresh.state().conversations.at("bob@localhost").messages;
    ASSERT_EQ(msgs.size(), 3u);
    EXPECT_EQ(msgs[0].body, "first");
    EXPECT_EQ(msgs[1].body, "second ✓");
    EXPECT_EQ(msgs[1].status, MessageStatus::Sent);
    EXPECT_EQ(msgs[2].body, "third");
    EXPECT_EQ(fresh.state().conversations.at("carol@localhost").messages.size(), 1u);
    // De-dup also works against loaded history.
    ScramServer server("SCRAM-SHA-256", test::kPassword);
    fresh.authenticateAndBind(server, {"SCRAM-SHA-256"});
    fresh.answerRoster("");
    fresh.feed(stanza(R"(<message from="bob@localhost/a" type="chat" id="i2"><body>third</body>)"
                   R"(<origin-id xmlns="urn:xmpp:sid:0" id="i2"/></message>)"));
    EXPECT_EQ(fresh.state().conversations.at("bob@localhost").messages.size(), 3u);
}

TEST_F(ClientMessages, TruncatedLastLineIsToleratedAndRepaired) {
    h->feed(stanza(R"(<message from="bob@localhost/a" type="chat" id="i1"><body>kept</body></message>)"));
    h.reset();
    // The tab closed in the middle of writing the next record.
    ASSERT_TRUE(storage::Store(dir.path).append("accounts/user@localhost/history/bob@localhost.d/s00000000.log",
                                                R"({"t":"msg","id":"half","bo)").ok());
    logIn();
    ASSERT_EQ(bob().size(), 1u);
    EXPECT_EQ(bob()[0].body, "kept");
    h->feed(stanza(R"(<message from="bob@localhost/a" type="chat" id="i2"><body>after</body></message>)"));
    h.reset();
    logIn();
    ASSERT_EQ(bob().size(), 2u);  // the new record did not merge into the broken line
    EXPECT_EQ(bob()[1].body, "after");
}

TEST_F(ClientMessages, AnswersDiscoInfoPingAndServiceUnavailable) {
    h->feed(stanza(R"(<iq type="get" id="d1" from="bob@localhost/phone" to=")" + h->boundJid +
                   R"("><query xmlns="http://jabber.org/protocol/disco#info"/></iq>)"));
    auto disco = h->sentOne();
    EXPECT_EQ(disco.attr("type"), "result");
    EXPECT_EQ(disco.attr("id"), "d1");
    EXPECT_EQ(disco.attr("to"), "bob@localhost/phone");
    const xml::Element* q = disco.child(ns::kDiscoInfo, "query");
    ASSERT_NE(q, nullptr);
    const xml::Element* identity = q->child(ns::kDiscoInfo, "identity");
    ASSERT_NE(identity, nullptr);
    EXPECT_EQ(identity->attr("category"), "client");
    EXPECT_EQ(identity->attr("type"), "web");
    EXPECT_EQ(identity->attr("name"), "Starling");
    std::vector<std::string> features;
    for (const auto* f : q->childrenNamed(ns::kDiscoInfo, "feature")) features.emplace_back(f->attr("var"));
    // Receipts, chat markers and chat states are handled and sent, so they are advertised (each XEP says
    // a supporting entity MUST); so are group chats (XEP-0045 §6.2) and message actions (XEP-0308, 0424,
    // 0444, 0461), XEP-0490 notifications of our read state on other devices, and contacts' nicknames.
    EXPECT_EQ(features, (std::vector<std::string>{"eu.siacs.conversations.axolotl.devicelist+notify", ns::kCaps,
                                                  ns::kChatStates, ns::kDiscoInfo, ns::kMuc, ns::kNickNotify, ns::kBookmarksNotify,
                                                  ns::kChatMarkers, ns::kMdsNotify, ns::kCorrection, ns::kRetract, ns::kPing,
                                                  ns::kReactions, ns::kReceipts, ns::kReply, ns::kStanzaId, ns::kStyling}));

    h->feed(stanza(R"(<iq type="get" id="p1" from="localhost"><ping xmlns="urn:xmpp:ping"/></iq>)"));
    EXPECT_TRUE(xml::equivalent(h->sentOne(), test::parseXml(stanza(R"(<iq type="result" id="p1" to="localhost"/>)"))));

    h->feed(stanza(R"(<iq type="get" id="v1" from="bob@localhost/phone"><query xmlns="jabber:iq:version"/></iq>)"));
    auto err = h->sentOne();
    EXPECT_TRUE(xml::equivalent(err, test::parseXml(stanza(
        R"(<iq type="error" id="v1" to="bob@localhost/phone"><error type="cancel">)"
        R"(<service-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>)"))))
        << xml::serialize(err, ns::kClient);
    h->feed(stanza(R"(<iq type="set" id="s1" from="bob@localhost/phone"><foo xmlns="urn:example:foo"/></iq>)"));
    EXPECT_EQ(h->sentOne().attr("type"), "error");
}

// RFC 6120 §8.2.3: an IQ get or set carries exactly one payload; §8.1.3: an IQ has an id, and a reply
// without one could be matched to nothing.
TEST_F(ClientMessages, AMalformedIqIsBadRequestAndOneWithoutAnIdGetsNoReply) {
    h->feed(stanza(R"(<iq type="get" id="m0" from="bob@localhost/phone"/>)"));
    EXPECT_TRUE(xml::equivalent(h->sentOne(), test::parseXml(stanza(
        R"(<iq type="error" id="m0" to="bob@localhost/phone"><error type="modify">)"
        R"(<bad-request xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>)"))));
    h->feed(stanza(R"(<iq type="get" id="m2" from="bob@localhost/phone"><ping xmlns="urn:xmpp:ping"/>)"
                   R"(<query xmlns="http://jabber.org/protocol/disco#info"/></iq>)"));
    auto two = h->sentOne();
    EXPECT_EQ(two.attr("type"), "error");
    EXPECT_NE(two.child(ns::kClient, "error")->child(ns::kStanzaErrors, "bad-request"), nullptr);
    h->feed(stanza(R"(<iq type="get" from="bob@localhost/phone"><ping xmlns="urn:xmpp:ping"/></iq>)"));
    h->feed(stanza(R"(<iq type="get" id="" from="bob@localhost/phone"><query xmlns="jabber:iq:version"/></iq>)"));
    EXPECT_TRUE(h->takeSent().empty());
    EXPECT_TRUE(h->logged("without an id"));
    EXPECT_EQ(h->state().connection, model::Connection::Online);
}

TEST_F(ClientMessages, UnknownAndInvalidStanzasAreDroppedWithALogLine) {
    const auto convs = h->state().conversations.size();
    h->feed(stanza(R"(<message type="chat" id="n"><body>no from</body></message>)"));
    h->feed(stanza(R"(<message from="bob@localhost/a" type="groupchat" id="g"><body>muc</body></message>)"));
    h->feed(stanza(R"(<presence from="bad jid"/>)"));
    EXPECT_TRUE(h->takeSent().empty());
    EXPECT_EQ(h->state().conversations.size(), convs);
    EXPECT_TRUE(h->logged("message without a valid from"));
    EXPECT_TRUE(h->logged("groupchat"));
    EXPECT_TRUE(h->logged("dropped presence"));
    EXPECT_EQ(h->state().connection, model::Connection::Online);
}

TEST_F(ClientMessages, StorageFailureSetsErrorButKeepsMessagesInMemory) {
    // The store's directory disappears and a file takes its place: every write now fails.
    std::filesystem::remove_all(dir.path + "/accounts");
    std::ofstream(dir.path + "/accounts") << "not a directory";
    h->feed(stanza(R"(<message from="bob@localhost/a" type="chat" id="i1"><body>keep me</body></message>)"));
    EXPECT_FALSE(h->state().storageError.empty());
    ASSERT_EQ(bob().size(), 1u);
    EXPECT_EQ(bob()[0].body, "keep me");
    h->client->sendMessage("bob@localhost", "mine too");
    ASSERT_EQ(bob().size(), 2u);
    EXPECT_EQ(h->sentOne().childText(ns::kClient, "body"), "mine too");  // after OMEMO's device-list lookup
    EXPECT_EQ(bob()[1].status, MessageStatus::Sent);  // the network path still works
    EXPECT_TRUE(h->logged("storage:"));
}

TEST_F(ClientMessages, RevisionMovesOnlyWhenStateChanges) {
    const auto r0 = h->client->revision();
    for (int i = 0; i < 8; ++i) {
        h->clock.advance(250);
        h->client->onTimer();  // idle: nothing to redraw
    }
    EXPECT_EQ(h->client->revision(), r0);
    h->feed(stanza(R"(<message from="bob@localhost/a" type="chat" id="r1"><body>wake up</body>)"
                   R"(<origin-id xmlns="urn:xmpp:sid:0" id="r1"/></message>)"));
    const auto r1 = h->client->revision();
    EXPECT_GT(r1, r0);
    h->feed(stanza(R"(<message from="bob@localhost/a" type="chat" id="r1"><body>wake up</body>)"
                   R"(<origin-id xmlns="urn:xmpp:sid:0" id="r1"/></message>)"));
    EXPECT_EQ(h->client->revision(), r1);  // a dropped duplicate changes nothing
}

TEST_F(ClientMessages, PersistErrorIsShown) {
    h->client->onPersistError("QuotaExceededError");
    EXPECT_EQ(h->state().storageError, "QuotaExceededError");
}

}  // namespace
}  // namespace starling
