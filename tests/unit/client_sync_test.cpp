// Message sync through a whole Client (fake transport, Prosody-shaped answers): carbons enabled after
// login, archive catch-up (first login: newest page only; later: page by page after the durable
// cursor; results only for our query and from our archive; live messages never move the cursor while
// it runs; a timed-out or failed page shows a gap and is never retried by itself), scrolling back,
// receipts / read markers / chat states to roster contacts only, and CSI.
#include <gtest/gtest.h>

#include "archive_test_fixture.h"
#include "core/storage/formats.h"

namespace starling {
namespace {

using test::ClientHarness;
using test::ClientSync;
using test::kRoster;
using test::mamResult;
using test::ScramServer;
using test::stanza;

TEST_F(ClientSync, FirstLoginFetchesTheNewestPageAndStoresTheCursor) {
    EXPECT_EQ(h->state().sync, model::Sync::CatchingUp);
    firstLoginWithTwoArchived();
    EXPECT_EQ(h->state().sync, model::Sync::Done);
    ASSERT_EQ(chat("bob@localhost").size(), 2u);
    EXPECT_EQ(chat("bob@localhost")[0].direction, model::Direction::Incoming);
    EXPECT_EQ(chat("bob@localhost")[1].direction, model::Direction::Outgoing);  // ours, in the chat with `to`
    EXPECT_EQ(chat("bob@localhost")[1].stanzaId, "A2");
    EXPECT_EQ(h->state().conversations.at("bob@localhost").unread, 0);  // history, not news
    EXPECT_EQ(storedCursor(), "A2");
}

// Found by no_loss.test.mjs on a busy machine: a new account's first catch-up finds an empty archive; its
// stream drops before anything comes live (the contact's messages wait in a hibernated session that a new
// session replaces), so no cursor was ever stored and the next session asked for the newest page only,
// silently missing everything older on the server. An empty archive is a cursor too: its beginning.
TEST_F(ClientSync, AFirstLoginToAnEmptyArchiveCatchesUpFromItsBeginningNextTime) {
    auto q = query();
    EXPECT_EQ(rsm(q, "before"), "[]");
    fin(q, true, "");  // count 0, complete
    EXPECT_EQ(h->state().sync, model::Sync::Done);
    h.reset();
    login();
    auto q1 = query();
    EXPECT_EQ(rsm(q1, "before"), "none");  // not the newest page: everything, oldest first
    EXPECT_EQ(rsm(q1, "after"), "none");
    h->feed(mamResult(queryId(q1), "B1", "bob@localhost/phone", "user@localhost", "while away 1", "2025-12-31T10:00:00Z"));
    h->feed(mamResult(queryId(q1), "B2", "bob@localhost/phone", "user@localhost", "while away 2", "2025-12-31T10:00:01Z"));
    fin(q1, false, "B2");
    EXPECT_EQ(storedCursor(), "B2");
    auto q2 = query();
    EXPECT_EQ(rsm(q2, "after"), "[B2]");
    h->feed(mamResult(queryId(q2), "B3", "bob@localhost/phone", "user@localhost", "while away 3", "2025-12-31T10:00:02Z"));
    fin(q2, true, "B3");
    EXPECT_EQ(h->state().sync, model::Sync::Done);
    ASSERT_EQ(chat("bob@localhost").size(), 3u);
    EXPECT_EQ(chat("bob@localhost")[0].body, "while away 1");
    EXPECT_EQ(storedCursor(), "B3");
}

// A newest page with nothing of ours in it (here: only a foreign result) still bounds the next catch-up.
TEST_F(ClientSync, ANewestPageWithNothingForUsStillBoundsTheNextCatchUp) {
    auto q = query();
    h->feed(mamResult(queryId(q), "X1", "eve@localhost/a", "user@localhost", "foreign archive", "2025-12-31T10:00:00Z",
                      "eve@localhost"));
    fin(q, true, "X1");
    EXPECT_EQ(storedCursor(), "X1");
    h.reset();
    login();
    EXPECT_EQ(rsm(query(), "after"), "[X1]");
}

TEST_F(ClientSync, ForgettingLocalDataStartsOverWithTheNewestPage) {
    firstLoginWithTwoArchived();
    h->client->logout(/*forgetLocalData=*/true);
    EXPECT_EQ(storedCursor(), "");
    relogin();
    EXPECT_EQ(rsm(query(), "before"), "[]");  // not "after A2": the history it covered is gone
}

TEST_F(ClientSync, ResultsOnlyForOurQueryAndFromOurArchive) {
    auto q = query();
    const std::string id = queryId(q);
    h->feed(mamResult("not-ours", "X1", "eve@localhost/a", "user@localhost", "injected", "2025-12-31T10:00:00Z"));
    h->feed(mamResult(id, "X2", "eve@localhost/a", "user@localhost", "foreign archive", "2025-12-31T10:00:00Z",
                      "eve@localhost"));
    h->feed(mamResult(id, "X3", "eve@localhost/a", "user@localhost", "our resource is no archive",
                      "2025-12-31T10:00:00Z", "user@localhost/other"));
    h->feed(mamResult(id, "A1", "bob@localhost/phone", "user@localhost", "real", "2025-12-31T10:00:00Z",
                      "user@localhost"));
    fin(q, true, "A1");
    EXPECT_EQ(h->state().conversations.count("eve@localhost"), 0u);
    ASSERT_EQ(chat("bob@localhost").size(), 1u);
    EXPECT_TRUE(h->logged("no query of ours"));
    EXPECT_TRUE(h->logged("foreign"));
    // After the query is closed, results with its id are no longer accepted either.
    h->feed(mamResult(id, "A9", "bob@localhost/phone", "user@localhost", "late", "2025-12-31T10:00:00Z"));
    EXPECT_EQ(chat("bob@localhost").size(), 1u);
}

TEST_F(ClientSync, NextLoginCatchesUpPageByPageAfterTheCursorAndLiveMessagesDoNotMoveIt) {
    firstLoginWithTwoArchived();
    h.reset();
    login();
    auto q1 = query();
    EXPECT_EQ(rsm(q1, "after"), "[A2]");
    EXPECT_EQ(rsm(q1, "before"), "none");
    h->feed(mamResult(queryId(q1), "A3", "bob@localhost/phone", "user@localhost", "while offline 1", "2025-12-31T23:59:01Z"));
    // A live message arrives during the catch-up: stored, but the cursor stays where the archive is.
    h->feed(stanza(R"(<message from="bob@localhost/phone" type="chat" id="L"><body>live</body>)"
                   R"(<origin-id xmlns="urn:xmpp:sid:0" id="L"/><stanza-id xmlns="urn:xmpp:sid:0" by="user@localhost" id="A5"/></message>)"));
    EXPECT_EQ(storedCursor(), "A2");
    fin(q1, false, "A3");
    EXPECT_EQ(storedCursor(), "A3");
    auto q2 = query();
    EXPECT_EQ(rsm(q2, "after"), "[A3]");
    h->feed(mamResult(queryId(q2), "A4", "bob@localhost/phone", "user@localhost", "while offline 2", "2025-12-31T23:59:02Z"));
    // The live message's archive copy: the catch-up reached the session start.
    h->feed(stanza("<message to='user@localhost/x'><result xmlns='urn:xmpp:mam:2' queryid='" + queryId(q2) +
                   "' id='A5'><forwarded xmlns='urn:xmpp:forward:0'><delay xmlns='urn:xmpp:delay' "
                   "stamp='2025-12-31T23:59:03Z'/><message xmlns='jabber:client' type='chat' from='bob@localhost/phone' "
                   "to='user@localhost' id='L'><body>live</body><origin-id xmlns='urn:xmpp:sid:0' id='L'/></message>"
                   "</forwarded></result></message>"));
    h->feed(mamResult(queryId(q2), "A6", "bob@localhost/phone", "user@localhost", "after the bound", "2025-12-31T23:59:04Z"));
    fin(q2, false, "A6");
    EXPECT_EQ(h->state().sync, model::Sync::Done);  // no third page: everything after A5 came live
    EXPECT_TRUE(h->takeSent().empty());
    std::vector<std::string> bodies;
    for (const auto& m : chat("bob@localhost")) bodies.push_back(m.body);
    EXPECT_EQ(bodies, (std::vector<std::string>{"old hello", "old reply", "while offline 1", "while offline 2", "live"}));
    EXPECT_EQ(h->state().conversations.at("bob@localhost").unread, 3);  // news since the last session
    EXPECT_EQ(storedCursor(), "A5");
    // Once caught up, live messages move the cursor.
    h->feed(stanza(R"(<message from="bob@localhost/phone" type="chat" id="M"><body>later</body>)"
                   R"(<stanza-id xmlns="urn:xmpp:sid:0" by="user@localhost" id="A7"/></message>)"));
    EXPECT_EQ(storedCursor(), "A7");
}

// Found by the 1,000-message e2e test: a message re-sent live after a cut (its whole-second <delay/>
// older than what the chat already shows) is appended, so it stands later than its stamp; the catch-up
// of the next session finds it again in the archive, then newer ones it had missed. Those go after it
// (archive order), not by their own stamps before it: each sender's messages stay in order, and the
// order is the same after a reload.
TEST_F(ClientSync, ArchiveResultsAfterAKnownMessageGoAfterIt) {
    firstLoginWithTwoArchived();
    h.reset();
    login();
    auto q1 = query();  // never answered: the page is reloaded before
    h->client->sendMessage("bob@localhost", "mine");
    h->takeSent();
    h->feed(stanza(R"(<message from="bob@localhost/phone" type="chat" id="L"><body>late</body>)"
                   R"(<delay xmlns="urn:xmpp:delay" stamp="2025-12-31T23:59:03Z"/>)"
                   R"(<origin-id xmlns="urn:xmpp:sid:0" id="A4-o"/><stanza-id xmlns="urn:xmpp:sid:0" by="user@localhost" id="A4"/></message>)"));
    h.reset();
    login();
    auto q2 = query();
    EXPECT_EQ(rsm(q2, "after"), "[A2]");
    const std::string id = queryId(q2);
    h->feed(mamResult(id, "A3", "bob@localhost/phone", "user@localhost", "missed 1", "2025-12-31T23:59:01Z"));
    h->feed(mamResult(id, "A4", "bob@localhost/phone", "user@localhost", "late", "2025-12-31T23:59:03Z"));
    h->feed(mamResult(id, "A5", "bob@localhost/phone", "user@localhost", "missed 2", "2025-12-31T23:59:04Z"));
    fin(q2, true, "A5");
    auto bodies = [&] {
        std::vector<std::string> out;
        for (const auto& m : chat("bob@localhost")) out.push_back(m.body);
        return out;
    };
    const std::vector<std::string> expected{"old hello", "old reply", "missed 1", "mine", "late", "missed 2"};
    EXPECT_EQ(bodies(), expected);
    EXPECT_EQ(storedCursor(), "A5");
    h.reset();
    login();
    EXPECT_EQ(bodies(), expected);  // the same order from storage
}

TEST_F(ClientSync, ATimedOutPageShowsAGapAndIsNotRetriedByItself) {
    firstLoginWithTwoArchived();
    h.reset();
    login();
    auto q1 = query();
    h->feed(mamResult(queryId(q1), "A3", "bob@localhost/phone", "user@localhost", "got this", "2026-01-01T00:00:01Z"));
    fin(q1, false, "A3");
    auto q2 = query();
    for (int i = 0; i < 100; ++i) {  // 25 s: the archive does not answer
        h->clock.advance(250);
        h->client->onTimer();
    }
    EXPECT_EQ(h->state().sync, model::Sync::Gap);
    EXPECT_TRUE(h->state().conversations.at("bob@localhost").gap);
    EXPECT_EQ(storedCursor(), "A3");  // the pages that did arrive count
    for (int i = 0; i < 400; ++i) {  // and nothing is retried on its own
        h->clock.advance(250);
        h->client->onTimer();
        for (const auto& e : h->takeSent()) {
            EXPECT_EQ(e.child(ns::kMam, "query"), nullptr) << xml::serialize(e, ns::kClient);
            if (e.child(ns::kPing, "ping"))  // the keepalive: the server is alive, only the archive is slow
                h->feed(R"(<iq xmlns="jabber:client" type="result" from="localhost" id=")" + std::string(e.attr("id")) +
                        R"("/>)");
        }
    }
    // A late answer to the timed-out page changes nothing.
    h->feed(mamResult(queryId(q2), "A4", "bob@localhost/phone", "user@localhost", "too late", "2026-01-01T00:00:02Z"));
    EXPECT_EQ(chat("bob@localhost").size(), 3u);
    // "Load missing messages": the catch-up again, from the cursor.
    h->client->loadMissing("");
    auto q3 = query();
    EXPECT_EQ(rsm(q3, "after"), "[A3]");
    EXPECT_EQ(h->state().sync, model::Sync::CatchingUp);
    h->feed(mamResult(queryId(q3), "A4", "bob@localhost/phone", "user@localhost", "recovered", "2026-01-01T00:00:02Z"));
    fin(q3, true, "A4");
    EXPECT_EQ(h->state().sync, model::Sync::Done);
    EXPECT_FALSE(h->state().conversations.at("bob@localhost").gap);
    EXPECT_EQ(chat("bob@localhost").back().body, "recovered");
}

// The chat's marker ("load missing messages", shown while State::sync == Gap or the chat's gap) runs the
// account-wide catch-up after an account-wide gap: a chat-only fill would leave State::sync at Gap, the
// marker drawn, and the cursor behind.
TEST_F(ClientSync, AChatsLoadMissingAfterAnAccountWideGapRunsTheCatchUpAndEndsTheGap) {
    firstLoginWithTwoArchived();
    h.reset();
    login();
    auto q1 = query();
    h->feed(R"(<iq xmlns="jabber:client" type="error" id=")" + std::string(q1.attr("id")) +
            R"("><error type="wait"><resource-constraint xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>)");
    ASSERT_EQ(h->state().sync, model::Sync::Gap);
    ASSERT_TRUE(h->state().conversations.at("bob@localhost").gap);
    h->client->loadMissing("bob@localhost");
    auto q2 = query();
    EXPECT_EQ(xml::serialize(q2, ns::kClient).find("bob@localhost"), std::string::npos) << "account-wide, no 'with'";
    EXPECT_EQ(rsm(q2, "after"), "[A2]");
    EXPECT_EQ(h->state().sync, model::Sync::CatchingUp);
    h->feed(mamResult(queryId(q2), "A3", "bob@localhost/phone", "user@localhost", "recovered", "2026-01-01T00:00:03Z"));
    fin(q2, true, "A3");
    EXPECT_EQ(h->state().sync, model::Sync::Done);
    EXPECT_FALSE(h->state().conversations.at("bob@localhost").gap);
    EXPECT_EQ(chat("bob@localhost").back().body, "recovered");
    EXPECT_EQ(storedCursor(), "A3");
}

