#pragma once
// The part both OMEMO interop tests share (python-omemo in omemo_interop_test.cpp, profanity in
// omemo_profanity_test.cpp): the Prosody scripts/test.sh started, two Starling clients with OMEMO
// online, a third account for the other implementation, and the check that no plaintext crossed the
// server. Only scripts/test.sh's interop stage (STARLING_INTEROP=1) provides the other implementations.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <initializer_list>
#include <sstream>
#include <string>

#include "integration/client_harness.h"

namespace starling::integration {

class OmemoInterop : public ::testing::Test {
protected:
    void SetUp() override {
        if (!std::getenv("STARLING_INTEROP")) GTEST_SKIP() << "interop stage only (STARLING_INTEROP=1)";
        const char* dirEnv = std::getenv("STARLING_PROSODY_DIR");
        ASSERT_TRUE(dirEnv && *dirEnv) << "STARLING_PROSODY_DIR not set";
        prosodyDir = dirEnv;
        std::istringstream ports(readFile(prosodyDir + "/ports"));
        std::string httpPort;
        ports >> httpPort >> c2sPort;
        ASSERT_FALSE(c2sPort.empty());
        m_logPath = prosodyDir + "/stanzas.log";
        m_logFrom = readFile(m_logPath).size();
    }

    // Alice and Bob (fresh accounts named from the prefixes) online with their OMEMO devices, and a fresh
    // name for the other implementation's account, registered out of band with password "pw-" + name.
    void startAccounts(const std::string& prefixA, const std::string& prefixB, const std::string& prefixPeer) {
        const std::string a = uniqueName(prefixA), b = uniqueName(prefixB);
        peerUser = uniqueName(prefixPeer);
        aJid = a + "@" + domain();
        bJid = b + "@" + domain();
        pJid = peerUser + "@" + domain();
        ASSERT_TRUE(logInWithOmemo(alice, newAccount(a))) << describe(alice);
        ASSERT_TRUE(logInWithOmemo(bob, newAccount(b))) << describe(bob);
        const std::string reg = "bash '" + (repo / "scripts/prosody.sh").string() + "' register '" + prosodyDir +
                                "' " + peerUser + " pw-" + peerUser + " >/dev/null 2>&1";
        ASSERT_EQ(std::system(reg.c_str()), 0) << reg;
    }

    // A fresh account registered in band, password "pw-" + user, not remembered.
    static LoginRequest newAccount(const std::string& user) {
        return loginRequest(user, "pw-" + user, /*registerAccount=*/true, /*remember=*/false);
    }

    const model::Message* incomingWithBody(const LiveClient& c, const std::string& peer, const std::string& body) {
        auto it = c.state().conversations.find(peer);
        if (it == c.state().conversations.end()) return nullptr;
        for (const auto& m : it->second.messages)
            if (m.direction == model::Direction::Incoming && m.body == body) return &m;
        return nullptr;
    }

    // Prosody's stanza log (mod_stanza_debug) since SetUp holds OMEMO and none of the texts.
    void expectNoPlaintextOnTheWire(std::initializer_list<std::string> secrets) {
        std::string log = readFile(m_logPath);
        log = log.size() > m_logFrom ? log.substr(m_logFrom) : std::string();
        ASSERT_NE(log.find("eu.siacs.conversations.axolotl"), std::string::npos) << "stanza debug off?";
        for (const std::string& secret : secrets)
            EXPECT_EQ(log.find(secret), std::string::npos) << "plaintext on the wire: " << secret;
    }

    // Not __FILE__: with CCACHE_BASEDIR it is relative to the build directory, not to where the tests run.
    const std::filesystem::path repo = STARLING_SOURCE_DIR;
    std::string prosodyDir, c2sPort;
    TempDir dirA, dirB, scratch;
    LiveClient alice{dirA.path()}, bob{dirB.path()};
    std::string peerUser, aJid, bJid, pJid;

private:
    std::string m_logPath;
    std::size_t m_logFrom = 0;
};

}  // namespace starling::integration
