// Private messages through a room (XEP-0045 §7.5) through a whole Client (fake transport, stanzas as
// Prosody sends them): an occupant's private message is a chat of its own under room@service/nick, never
// the room's chat nor a contact's; ours goes as type 'chat' with the muc#user <x/>, plaintext, and waits
// until we are in the room; carbons of ours from another device and of theirs join the same chat; the
// chat survives a reload; error replies fail our message there; hostile or odd senders are dropped; a
// room we left, were removed from or bookmarked is still a room (a contact's resource never is); reactions
// there name the occupant; the chat mutes on its own, across a reload.
#include <gtest/gtest.h>

#include "archive_test_fixture.h"
#include "client_test_harness.h"
#include "core/im/occupant_chat.h"
#include "core/xml/ns.h"

namespace starling {
namespace {

using test::ClientSync;
using test::stanza;

constexpr const char* kRoom = "room@conference.localhost";
constexpr const char* kAlice = "room@conference.localhost/alice";

class MucPrivate : public test::LoggedInClientTest {
protected:
    void SetUp() override { logIn(); }

    const model::Conversation* chat(const std::string& key) const {
        auto it = h->state().conversations.find(key);
        return it == h->state().conversations.end() ? nullptr : &it->second;
    }
    std::size_t count(const std::string& key) const { return chat(key) ? chat(key)->messages.size() : 0; }