// Without the answer to our account's disco#info there is no catch-up: a timed-out one is asked again.
TEST_F(ClientSync, ATimedOutDiscoOfOurAccountIsAskedAgainAndTheCatchUpFollows) {
    firstLoginWithTwoArchived();
    h = std::make_unique<ClientHarness>(dir.path);
    h->autoAnswerSync = false;
    ScramServer server("SCRAM-SHA-256", test::kPassword);
    h->login(server, kRoster);
    bool asked = false;
    for (const auto& e : h->extraAfterLogin) asked = asked || e.child(ns::kDiscoInfo, "query") != nullptr;
    ASSERT_TRUE(asked);
    const xml::Element* again = nullptr;
    std::vector<xml::Element> sent;
    for (int i = 0; i < 140 && !again; ++i) {  // 35 s: no answer
        h->clock.advance(250);
        h->client->onTimer();
        sent = h->takeSent();
        for (const auto& e : sent)
            if (e.child(ns::kDiscoInfo, "query")) again = &e;
    }
    ASSERT_NE(again, nullptr) << "disco#info not asked again";
    EXPECT_EQ(again->attr("to"), "user@localhost");
    EXPECT_TRUE(h->logged("asking again"));
    h->feed(R"(<iq xmlns="jabber:client" type="result" from="user@localhost" id=")" + std::string(again->attr("id")) +
            R"("><query xmlns="http://jabber.org/protocol/disco#info"><feature var="urn:xmpp:sid:0"/>)"
            R"(<feature var="urn:xmpp:mam:2"/></query></iq>)");
    auto q = query();
    EXPECT_EQ(rsm(q, "after"), "[A2]");
    EXPECT_EQ(h->state().sync, model::Sync::CatchingUp);
}

