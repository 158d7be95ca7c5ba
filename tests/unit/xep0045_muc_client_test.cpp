// XEP-0045 group chats through a whole Client (fake transport, Prosody-shaped room stanzas): join and
// self-presence, occupants, join errors as codes, a room's messages stored once with the right sender,
// our own message matched with the room's reflection, no receipts or chat states in rooms, mentions,
// removals, rooms kept across a reload and joined again on a new session, creating a private room, and
// what is ignored (a room we are not in, a self-presence from another nick, groupchat in a carbon or in
// our own archive).
#include <gtest/gtest.h>

#include "archive_test_fixture.h"
#include "client_test_harness.h"
#include "core/xml/ns.h"
#include "xep_fixture.h"

namespace starling {
namespace {

using test::ClientSync;
using test::stanza;

constexpr const char* kRoom = "room@conference.localhost";
constexpr const char* kOpenRoom = "<feature var='muc_open'/><feature var='muc_nonanonymous'/>";
constexpr const char* kPrivateRoom = "<feature var='muc_membersonly'/><feature var='muc_nonanonymous'/>";

class MucClient : public test::LoggedInClientTest {
protected:
    void SetUp() override { logIn(); }

    const model::Room& room() const { return h->state().rooms.at(kRoom); }
    const std::vector<model::Message>& messages() const { return h->state().conversations.at(kRoom).messages; }

