// The native WebSocket client against Prosody's real mod_websocket: handshake with subprotocol xmpp,
// RFC 7395 framing round trip, masking and fragmentation accepted by the server, ping/pong, close
// semantics, and the failures a caller must see as onClosed.
#include "native/ws_transport.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "integration/live_env.h"

namespace starling::integration {
namespace {

struct Probe {
    native::UrandomRandom random;
    native::WsTransport ws{random};
    bool opened = false;
    std::vector<std::string> frames;
    std::vector<std::string> closes;

    Probe() {
        ws.onOpen = [this] { opened = true; };
        ws.onFrame = [this](std::string_view f) { frames.emplace_back(f); };
        ws.onClosed = [this](std::string_view r) { closes.emplace_back(r); };
    }
    bool until(const std::function<bool()>& done, std::int64_t timeoutMs = 10000) {
        return pumpUntil(done, [this] { ws.poll(20); }, nullptr, timeoutMs);
    }
    bool sawFrameContaining(const std::string& needle) const {
        for (const auto& f : frames)
            if (f.find(needle) != std::string::npos) return true;
        return false;
    }
};

std::string streamOpen() {
    return "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='" + domain() + "' version='1.0'/>";
}

TEST(WsTransportLive, OpensAndExchangesRfc7395Framing) {
    Probe p;
    p.ws.open(wsUrl());
    EXPECT_FALSE(p.opened) << "open() must not call back synchronously";
    ASSERT_TRUE(p.until([&] { return p.opened || !p.closes.empty(); }))
        << "no answer from " << wsUrl() << " — is Prosody running (scripts/prosody.sh start)?";
    ASSERT_TRUE(p.opened) << (p.closes.empty() ? "" : p.closes.front());
    p.ws.send(streamOpen());
    ASSERT_TRUE(p.until([&] { return p.sawFrameContaining("<stream:features") || !p.closes.empty(); }));
    EXPECT_TRUE(p.sawFrameContaining("urn:ietf:params:xml:ns:xmpp-framing"));
    EXPECT_TRUE(p.sawFrameContaining("<mechanism>SCRAM-SHA-1</mechanism>"));
    EXPECT_TRUE(p.sawFrameContaining("http://jabber.org/features/iq-register"));
    EXPECT_TRUE(p.closes.empty());
}

TEST(WsTransportLive, ServerReassemblesOurFragmentedMaskedFrames) {
    Probe p;
    p.ws.setFragmentSize(5);  // the <open/> goes out as ~17 masked frames
    p.ws.open(wsUrl());
    ASSERT_TRUE(p.until([&] { return p.opened; }));
    p.ws.send(streamOpen());
    ASSERT_TRUE(p.until([&] { return p.sawFrameContaining("<stream:features") || !p.closes.empty(); }))
        << (p.closes.empty() ? "timeout" : p.closes.front());
}

TEST(WsTransportLive, PingIsAnsweredWithPong) {
    Probe p;
    p.ws.open(wsUrl());
    ASSERT_TRUE(p.until([&] { return p.opened; }));
    p.ws.sendPing("hello");
    ASSERT_TRUE(p.until([&] { return p.ws.pongsReceived() == 1; }));
}

TEST(WsTransportLive, ServerCloseIsReportedOnce) {
    Probe p;
    p.ws.open(wsUrl());
    ASSERT_TRUE(p.until([&] { return p.opened; }));
    p.ws.send(streamOpen());
    ASSERT_TRUE(p.until([&] { return p.sawFrameContaining("<stream:features"); }));
    p.ws.send("<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>");
    ASSERT_TRUE(p.until([&] { return !p.closes.empty(); }));
    EXPECT_TRUE(p.sawFrameContaining("<close")) << "RFC 7395: the server answers <close/> with <close/>";
    for (int i = 0; i < 10; ++i) p.ws.poll(20);
    EXPECT_EQ(p.closes.size(), 1u);
    EXPECT_FALSE(p.ws.isOpen());
}

TEST(WsTransportLive, OwnCloseDeliversNoCallback) {
    Probe p;
    p.ws.open(wsUrl());
    ASSERT_TRUE(p.until([&] { return p.opened; }));
    p.ws.send(streamOpen());
    p.ws.close();
    for (int i = 0; i < 20; ++i) p.ws.poll(20);
    EXPECT_TRUE(p.closes.empty());
    EXPECT_TRUE(p.frames.empty()) << "frames of a closed connection must be dropped";
}

TEST(WsTransportLive, UnreachablePortIsReportedAsClosed) {
    Probe p;
    p.ws.open("ws://127.0.0.1:1/xmpp-websocket");
    EXPECT_TRUE(p.closes.empty());
    ASSERT_TRUE(p.until([&] { return !p.closes.empty(); }));
    EXPECT_FALSE(p.opened);
    EXPECT_NE(p.closes.front().find("cannot connect"), std::string::npos) << p.closes.front();
}

TEST(WsTransportLive, WrongPathFailsTheHandshake) {
    Probe p;
    auto url = wsUrl();
    p.ws.open(url.substr(0, url.rfind('/')) + "/no-such-endpoint");
    ASSERT_TRUE(p.until([&] { return !p.closes.empty(); }));
    EXPECT_FALSE(p.opened);
    EXPECT_NE(p.closes.front().find("handshake refused"), std::string::npos) << p.closes.front();
}

TEST(WsTransportLive, MalformedUrlIsReportedAsynchronously) {
    Probe p;
    p.ws.open("wss://127.0.0.1/xmpp-websocket");
    EXPECT_TRUE(p.closes.empty());
    p.ws.poll(0);
    ASSERT_EQ(p.closes.size(), 1u);
}

}  // namespace
}  // namespace starling::integration