TEST_F(ClientSync, AnErrorPageShowsAGap) {
    auto q = query();
    h->feed(R"(<iq xmlns="jabber:client" type="error" id=")" + std::string(q.attr("id")) +
            R"("><error type="cancel"><service-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>)");
    EXPECT_EQ(h->state().sync, model::Sync::Gap);
    EXPECT_TRUE(h->takeSent().empty());
    EXPECT_TRUE(h->logged("archive query failed"));
}

TEST_F(ClientSync, NoArchiveNoQuery) {
    h.reset();
    login(/*mam=*/false);
    EXPECT_TRUE(h->takeSent().empty());
    EXPECT_EQ(h->state().sync, model::Sync::Idle);
}

// An encrypted live message waits while a new session's catch-up runs (OMEMO, omemo_client_test.cpp
// shows why), plaintext does not; when the catch-up stops with a gap it goes in at once, with the time
// it arrived. Nothing waits on a first login (only the newest page is fetched, and messages held back
// would land after it although older) or without an archive.
TEST_F(ClientSync, EncryptedLiveMessagesWaitForTheCatchUpEvenOneThatEndsInAGap) {
    auto encrypted = [](const std::string& id) {
        return stanza(R"(<message from="bob@localhost/phone" type="chat" id=")" + id +
                      R"("><encrypted xmlns="eu.siacs.conversations.axolotl"><header sid="7"/></encrypted></message>)");
    };
    auto first = query();  // first login: the newest page
    h->feed(encrypted("E0"));
    EXPECT_EQ(chat("bob@localhost").back().id, "E0");
    h->feed(mamResult(queryId(first), "A1", "bob@localhost/phone", "user@localhost", "archived", "2025-12-31T10:00:00Z"));
    fin(first, true, "A1");
    ASSERT_EQ(storedCursor(), "A1");

    h.reset();
    login();
    auto q = query();  // after the cursor
    const std::int64_t arrived = h->clock.wallTimeMs();
    h->feed(encrypted("E1"));
    h->feed(stanza(R"(<message from="bob@localhost/phone" type="chat" id="P1"><body>plain</body></message>)"));
    EXPECT_EQ(chat("bob@localhost").back().id, "P1");
    h->clock.advance(5000);
    h->feed(R"(<iq xmlns="jabber:client" type="error" id=")" + std::string(q.attr("id")) +
            R"("><error type="cancel"><service-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>)");
    ASSERT_EQ(h->state().sync, model::Sync::Gap);
    EXPECT_EQ(chat("bob@localhost").back().id, "E1");
    EXPECT_EQ(chat("bob@localhost").back().timestampMs, arrived);
    EXPECT_TRUE(chat("bob@localhost").back().encrypted);

    h.reset();
    login(/*mam=*/false);
    h->feed(encrypted("E2"));
    EXPECT_EQ(chat("bob@localhost").back().id, "E2");
}

