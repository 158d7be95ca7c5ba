#include "native/ws_codec.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace starling::native::ws {
namespace {

std::string bytes(std::initializer_list<int> list) {
    std::string s;
    for (int b : list) s.push_back(static_cast<char>(b));
    return s;
}

std::vector<Frame> decodeAll(FrameDecoder& d) {
    std::vector<Frame> out;
    Frame f;
    while (d.next(f) == FrameDecoder::Status::Frame) out.push_back(f);
    return out;
}

// RFC 6455 section 5.7: "A single-frame masked text message".
TEST(NativeWsCodec, EncodesRfcMaskedHelloExample) {
    EXPECT_EQ(encodeFrame(Opcode::Text, "Hello", {0x37, 0xfa, 0x21, 0x3d}),
              bytes({0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58}));
}

TEST(NativeWsCodec, EncodesExtendedLengthsShortestForm) {
    const std::array<std::uint8_t, 4> zero{0, 0, 0, 0};
    const std::string f125 = encodeFrame(Opcode::Text, std::string(125, 'a'), zero);
    EXPECT_EQ(static_cast<std::uint8_t>(f125[1]), 0x80 | 125);
    EXPECT_EQ(f125.size(), 2u + 4u + 125u);
    const std::string f256 = encodeFrame(Opcode::Binary, std::string(256, 'b'), zero);
    EXPECT_EQ(f256.substr(0, 4), bytes({0x82, 0xFE, 0x01, 0x00}));
    const std::string f64k = encodeFrame(Opcode::Binary, std::string(65536, 'c'), zero);
    EXPECT_EQ(f64k.substr(0, 10), bytes({0x82, 0xFF, 0, 0, 0, 0, 0, 1, 0, 0}));
    EXPECT_EQ(f64k.size(), 10u + 4u + 65536u);
    EXPECT_EQ(encodeFrame(Opcode::Text, "x", zero, /*fin=*/false)[0], 0x01);
}

TEST(NativeWsCodec, MaskIsAppliedToEveryByte) {
    const std::string text = "Привет, мир 👋";
    const std::array<std::uint8_t, 4> mask{0xA1, 0x02, 0xFF, 0x10};
    const std::string f = encodeFrame(Opcode::Text, text, mask);
    ASSERT_EQ(f.size(), 2u + 4u + text.size());
    for (std::size_t i = 0; i < text.size(); ++i)
        EXPECT_EQ(static_cast<std::uint8_t>(f[6 + i]) ^ mask[i % 4], static_cast<std::uint8_t>(text[i]));
}

TEST(NativeWsCodec, DecodesRfcExamplesFedOneByteAtATime) {
    // Unmasked "Hello", fragmented "Hel"+"lo", an unmasked ping, then 256 bytes binary (RFC 6455 5.7).
    std::string wire = bytes({0x81, 0x05}) + "Hello" + bytes({0x01, 0x03}) + "Hel" + bytes({0x80, 0x02}) + "lo" +
                       bytes({0x89, 0x05}) + "Hello" + bytes({0x82, 0x7E, 0x01, 0x00}) + std::string(256, 'z');
    FrameDecoder d;
    std::vector<Frame> frames;
    for (char c : wire) {
        d.feed(std::string_view(&c, 1));
        for (auto& f : decodeAll(d)) frames.push_back(f);
    }
    ASSERT_EQ(frames.size(), 5u);
    EXPECT_EQ(frames[0].payload, "Hello");
    EXPECT_TRUE(frames[0].fin);
    EXPECT_FALSE(frames[1].fin);
    EXPECT_EQ(frames[1].opcode, Opcode::Text);
    EXPECT_EQ(frames[2].opcode, Opcode::Continuation);
    EXPECT_EQ(frames[3].opcode, Opcode::Ping);
    EXPECT_EQ(frames[4].payload, std::string(256, 'z'));
    EXPECT_EQ(d.buffered(), 0u);
}

TEST(NativeWsCodec, Decodes64BitLength) {
    FrameDecoder d;
    d.feed(bytes({0x81, 0x7F, 0, 0, 0, 0, 0, 1, 0, 0}) + std::string(65536, 'q'));
    Frame f;
    ASSERT_EQ(d.next(f), FrameDecoder::Status::Frame);
    EXPECT_EQ(f.payload.size(), 65536u);
}

TEST(NativeWsCodec, RejectsWhatAServerMustNotSend) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"masked", bytes({0x81, 0x85, 1, 2, 3, 4, 'a', 'b', 'c', 'd', 'e'})},
        {"rsv1", bytes({0xC1, 0x00})},
        {"opcode 3", bytes({0x83, 0x00})},
        {"fragmented ping", bytes({0x09, 0x00})},
        {"ping 126 bytes", bytes({0x89, 0x7E, 0x00, 0x7E}) + std::string(126, 'p')},
        {"64-bit MSB", bytes({0x82, 0x7F, 0x80, 0, 0, 0, 0, 0, 0, 1})},
    };
    for (const auto& [name, wire] : cases) {
        FrameDecoder d;
        d.feed(wire);
        Frame f;
        EXPECT_EQ(d.next(f), FrameDecoder::Status::Error) << name;
        EXPECT_FALSE(d.error().empty()) << name;
        EXPECT_EQ(d.next(f), FrameDecoder::Status::Error) << name << ": errors are sticky";
    }
}