    // joinRoom: the one join presence it sends.
    xml::Element join(const std::string& nick = "me", const std::string& password = {}) {
        EXPECT_TRUE(h->client->joinRoom(kRoom, nick, password));
        auto sent = h->takeSent();
        EXPECT_EQ(sent.size(), 1u);
        return sent.empty() ? xml::Element() : sent[0];
    }
    void occupant(const std::string& nick, const std::string& inner, const std::string& type = "") {
        h->feed(stanza("<presence from='" + std::string(kRoom) + "/" + nick + "' to='" + h->boundJid + "'" +
                       (type.empty() ? "" : " type='" + type + "'") +
                       "><x xmlns='http://jabber.org/protocol/muc#user'>" + inner + "</x></presence>"));
    }
    // Joins as "me" (occupant-id "self-id") with alice in the room; answers the room's disco#info (by
    // default an open, non-anonymous room: its messages are plaintext; OMEMO in private rooms is
    // omemo_muc_client_test.cpp's).
    void joined(const std::string& features = kOpenRoom) {
        join();
        occupant("alice", "<item affiliation='owner' role='moderator' jid='alice@localhost/phone'/>");
        h->feed(stanza("<presence from='" + std::string(kRoom) + "/me' to='" + h->boundJid +
                       "'><x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='member' role='participant'/>"
                       "<status code='110'/><status code='100'/></x>"
                       "<occupant-id xmlns='urn:xmpp:occupant-id:0' id='self-id'/></presence>"));
        auto sent = h->takeSent();
        for (const auto& e : sent)
            if (e.child(ns::kDiscoInfo, "query") && e.attr("to") == kRoom)
                h->feed(stanza("<iq type='result' from='" + std::string(kRoom) + "' id='" + std::string(e.attr("id")) +
                               "'><query xmlns='http://jabber.org/protocol/disco#info'>" + features + "</query></iq>"));
    }
    void groupchat(const std::string& nick, const std::string& body, const std::string& stanzaId,
                   const std::string& extra = "", const std::string& room = kRoom) {
        h->feed(stanza("<message from='" + room + "/" + nick + "' to='" + h->boundJid + "' type='groupchat' id='m-" +
                       stanzaId + "'><body>" + body + "</body><stanza-id xmlns='urn:xmpp:sid:0' by='" + room +
                       "' id='" + stanzaId + "'/>" + extra + "</message>"));
    }
};

TEST_F(MucClient, JoinSendsTheMucPresenceAndTheSelfPresenceJoins) {
    xml::Element presence = join("me", "secret");
    EXPECT_EQ(presence.attr("to"), std::string(kRoom) + "/me");
    const xml::Element* x = presence.child(ns::kMuc, "x");
    ASSERT_NE(x, nullptr);
    ASSERT_NE(x->child(ns::kMuc, "history"), nullptr);
    EXPECT_EQ(x->child(ns::kMuc, "history")->attr("maxstanzas"), "0");
    EXPECT_EQ(x->childText(ns::kMuc, "password"), "secret");
    EXPECT_TRUE(room().joining);
    EXPECT_FALSE(room().joined);
    h->takeSent();
    occupant("alice", "<item affiliation='owner' role='moderator' jid='alice@localhost/phone'/>");
    occupant("me", "<item affiliation='member' role='participant'/><status code='110'/>");
    EXPECT_TRUE(room().joined);
    EXPECT_FALSE(room().joining);
    ASSERT_EQ(room().occupants.size(), 2u);
    EXPECT_EQ(room().occupants.at("alice").realJid, "alice@localhost/phone");
    EXPECT_EQ(room().occupants.at("alice").role, "moderator");
    EXPECT_EQ(h->state().presence.count(kRoom), 0u);  // not a contact's presence
}

TEST_F(MucClient, TheRoomsFeaturesSayWhetherItIsEncryptable) {
    joined(kPrivateRoom);
    EXPECT_TRUE(room().encryptable);
    EXPECT_EQ(room().selfOccupantId, "self-id");
    h->client->leaveRoom(kRoom);
    h->takeSent();
    joined("<feature var='muc_open'/><feature var='muc_semianonymous'/>");
    EXPECT_FALSE(room().encryptable);
}

TEST_F(MucClient, JoinErrorsAreCodesAndANickConflictProposesAnother) {
    join("me");
    h->feed(stanza("<presence from='" + std::string(kRoom) + "/me' type='error'><x xmlns='http://jabber.org/protocol/muc'/>"
                   "<error by='" + kRoom + "' type='cancel'><conflict xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>"));
    EXPECT_EQ(room().error, "nick-conflict");
    EXPECT_EQ(room().proposedNick, "me_");
    EXPECT_FALSE(room().joined);
    EXPECT_FALSE(room().joining);
    join(room().proposedNick);
    h->feed(stanza("<presence from='" + std::string(kRoom) + "/me_' type='error'>"
                   "<error type='auth'><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>"));
    EXPECT_EQ(room().error, "password-required");
}

TEST_F(MucClient, AMessageIsStoredOnceWithTheOccupantAsSenderAndNoReceipt) {
    joined();
    groupchat("alice", "hello room", "S1", "<request xmlns='urn:xmpp:receipts'/><markable xmlns='urn:xmpp:chat-markers:0'/>");
    ASSERT_EQ(messages().size(), 1u);
    EXPECT_EQ(messages()[0].from, std::string(kRoom) + "/alice");
    EXPECT_EQ(messages()[0].direction, model::Direction::Incoming);
    EXPECT_EQ(messages()[0].stanzaId, "S1");
    EXPECT_EQ(h->state().conversations.at(kRoom).unread, 1);
    groupchat("alice", "hello room", "S1");  // the same again (a rejoin's history, a resend)
    EXPECT_EQ(messages().size(), 1u);
    EXPECT_TRUE(h->takeSent().empty()) << "no receipt, no marker, nothing";
    // A chat state in a room is not a peer's typing.
    h->feed(stanza("<message from='" + std::string(kRoom) + "/alice' type='groupchat'>"
                   "<composing xmlns='http://jabber.org/protocol/chatstates'/></message>"));
    EXPECT_EQ(h->state().conversations.at(kRoom).peerState, model::ChatState::None);
}

TEST_F(MucClient, OurMessageGoesAsGroupchatAndItsReflectionIsNotASecondMessage) {
    joined();
    h->client->sendMessage(kRoom, "hi all");
    auto sent = h->takeSent();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].attr("type"), "groupchat");
    EXPECT_EQ(sent[0].attr("to"), kRoom);
    EXPECT_EQ(sent[0].child(ns::kReceipts, "request"), nullptr);
    const xml::Element* origin = sent[0].child(ns::kStanzaId, "origin-id");
    ASSERT_NE(origin, nullptr);
    ASSERT_EQ(messages().size(), 1u);
    EXPECT_EQ(messages()[0].from, std::string(kRoom) + "/me");
    EXPECT_EQ(messages()[0].direction, model::Direction::Outgoing);
    // The room reflects it to us with its stanza-id and our origin-id.
    groupchat("me", "hi all", "S2",
              "<origin-id xmlns='urn:xmpp:sid:0' id='" + std::string(origin->attr("id")) +
                  "'/><occupant-id xmlns='urn:xmpp:occupant-id:0' id='self-id'/>");
    ASSERT_EQ(messages().size(), 1u);
    EXPECT_EQ(messages()[0].status, model::MessageStatus::Sent);
    EXPECT_EQ(messages()[0].stanzaId, "S2");
    EXPECT_EQ(h->state().conversations.at(kRoom).unread, 0);
    // Our message from another device of ours (same occupant-id, another origin-id): ours, not unread.
    groupchat("me", "from my phone", "S3", "<occupant-id xmlns='urn:xmpp:occupant-id:0' id='self-id'/>");
    ASSERT_EQ(messages().size(), 2u);
    EXPECT_EQ(messages()[1].direction, model::Direction::Outgoing);
    EXPECT_EQ(h->state().conversations.at(kRoom).unread, 0);
}

