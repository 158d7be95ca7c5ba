// Session: how a stream ends on a protocol violation by the server. An <open/> nobody asked for (RFC 7395:
// only the client restarts a stream), or an element that breaks RFC 7395 framing (<stream:stream>, an
// unknown element of the framing namespace), is answered with a <bad-format/> stream error and <close/>; an
// established session reconnects with back-off, growing while the server keeps doing it; a first login
// fails.
#include "core/stream/session.h"

#include <gtest/gtest.h>

#include "stream_test_server.h"

namespace starling::stream {
namespace {

using test::SessionHarness;
using test::ScramServer;
using S = SessionState;

const char* kMidStreamOpen =
    R"(<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" from="localhost" id="second" version="1.0"/>)";

// The stream error then <close/>, each in its own frame, and the WebSocket closed.
void expectBadFormatThenClose(SessionHarness& h) {
    auto sent = h.takeSent();
    ASSERT_EQ(sent.size(), 2u);
    EXPECT_TRUE(sent[0].is(ns::kStreams, "error")) << xml::serialize(sent[0]);
    EXPECT_NE(sent[0].child(ns::kStreamErrors, "bad-format"), nullptr) << xml::serialize(sent[0]);
    EXPECT_TRUE(sent[1].is(ns::kFraming, "close"));
    EXPECT_FALSE(h.transport.isOpen);
}

TEST(StreamSessionErrorsTest, AnOpenMidStreamIsAStreamErrorAndAReconnect) {
    SessionHarness h;
    ScramServer server{"SCRAM-SHA-256", "pencil"};
    h.login(server, SessionHarness::config(), {"SCRAM-SHA-256"});
    ASSERT_EQ(h.session.state(), S::Established);
    h.takeSent();
    h.feed(kMidStreamOpen);
    expectBadFormatThenClose(h);
    EXPECT_EQ(h.session.state(), S::WaitingReconnect);
    EXPECT_TRUE(h.failures.empty());
    EXPECT_TRUE(h.session.boundJid().empty());

    // A server that keeps doing it is not hammered: the back-off grows as for any failed reconnect.
    std::int64_t base = 1000;
    for (int i = 0; i < 4; ++i) {
        const std::int64_t delay = h.session.reconnectInMs();
        EXPECT_GE(delay, base * 3 / 4) << i;
        EXPECT_LE(delay, base * 5 / 4) << i;
        h.clock.advance(delay);
        h.session.onTimer();
        ASSERT_EQ(h.session.state(), S::Connecting);
        h.runScram(server, h.openStream(test::featuresPreAuth({"SCRAM-SHA-256"})));
        h.runBind();
        ASSERT_EQ(h.session.state(), S::Established);
        h.takeSent();
        h.feed(kMidStreamOpen);
        expectBadFormatThenClose(h);
        ASSERT_EQ(h.session.state(), S::WaitingReconnect);
        base *= 2;
    }
    // Ten quiet minutes later the schedule starts over.
    h.clock.advance(h.session.reconnectInMs());
    h.session.onTimer();
    h.runScram(server, h.openStream(test::featuresPreAuth({"SCRAM-SHA-256"})));
    h.runBind();
    h.clock.advance(10 * 60 * 1000);
    h.takeSent();
    h.feed(kMidStreamOpen);
    expectBadFormatThenClose(h);
    EXPECT_LE(h.session.reconnectInMs(), 1250);
    EXPECT_TRUE(h.failures.empty());
}

TEST(StreamSessionErrorsTest, AnOpenDuringTheFirstLoginFailsIt) {
    SessionHarness h;
    h.session.start(SessionHarness::config());
    h.session.onTransportOpen();
    h.takeSent();
    h.feed(test::openReply());
    h.feed(test::openReply());
    expectBadFormatThenClose(h);
    EXPECT_EQ(h.session.state(), S::Failed);
    ASSERT_EQ(h.failures.size(), 1u);
    EXPECT_EQ(h.failures[0].code, "bad-frame");
}

TEST(StreamSessionErrorsTest, AFramingViolationMidStreamIsAStreamErrorAndAReconnect) {
    for (const char* frame : {R"(<stream:stream xmlns:stream="http://etherx.jabber.org/streams" version="1.0"/>)",
                              R"(<restart xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>)"}) {
        SessionHarness h;
        ScramServer server{"SCRAM-SHA-256", "pencil"};
        h.login(server, SessionHarness::config(), {"SCRAM-SHA-256"});
        ASSERT_EQ(h.session.state(), S::Established);
        h.takeSent();
        h.feed(frame);
        expectBadFormatThenClose(h);
        EXPECT_EQ(h.session.state(), S::WaitingReconnect) << frame;
        EXPECT_TRUE(h.failures.empty()) << frame;
    }
}

}  // namespace
}  // namespace starling::stream
