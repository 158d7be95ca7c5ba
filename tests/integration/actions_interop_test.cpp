// Message actions with a client nobody here wrote: Debian's python3-slixmpp and its XEP-0308, 0424
// (urn:xmpp:message-retract:0 in XEP-0422 apply-to), 0444 and 0461 plugins (tests/interop/actions_peer.py),
// through the same Prosody, plain (the peer has no OMEMO). Each action both ways: the peer's reply, edit,
// reaction and deletion as Starling shows them; Starling's as the peer's plugins parse them.
// Runs only in scripts/test.sh's interop stage (STARLING_INTEROP=1), which provides the packages.
#include <gtest/gtest.h>

#include <string>

#include "core/xep/xep0424_retraction.h"
#include "integration/omemo_interop_support.h"
#include "integration/peer_process.h"

namespace starling::integration {
namespace {

using model::Direction;

class ActionsInterop : public OmemoInterop {
protected:
    const model::Message* withBody(const std::string& body, Direction dir) {
        auto it = alice.state().conversations.find(pJid);
        if (it == alice.state().conversations.end()) return nullptr;
        for (const auto& m : it->second.messages)
            if (m.direction == dir && m.body == body) return &m;
        return nullptr;
    }
    const model::Message* byId(const std::string& id) {
        auto it = alice.state().conversations.find(pJid);
        if (it == alice.state().conversations.end()) return nullptr;
        for (const auto& m : it->second.messages)
            if (m.id == id) return &m;
        return nullptr;
    }
    // The id after "SENT <what> " in the peer's output.
    static std::string sentId(const std::string& out, const std::string& what) {
        const std::string key = "SENT " + what + " ";
        const std::size_t at = out.find(key);
        if (at == std::string::npos) return {};
        const std::size_t from = at + key.size();
        return out.substr(from, out.find('\n', from) - from);
    }
};

TEST_F(ActionsInterop, SlixmppRepliesEditsReactsAndDeletesBothWays) {
    startAccounts("xa", "xb", "sx");
    if (HasFatalFailure()) return;
    PeerProcess peer({"/usr/bin/python3", (repo / "tests/interop/actions_peer.py").string(), "--jid", pJid,
                      "--password", "pw-" + peerUser, "--port", c2sPort, "--log", scratch.path() + "/peer-debug.log"},
                     scratch.path() + "/peer.out");
    ASSERT_TRUE(peer.started());
    ASSERT_TRUE(pumpAll({&alice}, [&] { return peer.said("READY"); }, 30000)) << peer.output();
    const std::string tag = uniqueName("t");

    // 1. The peer acts on our "go": all of it reaches us as what it is.
    alice.client().sendMessage(pJid, "go " + tag);
    const std::string goId = alice.lastMessageFrom(pJid, Direction::Outgoing)->id;
    ASSERT_TRUE(pumpAll({&alice}, [&] { return peer.said("SENT RETRACT"); }, 30000)) << peer.output();
    const std::string out = peer.output();
    const std::string saysId = sentId(out, "SAYS"), replyId = sentId(out, "REPLY"), deletesId = sentId(out, "DELETES");
    ASSERT_TRUE(pumpAll({&alice}, [&] {
        const model::Message* deleted = byId(deletesId);
        return withBody("peer says " + tag + " (edited)", Direction::Incoming) && deleted && deleted->retracted &&
               byId(goId) && !byId(goId)->reactions.empty() && byId(replyId);
    }, 30000)) << out << "\n" << describe(alice);
    const model::Message* edited = byId(saysId);
    ASSERT_NE(edited, nullptr);
    EXPECT_TRUE(edited->edited);
    EXPECT_EQ(edited->body, "peer says " + tag + " (edited)");
    EXPECT_EQ(edited->originalBody, "peer says " + tag);
    EXPECT_EQ(byId(replyId)->replyTo, goId);
    EXPECT_EQ(byId(replyId)->body, "peer replies " + tag);
    EXPECT_EQ(byId(goId)->reactions.at("👍"), std::set<std::string>{pJid});
    EXPECT_EQ(byId(deletesId)->body, "");
    EXPECT_EQ(withBody(xep::kRetractionFallbackBody, Direction::Incoming), nullptr);  // no fallback shown
    const auto& chat = alice.state().conversations.at(pJid).messages;
    EXPECT_EQ(chat.size(), 4u);  // go, says (edited), reply, deletes (deleted): nothing else became a message

    // 2. We act on the peer's messages: its plugins parse each.
    ASSERT_TRUE(alice.client().reply(pJid, saysId, "alice replies " + tag));
    ASSERT_TRUE(alice.client().react(pJid, saysId, {"🎉"}));
    alice.client().sendMessage(pJid, "alice says " + tag);
    const std::string oursId = alice.lastMessageFrom(pJid, Direction::Outgoing)->id;
    alice.client().sendMessage(pJid, "alice deletes " + tag);
    const std::string doomedId = alice.lastMessageFrom(pJid, Direction::Outgoing)->id;
    ASSERT_TRUE(pumpAll({&alice}, [&] { return peer.said("RECV " + doomedId); }, 30000)) << peer.output();
    ASSERT_TRUE(alice.client().correct(pJid, oursId, "alice says " + tag + " (edited)"));
    ASSERT_TRUE(alice.client().retract(pJid, doomedId));
    ASSERT_TRUE(pumpAll({&alice}, [&] { return peer.said("RETRACT " + doomedId); }, 30000)) << peer.output();
    EXPECT_TRUE(peer.said("REPLY " + saysId + " > peer says " + tag + " (edited)\\nalice replies " + tag)) << peer.output();
    EXPECT_TRUE(peer.said("REACT " + saysId + " 🎉")) << peer.output();
    EXPECT_TRUE(peer.said("CORRECT " + oursId + " alice says " + tag + " (edited)")) << peer.output();
}

}  // namespace
}  // namespace starling::integration
