// OMEMO (legacy) between two native Starling clients through a real Prosody: each publishes its device
// list and bundle by PEP (publish-options, access open); the first message from each side starts a
// session from the other's bundle; both read each other; the server's stanza log (mod_stanza_debug)
// shows the encrypted element and never the plaintext. A reload (same store) keeps the session.
#include <gtest/gtest.h>

#include <string>

#include "integration/client_harness.h"

namespace starling::integration {
namespace {

using model::Direction;

::testing::AssertionResult online(LiveClient& c, const std::string& user, bool registerAccount) {
    return logInWithOmemo(c, loginRequest(user, "pw-" + user, registerAccount, /*remember=*/true));
}

const model::Message* waitIncoming(LiveClient& to, LiveClient& from, const std::string& peer, std::size_t count) {
    pumpAll({&to, &from}, [&] {
        auto it = to.state().conversations.find(peer);
        if (it == to.state().conversations.end()) return false;
        std::size_t n = 0;
        for (const auto& m : it->second.messages) n += m.direction == Direction::Incoming;
        return n >= count;
    });
    return to.lastMessageFrom(peer, Direction::Incoming);
}

TEST(OmemoLive, FirstMessageFromEachSideIsEncryptedAndReadable) {
    const char* prosodyDir = std::getenv("STARLING_PROSODY_DIR");
    const std::string logPath = prosodyDir && *prosodyDir ? std::string(prosodyDir) + "/stanzas.log" : "";
    const std::size_t logFrom = logPath.empty() ? 0 : readFile(logPath).size();

    TempDir dirA, dirB;
    const std::string a = uniqueName("oma"), b = uniqueName("omb");
    const std::string aJid = a + "@" + domain(), bJid = b + "@" + domain();
    const std::string hello = "omemo hello " + uniqueName("p"), reply = "omemo reply " + uniqueName("q");
    const std::string again = "after reload " + uniqueName("r");
    {
        LiveClient alice(dirA.path()), bob(dirB.path());
        ASSERT_TRUE(online(alice, a, true));
        ASSERT_TRUE(online(bob, b, true));
        // No subscription between them: PEP answers forbidden/item-not-found; access model open still
        // lets them fetch each other's device list and bundle.
        alice.client().sendMessage(bJid, hello);
        const model::Message* got = waitIncoming(bob, alice, aJid, 1);
        ASSERT_NE(got, nullptr) << describe(alice) << "\n" << describe(bob);
        EXPECT_EQ(got->body, hello);
        EXPECT_TRUE(got->encrypted);
        const model::Message* sent = alice.lastMessageFrom(bJid, Direction::Outgoing);
        ASSERT_NE(sent, nullptr);
        EXPECT_TRUE(sent->encrypted);
        EXPECT_TRUE(alice.state().omemo.chatEncrypted.at(bJid));

        // Bob's first message to Alice: his own session choice (he has one from her pre-key message).
        bob.client().sendMessage(aJid, reply);
        const model::Message* back = waitIncoming(alice, bob, bJid, 1);
        ASSERT_NE(back, nullptr) << describe(alice);
        EXPECT_EQ(back->body, reply);
        EXPECT_TRUE(back->encrypted);
        // Each knows the other's device with a fingerprint, blindly trusted.
        ASSERT_EQ(alice.state().omemo.devices.at(bJid).size(), 1u);
        EXPECT_EQ(alice.state().omemo.devices.at(bJid)[0].id, bob.state().omemo.ownDeviceId);
        EXPECT_EQ(alice.state().omemo.devices.at(bJid)[0].fingerprint, bob.state().omemo.ownFingerprint);
        EXPECT_EQ(alice.state().omemo.devices.at(bJid)[0].trust, model::DeviceTrust::Blind);
    }
    {
        // Reload Bob (same store): his keys and session survive; Alice's next message decrypts.
        LiveClient alice(dirA.path()), bob(dirB.path());
        alice.client().start();
        bob.client().start();
        ASSERT_TRUE(pumpAll({&alice, &bob}, [&] { return alice.loggedIn() && bob.loggedIn(); }))
            << describe(alice) << "\n" << describe(bob);
        alice.client().sendMessage(bJid, again);
        const model::Message* got = waitIncoming(bob, alice, aJid, 2);
        ASSERT_NE(got, nullptr);
        EXPECT_EQ(got->body, again);
        EXPECT_TRUE(got->encrypted);
    }
    if (logPath.empty()) GTEST_SKIP() << "STARLING_PROSODY_DIR not set: wire check skipped";
    std::string log = readFile(logPath);
    log = log.size() > logFrom ? log.substr(logFrom) : std::string();
    EXPECT_NE(log.find("eu.siacs.conversations.axolotl"), std::string::npos) << "no OMEMO on the wire?";
    EXPECT_NE(log.find("pubsub#access_model"), std::string::npos);
    for (const std::string& secret : {hello, reply, again})
        EXPECT_EQ(log.find(secret), std::string::npos) << "plaintext on the wire: " << secret;
}

}  // namespace
}  // namespace starling::integration