    void occupant(const std::string& nick, const std::string& inner) {
        h->feed(stanza("<presence from='" + std::string(kRoom) + "/" + nick + "' to='" + h->boundJid +
                       "'><x xmlns='http://jabber.org/protocol/muc#user'>" + inner + "</x></presence>"));
    }
    // Joins as "me" with alice in the room (open, non-anonymous: its disco#info answered).
    void joined() {
        ASSERT_TRUE(h->client->joinRoom(kRoom, "me"));
        h->takeSent();
        occupant("alice", "<item affiliation='owner' role='moderator' jid='alice@localhost/phone'/>");
        occupant("me", "<item affiliation='member' role='participant'/><status code='110'/>");
        answerRoomInfo();
    }
    // Answers the room's disco#info among what was sent; the rest is returned.
    std::vector<xml::Element> answerRoomInfo() {
        std::vector<xml::Element> rest;
        for (auto& e : h->takeSent()) {
            if (!e.child(ns::kDiscoInfo, "query") || e.attr("to") != kRoom) {
                rest.push_back(std::move(e));
                continue;
            }
                h->feed(stanza("<iq type='result' from='" + std::string(kRoom) + "' id='" + std::string(e.attr("id")) +
                               "'><query xmlns='http://jabber.org/protocol/disco#info'><feature var='muc_open'/>"
                               "<feature var='muc_nonanonymous'/></query></iq>"));
        }
        return rest;
    }
    void privateFrom(const std::string& from, const std::string& body, const std::string& id,
                     const std::string& type = "chat") {
        h->feed(stanza("<message from='" + from + "' to='" + h->boundJid + "' type='" + type + "' id='" + id +
                       "'><body>" + body + "</body><x xmlns='http://jabber.org/protocol/muc#user'/></message>"));
    }
    // A new client on the same store, logged in again (a reload of the page).
    void reload() {
        h = std::make_unique<test::ClientHarness>(dir.path);
        h->client->start();
        h->takeSent();
        test::ScramServer server("SCRAM-SHA-256", test::kPassword);
        h->login(server, test::kBobRoster);
    }
    // Our messages leaving now (the client's own IQs and presences left out).
    std::vector<xml::Element> sentMessages() {
        std::vector<xml::Element> out;
        for (auto& e : h->takeSent())
            if (e.is(ns::kClient, "message")) out.push_back(std::move(e));
        return out;
    }
};

TEST_F(MucPrivate, AnOccupantsPrivateMessageHasItsOwnChatNotTheRooms) {
    joined();
    privateFrom(kAlice, "just between us", "pm1");
    ASSERT_EQ(count(kAlice), 1u) << "a chat of its own under the occupant's JID";
    const model::Message& m = chat(kAlice)->messages[0];
    EXPECT_EQ(m.from, kAlice);
    EXPECT_EQ(m.body, "just between us");
    EXPECT_EQ(m.direction, model::Direction::Incoming);
    EXPECT_EQ(chat(kAlice)->unread, 1);
    EXPECT_EQ(count(kRoom), 0u) << "never said in the room";
    EXPECT_EQ(count("alice@localhost"), 0u) << "nor a contact's chat";
    // Without the <x/> (servers before XEP-0045 1.28): still the occupant's, the room is what tells it.
    h->feed(stanza("<message from='" + std::string(kAlice) + "' type='chat' id='pm2'><body>again</body></message>"));
    EXPECT_EQ(count(kAlice), 2u);
    EXPECT_EQ(count(kRoom), 0u);
    // Type unspecified (normal) is a private message too (§7.5 allows it).
    h->feed(stanza("<message from='" + std::string(kAlice) + "' id='pm3'><body>normal</body></message>"));
    EXPECT_EQ(count(kAlice), 3u);
    EXPECT_EQ(count(kRoom), 0u);
    EXPECT_TRUE(im::isOccupantChat(kAlice));
    h->client->openChat(kAlice);
    EXPECT_EQ(h->state().openChat, kAlice);
    EXPECT_EQ(chat(kAlice)->unread, 0);
}

TEST_F(MucPrivate, AnotherRoomsOccupantWithTheSameNickIsAnotherChat) {
    joined();
    ASSERT_TRUE(h->client->joinRoom("other@conference.localhost", "me"));
    h->takeSent();
    privateFrom(kAlice, "one", "a1");
    privateFrom("other@conference.localhost/alice", "two", "a2");
    EXPECT_EQ(count(kAlice), 1u);
    EXPECT_EQ(count("other@conference.localhost/alice"), 1u) << "a room we are joining is known too";
}

TEST_F(MucPrivate, OurPrivateMessageGoesAsChatWithTheMucUserXAndIsNeverEncrypted) {
    joined();
    h->pepRequests.clear();
    h->client->sendMessage(kAlice, "hello alice");
    auto sent = sentMessages();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].attr("to"), kAlice);
    EXPECT_EQ(sent[0].attr("type"), "chat");
    EXPECT_NE(sent[0].child(ns::kMucUser, "x"), nullptr) << "XEP-0045 §7.5: for carbons and archives";
    EXPECT_EQ(sent[0].childText(ns::kClient, "body"), "hello alice");
    EXPECT_EQ(sent[0].child(ns::kOmemoLegacy, "encrypted"), nullptr);
    for (const auto& pep : h->pepRequests)
        EXPECT_NE(std::string(pep.attr("to")).rfind(kRoom, 0), 0u) << "no OMEMO keys asked of the room or an occupant";
    ASSERT_EQ(count(kAlice), 1u);
    const model::Message& m = chat(kAlice)->messages[0];
    EXPECT_EQ(m.direction, model::Direction::Outgoing);
    EXPECT_FALSE(m.encrypted);
    EXPECT_EQ(count(kRoom), 0u);
    // The server's ack (XEP-0198 is off here: Sent at once) and the reply land in the same chat.
    privateFrom(kAlice, "hi!", "r1");
    EXPECT_EQ(count(kAlice), 2u);
    EXPECT_EQ(count(kRoom), 0u);
}