TEST_F(ClientSync, ScrollingBackFetchesTheOlderPageOfOneChat) {
    firstLoginWithTwoArchived();
    h->client->loadOlder("bob@localhost");
    EXPECT_TRUE(h->state().conversations.at("bob@localhost").loadingOlder);
    auto q = query();
    EXPECT_EQ(rsm(q, "before"), "[A1]");  // before the oldest message we know the archive id of
    const xml::Element* form = q.child(ns::kMam, "query")->child(ns::kDataForms, "x");
    bool withBob = false;
    for (const auto* f : form->childrenNamed(ns::kDataForms, "field"))
        withBob |= f->attr("var") == "with" && f->childText(ns::kDataForms, "value") == "bob@localhost";
    EXPECT_TRUE(withBob);
    h->client->loadOlder("bob@localhost");  // one at a time
    EXPECT_TRUE(h->takeSent().empty());
    h->feed(mamResult(queryId(q), "A0", "bob@localhost/phone", "user@localhost", "older", "2025-12-30T10:00:00Z"));
    fin(q, true, "A0");
    EXPECT_FALSE(h->state().conversations.at("bob@localhost").loadingOlder);
    EXPECT_TRUE(h->state().conversations.at("bob@localhost").archiveStart);
    EXPECT_EQ(chat("bob@localhost").front().body, "older");
    EXPECT_EQ(h->state().conversations.at("bob@localhost").unread, 0);
    EXPECT_EQ(storedCursor(), "A2");  // scrolling back never moves the catch-up cursor
    h->client->loadOlder("bob@localhost");  // the archive has nothing older
    EXPECT_TRUE(h->takeSent().empty());
}

