// Session after login: IQ tracking by id and sender, timeouts, incoming stanzas, hostile frames,
// non-re-entrant callbacks, see-other-uri, stream errors, reconnect with back-off and cached keys.
#include "core/stream/session.h"

#include <gtest/gtest.h>

#include "stream_test_server.h"

namespace starling::stream {
namespace {

using test::SessionHarness;
using test::ScramServer;
using S = SessionState;

struct StreamSessionEstablishedTest : ::testing::Test {
    SessionHarness h;
    ScramServer server{"SCRAM-SHA-256", "pencil"};
    void SetUp() override {
        h.login(server, SessionHarness::config(), {"SCRAM-SHA-256", "SCRAM-SHA-1"});
        ASSERT_EQ(h.session.state(), S::Established);
        h.takeSent();
        h.states.clear();
    }
    xml::Element iq(const char* type, const char* to = nullptr) {
        xml::Element e(ns::kClient, "iq");
        e.setAttr("type", type);
        if (to) e.setAttr("to", to);
        e.add(ns::kPing, "ping");
        return e;
    }
};

TEST_F(StreamSessionEstablishedTest, IqReplyFromTheWrongJidIsIgnored) {
    std::vector<Result<xml::Element>> replies;
    h.session.sendIq(iq("get", "peer@localhost/phone"), [&](const Result<xml::Element>& r) { replies.push_back(r); });
    auto sent = h.sentOne();
    std::string id(sent.attr("id"));
    EXPECT_FALSE(id.empty());
    EXPECT_EQ(sent.attr("to"), "peer@localhost/phone");
    h.feed(R"(<iq xmlns="jabber:client" type="result" from="mallory@localhost/phone" id=")" + id + R"("/>)");
    h.feed(R"(<iq xmlns="jabber:client" type="result" id=")" + id + R"("/>)");
    h.feed(R"(<iq xmlns="jabber:client" type="result" from="localhost" id=")" + id + R"("/>)");
    EXPECT_TRUE(replies.empty());
    EXPECT_TRUE(h.stanzas.empty());  // spoofed replies are not passed on as stanzas either
    h.feed(R"(<iq xmlns="jabber:client" type="result" from="peer@localhost/phone" id=")" + id + R"("/>)");
    ASSERT_EQ(replies.size(), 1u);
    EXPECT_TRUE(replies[0].ok());
    EXPECT_EQ(h.session.state(), S::Established);
}

TEST_F(StreamSessionEstablishedTest, IqWithoutToAcceptsOwnAccountAndServer) {
    std::vector<Result<xml::Element>> replies;
    auto cb = [&](const Result<xml::Element>& r) { replies.push_back(r); };
    h.session.sendIq(iq("get"), cb);
    std::string a(h.sentOne().attr("id"));
    h.session.sendIq(iq("get"), cb);
    std::string b(h.sentOne().attr("id"));
    EXPECT_NE(a, b);
    h.feed(R"(<iq xmlns="jabber:client" type="result" from="other.example" id=")" + a + R"("/>)");
    EXPECT_TRUE(replies.empty());
    h.feed(R"(<iq xmlns="jabber:client" type="result" from="user@localhost" id=")" + a + R"("/>)");
    h.feed(R"(<iq xmlns="jabber:client" type="error" from="localhost" id=")" + b +
           R"("><error type="cancel"><service-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>)");
    ASSERT_EQ(replies.size(), 2u);
    EXPECT_TRUE(replies[0].ok());
    ASSERT_FALSE(replies[1].ok());
    EXPECT_EQ(replies[1].error().code, "service-unavailable");
}

TEST_F(StreamSessionEstablishedTest, IqTimeout) {
    std::vector<Result<xml::Element>> replies;
    h.session.sendIq(iq("get", "localhost"), [&](const Result<xml::Element>& r) { replies.push_back(r); }, 5000);
    std::string id(h.sentOne().attr("id"));
    h.clock.advance(4999);
    h.session.onTimer();
    EXPECT_TRUE(replies.empty());
    h.clock.advance(1);
    h.session.onTimer();
    ASSERT_EQ(replies.size(), 1u);
    ASSERT_FALSE(replies[0].ok());
    EXPECT_EQ(replies[0].error().code, "timeout");
    h.feed(R"(<iq xmlns="jabber:client" type="result" from="localhost" id=")" + id + R"("/>)");  // late
    EXPECT_EQ(replies.size(), 1u);
}

TEST_F(StreamSessionEstablishedTest, IncomingStanzasReachOnStanza) {
    h.feed(R"(<message xmlns="jabber:client" from="peer@localhost/x" type="chat" id="m1"><body>hi</body></message>)");
    h.feed(R"(<presence xmlns="jabber:client" from="peer@localhost/x"/>)");
    h.feed(R"(<iq xmlns="jabber:client" type="get" from="peer@localhost/x" id="p1"><ping xmlns="urn:xmpp:ping"/></iq>)");
    h.feed(R"(<iq xmlns="jabber:client" type="result" from="peer@localhost/x" id="unknown"/>)");
    h.feed(R"(<r xmlns="urn:xmpp:sm:3"/>)");
    ASSERT_EQ(h.stanzas.size(), 3u);
    EXPECT_EQ(h.stanzas[0].childText(ns::kClient, "body"), "hi");
    EXPECT_EQ(h.stanzas[2].attr("type"), "get");
}

TEST_F(StreamSessionEstablishedTest, HostileFramesAreDroppedAndTheSessionGoesOn) {
    const std::string hostile[] = {
        R"(<!DOCTYPE m [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><message xmlns="jabber:client"><body>&b;</body></message>)",
        R"(<message xmlns="jabber:client"><body>unclosed</message>)",
        R"(<message xmlns="jabber:client"/><message xmlns="jabber:client"/>)",
        R"(<?xml version="1.0"?><message xmlns="jabber:client"/>)",
        R"(<message xmlns="jabber:client"><!-- c --></message>)",
        R"(<x:message xmlns="jabber:client"/>)",
        std::string("<message xmlns=\"jabber:client\"><body>\xff\xfe</body></message>"),
        std::string(20000, '<'),
        "",
    };
    for (const auto& frame : hostile) h.feed(frame);
    EXPECT_TRUE(h.stanzas.empty());
    EXPECT_EQ(h.session.state(), S::Established);
    EXPECT_TRUE(h.failures.empty());
    EXPECT_TRUE(h.transport.isOpen);
    h.feed(R"(<message xmlns="jabber:client" from="peer@localhost"><body>still here</body></message>)");
    ASSERT_EQ(h.stanzas.size(), 1u);
    EXPECT_EQ(h.stanzas[0].childText(ns::kClient, "body"), "still here");
}

TEST_F(StreamSessionEstablishedTest, CallbacksNeverRunReEntrantly) {
    bool inCallback = false;
    int nested = 0;
    std::vector<S> seen;
    h.session.onStateChanged = [&](S s) {
        if (inCallback) ++nested;
        seen.push_back(s);
    };
    h.session.onStanza = [&](const xml::Element&) {
        inCallback = true;
        xml::Element reply(ns::kClient, "message");
        reply.setAttr("to", "peer@localhost");
        h.session.send(reply);  // allowed: goes out now
        h.session.stop();        // allowed: its state change is reported after this callback
        EXPECT_EQ(h.session.state(), S::Idle);
        inCallback = false;
    };
    h.feed(R"(<message xmlns="jabber:client" from="peer@localhost"><body>a</body></message>)");
    EXPECT_EQ(nested, 0);
    EXPECT_EQ(seen, std::vector<S>{S::Idle});
    auto sent = h.takeSent();
    ASSERT_EQ(sent.size(), 2u);
    EXPECT_TRUE(sent[0].is(ns::kClient, "message"));
    EXPECT_TRUE(sent[1].is(ns::kFraming, "close"));
    EXPECT_FALSE(h.transport.isOpen);
}

TEST_F(StreamSessionEstablishedTest, StopFailsPendingIqsAndDropsLaterSends) {
    std::vector<std::string> errors;
    h.session.sendIq(iq("get", "localhost"), [&](const Result<xml::Element>& r) { errors.push_back(r.ok() ? "" : r.error().code); });
    h.takeSent();
    h.session.stop();
    EXPECT_EQ(errors, std::vector<std::string>{"disconnected"});
    h.takeSent();
    h.session.send(xml::Element(ns::kClient, "message"));
    EXPECT_TRUE(h.takeSent().empty());
}

TEST_F(StreamSessionEstablishedTest, SeeOtherUriOnTheSameHostReconnectsThere) {
    h.feed(R"(<close xmlns="urn:ietf:params:xml:ns:xmpp-framing" see-other-uri="ws://localhost:5281/xmpp-websocket"/>)");
    EXPECT_EQ(h.session.state(), S::Connecting);
    ASSERT_EQ(h.transport.openedUrls.size(), 2u);
    EXPECT_EQ(h.transport.openedUrls[1], "ws://localhost:5281/xmpp-websocket");
    // The new stream authenticates with the cached keys (the password is gone).
    auto auth = h.openStream(test::featuresPreAuth({"SCRAM-SHA-256"}));
    h.runScram(server, auth);
    h.runBind();
    EXPECT_EQ(h.session.state(), S::Established);
    EXPECT_EQ(h.established, 2);
}

TEST_F(StreamSessionEstablishedTest, RedirectsAreCountedAcrossShortSessions) {
    // A server that redirects right after each login must not make us loop: the count is kept
    // across sessions until one stays up for a minute.
    auto redirectAndLogin = [&] {
        h.feed(R"(<close xmlns="urn:ietf:params:xml:ns:xmpp-framing" see-other-uri="ws://localhost:5281/ws"/>)");
        if (h.session.state() != S::Connecting) return;
        h.runScram(server, h.openStream(test::featuresPreAuth({"SCRAM-SHA-256"})));
        h.runBind();
    };
    for (int i = 0; i < 5; ++i) {
        redirectAndLogin();
        ASSERT_EQ(h.session.state(), S::Established) << i;
        h.clock.advance(10'000);
    }
    redirectAndLogin();
    EXPECT_EQ(h.session.state(), S::Failed);
    ASSERT_EQ(h.failures.size(), 1u);
    EXPECT_EQ(h.failures[0].code, "redirect-refused");
}

TEST_F(StreamSessionEstablishedTest, RedirectCountResetsAfterAStableSession) {
    for (int i = 0; i < 8; ++i) {
        h.clock.advance(60'000);
        h.feed(R"(<close xmlns="urn:ietf:params:xml:ns:xmpp-framing" see-other-uri="ws://localhost:5281/ws"/>)");
        ASSERT_EQ(h.session.state(), S::Connecting) << i;
        h.runScram(server, h.openStream(test::featuresPreAuth({"SCRAM-SHA-256"})));
        h.runBind();
        ASSERT_EQ(h.session.state(), S::Established) << i;
    }
    EXPECT_TRUE(h.failures.empty());
}

TEST_F(StreamSessionEstablishedTest, SeeOtherUriOnAnotherHostIsRefused) {
    h.feed(R"(<close xmlns="urn:ietf:params:xml:ns:xmpp-framing" see-other-uri="wss://evil.example/xmpp-websocket"/>)");
    EXPECT_EQ(h.session.state(), S::Failed);
    ASSERT_EQ(h.failures.size(), 1u);
    EXPECT_EQ(h.failures[0].code, "redirect-refused");
    EXPECT_EQ(h.transport.openedUrls.size(), 1u);
    EXPECT_FALSE(h.transport.isOpen);
}

TEST_F(StreamSessionEstablishedTest, ServerCloseIsAnsweredAndReconnects) {
    h.feed(R"(<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>)");
    auto sent = h.takeSent();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_TRUE(sent[0].is(ns::kFraming, "close"));
    EXPECT_FALSE(h.transport.isOpen);
    EXPECT_EQ(h.session.state(), S::WaitingReconnect);
}

TEST_F(StreamSessionEstablishedTest, StreamErrorConflictIsTerminalShutdownReconnects) {
    h.feed(R"(<stream:error xmlns="jabber:client" xmlns:stream="http://etherx.jabber.org/streams"><system-shutdown xmlns="urn:ietf:params:xml:ns:xmpp-streams"/></stream:error>)");
    EXPECT_EQ(h.session.state(), S::WaitingReconnect);
    EXPECT_TRUE(h.failures.empty());
    h.clock.advance(2000);
    h.session.onTimer();
    h.runScram(server, h.openStream(test::featuresPreAuth({"SCRAM-SHA-256"})));
    h.runBind();
    ASSERT_EQ(h.session.state(), S::Established);
    h.feed(R"(<stream:error xmlns="jabber:client" xmlns:stream="http://etherx.jabber.org/streams"><conflict xmlns="urn:ietf:params:xml:ns:xmpp-streams"/><text xmlns="urn:ietf:params:xml:ns:xmpp-streams">Replaced by new connection</text></stream:error>)");
    EXPECT_EQ(h.session.state(), S::Failed);
    ASSERT_EQ(h.failures.size(), 1u);
    EXPECT_EQ(h.failures[0].code, "stream-error:conflict");
}

// Prosody 0.12 answers a frame it mis-joined after a resumption with <policy-violation/> ("stanza too
// large"): the first one reconnects, a second within ten minutes is final (a real policy stays violated).
TEST_F(StreamSessionEstablishedTest, APolicyViolationReconnectsOnceAndIsFinalWhenItRepeats) {
    const std::string policy =
        R"(<stream:error xmlns="jabber:client" xmlns:stream="http://etherx.jabber.org/streams"><policy-violation xmlns="urn:ietf:params:xml:ns:xmpp-streams"/><text xmlns="urn:ietf:params:xml:ns:xmpp-streams">stanza too large</text></stream:error>)";
    h.feed(policy);
    EXPECT_EQ(h.session.state(), S::WaitingReconnect);
    EXPECT_TRUE(h.failures.empty());
    h.clock.advance(2000);
    h.session.onTimer();
    h.runScram(server, h.openStream(test::featuresPreAuth({"SCRAM-SHA-256"})));
    h.runBind();
    ASSERT_EQ(h.session.state(), S::Established);
    h.feed(policy);
    EXPECT_EQ(h.session.state(), S::Failed);
    ASSERT_EQ(h.failures.size(), 1u);
    EXPECT_EQ(h.failures[0].code, "stream-error:policy-violation");
}

TEST_F(StreamSessionEstablishedTest, ReconnectBackOffScheduleWithJitterBounds) {
    std::int64_t base = 1000;
    for (int attempt = 0; attempt < 9; ++attempt) {
        h.session.onTransportClosed("gone");
        ASSERT_EQ(h.session.state(), S::WaitingReconnect) << attempt;
        std::int64_t delay = h.session.reconnectInMs();
        EXPECT_GE(delay, base * 3 / 4) << attempt;
        EXPECT_LE(delay, std::min<std::int64_t>(base * 5 / 4, 60000)) << attempt;
        std::size_t opens = h.transport.openedUrls.size();
        h.clock.advance(delay - 1);
        h.session.onTimer();
        EXPECT_EQ(h.transport.openedUrls.size(), opens) << "reconnected early";
        h.clock.advance(1);
        h.session.onTimer();
        ASSERT_EQ(h.transport.openedUrls.size(), opens + 1);
        EXPECT_EQ(h.session.state(), S::Connecting);
        base = std::min<std::int64_t>(base * 2, 60000);
    }
    EXPECT_EQ(base, 60000);
    // A successful login with the cached keys resets the schedule.
    h.runScram(server, h.openStream(test::featuresPreAuth({"SCRAM-SHA-256", "SCRAM-SHA-1"})));
    h.runBind();
    ASSERT_EQ(h.session.state(), S::Established);
    EXPECT_TRUE(h.failures.empty());
    h.session.onTransportClosed("gone");
    EXPECT_LE(h.session.reconnectInMs(), 1250);
    EXPECT_GE(h.session.reconnectInMs(), 750);
}

// The link drops again and again, but each time after the server answered (here: during SASL): the
// attempts stay seconds apart instead of climbing to a minute, while a server that never answers still
// gets the whole back-off.
TEST_F(StreamSessionEstablishedTest, ALinkLostAfterTheServerAnsweredIsRetriedWithinSeconds) {
    for (int attempt = 0; attempt < 8; ++attempt) {  // nobody answers: the back-off climbs to a minute
        h.session.onTransportClosed("gone");
        h.clock.advance(h.session.reconnectInMs());
        h.session.onTimer();
    }
    h.session.onTransportClosed("gone");
    EXPECT_GE(h.session.reconnectInMs(), 45000);
    for (int round = 0; round < 5; ++round) {
        h.clock.advance(h.session.reconnectInMs());
        h.session.onTimer();
        ASSERT_EQ(h.session.state(), S::Connecting) << round;
        h.openStream(test::featuresPreAuth({"SCRAM-SHA-256", "SCRAM-SHA-1"}));  // the server answers; SASL starts
        h.session.onTransportClosed("closed (1006)");                        // and the link drops
        ASSERT_EQ(h.session.state(), S::WaitingReconnect) << round;
        EXPECT_LE(h.session.reconnectInMs(), 5000) << round;
    }
    // A connection that never reaches the server again climbs from there.
    h.clock.advance(h.session.reconnectInMs());
    h.session.onTimer();
    h.session.onTransportClosed("gone");
    EXPECT_GE(h.session.reconnectInMs(), 6000);
}

TEST_F(StreamSessionEstablishedTest, ReconnectWithChangedSaltNeedsPassword) {
    h.session.onTransportClosed("gone");
    h.clock.advance(h.session.reconnectInMs());
    h.session.onTimer();
    ScramServer changed("SCRAM-SHA-256", "pencil", "a-new-salt");
    auto auth = h.openStream(test::featuresPreAuth({"SCRAM-SHA-256"}));
    h.feed(test::saslFrame("challenge", changed.serverFirst(test::unb64(auth.text()))));
    EXPECT_EQ(h.session.state(), S::Failed);
    ASSERT_EQ(h.failures.size(), 1u);
    EXPECT_EQ(h.failures[0].code, "need-password");
}

TEST_F(StreamSessionEstablishedTest, ReconnectWithCacheCannotUseAnotherMechanism) {
    h.session.onTransportClosed("gone");
    h.clock.advance(h.session.reconnectInMs());
    h.session.onTimer();
    h.session.onTransportOpen();
    h.feed(test::openReply());
    h.feed(test::featuresPreAuth({"SCRAM-SHA-1"}));
    ASSERT_EQ(h.failures.size(), 1u);
    EXPECT_EQ(h.failures[0].code, "need-password");
}

TEST_F(StreamSessionEstablishedTest, ConnectionLossFailsPendingIqs) {
    std::vector<std::string> errors;
    h.session.sendIq(iq("get", "localhost"), [&](const Result<xml::Element>& r) { errors.push_back(r.ok() ? "" : r.error().code); });
    h.session.onTransportClosed("reset by peer");
    EXPECT_EQ(errors, std::vector<std::string>{"disconnected"});
    EXPECT_EQ(h.session.state(), S::WaitingReconnect);
    EXPECT_TRUE(h.session.boundJid().empty());
    // While waiting, sendIq answers at once instead of queueing forever.
    h.session.sendIq(iq("get", "localhost"), [&](const Result<xml::Element>& r) { errors.push_back(r.ok() ? "" : r.error().code); });
    EXPECT_EQ(errors.size(), 2u);
    EXPECT_EQ(errors[1], "disconnected");
}

TEST(StreamSessionNegotiationTest, GarbageBetweenOpenAndFeaturesIsDropped) {
    SessionHarness h;
    ScramServer server("SCRAM-SHA-256", "pencil");
    h.session.start(SessionHarness::config());
    h.session.onTransportOpen();
    h.takeSent();
    h.feed(test::openReply());
    h.feed("<<not xml");
    h.feed(R"(<message xmlns="jabber:client" from="early@localhost"><body>too early</body></message>)");
    h.feed(test::featuresPreAuth({"SCRAM-SHA-256"}));
    auto auth = h.sentOne();
    h.runScram(server, auth);
    h.runBind();
    EXPECT_EQ(h.session.state(), S::Established);
    EXPECT_TRUE(h.stanzas.empty());  // nothing is delivered before the session is established
}

TEST(StreamSessionKeepaliveTest, PingsAfterSilenceAndReconnectsWithoutReply) {
    SessionHarness h;
    ScramServer server("SCRAM-SHA-256", "pencil");
    auto cfg = SessionHarness::config();
    cfg.keepaliveMs = 60000;
    h.login(server, cfg, {"SCRAM-SHA-256"});
    ASSERT_EQ(h.session.state(), S::Established);
    h.takeSent();
    h.clock.advance(59999);
    h.session.onTimer();
    EXPECT_TRUE(h.takeSent().empty());
    h.clock.advance(1);
    h.session.onTimer();
    auto ping = h.sentOne();
    ASSERT_NE(ping.child(ns::kPing, "ping"), nullptr);
    EXPECT_EQ(ping.attr("to"), "localhost");
    // Answered: no reconnect, and the next ping waits for another silence.
    h.feed(R"(<iq xmlns="jabber:client" type="result" from="localhost" id=")" + std::string(ping.attr("id")) + R"("/>)");
    h.clock.advance(30000);
    h.session.onTimer();
    EXPECT_TRUE(h.takeSent().empty());
    h.clock.advance(30000);
    h.session.onTimer();
    auto ping2 = h.sentOne();
    ASSERT_NE(ping2.child(ns::kPing, "ping"), nullptr);
    h.clock.advance(30000);  // no answer
    h.session.onTimer();
    EXPECT_EQ(h.session.state(), S::WaitingReconnect);
    EXPECT_FALSE(h.transport.isOpen);
}

TEST(StreamSessionRememberTest, StartFromCachedKeysOnly) {
    SessionHarness first;
    ScramServer server("SCRAM-SHA-1", "pencil");
    first.login(server, SessionHarness::config(), {"SCRAM-SHA-1"});
    ASSERT_TRUE(first.session.scramCache());
    SessionHarness again;
    auto cfg = SessionHarness::config("");
    cfg.scram = first.session.scramCache();
    cfg.pinnedMechanism = first.session.mechanismUsed();
    again.login(server, cfg, {"SCRAM-SHA-1", "PLAIN"});
    EXPECT_EQ(again.session.state(), S::Established);
    EXPECT_EQ(again.session.mechanismUsed(), "SCRAM-SHA-1");
}

}  // namespace
}  // namespace starling::stream
