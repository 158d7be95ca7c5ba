#include <gtest/gtest.h>

#include <algorithm>

#include "core/im/delay.h"
#include "core/im/messages.h"
#include "core/xep/xep0313_mam.h"
#include "xep_fixture.h"

namespace starling::im {
namespace {

using test::parseStanza;

constexpr const char* kOwn = "alice@example.org";
constexpr std::int64_t kNow = 1767225600000;

class Pipeline : public ::testing::Test {
protected:
    IncomingResult feed(std::string_view text) { return pipeline.process(state, parseStanza(text), kOwn, kNow); }
    // Our message "uuid-1" in the chat with bob@x, in the given state.
    void ourMessage(model::MessageStatus status) {
        model::Message out;
        out.id = "uuid-1";
        out.direction = model::Direction::Outgoing;
        out.status = status;
        state.conversations["bob@x"].messages.push_back(out);
    }
    model::State state;
    MessagePipeline pipeline;
};

TEST_F(Pipeline, StoresChatWithUnicodeAndCountsUnread) {
    auto r = feed("<message from='Bob@Example.org/phone' type='chat' id='m1'><body>Привет, мир 👋</body>"
                  "<origin-id xmlns='urn:xmpp:sid:0' id='o1'/></message>");
    ASSERT_EQ(r.outcome, IncomingOutcome::Stored);
    EXPECT_EQ(r.peer, "bob@example.org");
    const auto& conv = state.conversations.at("bob@example.org");
    ASSERT_EQ(conv.messages.size(), 1u);
    EXPECT_EQ(conv.messages[0].body, "Привет, мир 👋");
    EXPECT_EQ(conv.messages[0].id, "o1");
    EXPECT_EQ(conv.messages[0].from, "Bob@Example.org/phone");
    EXPECT_EQ(conv.messages[0].direction, model::Direction::Incoming);
    EXPECT_EQ(conv.messages[0].status, model::MessageStatus::Received);
    EXPECT_EQ(conv.messages[0].timestampMs, kNow);
    EXPECT_EQ(conv.unread, 1);
    EXPECT_EQ(model::totalUnread(state), 1);
}

TEST_F(Pipeline, NoUnreadWhenChatIsOpen) {
    state.openChat = "bob@example.org";
    ASSERT_EQ(feed("<message from='bob@example.org/a' type='chat' id='m1'><body>x</body></message>").outcome,
              IncomingOutcome::Stored);
    EXPECT_EQ(state.conversations.at("bob@example.org").unread, 0);
}

TEST_F(Pipeline, TypeNormalAndMissingTypeAccepted) {
    EXPECT_EQ(feed("<message from='bob@x/a' type='normal' id='1'><body>a</body></message>").outcome,
              IncomingOutcome::Stored);
    EXPECT_EQ(feed("<message from='bob@x/a' id='2'><body>b</body></message>").outcome, IncomingOutcome::Stored);
    EXPECT_EQ(state.conversations.at("bob@x").messages.size(), 2u);
}

TEST_F(Pipeline, DropsWhatItDoesNotAccept) {
    EXPECT_EQ(feed("<message type='chat' id='1'><body>no from</body></message>").outcome, IncomingOutcome::Dropped);
    EXPECT_EQ(feed("<message from='not a jid' type='chat' id='1'><body>x</body></message>").outcome,
              IncomingOutcome::Dropped);
    EXPECT_EQ(feed("<message from='bob@x/a' type='groupchat' id='1'><body>x</body></message>").outcome,
              IncomingOutcome::Dropped);
    EXPECT_EQ(feed("<message from='bob@x/a' type='headline' id='1'><body>x</body></message>").outcome,
              IncomingOutcome::Dropped);
    EXPECT_EQ(feed("<message from='bob@x/a' type='chat' id='1'><composing xmlns='http://jabber.org/protocol/"
                   "chatstates'/></message>")
                  .outcome,
              IncomingOutcome::Dropped);
    EXPECT_TRUE(state.conversations.empty());
}

TEST_F(Pipeline, DeduplicatesByOwnStanzaId) {
    const char* msg = "<message from='bob@x/a' type='chat' id='%s'><body>x</body>"
                      "<stanza-id xmlns='urn:xmpp:sid:0' by='alice@example.org' id='S1'/></message>";
    char a[400], b[400];
    std::snprintf(a, sizeof a, msg, "id-a");
    std::snprintf(b, sizeof b, msg, "id-b");  // different id, same archive id: the same message
    EXPECT_EQ(feed(a).outcome, IncomingOutcome::Stored);
    EXPECT_EQ(feed(b).outcome, IncomingOutcome::Duplicate);
    EXPECT_EQ(state.conversations.at("bob@x").messages[0].stanzaId, "S1");
    EXPECT_EQ(state.conversations.at("bob@x").unread, 1);
}

TEST_F(Pipeline, IgnoresStanzaIdByOthers) {
    // A stanza-id claimed by someone else is not trusted: neither stored nor used for de-dup.
    const char* fmt = "<message from='bob@x/a' type='chat' id='%s'><body>x</body>"
                      "<stanza-id xmlns='urn:xmpp:sid:0' by='bob@x' id='S1'/></message>";
    char a[400], b[400];
    std::snprintf(a, sizeof a, fmt, "id-a");
    std::snprintf(b, sizeof b, fmt, "id-b");
    EXPECT_EQ(feed(a).outcome, IncomingOutcome::Stored);
    EXPECT_EQ(feed(b).outcome, IncomingOutcome::Stored);
    EXPECT_TRUE(state.conversations.at("bob@x").messages[0].stanzaId.empty());
}

TEST_F(Pipeline, DeduplicatesByOriginIdAndSender) {
    EXPECT_EQ(feed("<message from='bob@x/a' type='chat' id='1'><body>x</body>"
                   "<origin-id xmlns='urn:xmpp:sid:0' id='O'/></message>")
                  .outcome,
              IncomingOutcome::Stored);
    // Same origin-id from another resource of the same sender: duplicate.
    EXPECT_EQ(feed("<message from='bob@x/b' type='chat' id='2'><body>x</body>"
                   "<origin-id xmlns='urn:xmpp:sid:0' id='O'/></message>")
                  .outcome,
              IncomingOutcome::Duplicate);
    // Same origin-id from a different sender is a different message.
    EXPECT_EQ(feed("<message from='carol@x/a' type='chat' id='3'><body>y</body>"
                   "<origin-id xmlns='urn:xmpp:sid:0' id='O'/></message>")
                  .outcome,
              IncomingOutcome::Stored);
}

TEST_F(Pipeline, NeverDeduplicatesByTheStanzaIdAttributeAlone) {
    // A sender reusing ids (e.g. a counter after a restart), no origin-id, no archive id: two messages.
    EXPECT_EQ(feed("<message from='bob@x/a' type='chat' id='1'><body>first</body></message>").outcome,
              IncomingOutcome::Stored);
    EXPECT_EQ(feed("<message from='bob@x/a' type='chat' id='1'><body>second</body></message>").outcome,
              IncomingOutcome::Stored);
    // Distinct archive ids under the same id: two messages as well.
    EXPECT_EQ(feed("<message from='bob@x/a' type='chat' id='1'><body>third</body>"
                   "<stanza-id xmlns='urn:xmpp:sid:0' by='alice@example.org' id='A2'/></message>")
                  .outcome,
              IncomingOutcome::Stored);
    EXPECT_EQ(state.conversations.at("bob@x").messages.size(), 3u);
}

TEST_F(Pipeline, AResendKeepsItsOriginIdAndIsOneMessageDespiteANewArchiveId) {
    // The sender's stream broke before its server acked; it sent again with the same id and origin-id,
    // and our archive stored both copies under two stanza-ids.
    EXPECT_EQ(feed("<message from='bob@x/a' type='chat' id='u1'><body>hello</body>"
                   "<origin-id xmlns='urn:xmpp:sid:0' id='u1'/>"
                   "<stanza-id xmlns='urn:xmpp:sid:0' by='alice@example.org' id='A1'/></message>")
                  .outcome,
              IncomingOutcome::Stored);
    EXPECT_EQ(feed("<message from='bob@x/a' type='chat' id='u1'><body>hello</body>"
                   "<origin-id xmlns='urn:xmpp:sid:0' id='u1'/>"
                   "<stanza-id xmlns='urn:xmpp:sid:0' by='alice@example.org' id='A2'/></message>")
                  .outcome,
              IncomingOutcome::Duplicate);
    EXPECT_EQ(state.conversations.at("bob@x").messages.size(), 1u);
}

TEST_F(Pipeline, StanzaIdDeduplicatesOnlyWhenTheServerAdvertisesIt) {
    IncomingOptions o;
    o.ownBareJid = kOwn;
    o.nowMs = kNow;
    o.trustStanzaIds = false;  // no urn:xmpp:sid:0 in our account's disco#info
    const char* a = "<message from='bob@x/a' type='chat' id='m1'><body>one</body>"
                    "<stanza-id xmlns='urn:xmpp:sid:0' by='alice@example.org' id='S1'/></message>";
    const char* b = "<message from='bob@x/a' type='chat' id='m2'><body>two</body>"
                    "<stanza-id xmlns='urn:xmpp:sid:0' by='alice@example.org' id='S1'/></message>";
    EXPECT_EQ(pipeline.process(state, parseStanza(a), o).outcome, IncomingOutcome::Stored);
    EXPECT_EQ(pipeline.process(state, parseStanza(b), o).outcome, IncomingOutcome::Stored);
    EXPECT_TRUE(pipeline.process(state, parseStanza(b), o).liveStanzaId.empty());  // nor moves an archive cursor
    o.trustStanzaIds = true;
    EXPECT_EQ(pipeline.process(state, parseStanza(b), o).outcome, IncomingOutcome::Duplicate);
}

TEST_F(Pipeline, OurMessageComingBackFromTheArchiveIsOneMessage) {
    model::Message ours;
    ours.id = "uuid-1";
    ours.from = "alice@example.org/web";
    ours.direction = model::Direction::Outgoing;
    ours.status = model::MessageStatus::Queued;  // written, never acked
    state.conversations["bob@x"].messages.push_back(ours);
    // A sent carbon (another path back) of the same message: the server has it.
    auto r = feed("<message from='alice@example.org'><sent xmlns='urn:xmpp:carbons:2'><forwarded "
                  "xmlns='urn:xmpp:forward:0'><message xmlns='jabber:client' from='alice@example.org/web' to='bob@x' "
                  "type='chat' id='uuid-1'><body>hi</body><origin-id xmlns='urn:xmpp:sid:0' id='uuid-1'/>"
                  "<stanza-id xmlns='urn:xmpp:sid:0' by='alice@example.org' id='A9'/></message></forwarded></sent></message>");
    EXPECT_EQ(r.outcome, IncomingOutcome::Duplicate);
    ASSERT_EQ(r.updates.size(), 1u);
    EXPECT_EQ(r.updates[0].status, model::MessageStatus::Sent);
    EXPECT_EQ(r.updates[0].stanzaId, "A9");
    EXPECT_EQ(state.conversations["bob@x"].messages.size(), 1u);
}

// Seen 400 times in one run of the 1,000-message e2e test: Prosody bounces, from the peer's bare JID,
// what it had queued for a session of theirs that ended (XEP-0198 without an archive query in that
// session); the message is in their archive. It is no failure; from a full JID, or another condition, it is.
TEST_F(Pipeline, RecipientUnavailableFromThePeersAccountIsNoFailure) {
    ourMessage(model::MessageStatus::Queued);
    const std::string bounce = "<error type='cancel'><recipient-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
                               "</error></message>";
    auto r = feed("<message from='bob@x' type='error' id='uuid-1'>" + bounce);
    EXPECT_EQ(r.outcome, IncomingOutcome::Dropped);
    EXPECT_EQ(state.conversations.at("bob@x").messages[0].status, model::MessageStatus::Queued);
    EXPECT_EQ(feed("<message from='bob@x/phone' type='error' id='uuid-1'>" + bounce).outcome, IncomingOutcome::Failed);
    EXPECT_EQ(state.conversations.at("bob@x").messages[0].status, model::MessageStatus::Failed);
}

TEST_F(Pipeline, ErrorReplyMarksOutgoingFailed) {
    ourMessage(model::MessageStatus::Sent);
    auto r = feed("<message from='bob@x' type='error' id='uuid-1'><error type='cancel'>"
                  "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>");
    ASSERT_EQ(r.outcome, IncomingOutcome::Failed);
    EXPECT_EQ(r.message.status, model::MessageStatus::Failed);
    const auto& m = state.conversations.at("bob@x").messages[0];
    EXPECT_EQ(m.status, model::MessageStatus::Failed);
    EXPECT_EQ(m.error, "service-unavailable");
    // An error for an unknown id, or from another peer, changes nothing.
    EXPECT_EQ(feed("<message from='eve@x' type='error' id='uuid-1'><error type='cancel'/></message>").outcome,
              IncomingOutcome::Dropped);
    EXPECT_EQ(feed("<message from='bob@x' type='error' id='nope'><error type='cancel'/></message>").outcome,
              IncomingOutcome::Dropped);
}

// The UI explains the condition in the person's language: it is the code, always first; the server's
// own text (any length, any language) follows as a bounded detail.
TEST_F(Pipeline, ErrorReplyKeepsTheConditionAsCodeAndTheServersTextAfterIt) {
    ourMessage(model::MessageStatus::Sent);
    const std::string longText(5000, 'x');
    feed("<message from='bob@x' type='error' id='uuid-1'><error type='wait'>"
         "<resource-constraint xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
         "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Слишком много сообщений " + longText + "</text>"
         "</error></message>");
    const auto& m = state.conversations.at("bob@x").messages[0];
    ASSERT_EQ(m.status, model::MessageStatus::Failed);
    EXPECT_EQ(m.error.rfind("resource-constraint Слишком много сообщений xxx", 0), 0u) << m.error.substr(0, 80);
    EXPECT_LT(m.error.size(), 400u);
    EXPECT_EQ(m.error.substr(m.error.size() - 3), "\xE2\x80\xA6");  // cut, and said so
    // No condition at all: the general one (its explanation is generic too).
    state.conversations.at("bob@x").messages[0].status = model::MessageStatus::Sent;
    feed("<message from='bob@x' type='error' id='uuid-1'><error type='cancel'/></message>");
    EXPECT_EQ(state.conversations.at("bob@x").messages[0].error, "undefined-condition");
}

TEST_F(Pipeline, DelayedLiveMessagesKeepArrivalOrderAlsoWhenSortedByTimeAgain) {
    // Prosody re-sends what was unacked after a resumption with a whole-second <delay/>: the second
    // message's stamp can be earlier than the first's arrival; the chat still shows arrival order, and
    // its time is not earlier than the first's, so the history (loaded sorted by time) keeps that order.
    EXPECT_EQ(feed("<message from='bob@x/a' type='chat' id='late'><body>first</body></message>").outcome,
              IncomingOutcome::Stored);
    auto r = feed("<message from='bob@x/a' type='chat' id='old'><body>second</body>"
                  "<delay xmlns='urn:xmpp:delay' from='x' stamp='2025-12-31T23:00:00Z'/></message>");
    EXPECT_EQ(r.outcome, IncomingOutcome::Stored);
    EXPECT_EQ(r.message.timestampMs, kNow);  // what is stored is what is shown
    // A <delay/> later than the newest message is its time.
    EXPECT_EQ(feed("<message from='bob@x/a' type='chat' id='third'><body>third</body>"
                   "<delay xmlns='urn:xmpp:delay' from='x' stamp='2026-01-01T00:00:05Z'/></message>")
                  .outcome,
              IncomingOutcome::Stored);
    auto msgs = state.conversations.at("bob@x").messages;
    ASSERT_EQ(msgs.size(), 3u);
    EXPECT_EQ(msgs[0].body, "first");
    EXPECT_EQ(msgs[0].timestampMs, kNow);
    EXPECT_EQ(msgs[1].body, "second");
    EXPECT_EQ(msgs[1].timestampMs, kNow);
    EXPECT_EQ(msgs[2].body, "third");
    EXPECT_EQ(msgs[2].timestampMs, kNow + 5000);
    std::stable_sort(msgs.begin(), msgs.end(),
                     [](const model::Message& a, const model::Message& b) { return a.timestampMs < b.timestampMs; });
    EXPECT_EQ(msgs[0].body, "first");
    EXPECT_EQ(msgs[1].body, "second");
    EXPECT_EQ(msgs[2].body, "third");
}

// Issue 11: a stamp from the future (or one that means nothing) would pin its message, and with it every
// later one (arrival order never goes back in time), to the bottom of the chat for good.
TEST_F(Pipeline, StampsFromTheFutureOrUnparseableTakeTheArrivalTime) {
    const char* bad[] = {"9999-12-31T23:59:59Z", "2026-01-01T00:10:00Z", "garbage",
                         "0000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "1970-01-01T00:00:00Z",
                         "2025-02-30T10:00:00Z", "2025-12-31T23:00:00+24:00", ""};
    std::int64_t arrival = kNow;
    for (const char* stamp : bad) {
        arrival += 1000;
        auto r = pipeline.process(state, parseStanza(std::string("<message from='bob@x/a' type='chat' id='") + stamp +
                                                     "'><body>b</body><delay xmlns='urn:xmpp:delay' stamp='" +
                                                     stamp + "'/></message>"),
                                  kOwn, arrival);
        ASSERT_EQ(r.outcome, IncomingOutcome::Stored) << stamp;
        EXPECT_EQ(r.message.timestampMs, arrival) << stamp;
    }
    // Within the clock skew allowed (5 minutes), a stamp stands.
    auto r = pipeline.process(state, parseStanza("<message from='bob@x/a' type='chat' id='skew'><body>b</body>"
                                                 "<delay xmlns='urn:xmpp:delay' stamp='2026-01-01T00:04:59Z'/></message>"),
                              kOwn, kNow);
    EXPECT_EQ(r.message.timestampMs, kNow + 299000);
    // A carbon's stamp is its <forwarded/>'s.
    r = pipeline.process(state, parseStanza("<message from='alice@example.org' type='chat'>"
                                            "<received xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>"
                                            "<delay xmlns='urn:xmpp:delay' stamp='9999-12-31T23:59:59Z'/>"
                                            "<message xmlns='jabber:client' from='carol@x/a' to='alice@example.org/r' "
                                            "type='chat' id='c1'><body>hi</body></message></forwarded></received></message>"),
                         kOwn, kNow + 400000);
    ASSERT_EQ(r.outcome, IncomingOutcome::Stored) << r.reason;
    EXPECT_EQ(r.message.timestampMs, kNow + 400000);
}

TEST_F(Pipeline, ArchiveResultsFromTheFutureDoNotPinEither) {
    auto archived = [](const std::string& archiveId, const std::string& stamp) {
        return parseStanza("<message><result xmlns='urn:xmpp:mam:2' queryid='q' id='" + archiveId +
                           "'><forwarded xmlns='urn:xmpp:forward:0'><delay xmlns='urn:xmpp:delay' stamp='" + stamp +
                           "'/><message xmlns='jabber:client' from='bob@x/a' to='alice@example.org' type='chat' id='" +
                           archiveId + "'><body>" + archiveId + "</body></message></forwarded></result></message>");
    };
    IncomingOptions o;
    o.ownBareJid = kOwn;
    o.nowMs = kNow;
    const xml::Element futureStanza = archived("A1", "9999-12-31T23:59:59Z");  // the result points into it
    auto future = xep::parseMamResult(futureStanza, kOwn);
    ASSERT_TRUE(future.ok());
    auto r = pipeline.processArchived(state, *future, o);
    ASSERT_EQ(r.outcome, IncomingOutcome::Stored) << r.reason;
    EXPECT_EQ(r.message.timestampMs, kNow);
    // A floor taken from such a stamp (an archive cursor written before this rule) is no floor.
    o.minArchiveStampMs = *parseXmppDateTime("9999-12-31T23:59:59Z");
    const xml::Element olderStanza = archived("A0", "2025-12-31T12:00:00Z");
    auto older = xep::parseMamResult(olderStanza, kOwn);
    ASSERT_TRUE(older.ok());
    r = pipeline.processArchived(state, *older, o);
    ASSERT_EQ(r.outcome, IncomingOutcome::Stored) << r.reason;
    EXPECT_EQ(r.message.timestampMs, *parseXmppDateTime("2025-12-31T12:00:00Z"));
    // A live message goes after both.
    EXPECT_EQ(pipeline.process(state, parseStanza("<message from='bob@x/a' type='chat' id='L'><body>L</body></message>"),
                               kOwn, kNow + 1000)
                  .message.timestampMs,
              kNow + 1000);
    const auto& msgs = state.conversations.at("bob@x").messages;
    ASSERT_EQ(msgs.size(), 3u);
    EXPECT_EQ(msgs[0].body, "A0");
    EXPECT_EQ(msgs[1].body, "A1");
    EXPECT_EQ(msgs[2].body, "L");
}

TEST(InsertByTime, ReturnsThePositionAlsoWhenTheListReallocates) {
    model::Conversation conv;
    for (int i = 0; i < 9; ++i) {
        model::Message m;
        m.timestampMs = i * 10;
        conv.messages.push_back(m);
    }
    conv.messages.shrink_to_fit();  // the insert must reallocate
    model::Message m;
    m.timestampMs = 25;
    m.id = "new";
    ASSERT_EQ(insertByTime(conv, m), 3u);
    EXPECT_EQ(conv.messages[3].id, "new");
    m.timestampMs = 1000;
    EXPECT_EQ(appendInOrder(conv, m), 10u);
    m.timestampMs = 5;  // earlier than the newest: takes the newest's time, stays last
    EXPECT_EQ(appendInOrder(conv, m), 11u);
    EXPECT_EQ(conv.messages[11].timestampMs, 1000);
}

TEST_F(Pipeline, DecryptHookCanDrop) {
    pipeline.decrypt = [](const xml::Element&, model::Message& m) { return m.body != "drop me"; };
    EXPECT_EQ(feed("<message from='bob@x/a' type='chat' id='1'><body>drop me</body></message>").outcome,
              IncomingOutcome::Dropped);
    EXPECT_EQ(feed("<message from='bob@x/a' type='chat' id='2'><body>keep</body></message>").outcome,
              IncomingOutcome::Stored);
}

TEST(XmppDateTime, ParsesXep0082Forms) {
    EXPECT_EQ(parseXmppDateTime("1970-01-01T00:00:00Z"), 0);
    EXPECT_EQ(parseXmppDateTime("2002-09-10T23:08:25Z"), 1031699305000);
    EXPECT_EQ(parseXmppDateTime("2002-09-10T23:08:25.123Z"), 1031699305123);
    EXPECT_EQ(parseXmppDateTime("2002-09-11T01:08:25+02:00"), 1031699305000);
    EXPECT_EQ(parseXmppDateTime("2002-09-10T16:08:25-07:00"), 1031699305000);
    EXPECT_FALSE(parseXmppDateTime("2002-09-10 23:08:25Z"));
    EXPECT_FALSE(parseXmppDateTime("2002-13-10T23:08:25Z"));
    EXPECT_FALSE(parseXmppDateTime("2002-09-10T23:08:25"));
    EXPECT_FALSE(parseXmppDateTime(""));
    // Dates that do not exist: no year 0000 in XML Schema 1.0's dateTime (XEP-0082), no 30 February,
    // no offset beyond 23:59.
    EXPECT_EQ(parseXmppDateTime("2024-02-29T00:00:00Z"), 1709164800000);
    EXPECT_FALSE(parseXmppDateTime("2025-02-29T00:00:00Z"));
    EXPECT_FALSE(parseXmppDateTime("2025-04-31T00:00:00Z"));
    EXPECT_FALSE(parseXmppDateTime("0000-01-01T00:00:00Z"));
    EXPECT_FALSE(parseXmppDateTime("-0001-01-01T00:00:00Z"));
    EXPECT_FALSE(parseXmppDateTime("2002-09-10T23:08:25+24:00"));
    EXPECT_FALSE(parseXmppDateTime("2002-09-10T23:08:25+02:60"));
}

}  // namespace
}  // namespace starling::im
