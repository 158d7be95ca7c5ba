// Interop with an OMEMO implementation nobody here wrote: Debian's python3-omemo + python3-oldmemo on
// python3-slixmpp, glued by tests/interop/omemo_peer.py, through the same Prosody. Messages both ways and
// a first message that starts the session from each side; Prosody's stanza log shows no plaintext.
// Runs only in scripts/test.sh's interop stage (STARLING_INTEROP=1), which provides the packages.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <fcntl.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "integration/omemo_interop_support.h"

extern char** environ;

namespace starling::integration {
namespace {

using model::Direction;

// The peer process: started by us, stopped by its pid.
class Peer {
public:
    Peer(const std::vector<std::string>& args, const std::string& outPath) : m_out(outPath) {
        std::vector<char*> argv;
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 1, outPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_adddup2(&actions, 1, 2);
        if (posix_spawn(&m_pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) m_pid = 0;
        posix_spawn_file_actions_destroy(&actions);
    }
    ~Peer() {
        if (m_pid <= 0) return;
        ::kill(m_pid, SIGTERM);
        int status = 0;
        ::waitpid(m_pid, &status, 0);
    }
    bool started() const { return m_pid > 0; }
    std::string output() const { return readFile(m_out); }
    bool said(const std::string& line) const { return output().find(line) != std::string::npos; }

private:
    pid_t m_pid = 0;
    std::string m_out;
};

TEST_F(OmemoInterop, PythonOmemoBothWaysFirstMessageFromEachSide) {
    startAccounts("ia", "ib", "py");
    if (HasFatalFailure()) return;
    const std::string& p = peerUser;

    const std::string greeting = "python first " + uniqueName("g");
    Peer peer({"/usr/bin/python3", (repo / "tests/interop/omemo_peer.py").string(), "--jid", pJid, "--password",
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