TEST_F(MucPrivate, APrivateMessageWaitsUntilWeAreInTheRoomAndFailsWhenTheRoomIsGone) {
    ASSERT_TRUE(h->client->joinRoom(kRoom, "me"));
    h->takeSent();
    h->client->sendMessage(kAlice, "early");
    EXPECT_TRUE(sentMessages().empty()) << "the room relays it only from an occupant";
    ASSERT_EQ(count(kAlice), 1u);
    EXPECT_EQ(chat(kAlice)->messages[0].status, model::MessageStatus::Queued);
    occupant("me", "<item affiliation='member' role='participant'/><status code='110'/>");
    bool went = false;
    for (const auto& e : answerRoomInfo())
        if (e.attr("to") == kAlice && e.childText(ns::kClient, "body") == "early") went = true;
    EXPECT_TRUE(went);
    // Left: the room is not known any more; the chat stays and opens, a new message fails.
    ASSERT_TRUE(h->client->leaveRoom(kRoom));
    h->takeSent();
    h->client->openChat(kAlice);
    EXPECT_EQ(h->state().openChat, kAlice) << "its history opens, not the room's";
    h->client->sendMessage(kAlice, "late");
    EXPECT_TRUE(sentMessages().empty());
    ASSERT_EQ(count(kAlice), 2u);
    EXPECT_EQ(chat(kAlice)->messages[1].status, model::MessageStatus::Failed);
    EXPECT_EQ(chat(kAlice)->messages[1].error, "not-in-room");
    EXPECT_EQ(count(kRoom), 0u);
}

TEST_F(MucPrivate, AnErrorReplyFailsOurPrivateMessageInItsChat) {
    joined();
    h->client->sendMessage(kAlice, "are you there?");
    auto sent = sentMessages();
    ASSERT_EQ(sent.size(), 1u);
    h->feed(stanza("<message from='" + std::string(kAlice) + "' to='" + h->boundJid + "' type='error' id='" +
                   std::string(sent[0].attr("id")) + "'><error by='" + kRoom + "' type='cancel'>"
                   "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>"));
    ASSERT_EQ(count(kAlice), 1u);
    EXPECT_EQ(chat(kAlice)->messages[0].status, model::MessageStatus::Failed);
    EXPECT_EQ(chat(kAlice)->messages[0].error, "item-not-found");
}

TEST_F(MucPrivate, CarbonsOfPrivateMessagesJoinTheOccupantsChat) {
    joined();
    // Ours, sent from another device of ours.
    h->feed(stanza("<message from='user@localhost' to='" + h->boundJid + "' type='chat'><sent xmlns='urn:xmpp:carbons:2'>"
                   "<forwarded xmlns='urn:xmpp:forward:0'><message xmlns='jabber:client' from='user@localhost/phone' to='" +
                   kAlice + "' type='chat' id='c1'><body>from my phone</body>"
                   "<x xmlns='http://jabber.org/protocol/muc#user'/></message></forwarded></sent></message>"));
    ASSERT_EQ(count(kAlice), 1u);
    EXPECT_EQ(chat(kAlice)->messages[0].direction, model::Direction::Outgoing);
    EXPECT_EQ(chat(kAlice)->messages[0].body, "from my phone");
    EXPECT_EQ(chat(kAlice)->unread, 0);
    // Theirs, delivered to another device of ours.
    h->feed(stanza("<message from='user@localhost' to='" + h->boundJid + "' type='chat'><received xmlns='urn:xmpp:carbons:2'>"
                   "<forwarded xmlns='urn:xmpp:forward:0'><message xmlns='jabber:client' from='" + kAlice +
                   "' to='user@localhost/phone' type='chat' id='c2'><body>to your phone</body>"
                   "<x xmlns='http://jabber.org/protocol/muc#user'/></message></forwarded></received></message>"));
    ASSERT_EQ(count(kAlice), 2u);
    EXPECT_EQ(chat(kAlice)->messages[1].direction, model::Direction::Incoming);
    EXPECT_EQ(chat(kAlice)->messages[1].from, kAlice);
    EXPECT_EQ(count(kRoom), 0u);
}