class ClientSignals : public ClientSync {
protected:
    void SetUp() override {
        ClientSync::SetUp();
        auto q = query();
        fin(q, true, "");
        ASSERT_EQ(h->state().sync, model::Sync::Done);
    }
    std::vector<xml::Element> sentMessages() {
        std::vector<xml::Element> out;
        for (auto& e : h->takeSent())
            if (e.is(ns::kClient, "message")) out.push_back(e);
        return out;
    }
};

TEST_F(ClientSignals, ReceiptsAnsweredForContactsSharingPresenceOnly) {
    const char* ask = R"(<message from="%s/phone" type="chat" id="ask-1"><body>hi</body><request xmlns="urn:xmpp:receipts"/></message>)";
    auto from = [&](const std::string& jid) {
        std::string s = ask;
        s.replace(s.find("%s"), 2, jid);
        return stanza(s);
    };
    h->feed(from("bob@localhost"));  // subscription both
    auto sent = sentMessages();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].attr("to"), "bob@localhost/phone");
    ASSERT_NE(sent[0].child(ns::kReceipts, "received"), nullptr);
    EXPECT_EQ(sent[0].child(ns::kReceipts, "received")->attr("id"), "ask-1");
    h->feed(from("eve@localhost"));   // a stranger
    h->feed(from("carl@localhost"));  // we see carl, carl does not see us
    EXPECT_TRUE(sentMessages().empty());
    EXPECT_TRUE(h->logged("no receipt to eve@localhost"));
}

