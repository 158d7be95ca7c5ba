// Interop with an OMEMO implementation nobody here wrote: Debian's python3-omemo + python3-oldmemo on
// python3-slixmpp, glued by tests/interop/omemo_peer.py, through the same Prosody. Messages both ways and
// a first message that starts the session from each side; Prosody's stanza log shows no plaintext.
// Runs only in scripts/test.sh's interop stage (STARLING_INTEROP=1), which provides the packages.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "integration/omemo_interop_support.h"
#include "integration/peer_process.h"

namespace starling::integration {
namespace {

using model::Direction;

TEST_F(OmemoInterop, PythonOmemoBothWaysFirstMessageFromEachSide) {
    startAccounts("ia", "ib", "py");
    if (HasFatalFailure()) return;
    const std::string& p = peerUser;

    const std::string greeting = "python first " + uniqueName("g");
    PeerProcess peer({"/usr/bin/python3", (repo / "tests/interop/omemo_peer.py").string(), "--jid", pJid, "--password",
               "pw-" + p, "--port", c2sPort, "--greet", bJid, "--greet-text", greeting, "--log",
               scratch.path() + "/peer-debug.log"},
              scratch.path() + "/peer.out");
    ASSERT_TRUE(peer.started());
    ASSERT_TRUE(pumpAll({&alice, &bob}, [&] { return peer.said("READY") || peer.said("ERROR"); }, 30000))
        << peer.output();
    ASSERT_FALSE(peer.said("ERROR")) << peer.output();

    // 1. Starling starts the session (from the peer's bundle); the peer decrypts and answers encrypted.
    const std::string t1 = "starling first " + uniqueName("s");
    alice.client().sendMessage(pJid, t1);
    ASSERT_TRUE(pumpAll({&alice, &bob}, [&] { return incomingWithBody(alice, pJid, "echo: " + t1) != nullptr; }, 30000))
        << peer.output() << "\n" << describe(alice);
    EXPECT_TRUE(peer.said("RECV " + aJid + " " + t1));
    EXPECT_TRUE(incomingWithBody(alice, pJid, "echo: " + t1)->encrypted);
    EXPECT_TRUE(alice.lastMessageFrom(pJid, Direction::Outgoing)->encrypted);

    // 2. The peer started a session with Bob (from his bundle); Bob reads it and answers in it.
    ASSERT_TRUE(pumpAll({&alice, &bob}, [&] { return incomingWithBody(bob, pJid, greeting) != nullptr; }, 30000))
        << peer.output() << "\n" << describe(bob);
    EXPECT_TRUE(incomingWithBody(bob, pJid, greeting)->encrypted);
    const std::string t2 = "starling reply " + uniqueName("r");
    bob.client().sendMessage(pJid, t2);
    ASSERT_TRUE(pumpAll({&alice, &bob}, [&] { return incomingWithBody(bob, pJid, "echo: " + t2) != nullptr; }, 30000))
        << peer.output() << "\n" << describe(bob);
    EXPECT_TRUE(peer.said("RECV " + bJid + " " + t2));

    // 3. Each side sees the other's fingerprint; nothing readable crossed the server.
    ASSERT_EQ(alice.state().omemo.devices.count(pJid), 1u);
    EXPECT_FALSE(alice.state().omemo.devices.at(pJid).empty());
    expectNoPlaintextOnTheWire({t1, t2, greeting});
}

}  // namespace
}  // namespace starling::integration