TEST_F(MucPrivate, APrivateChatSurvivesAReload) {
    joined();
    privateFrom(kAlice, "remember me", "k1");
    h->client->sendMessage(kAlice, "I will");
    h->takeSent();
    reload();
    ASSERT_EQ(count(kAlice), 2u);
    EXPECT_EQ(chat(kAlice)->messages[0].body, "remember me");
    EXPECT_EQ(chat(kAlice)->messages[0].from, kAlice);
    EXPECT_EQ(chat(kAlice)->messages[1].body, "I will");
    EXPECT_EQ(chat(kAlice)->messages[1].direction, model::Direction::Outgoing);
    EXPECT_EQ(count(kRoom), 0u);
    EXPECT_EQ(count("room@conference.localhost%2Falice"), 0u);
}

TEST_F(MucPrivate, OddSendersAreDroppedOrStayOneToOne) {
    joined();
    // The room itself is no occupant: its chat message is not said in the room.
    privateFrom(kRoom, "from the room", "b1");
    EXPECT_EQ(count(kRoom), 0u);
    EXPECT_TRUE(h->logged("from the room room@conference.localhost itself"));
    // An empty or oversized nick: dropped, nothing stored anywhere.
    privateFrom(std::string(kRoom) + "/", "empty nick", "b2");
    privateFrom(std::string(kRoom) + "/" + std::string(100000, 'n'), "huge nick", "b3");
    EXPECT_EQ(count(kRoom), 0u);
    for (const auto& [key, conv] : h->state().conversations) {
        EXPECT_LE(key.size(), 1100u);
        EXPECT_TRUE(conv.messages.empty()) << key;
    }
    EXPECT_TRUE(h->logged("private message through room@conference.localhost with an invalid nick"));
    // A room we do not know: a one-to-one chat as before, no room made up.
    privateFrom("elsewhere@conference.localhost/carol", "hi", "b4");
    EXPECT_EQ(count("elsewhere@conference.localhost"), 1u);
    EXPECT_EQ(h->state().rooms.count("elsewhere@conference.localhost"), 0u);
    // The room's error about our groupchat message still fails it in the room's chat.
    h->client->sendMessage(kRoom, "to all");
    auto sent = sentMessages();
    ASSERT_EQ(sent.size(), 1u);
    h->feed(stanza("<message from='" + std::string(kRoom) + "' type='error' id='" + std::string(sent[0].attr("id")) +
                   "'><error type='modify'><not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>"));
    ASSERT_EQ(count(kRoom), 1u);
    EXPECT_EQ(chat(kRoom)->messages[0].status, model::MessageStatus::Failed);
}

// A room we left is still a room: its occupant's private message is a chat of its own (not the room's old
// chat, where it would read as said in the room), after a reload too; a room we were removed from as
// well. A contact's full JID never makes a private chat, the muc#user <x/> hint or not.
TEST_F(MucPrivate, APrivateMessageFromARoomWeLeftHasItsOwnChat) {
    joined();
    h->feed(stanza("<message from='" + std::string(kRoom) + "/alice' type='groupchat' id='g1'><body>to all</body></message>"));
    ASSERT_EQ(count(kRoom), 1u);
    ASSERT_TRUE(h->client->leaveRoom(kRoom));
    h->takeSent();
    privateFrom(kAlice, "you left?", "l1");
    ASSERT_EQ(count(kAlice), 1u) << "a chat of its own, as for a room we are in";
    EXPECT_EQ(chat(kAlice)->messages[0].from, kAlice);
    EXPECT_EQ(count(kRoom), 1u) << "never in the room's old chat";
    // After a reload the room is still known (rooms.json), though nothing rejoins it.
    reload();
    EXPECT_EQ(h->state().rooms.count(kRoom), 0u) << "left: not joined again";
    privateFrom(std::string(kRoom) + "/carol", "hello from carol", "l2");
    EXPECT_EQ(count(std::string(kRoom) + "/carol"), 1u);
    EXPECT_EQ(count(kRoom), 1u);
    // A contact's resource is no occupant, even with the hint (anyone can add it).
    privateFrom("bob@localhost/phone", "from bob's phone", "l3");
    EXPECT_EQ(count("bob@localhost"), 1u);
    EXPECT_EQ(count("bob@localhost/phone"), 0u);
    // Joining it again makes it a room in State::rooms, not a former one.
    ASSERT_TRUE(h->client->joinRoom(kRoom, "me"));
    EXPECT_EQ(h->state().formerRooms.count(kRoom), 0u);
}