TEST_F(MucClient, AMessageWaitsUntilTheRoomIsJoined) {
    join();
    h->client->sendMessage(kRoom, "early");
    EXPECT_TRUE(h->takeSent().empty());
    ASSERT_EQ(messages().size(), 1u);
    EXPECT_EQ(messages()[0].status, model::MessageStatus::Queued);
    occupant("me", "<item affiliation='member' role='participant'/><status code='110'/>");
    // In, it still waits for the room's features (a private room's goes encrypted), then goes.
    bool sentEarly = false;
    std::vector<xml::Element> sent;
    for (auto& e : h->takeSent()) {
        if (e.is(ns::kClient, "message")) sentEarly = true;
        if (e.child(ns::kDiscoInfo, "query") && e.attr("to") == kRoom) sent.push_back(std::move(e));
    }
    EXPECT_FALSE(sentEarly) << "before the room's features";
    ASSERT_EQ(sent.size(), 1u);
    h->feed(stanza("<iq type='result' from='" + std::string(kRoom) + "' id='" + std::string(sent[0].attr("id")) +
                   "'><query xmlns='http://jabber.org/protocol/disco#info'>" + kOpenRoom + "</query></iq>"));
    for (const auto& e : h->takeSent())
        if (e.is(ns::kClient, "message") && e.childText(ns::kClient, "body") == "early") sentEarly = true;
    EXPECT_TRUE(sentEarly);
}

TEST_F(MucClient, AMessageNamingOurNickCountsAsAMention) {
    joined();
    groupchat("alice", "hey ME, look", "S1");
    groupchat("alice", "nothing for you", "S2");
    EXPECT_EQ(room().mentions, 1);
    EXPECT_EQ(h->state().conversations.at(kRoom).unread, 2);
    h->client->openChat(kRoom);
    EXPECT_EQ(room().mentions, 0);
}

TEST_F(MucClient, SubjectAndOccupantNickChanges) {
    joined();
    h->feed(stanza("<message from='" + std::string(kRoom) + "/alice' type='groupchat'><subject>Plans</subject></message>"));
    EXPECT_EQ(room().subject, "Plans");
    EXPECT_EQ(h->state().conversations.at(kRoom).messages.size(), 0u);
    occupant("alice", "<item affiliation='owner' role='moderator' nick='alicia'/><status code='303'/>", "unavailable");
    occupant("alicia", "<item affiliation='owner' role='moderator'/>");
    EXPECT_EQ(room().occupants.count("alice"), 0u);
    EXPECT_EQ(room().occupants.count("alicia"), 1u);
}

TEST_F(MucClient, KickedBannedAndDestroyedLeaveTheRoomWithACode) {
    struct Case {
        const char* inner;
        const char* code;
    } cases[] = {{"<item affiliation='none' role='none'><reason>spam</reason></item><status code='110'/><status code='307'/>", "kicked"},
                 {"<item affiliation='outcast' role='none'/><status code='110'/><status code='301'/>", "removed-banned"},
                 {"<item affiliation='none' role='none'/><destroy jid='other@conference.localhost'/>", "destroyed"}};
    for (const auto& c : cases) {
        SCOPED_TRACE(c.code);
        h->client->leaveRoom(kRoom);
        h->takeSent();
        joined();
        occupant("me", c.inner, "unavailable");
        EXPECT_EQ(room().error, c.code);
        EXPECT_FALSE(room().joined);
        EXPECT_TRUE(room().occupants.empty());
        // What we write now cannot reach the room: failed with a code, not queued forever.
        h->client->sendMessage(kRoom, std::string("after ") + c.code);
        EXPECT_TRUE(h->takeSent().empty());
        EXPECT_EQ(messages().back().status, model::MessageStatus::Failed);
        EXPECT_EQ(messages().back().error, "not-in-room");
    }
    EXPECT_EQ(room().errorText, "");
}

