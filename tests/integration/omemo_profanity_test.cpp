// Interop with profanity (Debian's, C on libsignal-protocol-c, OMEMO built in), a second implementation
// nobody here wrote, driven through tmux like a person at a terminal, through the same Prosody. Starling
// starts a session from profanity's bundle (Alice's first message), profanity starts one from Bob's (its
// first message to Bob); both answer; profanity shows the decrypted texts; Prosody's stanza log shows the
// OMEMO element and never the plaintext. Runs in scripts/test.sh's interop stage (STARLING_INTEROP=1).
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "integration/omemo_interop_support.h"

namespace starling::integration {
namespace {

using model::Direction;

std::string run(const std::string& cmd) {
    std::string out;
    if (FILE* p = popen(cmd.c_str(), "r")) {
        char buf[4096];
        for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
        pclose(p);
    }
    return out;
}

// profanity in a tmux server of our own (its socket in our scratch directory): started here, and only
// that server is stopped at the end.
class Profanity {
public:
    Profanity(const std::string& home, const std::string& socket) : m_tmux("tmux -S '" + socket + "'") {
        std::filesystem::create_directories(home);
        const std::string env = "env HOME=" + home + " XDG_CONFIG_HOME=" + home + "/.config XDG_DATA_HOME=" + home +
                                "/.local/share TERM=xterm";
        m_ok = std::system((m_tmux + " new-session -d -s p -x 250 -y 80 '" + env + " profanity'").c_str()) == 0;
    }
    ~Profanity() { (void)std::system((m_tmux + " kill-server >/dev/null 2>&1").c_str()); }
    bool started() const { return m_ok; }
    void type(const std::string& line) {
        (void)std::system((m_tmux + " send-keys -t p -l '" + line + "'").c_str());
        (void)std::system((m_tmux + " send-keys -t p Enter").c_str());
    }
    std::string screen() { return run(m_tmux + " capture-pane -p -J -t p -S -1000"); }

private:
    std::string m_tmux;
    bool m_ok = false;
};

TEST_F(OmemoInterop, ProfanityBothWaysFirstMessageFromEachSide) {
    ASSERT_EQ(std::system("command -v profanity >/dev/null && command -v tmux >/dev/null"), 0)
        << "profanity and tmux missing: scripts/setup.sh installs them";
    startAccounts("pa", "pb", "prof");
    if (HasFatalFailure()) return;
    const std::string& p = peerUser;

    // profanity 0.13 adds its device only to a device list that exists (on item-not-found it never
    // publishes one), so the account gets a list first from a Starling device of its own, published open.
    {
        TempDir dirP;
        LiveClient seed(dirP.path());
        ASSERT_TRUE(logInWithOmemo(seed, loginRequest(p, "pw-" + p, /*registerAccount=*/false, /*remember=*/false)));
        pumpAll({&seed}, [] { return false; }, 1500);  // the publications reach the server
    }

    Profanity prof(scratch.path() + "/home", scratch.path() + "/tmux.sock");
    ASSERT_TRUE(prof.started());
    int polls = 0;
    // Polls the terminal about every 200 ms while the Starling clients keep running.
    auto waitScreen = [&](const std::string& needle, std::int64_t ms = 20000) {
        return pumpAll({&alice, &bob}, [&] { return ++polls % 20 == 0 && prof.screen().find(needle) != std::string::npos; }, ms);
    };
    // The chat window's title line: "<jid> [online] [OMEMO]" once OMEMO is on for it.
    auto waitOmemoTitle = [&](const std::string& jid) {
        return pumpAll({&alice, &bob}, [&] {
            if (++polls % 20) return false;
            std::istringstream lines(prof.screen());
            for (std::string line; std::getline(lines, line);)
                if (line.find(" " + jid + " ") != std::string::npos && line.find("[OMEMO]") != std::string::npos) return true;
            return false;
        }, 20000);
    };
    ASSERT_TRUE(waitScreen("/help")) << prof.screen();
    prof.type("/connect " + pJid + " server 127.0.0.1 port " + c2sPort + " tls disable");
    ASSERT_TRUE(waitScreen("password")) << prof.screen();
    prof.type("pw-" + p);
    ASSERT_TRUE(waitScreen("logged in successfully")) << prof.screen();
    prof.type("/omemo gen");
    ASSERT_TRUE(waitScreen("Your Device ID is", 60000)) << prof.screen();
    prof.type("/omemo trustmode blind");  // profanity asks to trust each key by hand otherwise
    ASSERT_TRUE(waitScreen("trusted automatically")) << prof.screen();

    // profanity publishes its bundle without publish-options (Prosody advertises them on the account,
    // profanity looks at the server): only contacts may fetch it. Alice and Bob add profanity's account
    // (pre-approving it), profanity accepts and asks back.
    for (LiveClient* c : {&alice, &bob}) {
        const std::string jid = c->bareJid();
        c->client().addContact(pJid, "profanity");
        ASSERT_TRUE(waitScreen(jid)) << prof.screen();
        prof.type("/sub allow " + jid);
        prof.type("/sub request " + jid);
        ASSERT_TRUE(pumpAll({&alice, &bob}, [&] {
            const model::RosterItem* item = c->rosterItem(pJid);
            return item && item->subscription == "both";
        }, 20000)) << prof.screen() << "\n" << describe(*c);
    }
    pumpAll({&alice, &bob}, [] { return false; }, 1500);  // device lists pushed both ways (+notify)

    // 1. Starling starts the session from profanity's bundle; profanity decrypts and answers in it.
    const std::string t1 = "starling first " + uniqueName("s");
    alice.client().sendMessage(pJid, t1);
    ASSERT_TRUE(pumpAll({&alice, &bob}, [&] {
        const model::Message* m = alice.lastMessageFrom(pJid, Direction::Outgoing);
        return m && m->status != model::MessageStatus::Queued;
    }, 20000)) << describe(alice);
    ASSERT_TRUE(alice.lastMessageFrom(pJid, Direction::Outgoing)->encrypted) << "sent in plaintext";
    prof.type("/msg " + aJid);  // focuses the chat the message opened
    ASSERT_TRUE(waitScreen(t1)) << prof.screen();
    // A chat profanity opened for an incoming OMEMO message still sends plaintext until /omemo start.
    prof.type("/omemo start");
    ASSERT_TRUE(waitOmemoTitle(aJid)) << prof.screen();
    const std::string r1 = "profanity answer " + uniqueName("r");
    prof.type(r1);
    ASSERT_TRUE(pumpAll({&alice, &bob}, [&] { return incomingWithBody(alice, pJid, r1) != nullptr; }, 30000))
        << prof.screen() << "\n" << describe(alice);
    EXPECT_TRUE(incomingWithBody(alice, pJid, r1)->encrypted);

    // 2. profanity starts a session from Bob's bundle; Bob reads it and answers.
    prof.type("/msg " + bJid);
    prof.type("/omemo start");
    ASSERT_TRUE(waitOmemoTitle(bJid)) << prof.screen();
    const std::string t2 = "profanity first " + uniqueName("f");
    prof.type(t2);
    ASSERT_TRUE(pumpAll({&alice, &bob}, [&] { return incomingWithBody(bob, pJid, t2) != nullptr; }, 30000))
        << prof.screen() << "\n" << describe(bob);
    EXPECT_TRUE(incomingWithBody(bob, pJid, t2)->encrypted);
    const std::string r2 = "starling reply " + uniqueName("q");
    bob.client().sendMessage(pJid, r2);
    ASSERT_TRUE(waitScreen(r2, 30000)) << prof.screen();
    EXPECT_TRUE(bob.lastMessageFrom(pJid, Direction::Outgoing)->encrypted);

    expectNoPlaintextOnTheWire({t1, r1, t2, r2});
}

}  // namespace
}  // namespace starling::integration
