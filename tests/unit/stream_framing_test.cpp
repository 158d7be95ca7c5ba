// RFC 7395 framing helpers on frames as Prosody 0.12 sends them.
#include "core/stream/framing.h"

#include <gtest/gtest.h>

#include "core/xml/ns.h"
#include "xep_fixture.h"

namespace starling::stream {
namespace {

using test::parseStanza;

TEST(StreamFramingTest, OpenAndCloseFramesAreRfc7395) {
    auto open = parseStanza(openFrame("example.org"));
    EXPECT_TRUE(open.is(ns::kFraming, "open"));
    EXPECT_EQ(open.attr("to"), "example.org");
    EXPECT_EQ(open.attr("version"), "1.0");
    EXPECT_TRUE(parseStanza(closeFrame()).is(ns::kFraming, "close"));
}

TEST(StreamFramingTest, ClassifiesProsodyFrames) {
    EXPECT_EQ(classify(parseStanza(R"(<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" xmlns:stream="http://etherx.jabber.org/streams" from="localhost" id="x1" version="1.0" xml:lang="en"/>)")),
              FrameKind::Open);
    EXPECT_EQ(classify(parseStanza(R"(<stream:features xmlns="jabber:client" xmlns:stream="http://etherx.jabber.org/streams"/>)")),
              FrameKind::Features);
    EXPECT_EQ(classify(parseStanza(R"(<stream:error xmlns:stream="http://etherx.jabber.org/streams"><conflict xmlns="urn:ietf:params:xml:ns:xmpp-streams"/></stream:error>)")),
              FrameKind::StreamError);
    EXPECT_EQ(classify(parseStanza(R"(<success xmlns="urn:ietf:params:xml:ns:xmpp-sasl"/>)")), FrameKind::Sasl);
    EXPECT_EQ(classify(parseStanza(R"(<message xmlns="jabber:client"/>)")), FrameKind::Stanza);
    EXPECT_EQ(classify(parseStanza(R"(<iq type="get"/>)")), FrameKind::Stanza);  // default namespace jabber:client
    EXPECT_EQ(classify(parseStanza(R"(<r xmlns="urn:xmpp:sm:3"/>)")), FrameKind::StreamManagement);
    EXPECT_EQ(classify(parseStanza(R"(<stream:stream xmlns:stream="http://etherx.jabber.org/streams"/>)")), FrameKind::Broken);
    EXPECT_EQ(classify(parseStanza(R"(<reopen xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>)")), FrameKind::Broken);
}

TEST(StreamFramingTest, ParsesFeatures) {
    auto f = parseFeatures(parseStanza(
        R"(<stream:features xmlns="jabber:client" xmlns:stream="http://etherx.jabber.org/streams">)"
        R"(<register xmlns="http://jabber.org/features/iq-register"/>)"
        R"(<mechanisms xmlns="urn:ietf:params:xml:ns:xmpp-sasl"><mechanism>SCRAM-SHA-1</mechanism>)"
        R"(<mechanism>SCRAM-SHA-256</mechanism><mechanism>PLAIN</mechanism></mechanisms></stream:features>)"));
    EXPECT_EQ(f.mechanisms, (std::vector<std::string>{"SCRAM-SHA-1", "SCRAM-SHA-256", "PLAIN"}));
    EXPECT_TRUE(f.registration);
    EXPECT_FALSE(f.bind);
    auto g = parseFeatures(parseStanza(
        R"(<stream:features xmlns="jabber:client" xmlns:stream="http://etherx.jabber.org/streams">)"
        R"(<bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><required/></bind>)"
        R"(<session xmlns="urn:ietf:params:xml:ns:xmpp-session"><optional/></session><sm xmlns="urn:xmpp:sm:3"/>)"
        R"(</stream:features>)"));
    EXPECT_TRUE(g.bind);
    EXPECT_TRUE(g.session);
    EXPECT_TRUE(g.sessionOptional);
    EXPECT_TRUE(g.streamManagement);
    EXPECT_TRUE(g.mechanisms.empty());
    // A mechanism element in the wrong namespace is not a mechanism.
    auto h = parseFeatures(parseStanza(
        R"(<stream:features xmlns:stream="http://etherx.jabber.org/streams"><mechanisms xmlns="urn:other"><mechanism>PLAIN</mechanism></mechanisms></stream:features>)"));
    EXPECT_TRUE(h.mechanisms.empty());
}

TEST(StreamFramingTest, OpenVersionIsChecked) {
    EXPECT_TRUE(parseOpen(parseStanza(R"(<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" version="1.0" from="a"/>)")).ok());
    auto bad = parseOpen(parseStanza(R"(<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" version="0.9"/>)"));
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, "bad-frame");
}

TEST(StreamFramingTest, StreamErrorCondition) {
    auto e = parseStreamError(parseStanza(
        R"(<stream:error xmlns:stream="http://etherx.jabber.org/streams"><text xmlns="urn:ietf:params:xml:ns:xmpp-streams">bye</text>)"
        R"(<system-shutdown xmlns="urn:ietf:params:xml:ns:xmpp-streams"/></stream:error>)"));
    EXPECT_EQ(e.condition, "system-shutdown");
    EXPECT_EQ(e.text, "bye");
    EXPECT_EQ(parseStreamError(parseStanza(R"(<stream:error xmlns:stream="http://etherx.jabber.org/streams"/>)")).condition,
              "undefined-condition");
}

TEST(StreamFramingTest, UrlHost) {
    EXPECT_EQ(urlHost("wss://Example.ORG:5281/xmpp-websocket"), "example.org");
    EXPECT_EQ(urlHost("ws://127.0.0.1:5280/xmpp-websocket"), "127.0.0.1");
    EXPECT_EQ(urlHost("wss://user@host.example/ws?x=1"), "host.example");
    EXPECT_EQ(urlHost("wss://[::1]:5281/ws"), "[::1]");
    EXPECT_EQ(urlHost("not a url"), "");
    EXPECT_EQ(urlHost("wss:///path"), "");
}

TEST(StreamFramingTest, RedirectOnlyToSameHost) {
    EXPECT_TRUE(checkRedirect("wss://chat.example/ws", "wss://chat.example:5443/other").ok());
    EXPECT_TRUE(checkRedirect("ws://localhost:5280/xmpp-websocket", "ws://localhost:5281/xmpp-websocket").ok());
    EXPECT_TRUE(checkRedirect("ws://localhost:5280/a", "wss://localhost/b").ok());  // upgrade is fine
    EXPECT_EQ(checkRedirect("wss://chat.example/ws", "wss://evil.example/ws").error().code, "redirect-refused");
    EXPECT_EQ(checkRedirect("wss://chat.example/ws", "wss://chat.example.evil.example/ws").error().code, "redirect-refused");
    EXPECT_EQ(checkRedirect("wss://chat.example/ws", "wss://evil.example@chat.example.evil/").error().code, "redirect-refused");
    EXPECT_EQ(checkRedirect("wss://chat.example/ws", "ws://chat.example/ws").error().code, "redirect-refused");
    EXPECT_EQ(checkRedirect("wss://chat.example/ws", "https://chat.example/ws").error().code, "redirect-refused");
    EXPECT_EQ(checkRedirect("wss://chat.example/ws", "garbage").error().code, "redirect-refused");
    // Browsers read a backslash as '/' in ws URLs: this one goes to evil.com, not to 127.0.0.1.
    EXPECT_EQ(checkRedirect("ws://127.0.0.1:5280/xmpp-websocket", "ws://evil.com\\@127.0.0.1/x").error().code,
              "redirect-refused");
    EXPECT_EQ(checkRedirect("wss://chat.example/ws", "wss://user@chat.example/ws").error().code, "redirect-refused");
    EXPECT_EQ(checkRedirect("wss://chat.example/ws", "wss://evil.example\tx@chat.example/").error().code,
              "redirect-refused");
    EXPECT_EQ(checkRedirect("wss://chat.example/ws", "wss://chat.example /ws").error().code, "redirect-refused");
}

TEST(StreamFramingTest, SeeOtherUriAttribute) {
    auto c = parseStanza(R"(<close xmlns="urn:ietf:params:xml:ns:xmpp-framing" see-other-uri="wss://a.example/ws"/>)");
    ASSERT_TRUE(seeOtherUri(c));
    EXPECT_EQ(*seeOtherUri(c), "wss://a.example/ws");
    EXPECT_FALSE(seeOtherUri(parseStanza(closeFrame())));
}

}  // namespace
}  // namespace starling::stream