TEST_F(MucClient, WhatIsNotOursIsIgnoredWithALogLine) {
    joined();
    // A room we are not in.
    groupchat("mallory", "spam", "X1", "", "other@conference.localhost");
    EXPECT_EQ(h->state().conversations.count("other@conference.localhost"), 0u);
    EXPECT_TRUE(h->logged("room we are not in"));
    // A self-presence from another occupant's nick.
    occupant("alice", "<item affiliation='none' role='none'/><status code='110'/><status code='307'/>", "unavailable");
    EXPECT_TRUE(room().joined);
    EXPECT_TRUE(h->logged("self-presence from another occupant"));
    // A groupchat message inside a carbon.
    h->feed(stanza("<message from='user@localhost' type='chat'><received xmlns='urn:xmpp:carbons:2'>"
                   "<forwarded xmlns='urn:xmpp:forward:0'><message xmlns='jabber:client' type='groupchat' from='" +
                   std::string(kRoom) + "/alice' to='user@localhost/other'><body>carbon</body></message>"
                   "</forwarded></received></message>"));
    EXPECT_TRUE(messages().empty());
    EXPECT_TRUE(h->logged("groupchat"));
}

TEST_F(MucClient, LeavingSendsUnavailableAndForgetsTheRoomButNotItsHistory) {
    joined();
    groupchat("alice", "bye", "S1");
    ASSERT_TRUE(h->client->leaveRoom(kRoom));
    auto sent = h->takeSent();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].attr("type"), "unavailable");
    EXPECT_EQ(sent[0].attr("to"), std::string(kRoom) + "/me");
    EXPECT_EQ(h->state().rooms.count(kRoom), 0u);
    EXPECT_EQ(h->state().conversations.at(kRoom).messages.size(), 1u);
    groupchat("alice", "after", "S2");  // no longer ours
    EXPECT_EQ(h->state().conversations.at(kRoom).messages.size(), 1u);
}

// A reload keeps the rooms (rooms.json) and their history; the new session joins them again.
TEST_F(MucClient, RoomsAreKeptAcrossAReloadAndJoinedAgainOnANewSession) {
    joined();
    groupchat("alice", "kept", "S1");
    h = std::make_unique<test::ClientHarness>(dir.path);
    h->client->start();
    h->takeSent();
    test::ScramServer server("SCRAM-SHA-256", test::kPassword);
    h->login(server, test::kBobRoster);
    ASSERT_EQ(h->state().rooms.count(kRoom), 1u);
    EXPECT_EQ(room().nick, "me");
    ASSERT_EQ(messages().size(), 1u);
    EXPECT_EQ(messages()[0].body, "kept");
    bool rejoined = false;
    for (const auto& e : h->extraAfterLogin)
        if (e.is(ns::kClient, "presence") && e.attr("to") == std::string(kRoom) + "/me" && e.child(ns::kMuc, "x"))
            rejoined = true;
    EXPECT_TRUE(rejoined);
    EXPECT_TRUE(room().joining);
}

TEST_F(MucClient, CreatingAPrivateRoomConfiguresItThenMakesMembersAndInvitesThem) {
    ASSERT_TRUE(h->client->createRoom(kRoom, "me", true, {"bob@localhost"}));
    h->takeSent();
    occupant("me", "<item affiliation='owner' role='moderator'/><status code='110'/><status code='201'/>");
    const xml::Element* config = nullptr;
    auto sent = h->takeSent();
    for (const auto& e : sent)
        if (e.child(ns::kMucOwner, "query")) config = &e;
    ASSERT_NE(config, nullptr);
    EXPECT_EQ(config->attr("to"), kRoom);
    h->feed(stanza("<iq type='result' from='" + std::string(kRoom) + "' id='" + std::string(config->attr("id")) + "'/>"));
    bool member = false, mediated = false, direct = false;
    for (const auto& e : h->takeSent()) {
        if (const xml::Element* q = e.child(ns::kMucAdmin, "query"))
            member = q->child(ns::kMucAdmin, "item")->attr("affiliation") == "member" &&
                     q->child(ns::kMucAdmin, "item")->attr("jid") == "bob@localhost";
        if (e.child(ns::kMucUser, "x") && e.attr("to") == kRoom) mediated = true;
        if (const xml::Element* x = e.child(ns::kConference, "x"))
            direct = e.attr("to") == "bob@localhost" && x->attr("jid") == kRoom;
    }
    EXPECT_TRUE(member);
    EXPECT_TRUE(mediated);
    EXPECT_TRUE(direct);
}

