// XEP-0085 Chat State Notifications on the XEP's examples, and the peer's state in a chat.
#include "core/xep/xep0085_chat_states.h"

#include <gtest/gtest.h>

#include "client_test_harness.h"
#include "core/im/messages.h"
#include "xep_fixture.h"

namespace starling::xep {
namespace {

using test::fixture;
using model::ChatState;

TEST(Xep0085ChatStates, StatesOfExamples3_5_11) {
    EXPECT_EQ(chatStateOf(fixture("xep0085/03.xml")), ChatState::Active);
    EXPECT_EQ(chatStateOf(fixture("xep0085/05.xml")), ChatState::Composing);
    EXPECT_EQ(chatStateOf(fixture("xep0085/11.xml")), ChatState::Paused);
    EXPECT_FALSE(chatStateOf(fixture("xep0184/03.xml")).has_value());
}

TEST(Xep0085ChatStates, StandaloneNotificationMatchesExample5) {
    xml::Element ours = chatStateMessage("francisco@shakespeare.lit/elsinore", ChatState::Composing, "");
    ours.removeAttr("id");
    ours.removeChildren(ns::kHints, "no-store");
    xml::Element expected = fixture("xep0085/05.xml");
    expected.removeAttr("from");
    EXPECT_TRUE(xml::equivalent(ours, expected)) << xml::serialize(ours, ns::kClient);
    addChatState(ours, ChatState::Paused);  // replaces, never adds a second state
    EXPECT_EQ(chatStateOf(ours), ChatState::Paused);
    EXPECT_EQ(ours.childrenNamed(ns::kChatStates, "composing").size(), 0u);
}

TEST(Xep0085ChatStates, PeerStateFollowsTheLiveStreamOnly) {
    model::State state;
    im::MessagePipeline pipeline;
    constexpr const char* kOwn = "francisco@shakespeare.lit";
    // A lone state from someone we never talked to opens no chat.
    auto r = pipeline.process(state, fixture("xep0085/05.xml"), kOwn, 1);
    EXPECT_EQ(r.outcome, im::IncomingOutcome::Dropped);
    EXPECT_TRUE(state.conversations.empty());
    // A content message with <active/> opens it; then composing shows "typing".
    r = pipeline.process(state, fixture("xep0085/03.xml"), kOwn, 2);
    ASSERT_EQ(r.outcome, im::IncomingOutcome::Stored);
    EXPECT_EQ(state.conversations.at("bernardo@shakespeare.lit").peerState, ChatState::Active);
    r = pipeline.process(state, fixture("xep0085/05.xml"), kOwn, 3);
    EXPECT_EQ(r.outcome, im::IncomingOutcome::Updated);
    EXPECT_EQ(state.conversations.at("bernardo@shakespeare.lit").peerState, ChatState::Composing);
    // The same again changes nothing.
    EXPECT_EQ(pipeline.process(state, fixture("xep0085/05.xml"), kOwn, 4).outcome, im::IncomingOutcome::Dropped);
}

// §5.2: "paused" after about 5 seconds without an edit — the chat-states module's rule, on the client's
// injected clock (the UI only reports edits): composing once, paused once 5 s pass, composing again on
// the next edit, and nothing after a sent message (it said active).
class ChatStatesClient : public test::LoggedInClientTest {
protected:
    void SetUp() override { logIn(); }
    std::vector<std::string> statesSent() {
        std::vector<std::string> out;
        for (const auto& s : h->takeSent())
            if (auto st = chatStateOf(s)) out.emplace_back(chatStateName(*st));
        return out;
    }
    void idle(std::int64_t ms) {
        for (std::int64_t t = 0; t < ms; t += 250) {
            h->clock.advance(250);
            h->client->onTimer();
        }
    }
};

TEST_F(ChatStatesClient, ComposingThenPausedAfterFiveSecondsWithoutAnEdit) {
    h->client->setTyping("bob@localhost", true);
    EXPECT_EQ(statesSent(), std::vector<std::string>{"composing"});
    idle(3000);
    h->client->setTyping("bob@localhost", true);  // still typing: the 5 s start again
    idle(3000);
    EXPECT_TRUE(statesSent().empty());
    idle(2250);
    EXPECT_EQ(statesSent(), std::vector<std::string>{"paused"});
    idle(10000);
    EXPECT_TRUE(statesSent().empty()) << "paused once";
    h->client->setTyping("bob@localhost", true);
    EXPECT_EQ(statesSent(), std::vector<std::string>{"composing"});
    h->client->sendMessage("bob@localhost", "done");
    h->takeSent();
    idle(6000);
    EXPECT_TRUE(statesSent().empty()) << "the message said active";
}

}  // namespace
}  // namespace starling::xep