TEST_F(ClientSignals, OurMessagesGoDeliveredThenDisplayed) {
    h->client->sendMessage("bob@localhost", "one");
    h->client->sendMessage("bob@localhost", "two");
    auto sent = sentMessages();
    ASSERT_EQ(sent.size(), 2u);
    const std::string id1(sent[0].attr("id")), id2(sent[1].attr("id"));
    h->feed(stanza(R"(<message from="bob@localhost/phone" id="r"><received xmlns="urn:xmpp:receipts" id=")" + id1 + R"("/></message>)"));
    EXPECT_EQ(chat("bob@localhost")[0].status, model::MessageStatus::Delivered);
    h->feed(stanza(R"(<message from="bob@localhost/phone" type="chat" id="d"><displayed xmlns="urn:xmpp:chat-markers:0" id=")" + id2 + R"("/></message>)"));
    EXPECT_EQ(chat("bob@localhost")[0].status, model::MessageStatus::Displayed);
    EXPECT_EQ(chat("bob@localhost")[1].status, model::MessageStatus::Displayed);
    // Persisted: a restart shows the same.
    auto log = h->store.read("accounts/user@localhost/history/bob@localhost.d/s00000000.log");
    ASSERT_TRUE(log.ok());
    auto hist = storage::decodeHistory(*log);
    ASSERT_EQ(hist.messages.size(), 2u);
    EXPECT_EQ(hist.messages[1].status, model::MessageStatus::Displayed);
}

