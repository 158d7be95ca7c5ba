// Message sync against a real Prosody: carbons between two logged-in resources of one account, receipts
// and read markers between contacts, and the archive catch-up of messages sent while the account was
// offline, across a "tab closed and opened again" (exactly once each, in order, also after a second
// catch-up from the stored cursor).
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "core/im/archive_sync.h"
#include "integration/client_harness.h"

namespace starling::integration {
namespace {

using model::Direction;

::testing::AssertionResult loginAs(LiveClient& c, const std::string& user, const std::string& pass, bool reg,
                                   bool remember = false) {
    return logIn(c, loginRequest(user, pass, reg, remember));
}

// Caught up with the archive (carbons were enabled before: the server answers in order).
bool synced(const LiveClient& c) { return c.loggedIn() && c.state().sync == model::Sync::Done; }

std::vector<std::string> bodies(const LiveClient& c, const std::string& peer, Direction dir) {
    std::vector<std::string> out;
    auto it = c.state().conversations.find(peer);
    if (it == c.state().conversations.end()) return out;
    for (const auto& m : it->second.messages)
        if (m.direction == dir) out.push_back(m.body);
    return out;
}

// Every message of the chat with `peer`: direction, body, error — for a failure's message.
std::string chatDump(const LiveClient& c, const std::string& peer) {
    std::string s = c.state().ownJid + " with " + peer + ":";
    auto it = c.state().conversations.find(peer);
    if (it == c.state().conversations.end()) return s + " no chat";
    for (const auto& m : it->second.messages)
        s += std::string("\n  ") + (m.direction == Direction::Incoming ? "in " : "out ") + m.body + " [" + m.error + "]";
    return s;
}

std::size_t count(const std::vector<std::string>& v, const std::string& s) {
    return static_cast<std::size_t>(std::count(v.begin(), v.end(), s));
}

TEST(SyncLive, CarbonsReceiptsAndReadMarkersBetweenTwoResourcesAndAContact) {
    TempDir dirA0, dirA1, dirA2, dirB;
    const std::string a = uniqueName("carb"), b = uniqueName("peer");
    {
        LiveClient creator(dirA0.path());
        ASSERT_TRUE(loginAs(creator, a, "pa-" + a, /*reg=*/true));
    }
    // Resource two first, so that resource one's session finds its OMEMO device among our own.
    LiveClient alice2(dirA2.path()), alice1(dirA1.path()), bob(dirB.path());
    ASSERT_TRUE(loginAs(alice2, a, "pa-" + a, false));
    ASSERT_TRUE(pumpAll({&alice2}, [&] { return synced(alice2); }));
    ASSERT_TRUE(loginAs(alice1, a, "pa-" + a, false));
    ASSERT_TRUE(loginAs(bob, b, "pb-" + b, true));
    ASSERT_TRUE(befriend(alice1, bob));
    ASSERT_TRUE(pumpAll({&alice1, &alice2, &bob}, [&] { return synced(alice1) && synced(alice2) && synced(bob); }))
        << describe(alice2);
    const std::string aJid = alice1.bareJid(), bJid = bob.bareJid();
    ASSERT_NE(alice1.state().ownJid, alice2.state().ownJid);

    // Sent on one resource: the other shows it as ours, in the chat with Bob (a sent carbon).
    alice1.client().sendMessage(bJid, "from resource one ✓");
    ASSERT_TRUE(pumpAll({&alice1, &alice2, &bob}, [&] {
        return count(bodies(alice2, bJid, Direction::Outgoing), "from resource one ✓") == 1 &&
               count(bodies(bob, aJid, Direction::Incoming), "from resource one ✓") == 1;
    })) << describe(alice2);
    EXPECT_TRUE(bodies(alice2, bJid, Direction::Incoming).empty());

    // Bob's answer reaches both resources, once each; Alice's client confirms delivery (a contact).
    bob.client().sendMessage(aJid, "ответ 👋");
    ASSERT_TRUE(pumpAll({&alice1, &alice2, &bob}, [&] {
        return count(bodies(alice1, bJid, Direction::Incoming), "ответ 👋") == 1 &&
               count(bodies(alice2, bJid, Direction::Incoming), "ответ 👋") == 1;
    })) << chatDump(alice1, bJid) << "\n" << chatDump(alice2, bJid) << "\n" << describe(alice1) << "\n"
        << describe(alice2) << "\n" << describe(bob);
    ASSERT_TRUE(pumpAll({&alice1, &alice2, &bob}, [&] {
        const model::Message* m = bob.lastMessageFrom(aJid, Direction::Outgoing);
        return m && m->status == model::MessageStatus::Delivered;
    })) << "no receipt: " << describe(bob);

    // Alice reads the chat on resource two: Bob sees it displayed; resource one's unread is cleared by
    // the carbon of her marker.
    EXPECT_GE(alice1.state().conversations.at(bJid).unread, 1);
    alice2.client().openChat(bJid);
    ASSERT_TRUE(pumpAll({&alice1, &alice2, &bob}, [&] {
        const model::Message* m = bob.lastMessageFrom(aJid, Direction::Outgoing);
        return m && m->status == model::MessageStatus::Displayed && alice1.state().conversations.at(bJid).unread == 0;
    })) << describe(bob);

    // Typing shows on the other side.
    bob.client().setTyping(aJid, true);
    ASSERT_TRUE(pumpAll({&alice1, &alice2, &bob}, [&] {
        return alice1.state().conversations.at(bJid).peerState == model::ChatState::Composing;
    }));
    // Nothing doubled anywhere.
    EXPECT_EQ(bodies(alice1, bJid, Direction::Outgoing).size(), 1u);
    EXPECT_EQ(bodies(alice2, bJid, Direction::Outgoing).size(), 1u);
    EXPECT_EQ(bodies(bob, aJid, Direction::Incoming).size(), 1u);
}

// While this tab is closed, the account's other device is online: the server delivers to that one and
// stores nothing offline for us, so only the archive catch-up can bring the messages here.
TEST(SyncLive, MessagesSentWhileThisTabWasClosedArriveOnceFromTheArchive) {
    TempDir dirA, dirOther, dirB;
    const std::string a = uniqueName("away"), b = uniqueName("sender");
    LiveClient bob(dirB.path());
    ASSERT_TRUE(loginAs(bob, b, "pb-" + b, true));
    const std::string bJid = bob.bareJid();
    std::string aJid;
    auto other = std::make_unique<LiveClient>(dirOther.path());
    {
        LiveClient alice(dirA.path());
        ASSERT_TRUE(loginAs(alice, a, "pa-" + a, true, /*remember=*/true));
        aJid = alice.bareJid();
        ASSERT_TRUE(befriend(alice, bob));
        ASSERT_TRUE(loginAs(*other, a, "pa-" + a, false));
        ASSERT_TRUE(pumpAll({&alice, &bob, other.get()}, [&] { return synced(alice) && synced(*other); }));
        bob.client().sendMessage(aJid, "before");
        ASSERT_TRUE(pumpAll({&alice, &bob, other.get()},
                            [&] { return count(bodies(alice, bJid, Direction::Incoming), "before") == 1; }));
    }  // the tab closes: socket gone, files stay

    const std::vector<std::string> offline = {"offline 1", "офлайн 2 ✓", "offline 3"};
    for (const auto& text : offline) bob.client().sendMessage(aJid, text);
    ASSERT_TRUE(pumpAll({&bob, other.get()}, [&] { return bodies(*other, bJid, Direction::Incoming).size() == 4; }))
        << describe(*other);
    other.reset();

    std::vector<std::string> expected = {"before"};
    expected.insert(expected.end(), offline.begin(), offline.end());
    for (int round = 0; round < 2; ++round) {
        SCOPED_TRACE("reopen " + std::to_string(round + 1));
        LiveClient alice(dirA.path());
        alice.client().start();  // remembered: logs in by itself, catches up from the stored cursor
        ASSERT_TRUE(pumpAll({&alice, &bob}, [&] { return synced(alice); }, 30000)) << describe(alice);
        EXPECT_EQ(bodies(alice, bJid, Direction::Incoming), expected) << describe(alice);
        EXPECT_FALSE(alice.state().conversations.at(bJid).gap);
        storage::Store files(dirA.path());
        auto cursor = files.read(im::archiveCursorPath(aJid));
        ASSERT_TRUE(cursor.ok());
        EXPECT_TRUE(im::decodeArchiveCursor(*cursor).has_value());
    }
}

}  // namespace
}  // namespace starling::integration