TEST_F(MucClient, ModerationNeedsTheRoomJoinedAndAnErrorIsANotice) {
    EXPECT_FALSE(h->client->kick(kRoom, "alice"));
    joined();
    ASSERT_TRUE(h->client->kick(kRoom, "alice", "bye"));
    auto sent = h->takeSent();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].child(ns::kMucAdmin, "query")->child(ns::kMucAdmin, "item")->attr("role"), "none");
    h->feed(stanza("<iq type='error' from='" + std::string(kRoom) + "' id='" + std::string(sent[0].attr("id")) +
                   "'><error type='cancel'><not-allowed xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"));
    EXPECT_EQ(h->state().notice, "room-moderation-failed");
    ASSERT_TRUE(h->client->ban(kRoom, "eve@localhost"));
    ASSERT_TRUE(h->client->setRoomSubject(kRoom, "new"));
    sent = h->takeSent();
    ASSERT_EQ(sent.size(), 2u);
    EXPECT_EQ(sent[0].child(ns::kMucAdmin, "query")->child(ns::kMucAdmin, "item")->attr("affiliation"), "outcast");
    EXPECT_EQ(sent[1].childText(ns::kClient, "subject"), "new");
}

// An invitation (here as Prosody forwards a mediated one: with a direct form and a body) is a request in
// State::roomInvitations, not a message of the room's chat; joining the room takes it away.
TEST_F(MucClient, AnInvitationIsARequestNotAChatMessage) {
    h->feed(stanza("<message from='" + std::string(kRoom) + "' to='user@localhost'><x xmlns='http://jabber.org/protocol/muc#user'>"
                   "<invite from='alice@localhost/phone'><reason>come</reason></invite></x><x xmlns='jabber:x:conference' jid='" +
                   kRoom + "'/><body>alice@localhost/phone invited you to the room</body></message>"));
    h->feed(stanza("<message from='carol@localhost/pc' to='user@localhost'><x xmlns='jabber:x:conference' "
                   "jid='other@conference.localhost' password='pw'/></message>"));
    ASSERT_EQ(h->state().roomInvitations.size(), 2u);
    EXPECT_EQ(h->state().roomInvitations[0].room, kRoom);
    EXPECT_EQ(h->state().roomInvitations[0].inviter, "alice@localhost");
    EXPECT_EQ(h->state().roomInvitations[0].reason, "come");
    EXPECT_EQ(h->state().roomInvitations[1].room, "other@conference.localhost");
    EXPECT_EQ(h->state().roomInvitations[1].password, "pw");
    EXPECT_EQ(h->state().conversations.count(kRoom), 0u);
    EXPECT_TRUE(h->state().rooms.empty()) << "never an automatic join";
    EXPECT_TRUE(h->takeSent().empty());
    join();
    ASSERT_EQ(h->state().roomInvitations.size(), 1u);
    EXPECT_EQ(h->state().roomInvitations[0].room, "other@conference.localhost");
}