TEST_F(ClientSignals, DisplayedSentWhenTheChatIsReadByAContactOnly) {
    const char* markable = R"(<message from="bob@localhost/phone" type="chat" id="m1"><body>read me</body>)"
                           R"(<markable xmlns="urn:xmpp:chat-markers:0"/></message>)";
    h->feed(stanza(markable));
    EXPECT_TRUE(sentMessages().empty());  // not read yet
    h->client->openChat("bob@localhost");
    auto sent = sentMessages();
    ASSERT_EQ(sent.size(), 1u);
    ASSERT_NE(sent[0].child(ns::kChatMarkers, "displayed"), nullptr);
    EXPECT_EQ(sent[0].child(ns::kChatMarkers, "displayed")->attr("id"), "m1");
    EXPECT_EQ(sent[0].attr("to"), "bob@localhost");
    h->client->closeChat();
    h->client->openChat("bob@localhost");  // once per message
    EXPECT_TRUE(sentMessages().empty());
    // Hidden tab: the open chat is not being read.
    h->client->setActive(false);
    h->takeSent();
    h->feed(stanza(R"(<message from="bob@localhost/phone" type="chat" id="m2"><body>and me</body>)"
                   R"(<markable xmlns="urn:xmpp:chat-markers:0"/></message>)"));
    EXPECT_TRUE(sentMessages().empty());
    h->client->setActive(true);
    sent = sentMessages();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].child(ns::kChatMarkers, "displayed")->attr("id"), "m2");
    // A stranger's chat: never.
    h->feed(stanza(R"(<message from="eve@localhost/x" type="chat" id="e1"><body>psst</body>)"
                   R"(<markable xmlns="urn:xmpp:chat-markers:0"/></message>)"));
    h->client->openChat("eve@localhost");
    EXPECT_TRUE(sentMessages().empty());
}

TEST_F(ClientSignals, ChatStatesToContactsOnlyAndThePeersStateIsShown) {
    h->client->setTyping("bob@localhost", true);
    auto sent = sentMessages();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_NE(sent[0].child(ns::kChatStates, "composing"), nullptr);
    EXPECT_NE(sent[0].child(ns::kCarbons, "private"), nullptr);
    EXPECT_EQ(sent[0].child(ns::kClient, "body"), nullptr);
    h->client->setTyping("bob@localhost", true);  // no repeats
    EXPECT_TRUE(sentMessages().empty());
    h->client->setTyping("bob@localhost", false);
    sent = sentMessages();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_NE(sent[0].child(ns::kChatStates, "paused"), nullptr);
    h->client->setTyping("eve@localhost", true);
    h->client->setTyping("carl@localhost", true);
    EXPECT_TRUE(sentMessages().empty());

    h->feed(stanza(R"(<message from="bob@localhost/phone" type="chat" id="x"><body>hey</body></message>)"));
    h->feed(stanza(R"(<message from="bob@localhost/phone" type="chat"><composing xmlns="http://jabber.org/protocol/chatstates"/></message>)"));
    EXPECT_EQ(h->state().conversations.at("bob@localhost").peerState, model::ChatState::Composing);
}

TEST_F(ClientSignals, ClientStateIndicationWhenTheServerOffersIt) {
    h->client->setActive(false);
    auto sent = h->takeSent();
    // Without stream management no <r/> follows (with it, one does: StreamSessionSmTest.AnAckCanBeRequestedNow).
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_TRUE(sent[0].is(ns::kCsi, "inactive"));
    h->client->setActive(false);  // no change, nothing sent
    EXPECT_TRUE(h->takeSent().empty());
    h->client->setActive(true);
    sent = h->takeSent();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_TRUE(sent[0].is(ns::kCsi, "active"));
}

TEST_F(ClientSignals, CarbonsFromOurOtherDeviceLandInTheRightChat) {
    h->feed(stanza(R"(<message from="user@localhost" type="chat"><sent xmlns="urn:xmpp:carbons:2"><forwarded xmlns="urn:xmpp:forward:0">)"
                   R"(<message xmlns="jabber:client" from="user@localhost/phone" to="bob@localhost" type="chat" id="p1">)"
                   R"(<body>from my phone</body></message></forwarded></sent></message>)"));
    h->feed(stanza(R"(<message from="eve@localhost" type="chat"><sent xmlns="urn:xmpp:carbons:2"><forwarded xmlns="urn:xmpp:forward:0">)"
                   R"(<message xmlns="jabber:client" from="user@localhost/phone" to="bob@localhost" type="chat" id="p2">)"
                   R"(<body>forged</body></message></forwarded></sent></message>)"));
    ASSERT_EQ(chat("bob@localhost").size(), 1u);
    EXPECT_EQ(chat("bob@localhost")[0].direction, model::Direction::Outgoing);
    EXPECT_EQ(chat("bob@localhost")[0].body, "from my phone");
    EXPECT_TRUE(h->logged("carbon refused (forged)"));
}

}  // namespace
}  // namespace starling
