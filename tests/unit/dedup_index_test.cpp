// The pipeline's de-duplication index stays in step with a conversation that also changes outside the
// pipeline: a history load replaces the list, our own sends are appended, archive pages insert before
// the end, and a stanza-id learned later is found by it.
#include "core/im/dedup_index.h"

#include <gtest/gtest.h>

#include "core/im/messages.h"
#include "core/xml/ns.h"
#include "core/xml/parser.h"

namespace starling::im {
namespace {

model::Message msg(std::string id, std::string origin, std::string sid, model::Direction dir, std::string from) {
    model::Message m;
    m.id = std::move(id);
    m.originId = std::move(origin);
    m.stanzaId = std::move(sid);
    m.direction = dir;
    m.from = std::move(from);
    return m;
}

const auto In = model::Direction::Incoming;
const auto Out = model::Direction::Outgoing;

TEST(DedupIndex, FindsByTrustedStanzaIdOrBySenderAndOriginId) {
    model::Conversation conv;
    conv.jid = "bob@x";
    conv.messages.push_back(msg("m1", "o1", "s1", In, "bob@x/phone"));
    conv.messages.push_back(msg("u1", "", "", Out, "me@x/web"));  // ours: origin-id = id
    DedupIndex index;
    EXPECT_EQ(index.find(conv, msg("z", "", "s1", In, "bob@x/desk"), true), &conv.messages[0]);
    EXPECT_EQ(index.find(conv, msg("z", "", "s1", In, "bob@x/desk"), false), nullptr);  // untrusted
    EXPECT_EQ(index.find(conv, msg("z", "o1", "", In, "Bob@X/desk"), true), &conv.messages[0]);
    EXPECT_EQ(index.find(conv, msg("z", "o1", "", In, "mallory@x/a"), true), nullptr);  // other sender
    EXPECT_EQ(index.find(conv, msg("z", "o1", "", Out, "bob@x/a"), true), nullptr);     // other direction
    EXPECT_EQ(index.find(conv, msg("z", "u1", "", Out, "me@x/phone"), true), &conv.messages[1]);
    EXPECT_EQ(index.find(conv, msg("u1", "", "", Out, "me@x/phone"), true), nullptr);  // never by id alone
}

TEST(DedupIndex, FollowsChangesMadeOutsideThePipeline) {
    model::Conversation conv;
    conv.jid = "bob@x";
    DedupIndex index;
    EXPECT_EQ(index.find(conv, msg("z", "o1", "", In, "bob@x/a"), true), nullptr);
    // A history load replaces the list.
    std::vector<model::Message> loaded{msg("m1", "o1", "", In, "bob@x/a"), msg("m2", "o2", "", In, "bob@x/a")};
    conv.messages = std::move(loaded);
    EXPECT_EQ(index.find(conv, msg("z", "o2", "", In, "bob@x/b"), true), &conv.messages[1]);
    // Our own send, appended by the client.
    conv.messages.push_back(msg("u9", "", "", Out, "me@x/web"));
    EXPECT_EQ(index.find(conv, msg("z", "u9", "", Out, "me@x/web"), true), &conv.messages[2]);
    // An archive result inserted at the front moves everything.
    conv.messages.insert(conv.messages.begin(), msg("a0", "o0", "s0", In, "bob@x/a"));
    index.inserted(conv, 0);
    EXPECT_EQ(index.find(conv, msg("z", "o2", "", In, "bob@x/b"), true), &conv.messages[2]);
    EXPECT_EQ(index.find(conv, msg("z", "", "s0", In, "bob@x/b"), true), &conv.messages[0]);
    // A stanza-id learned later.
    conv.messages[1].stanzaId = "s1";
    index.changed(conv, 1);
    EXPECT_EQ(index.find(conv, msg("z", "", "s1", In, "bob@x/b"), true), &conv.messages[1]);
    // Cleared (logout): nothing is found any more.
    conv.messages.clear();
    EXPECT_EQ(index.find(conv, msg("z", "o2", "", In, "bob@x/b"), true), nullptr);
}

TEST(DedupIndex, PipelineDropsTheArchiveCopyOfALiveMessageAfterManyOthers) {
    model::State state;
    MessagePipeline pipeline;
    auto live = [&](int i) {
        auto text = "<message from='bob@x/a' type='chat' id='m" + std::to_string(i) + "'><body>" +
                    std::to_string(i) + "</body><origin-id xmlns='urn:xmpp:sid:0' id='o" + std::to_string(i) +
                    "'/></message>";
        return pipeline.process(state, *xml::parseFrame(text, {}, ns::kClient), "me@x", 1000 + i).outcome;
    };
    for (int i = 0; i < 500; ++i) ASSERT_EQ(live(i), IncomingOutcome::Stored);
    EXPECT_EQ(live(3), IncomingOutcome::Duplicate);
    EXPECT_EQ(live(499), IncomingOutcome::Duplicate);
    EXPECT_EQ(state.conversations.at("bob@x").messages.size(), 500u);
}

TEST(DedupIndex, OlderHistoryMergedInFrontIsFoundAfterForget) {
    model::Conversation conv;
    conv.jid = "bob@x";
    conv.messages.reserve(8);  // the merge below keeps the buffer: only forget() tells the index
    conv.messages.push_back(msg("m5", "o5", "s5", In, "bob@x/a"));
    conv.messages.push_back(msg("m6", "o6", "s6", In, "bob@x/a"));
    DedupIndex index;
    EXPECT_EQ(index.find(conv, msg("z", "", "s6", In, "bob@x/a"), true), &conv.messages[1]);
    // An older local segment merged in front (Client::loadOlder), then the window trimmed back.
    conv.messages.insert(conv.messages.begin(), {msg("m1", "o1", "s1", In, "bob@x/a"), msg("m2", "o2", "s2", In, "bob@x/a")});
    index.forget(conv.jid);
    EXPECT_EQ(index.find(conv, msg("z", "", "s1", In, "bob@x/b"), true), &conv.messages[0]);
    EXPECT_EQ(index.find(conv, msg("z", "o6", "", In, "bob@x/b"), true), &conv.messages[3]);
    conv.messages.erase(conv.messages.begin(), conv.messages.begin() + 3);
    index.forget(conv.jid);
    EXPECT_EQ(index.find(conv, msg("z", "", "s1", In, "bob@x/b"), true), nullptr);
    EXPECT_EQ(index.find(conv, msg("z", "", "s6", In, "bob@x/b"), true), &conv.messages[0]);
}

}  // namespace
}  // namespace starling::im