TEST(NativeWsCodec, RejectsFrameLargerThanLimitBeforeBuffering) {
    FrameDecoder d(1024);
    d.feed(bytes({0x81, 0x7E, 0x08, 0x00}));  // announces 2048 bytes, none sent yet
    Frame f;
    EXPECT_EQ(d.next(f), FrameDecoder::Status::Error);
}

TEST(NativeWsCodec, AssemblerReassemblesAroundInterleavedControlFrames) {
    MessageAssembler a;
    EXPECT_EQ(a.push({false, Opcode::Text, "При"}).kind, MessageAssembler::Kind::None);
    auto ping = a.push({true, Opcode::Ping, "p1"});
    EXPECT_EQ(ping.kind, MessageAssembler::Kind::Ping);
    EXPECT_EQ(ping.data, "p1");
    EXPECT_EQ(a.push({false, Opcode::Continuation, "вет "}).kind, MessageAssembler::Kind::None);
    auto msg = a.push({true, Opcode::Continuation, "👋"});
    EXPECT_EQ(msg.kind, MessageAssembler::Kind::Text);
    EXPECT_EQ(msg.data, "Привет 👋");
    EXPECT_EQ(a.push({true, Opcode::Text, "next"}).data, "next");
}

TEST(NativeWsCodec, AssemblerRejectsBadSequencesAndBadUtf8) {
    {
        MessageAssembler a;
        EXPECT_EQ(a.push({true, Opcode::Continuation, "x"}).kind, MessageAssembler::Kind::Error);
    }
    {
        MessageAssembler a;
        a.push({false, Opcode::Text, "a"});
        EXPECT_EQ(a.push({true, Opcode::Text, "b"}).kind, MessageAssembler::Kind::Error);
    }
    {
        // The emoji split across fragments is fine; a lone continuation byte at the end is not.
        MessageAssembler a;
        std::string emoji = "👋";
        a.push({false, Opcode::Text, emoji.substr(0, 2)});
        EXPECT_EQ(a.push({true, Opcode::Continuation, emoji.substr(2)}).kind, MessageAssembler::Kind::Text);
        EXPECT_EQ(a.push({true, Opcode::Text, emoji.substr(0, 3)}).kind, MessageAssembler::Kind::Error);
    }
    {
        MessageAssembler a(8);
        a.push({false, Opcode::Text, "12345"});
        EXPECT_EQ(a.push({true, Opcode::Continuation, "6789"}).kind, MessageAssembler::Kind::Error);
    }
}