// After a join the room's own archive is asked for what came after the newest room stanza-id we have;
// its results join the chat once (one already known live is not added again), only from that room.
TEST_F(MucClient, AfterAJoinTheRoomsArchiveIsCaughtUpAfterTheNewestStanzaId) {
    joined();  // the first join asked the newest page (answered empty by the harness)
    groupchat("alice", "live one", "S1");
    h->client->leaveRoom(kRoom);
    h->takeSent();
    h->autoAnswerSync = false;
    join();
    occupant("me", "<item affiliation='member' role='participant'/><status code='110'/>");
    const xml::Element* mam = nullptr;
    auto sent = h->takeSent();
    for (const auto& e : sent)
        if (e.child(ns::kMam, "query") && e.attr("to") == kRoom) mam = &e;
    ASSERT_NE(mam, nullptr);
    const xml::Element* q = mam->child(ns::kMam, "query");
    ASSERT_NE(q->child(ns::kRsm, "set"), nullptr);
    EXPECT_EQ(q->child(ns::kRsm, "set")->childText(ns::kRsm, "after"), "S1");
    const std::string queryId(q->attr("queryid"));
    auto result = [&](const std::string& outerFrom, const std::string& id, const std::string& body) {
        h->feed(stanza("<message from='" + outerFrom + "' to='" + h->boundJid + "'><result xmlns='urn:xmpp:mam:2' queryid='" +
                       queryId + "' id='" + id + "'><forwarded xmlns='urn:xmpp:forward:0'><delay xmlns='urn:xmpp:delay' "
                       "stamp='2025-12-31T10:00:00Z'/><message xmlns='jabber:client' type='groupchat' from='" + kRoom +
                       "/alice' id='x" + id + "'><body>" + body + "</body></message></forwarded></result></message>"));
    };
    result(kRoom, "S1", "live one");
    result(kRoom, "S2", "while away");
    result("eve@localhost", "S3", "forged");
    h->feed(stanza("<iq type='result' from='" + std::string(kRoom) + "' id='" + std::string(mam->attr("id")) +
                   "'><fin xmlns='urn:xmpp:mam:2' complete='true'><set xmlns='http://jabber.org/protocol/rsm'>"
                   "<first>S1</first><last>S2</last></set></fin></iq>"));
    std::vector<std::string> bodies;
    for (const auto& m : messages()) bodies.push_back(m.body);
    EXPECT_EQ(bodies, (std::vector<std::string>{"live one", "while away"}));
    EXPECT_EQ(messages()[1].from, std::string(kRoom) + "/alice");
    EXPECT_EQ(messages()[1].stanzaId, "S2");
    EXPECT_EQ(h->state().conversations.at(kRoom).unread, 2);
    EXPECT_TRUE(h->logged("foreign"));
    EXPECT_TRUE(h->takeSent().empty()) << "complete: no further page";
}

// A groupchat message inside a result of our own archive is not the room's, even for a room we are in:
// dropped with a log line.
TEST_F(ClientSync, AGroupchatMessageInOurOwnArchiveIsIgnored) {
    auto q = query();
    ASSERT_TRUE(h->client->joinRoom(kRoom, "me"));
    h->feed(stanza("<presence from='" + std::string(kRoom) + "/me'><x xmlns='http://jabber.org/protocol/muc#user'>"
                   "<item affiliation='member' role='participant'/><status code='110'/></x></presence>"));
    ASSERT_TRUE(h->state().rooms.at(kRoom).joined);
    h->takeSent();
    h->feed(stanza("<message to='user@localhost/x'><result xmlns='urn:xmpp:mam:2' queryid='" + queryId(q) +
                   "' id='G1'><forwarded xmlns='urn:xmpp:forward:0'><delay xmlns='urn:xmpp:delay' "
                   "stamp='2025-12-31T10:00:00Z'/><message xmlns='jabber:client' type='groupchat' from='" + kRoom +
                   "/alice' to='user@localhost' id='g'><body>forged</body></message></forwarded></result></message>"));
    fin(q, true, "G1");
    EXPECT_TRUE(h->state().conversations.at(kRoom).messages.empty());
    EXPECT_TRUE(h->logged("groupchat"));
}

}  // namespace
}  // namespace starling

namespace starling {
namespace {

// A plain join that creates the room (status 201) accepts the default configuration at once (an instant
// room, XEP-0045 example 155): else the room stays locked and everyone else's join is refused.
TEST_F(MucClient, ARoomAPlainJoinCreatedIsUnlockedAsAnInstantRoom) {
    join();
    occupant("me", "<item affiliation='owner' role='moderator'/><status code='110'/><status code='201'/>");
    const xml::Element* owner = nullptr;
    auto sent = h->takeSent();
    for (const auto& e : sent)
        if (e.child(ns::kMucOwner, "query")) owner = &e;
    ASSERT_NE(owner, nullptr);
    xml::Element ours = *owner;
    ours.removeAttr("id");
    xml::Element example = test::fixture("xep0045/155.xml");
    example.removeAttr("id");
    example.removeAttr("from");
    example.setAttr("to", kRoom);
    EXPECT_TRUE(xml::equivalent(ours, example)) << xml::serialize(ours, ns::kClient);
}

}  // namespace
}  // namespace starling