TEST_F(MucPrivate, APrivateMessageFromARoomWeWereRemovedFromHasItsOwnChatAfterAReload) {
    joined();
    h->feed(stanza("<presence from='" + std::string(kRoom) + "/me' to='" + h->boundJid + "' type='unavailable'>"
                   "<x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='none' role='none'/>"
                   "<status code='110'/><status code='307'/></x></presence>"));
    ASSERT_EQ(h->state().rooms.at(kRoom).error, "kicked");
    reload();
    privateFrom(kAlice, "sorry about that", "k1");
    EXPECT_EQ(count(kAlice), 1u);
    EXPECT_EQ(count(kRoom), 0u);
}

// Message actions work in a private chat as in any: our correction goes to the occupant as type 'chat'
// with the <x/>, and the occupant's own correction edits their message in that chat.
TEST_F(MucPrivate, ACorrectionInAPrivateChatGoesToTheOccupantAndTheirsApplies) {
    joined();
    h->client->sendMessage(kAlice, "helo");
    auto sent = sentMessages();
    ASSERT_EQ(sent.size(), 1u);
    const std::string id(sent[0].attr("id"));
    ASSERT_TRUE(h->client->correct(kAlice, id, "hello"));
    sent = sentMessages();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].attr("to"), kAlice);
    EXPECT_EQ(sent[0].attr("type"), "chat");
    EXPECT_NE(sent[0].child(ns::kMucUser, "x"), nullptr);
    ASSERT_NE(sent[0].child(ns::kCorrection, "replace"), nullptr);
    EXPECT_EQ(sent[0].child(ns::kCorrection, "replace")->attr("id"), id);
    EXPECT_EQ(chat(kAlice)->messages[0].body, "hello");
    privateFrom(kAlice, "typo", "t1");
    h->feed(stanza("<message from='" + std::string(kAlice) + "' type='chat' id='t2'><body>typed</body>"
                   "<replace xmlns='urn:xmpp:message-correct:0' id='t1'/></message>"));
    ASSERT_EQ(count(kAlice), 2u);
    EXPECT_EQ(chat(kAlice)->messages[1].body, "typed");
    EXPECT_TRUE(chat(kAlice)->messages[1].edited);
    EXPECT_EQ(count(kRoom), 0u);
}

// Reactions in a private chat (XEP-0444): ours go to the occupant as type 'chat' with the <x/>; theirs
// are the occupant's (room@service/nick), never the room's bare JID, in the private chat.
TEST_F(MucPrivate, ReactionsInAPrivateChatNameTheOccupantNotTheRoom) {
    joined();
    privateFrom(kAlice, "lunch?", "q1");
    ASSERT_TRUE(h->client->react(kAlice, "q1", {"\xF0\x9F\x91\x8D"}));
    auto sent = sentMessages();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].attr("to"), kAlice);
    EXPECT_EQ(sent[0].attr("type"), "chat");
    EXPECT_NE(sent[0].child(ns::kMucUser, "x"), nullptr);
    ASSERT_NE(sent[0].child(ns::kReactions, "reactions"), nullptr);
    EXPECT_EQ(sent[0].child(ns::kReactions, "reactions")->attr("id"), "q1");
    ASSERT_EQ(chat(kAlice)->messages[0].reactions.size(), 1u);
    EXPECT_EQ(chat(kAlice)->messages[0].reactions.begin()->second, std::set<std::string>{"user@localhost"});
    // Theirs, to our message.
    h->client->sendMessage(kAlice, "sure");
    sent = sentMessages();
    ASSERT_EQ(sent.size(), 1u);
    h->feed(stanza("<message from='" + std::string(kAlice) + "' type='chat' id='q2'><reactions xmlns='urn:xmpp:reactions:0' id='" +
                   std::string(sent[0].attr("id")) + "'><reaction>\xE2\x9D\xA4</reaction></reactions>"
                   "<x xmlns='http://jabber.org/protocol/muc#user'/></message>"));
    ASSERT_EQ(count(kAlice), 2u);
    const auto& reactions = chat(kAlice)->messages[1].reactions;
    ASSERT_EQ(reactions.size(), 1u);
    EXPECT_EQ(reactions.begin()->second, std::set<std::string>{kAlice}) << "the occupant, not " << kRoom;
    EXPECT_EQ(count(kRoom), 0u);
    // Our retraction goes the same way.
    ASSERT_TRUE(h->client->retract(kAlice, std::string(sent[0].attr("id"))));
    sent = sentMessages();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].attr("to"), kAlice);
    EXPECT_EQ(sent[0].attr("type"), "chat");
    EXPECT_NE(sent[0].child(ns::kMucUser, "x"), nullptr);
}