TEST(NativeWsCodec, ClosePayloadRoundTrips) {
    MessageAssembler a;
    auto ev = a.push({true, Opcode::Close, closePayload(1001, "going away")});
    EXPECT_EQ(ev.kind, MessageAssembler::Kind::Close);
    EXPECT_EQ(ev.closeCode, 1001);
    EXPECT_EQ(ev.data, "going away");
    EXPECT_EQ(a.push({true, Opcode::Close, ""}).closeCode, 1005);
    EXPECT_EQ(a.push({true, Opcode::Close, "x"}).kind, MessageAssembler::Kind::Error);
}

TEST(NativeWsCodec, Utf8Validation) {
    EXPECT_TRUE(validUtf8("Привет, мир 👋"));
    EXPECT_TRUE(validUtf8(""));
    EXPECT_FALSE(validUtf8(bytes({0xC0, 0xAF})));              // overlong '/'
    EXPECT_FALSE(validUtf8(bytes({0xED, 0xA0, 0x80})));        // surrogate U+D800
    EXPECT_FALSE(validUtf8(bytes({0xF4, 0x90, 0x80, 0x80})));  // > U+10FFFF
    EXPECT_FALSE(validUtf8(bytes({0xE2, 0x82})));              // truncated
    EXPECT_FALSE(validUtf8(bytes({0x80})));                    // lone continuation
}

// RFC 6455 section 1.3 example key and accept value.
TEST(NativeWsCodec, AcceptKeyMatchesRfcExample) {
    EXPECT_EQ(acceptKeyFor("dGhlIHNhbXBsZSBub25jZQ=="), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
}

TEST(NativeWsCodec, HandshakeRequestAndResponseCheck) {
    Url url{"127.0.0.1", 5280, "/xmpp-websocket"};
    const std::string key = "dGhlIHNhbXBsZSBub25jZQ==";
    const std::string req = handshakeRequest(url, key, "xmpp");
    EXPECT_EQ(req.rfind("GET /xmpp-websocket HTTP/1.1\r\n", 0), 0u);
    EXPECT_NE(req.find("Host: 127.0.0.1:5280\r\n"), std::string::npos);
    EXPECT_NE(req.find("Sec-WebSocket-Protocol: xmpp\r\n"), std::string::npos);
    EXPECT_EQ(req.substr(req.size() - 4), "\r\n\r\n");

    const std::string good =
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: WebSocket\r\nConnection: keep-alive, Upgrade\r\n"
        "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: xmpp";
    EXPECT_EQ(checkHandshakeResponse(good, key, "xmpp"), "");
    EXPECT_NE(checkHandshakeResponse(good, "AAAAAAAAAAAAAAAAAAAAAA==", "xmpp"), "");
    std::string noProto = good.substr(0, good.find("\r\nSec-WebSocket-Protocol"));
    EXPECT_NE(checkHandshakeResponse(noProto, key, "xmpp"), "");
    EXPECT_NE(checkHandshakeResponse("HTTP/1.1 200 OK\r\nContent-Length: 0", key, "xmpp"), "");
}

TEST(NativeWsCodec, ParsesWsUrls) {
    auto u = parseWsUrl("ws://127.0.0.1:5280/xmpp-websocket");
    ASSERT_TRUE(u);
    EXPECT_EQ(u->host, "127.0.0.1");
    EXPECT_EQ(u->port, 5280);
    EXPECT_EQ(u->path, "/xmpp-websocket");
    auto d = parseWsUrl("ws://localhost");
    ASSERT_TRUE(d);
    EXPECT_EQ(d->port, 80);
    EXPECT_EQ(d->path, "/");
    auto v6 = parseWsUrl("ws://[::1]:9/x");
    ASSERT_TRUE(v6);
    EXPECT_EQ(v6->host, "::1");
    EXPECT_EQ(v6->port, 9);
    EXPECT_FALSE(parseWsUrl("wss://example.org/ws"));
    EXPECT_FALSE(parseWsUrl("ws://host:0/"));
    EXPECT_FALSE(parseWsUrl("ws://host:99999/"));
    EXPECT_FALSE(parseWsUrl("ws://:80/"));
    EXPECT_FALSE(parseWsUrl("http://host/"));
}

}  // namespace
}  // namespace starling::native::ws
