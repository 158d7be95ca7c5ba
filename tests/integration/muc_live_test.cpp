// XEP-0045 group chats against the real Prosody (Component "conference.<domain>" with muc_mam): two
// native clients register; one creates a private room (members-only, non-anonymous) and invites the
// other, who joins; messages both ways arrive exactly once each, with the right sender; a taken nick
// is the "nick-conflict" error with another nick proposed; leaving works, and joining again catches up
// what was said meanwhile from the room's archive (muc_mam), once.
#include <gtest/gtest.h>

#include <string>

#include "integration/client_harness.h"

namespace starling::integration {
namespace {

using model::Direction;

::testing::AssertionResult registerAndLogin(LiveClient& c, const std::string& user) {
    c.client().start();
    c.client().login(loginRequest(user, "p-" + user, /*registerAccount=*/true, /*remember=*/false));
    if (!pumpAll({&c}, [&] { return c.loggedIn() || !c.state().loginProblem.code.empty(); }) || !c.loggedIn())
        return ::testing::AssertionFailure() << "registering " << user << ": " << describe(c);
    return ::testing::AssertionSuccess();
}

const model::Room* roomOf(const LiveClient& c, const std::string& room) {
    auto it = c.state().rooms.find(room);
    return it == c.state().rooms.end() ? nullptr : &it->second;
}

std::size_t countBodies(const LiveClient& c, const std::string& room, const std::string& body) {
    auto it = c.state().conversations.find(room);
    if (it == c.state().conversations.end()) return 0;
    std::size_t n = 0;
    for (const auto& m : it->second.messages) n += m.body == body;
    return n;
}

const model::Message* find(const LiveClient& c, const std::string& room, const std::string& body) {
    auto it = c.state().conversations.find(room);
    if (it == c.state().conversations.end()) return nullptr;
    for (const auto& m : it->second.messages)
        if (m.body == body) return &m;
    return nullptr;
}

TEST(MucLive, APrivateRoomIsCreatedJoinedByTheInviteeAndMessagesGoBothWaysOnce) {
    TempDir dirA, dirB;
    LiveClient alice(dirA.path()), bob(dirB.path());
    const std::string a = uniqueName("alice"), b = uniqueName("bob");
    ASSERT_TRUE(registerAndLogin(alice, a));
    ASSERT_TRUE(registerAndLogin(bob, b));
    const std::string room = uniqueName("room") + "@conference." + domain();

    ASSERT_TRUE(alice.client().createRoom(room, "Alice", /*isPrivate=*/true, {bob.bareJid()}));
    ASSERT_TRUE(pumpAll({&alice, &bob}, [&] {
        const model::Room* r = roomOf(alice, room);
        return r && r->joined && r->encryptable;
    })) << describe(alice);
    // The invitation reaches Bob as a request (members-only: he is a member now), and Bob joins.
    ASSERT_TRUE(pumpAll({&alice, &bob}, [&] {
        const auto& invitations = bob.state().roomInvitations;
        return !invitations.empty() && invitations.back().room == room;
    })) << describe(bob);
    EXPECT_EQ(bob.state().roomInvitations.back().inviter, alice.bareJid());
    EXPECT_EQ(bob.state().conversations.count(room), 0u) << "the invitation is no message of the room";
    ASSERT_TRUE(bob.client().joinRoom(room, "Bob"));
    ASSERT_TRUE(pumpAll({&alice, &bob}, [&] {
        const model::Room* r = roomOf(bob, room);
        return (r && r->joined) || (r && !r->error.empty());
    })) << describe(bob);
    ASSERT_TRUE(roomOf(bob, room)->joined) << roomOf(bob, room)->error;
    // The room's disco#info (asked after the join): members-only and non-anonymous.
    EXPECT_TRUE(pumpAll({&alice, &bob}, [&] { return roomOf(bob, room)->encryptable; }, 5000));
    ASSERT_TRUE(pumpAll({&alice, &bob}, [&] { return roomOf(alice, room)->occupants.count("Bob") == 1; }));
    EXPECT_EQ(roomOf(alice, room)->occupants.at("Bob").realJid.substr(0, bob.bareJid().size()), bob.bareJid());

    const std::string hello = "Привет, комната 👋";
    alice.client().sendMessage(room, hello);
    ASSERT_TRUE(pumpAll({&alice, &bob}, [&] { return find(bob, room, hello) != nullptr; })) << describe(bob);
    const std::string reply = "Hi Alice <&>";
    bob.client().sendMessage(room, reply);
    ASSERT_TRUE(pumpAll({&alice, &bob}, [&] { return find(alice, room, reply) != nullptr; })) << describe(alice);
    // Let the reflections arrive, then count: each message once on each side.
    ASSERT_TRUE(pumpAll({&alice, &bob}, [&] {
        const model::Message* mine = find(alice, room, hello);
        const model::Message* his = find(bob, room, reply);
        return mine && his && !mine->stanzaId.empty() && !his->stanzaId.empty();
    })) << "reflections carry the room's stanza-id";
    pumpAll({&alice, &bob}, [] { return false; }, 500);
    for (LiveClient* c : {&alice, &bob}) {
        EXPECT_EQ(countBodies(*c, room, hello), 1u);
        EXPECT_EQ(countBodies(*c, room, reply), 1u);
    }
    EXPECT_EQ(find(bob, room, hello)->from, room + "/Alice");
    EXPECT_EQ(find(bob, room, hello)->direction, Direction::Incoming);
    EXPECT_EQ(find(alice, room, hello)->direction, Direction::Outgoing);
    EXPECT_EQ(find(alice, room, reply)->from, room + "/Bob");
    EXPECT_EQ(find(alice, room, reply)->direction, Direction::Incoming);
    EXPECT_EQ(find(bob, room, reply)->direction, Direction::Outgoing);
    EXPECT_EQ(alice.state().conversations.at(room).unread, 1);
    EXPECT_EQ(bob.state().conversations.at(room).unread, 1);

    // Leaving: Alice sees Bob go; Bob's room is gone, his history stays.
    ASSERT_TRUE(bob.client().leaveRoom(room));
    ASSERT_TRUE(pumpAll({&alice, &bob}, [&] { return roomOf(alice, room)->occupants.count("Bob") == 0; }));
    EXPECT_EQ(roomOf(bob, room), nullptr);
    EXPECT_EQ(countBodies(bob, room, hello), 1u);

    // What is said while Bob is away comes from the room's archive when he joins again, once; what he
    // had is not added again.
    const std::string away = "while you were away";
    alice.client().sendMessage(room, away);
    ASSERT_TRUE(pumpAll({&alice, &bob}, [&] {
        const model::Message* m = find(alice, room, away);
        return m && !m->stanzaId.empty();
    }));
    ASSERT_TRUE(bob.client().joinRoom(room, "Bob"));
    ASSERT_TRUE(pumpAll({&alice, &bob}, [&] { return find(bob, room, away) != nullptr; })) << describe(bob);
    pumpAll({&alice, &bob}, [] { return false; }, 500);
    EXPECT_EQ(countBodies(bob, room, away), 1u);
    EXPECT_EQ(countBodies(bob, room, hello), 1u);
    EXPECT_EQ(countBodies(bob, room, reply), 1u);
    EXPECT_EQ(find(bob, room, away)->from, room + "/Alice");
    EXPECT_EQ(find(bob, room, away)->stanzaId, find(alice, room, away)->stanzaId);
}

TEST(MucLive, ATakenNickIsANickConflictWithAnotherNickProposed) {
    TempDir dirA, dirB;
    LiveClient alice(dirA.path()), bob(dirB.path());
    ASSERT_TRUE(registerAndLogin(alice, uniqueName("alice")));
    ASSERT_TRUE(registerAndLogin(bob, uniqueName("bob")));
    const std::string room = uniqueName("open") + "@conference." + domain();
    ASSERT_TRUE(alice.client().createRoom(room, "same", /*isPrivate=*/false, {}));
    ASSERT_TRUE(pumpAll({&alice}, [&] { return roomOf(alice, room) && roomOf(alice, room)->joined; })) << describe(alice);
    pumpAll({&alice}, [] { return false; }, 500);  // the configuration unlocks the room
    ASSERT_TRUE(bob.client().joinRoom(room, "same"));
    ASSERT_TRUE(pumpAll({&alice, &bob}, [&] { return !roomOf(bob, room)->error.empty() || roomOf(bob, room)->joined; }));
    EXPECT_EQ(roomOf(bob, room)->error, "nick-conflict");
    EXPECT_EQ(roomOf(bob, room)->proposedNick, "same_");
    ASSERT_TRUE(bob.client().joinRoom(room, roomOf(bob, room)->proposedNick));
    ASSERT_TRUE(pumpAll({&alice, &bob}, [&] { return roomOf(bob, room)->joined; })) << describe(bob);
    EXPECT_EQ(roomOf(bob, room)->nick, "same_");
}

}  // namespace
}  // namespace starling::integration