// Mute (alerts): a private chat is muted on its own (not its room, nor the room its own), announced
// no more, and still muted after a reload, when the room may be gone.
TEST_F(MucPrivate, APrivateChatIsMutedOnItsOwnAndStaysMutedAfterAReload) {
    joined();
    h->client->openChat(kRoom);
    privateFrom(kAlice, "ping", "m1");
    auto alerts = h->client->takeAlerts();
    ASSERT_EQ(alerts.size(), 1u);
    EXPECT_EQ(alerts[0].chat, kAlice);
    h->client->setMuted(kAlice, true);
    EXPECT_EQ(h->state().alerts.muted, std::set<std::string>{kAlice}) << "the private chat, not the room";
    privateFrom(kAlice, "ping again", "m2");
    EXPECT_TRUE(h->client->takeAlerts().empty());
    EXPECT_EQ(chat(kAlice)->unread, 2) << "still counted in the chat";
    EXPECT_EQ(model::unmutedUnread(h->state()), 0);
    ASSERT_TRUE(h->client->leaveRoom(kRoom));
    reload();
    EXPECT_EQ(h->state().alerts.muted, std::set<std::string>{kAlice}) << "kept in alerts.json";
    privateFrom(kAlice, "still there?", "m3");
    EXPECT_TRUE(h->client->takeAlerts().empty());
    h->client->setMuted(kAlice, false);
    EXPECT_TRUE(h->state().alerts.muted.empty());
    privateFrom(kAlice, "now?", "m4");
    EXPECT_EQ(h->client->takeAlerts().size(), 1u);
}

// Our own archive (the catch-up of a new session) holds private messages both ways: each in the
// occupant's chat, ours as ours.
TEST_F(ClientSync, PrivateMessagesInOurOwnArchiveJoinTheOccupantsChat) {
    auto q = query();
    ASSERT_TRUE(h->client->joinRoom(kRoom, "me"));
    h->takeSent();
    h->feed(test::mamResult(queryId(q), "P1", kAlice, "user@localhost/x", "archived from alice", "2025-12-31T10:00:00Z"));
    h->feed(test::mamResult(queryId(q), "P2", "user@localhost/phone", kAlice, "archived from me", "2025-12-31T10:01:00Z"));
    fin(q, true, "P2");
    const auto& conversations = h->state().conversations;
    ASSERT_EQ(conversations.count(kAlice), 1u);
    const auto& list = conversations.at(kAlice).messages;
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0].body, "archived from alice");
    EXPECT_EQ(list[0].direction, model::Direction::Incoming);
    EXPECT_EQ(list[0].stanzaId, "P1");
    EXPECT_EQ(list[1].body, "archived from me");
    EXPECT_EQ(list[1].direction, model::Direction::Outgoing);
    EXPECT_TRUE(!conversations.count(kRoom) || conversations.at(kRoom).messages.empty());
}

}  // namespace
}  // namespace starling
