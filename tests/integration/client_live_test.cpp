// The native Starling Client (core + POSIX WebSocket) against a real Prosody: in-band registration,
// login, wrong password, two accounts that add each other and chat both ways in Cyrillic and emoji,
// and "remember me" (a reload logs in again from stored SCRAM keys, with history shown at once).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "integration/client_harness.h"

namespace starling::integration {
namespace {

using model::Direction;

// Registers `user` in band through the client and waits until it is online with its roster.
::testing::AssertionResult registerAndLogin(LiveClient& c, const std::string& user, const std::string& pass,
                                            bool remember = false) {
    c.client().start();
    c.client().login(loginRequest(user, pass, /*registerAccount=*/true, remember));
    if (!pumpAll({&c}, [&] { return c.loggedIn() || !c.state().loginProblem.code.empty(); }))
        return ::testing::AssertionFailure() << "timeout registering " << user << ": " << describe(c);
    if (!c.loggedIn()) return ::testing::AssertionFailure() << "registering " << user << ": " << describe(c);
    return ::testing::AssertionSuccess();
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

std::string readAllFiles(const std::string& root) {
    std::string all;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
        if (!entry.is_regular_file()) continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        all += ss.str();
    }
    return all;
}

TEST(ClientLive, RegistersAFreshAccountInBandAndRefusesATakenName) {
    TempDir dir1, dir2;
    const std::string user = uniqueName("reg");
    LiveClient first(dir1.path());
    ASSERT_TRUE(registerAndLogin(first, user, "pw-" + user));
    EXPECT_EQ(first.bareJid(), user + "@" + domain());
    EXPECT_TRUE(first.state().loginProblem.code.empty());

    LiveClient second(dir2.path());
    second.client().start();
    second.client().login(loginRequest(user, "other-password", /*registerAccount=*/true, /*remember=*/false));
    ASSERT_TRUE(pumpAll({&second}, [&] { return !second.state().loginProblem.code.empty() || second.loggedIn(); }))
        << describe(second);
    EXPECT_EQ(second.state().loginProblem.code, "registration-conflict") << describe(second);
    EXPECT_FALSE(second.loggedIn());
}

TEST(ClientLive, LogsInWithPasswordAndRejectsAWrongOne) {
    TempDir dir1, dir2, dir3;
    const std::string user = uniqueName("pw");
    {
        LiveClient creator(dir1.path());
        ASSERT_TRUE(registerAndLogin(creator, user, "right-пароль"));
    }
    LiveClient good(dir2.path());
    good.client().start();
    good.client().login(loginRequest(user, "right-пароль", false, /*remember=*/false));
    ASSERT_TRUE(pumpAll({&good}, [&] { return good.loggedIn() || !good.state().loginProblem.code.empty(); }));
    EXPECT_TRUE(good.loggedIn()) << describe(good);
    EXPECT_EQ(good.state().ownJid.rfind(user + "@" + domain() + "/", 0), 0u)
        << "bound full JID: " << good.state().ownJid;

    LiveClient bad(dir3.path());
    bad.client().start();
    bad.client().login(loginRequest(user, "wrong-password", false, /*remember=*/false));
    ASSERT_TRUE(pumpAll({&bad}, [&] { return !bad.state().loginProblem.code.empty() || bad.loggedIn(); }))
        << describe(bad);
    EXPECT_EQ(bad.state().loginProblem.code, "auth-failed") << describe(bad);
    EXPECT_FALSE(bad.loggedIn());
}

TEST(ClientLive, TwoAccountsAddEachOtherAndChatBothWaysInCyrillicAndEmoji) {
    TempDir dirA, dirB;
    LiveClient alice(dirA.path()), bob(dirB.path());
    const std::string a = uniqueName("alice"), b = uniqueName("bob");
    ASSERT_TRUE(registerAndLogin(alice, a, "pa-" + a));
    ASSERT_TRUE(registerAndLogin(bob, b, "pb-" + b));
    const std::string aJid = alice.bareJid(), bJid = bob.bareJid();

    // Mutual subscription as a person does it: Alice adds Bob (pre-approving him), Bob accepts once;
    // his request back needs no second accept on Alice's side.
    alice.client().addContact(bJid, "Bob");
    ASSERT_TRUE(pumpAll({&alice, &bob}, [&] { return contains(bob.state().subscriptionRequests, aJid); }))
        << describe(bob);
    bob.client().approveSubscription(aJid);
    ASSERT_TRUE(pumpAll({&alice, &bob}, [&] {
        auto* ab = alice.rosterItem(bJid);
        auto* ba = bob.rosterItem(aJid);
        return ab && ba && ab->subscription == "both" && ba->subscription == "both";
    })) << describe(alice) << "\n" << describe(bob);
    EXPECT_FALSE(contains(alice.state().subscriptionRequests, bJid));
    EXPECT_EQ(alice.rosterItem(bJid)->name, "Bob");
    // Presence flows once subscribed both ways.
    ASSERT_TRUE(pumpAll({&alice, &bob}, [&] {
        return model::bestShow(alice.state(), bJid) != model::Show::Offline &&
               model::bestShow(bob.state(), aJid) != model::Show::Offline;
    }));

    const std::string hello = "Привет, мир 👋";
    alice.client().sendMessage(bJid, hello);
    ASSERT_TRUE(pumpAll({&alice, &bob}, [&] { return bob.lastMessageFrom(aJid, Direction::Incoming) != nullptr; }))
        << describe(bob);
    const model::Message* got = bob.lastMessageFrom(aJid, Direction::Incoming);
    EXPECT_EQ(got->body, hello);
    EXPECT_EQ(got->from.substr(0, got->from.find('/')), aJid);
    EXPECT_FALSE(got->id.empty()) << "origin-id/id carried over";
    EXPECT_GE(bob.state().conversations.at(aJid).unread, 1);

    const std::string reply = "И тебе привет! ёЁ 🎉👍🏽 «quotes» <&>";
    bob.client().sendMessage(aJid, reply);
    ASSERT_TRUE(pumpAll({&alice, &bob}, [&] { return alice.lastMessageFrom(bJid, Direction::Incoming) != nullptr; }))
        << describe(alice);
    EXPECT_EQ(alice.lastMessageFrom(bJid, Direction::Incoming)->body, reply);

    // The sender's own copy is stored as outgoing and left the queue (with XEP-0198: once acked).
    pumpAll({&alice, &bob}, [&] {
        const model::Message* m = alice.lastMessageFrom(bJid, Direction::Outgoing);
        return m && m->status != model::MessageStatus::Queued;
    });
    const model::Message* sent = alice.lastMessageFrom(bJid, Direction::Outgoing);
    ASSERT_NE(sent, nullptr);
    EXPECT_EQ(sent->body, hello);
    EXPECT_NE(sent->status, model::MessageStatus::Queued);
    EXPECT_NE(sent->status, model::MessageStatus::Failed);
}

TEST(ClientLive, RememberMeComesBackAfterReloadWithoutStoringThePassword) {
    TempDir dirA, dirPeer;
    const std::string a = uniqueName("rem"), peer = uniqueName("peer");
    const std::string password = "Sekr3t-" + a;
    LiveClient other(dirPeer.path());
    ASSERT_TRUE(registerAndLogin(other, peer, "pp-" + peer));
    const std::string peerJid = other.bareJid();
    std::string ownBare;
    {
        LiveClient first(dirA.path());
        ASSERT_TRUE(registerAndLogin(first, a, password, /*remember=*/true));
        ownBare = first.bareJid();
        first.client().sendMessage(peerJid, "before reload ✓");
        ASSERT_TRUE(pumpAll({&first, &other}, [&] { return other.lastMessageFrom(ownBare, Direction::Incoming); }));
        EXPECT_TRUE(first.state().remembered);
    }  // "reload": the client and its socket go away, the files stay
    EXPECT_EQ(readAllFiles(dirA.path()).find(password), std::string::npos) << "password stored in clear";

    LiveClient again(dirA.path());
    again.client().start();
    // History shows at once from local storage, before any network turn.
    const model::Message* stored = again.lastMessageFrom(peerJid, Direction::Outgoing);
    ASSERT_NE(stored, nullptr) << "history not loaded from the store on start()";
    EXPECT_EQ(stored->body, "before reload ✓");
    ASSERT_TRUE(pumpAll({&again}, [&] { return again.loggedIn() || !again.state().loginProblem.code.empty(); }))
        << describe(again);
    EXPECT_TRUE(again.loggedIn()) << describe(again);
    EXPECT_EQ(again.bareJid(), ownBare);

    // Logging out forgets the credentials: the next start stays logged out.
    again.client().logout(/*forgetLocalData=*/false);
    LiveClient afterLogout(dirA.path());
    afterLogout.client().start();
    for (int i = 0; i < 20; ++i) afterLogout.step(10);
    EXPECT_FALSE(afterLogout.loggedIn());
    EXPECT_EQ(afterLogout.state().connection, model::Connection::LoggedOut);
}

}  // namespace
}  // namespace starling::integration
