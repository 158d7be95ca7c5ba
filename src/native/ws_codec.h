#pragma once
// RFC 6455 client-side codec: frame encoding (always masked), incremental frame decoding with the
// checks a client must make on server frames, message reassembly from fragments, and the opening
// handshake (request text, Sec-WebSocket-Accept, response check). Pure functions and small state
// machines, no I/O: header-only so the unit tests (native and Wasm) test exactly this code.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/crypto/hash.h"

namespace starling::native::ws {

enum class Opcode : std::uint8_t { Continuation = 0, Text = 1, Binary = 2, Close = 8, Ping = 9, Pong = 10 };

inline bool isControl(Opcode op) { return (static_cast<std::uint8_t>(op) & 0x8) != 0; }

inline bool knownOpcode(std::uint8_t op) { return op <= 2 || (op >= 8 && op <= 10); }

// A client frame: FIN as given, no RSV bits, MASK set with `mask`, the shortest length encoding.
inline std::string encodeFrame(Opcode op, std::string_view payload, std::array<std::uint8_t, 4> mask,
                               bool fin = true) {
    std::string out;
    const std::uint64_t len = payload.size();
    out.reserve(payload.size() + 14);
    out.push_back(static_cast<char>((fin ? 0x80 : 0x00) | static_cast<std::uint8_t>(op)));
    if (len < 126) {
        out.push_back(static_cast<char>(0x80 | len));
    } else if (len <= 0xFFFF) {
        out.push_back(static_cast<char>(0x80 | 126));
        out.push_back(static_cast<char>((len >> 8) & 0xFF));
        out.push_back(static_cast<char>(len & 0xFF));
    } else {
        out.push_back(static_cast<char>(0x80 | 127));
        for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<char>((len >> shift) & 0xFF));
    }
    for (std::uint8_t m : mask) out.push_back(static_cast<char>(m));
    for (std::size_t i = 0; i < payload.size(); ++i)
        out.push_back(static_cast<char>(static_cast<std::uint8_t>(payload[i]) ^ mask[i % 4]));
    return out;
}

// Close frame payload: 2-byte status code + optional UTF-8 reason (control frames carry <= 125 bytes).
inline std::string closePayload(std::uint16_t code, std::string_view reason = {}) {
    std::string p;
    p.push_back(static_cast<char>(code >> 8));
    p.push_back(static_cast<char>(code & 0xFF));
    p.append(reason.substr(0, 123));
    return p;
}

// Strict UTF-8 (no overlongs, no surrogates, <= U+10FFFF), as RFC 6455 requires for text messages.
inline bool validUtf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<std::uint8_t>(s[i]);
        std::size_t n;
        std::uint32_t cp;
        if (c < 0x80) { ++i; continue; }
        if (c >= 0xC2 && c <= 0xDF) { n = 1; cp = c & 0x1F; }
        else if (c >= 0xE0 && c <= 0xEF) { n = 2; cp = c & 0x0F; }
        else if (c >= 0xF0 && c <= 0xF4) { n = 3; cp = c & 0x07; }
        else return false;
        if (i + n >= s.size()) return false;  // truncated sequence
        for (std::size_t k = 1; k <= n; ++k) {
            const auto cc = static_cast<std::uint8_t>(s[i + k]);
            if ((cc & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF) return false;
        if (cp >= 0xD800 && cp <= 0xDFFF) return false;
        i += n + 1;
    }
    return true;
}

struct Frame {
    bool fin = true;
    Opcode opcode = Opcode::Text;
    std::string payload;
};

// Incremental decoder of server→client frames. Feed bytes as they arrive; take frames with next().
class FrameDecoder {
public:
    enum class Status { Frame, NeedMore, Error };

    explicit FrameDecoder(std::size_t maxFramePayload = 16u << 20) : m_max(maxFramePayload) {}

    void feed(std::string_view bytes) { m_buf.append(bytes.data(), bytes.size()); }

    Status next(Frame& out) {
        if (!m_error.empty()) return Status::Error;
        const std::size_t avail = m_buf.size() - m_pos;
        if (avail < 2) return Status::NeedMore;
        const auto* p = reinterpret_cast<const std::uint8_t*>(m_buf.data() + m_pos);
        if (p[0] & 0x70) return fail("reserved bits set");
        if (!knownOpcode(p[0] & 0x0F)) return fail("unknown opcode");
        if (p[1] & 0x80) return fail("server frame is masked");
        const auto op = static_cast<Opcode>(p[0] & 0x0F);
        const bool fin = (p[0] & 0x80) != 0;
        std::uint64_t len = p[1] & 0x7F;
        std::size_t header = 2;
        if (len == 126) {
            if (avail < 4) return Status::NeedMore;
            len = (std::uint64_t(p[2]) << 8) | p[3];
            header = 4;
        } else if (len == 127) {
            if (avail < 10) return Status::NeedMore;
            len = 0;
            for (int k = 0; k < 8; ++k) len = (len << 8) | p[2 + k];
            if (len >> 63) return fail("64-bit length with MSB set");
            header = 10;
        }
        if (isControl(op) && (!fin || len > 125)) return fail("bad control frame");
        if (len > m_max) return fail("frame too large");
        if (avail < header + len) return Status::NeedMore;
        out.fin = fin;
        out.opcode = op;
        out.payload.assign(m_buf, m_pos + header, static_cast<std::size_t>(len));
        m_pos += header + static_cast<std::size_t>(len);
        if (m_pos > 65536 && m_pos * 2 > m_buf.size()) {  // compact now and then, not per frame
            m_buf.erase(0, m_pos);
            m_pos = 0;
        }
        return Status::Frame;
    }

    const std::string& error() const { return m_error; }
    std::size_t buffered() const { return m_buf.size() - m_pos; }

private:
    Status fail(const char* why) {
        m_error = why;
        return Status::Error;
    }
    std::string m_buf;
    std::size_t m_pos = 0;
    std::size_t m_max;
    std::string m_error;
};

// Turns frames into messages: reassembles fragmented data messages, passes control frames through.
class MessageAssembler {
public:
    enum class Kind { None, Text, Binary, Close, Ping, Pong, Error };
    struct Event {
        Kind kind = Kind::None;
        std::string data;             // message text/bytes, ping/pong payload, or close reason
        std::uint16_t closeCode = 0;  // Close: status code (1005 when absent)
    };

    explicit MessageAssembler(std::size_t maxMessage = 16u << 20) : m_max(maxMessage) {}

    // Kind::None: a fragment was absorbed, nothing to deliver yet.
    Event push(Frame frame) {
        Event ev;
        switch (frame.opcode) {
            case Opcode::Ping: ev.kind = Kind::Ping; ev.data = std::move(frame.payload); return ev;
            case Opcode::Pong: ev.kind = Kind::Pong; ev.data = std::move(frame.payload); return ev;
            case Opcode::Close: return closeEvent(frame.payload);
            case Opcode::Continuation:
                if (!m_inMessage) return error("continuation without a started message");
                break;
            case Opcode::Text:
            case Opcode::Binary:
                if (m_inMessage) return error("new data frame inside a fragmented message");
                m_inMessage = true;
                m_text = frame.opcode == Opcode::Text;
                m_data.clear();
                break;
        }
        if (m_data.size() + frame.payload.size() > m_max) return error("message too large");
        m_data += frame.payload;
        if (!frame.fin) return ev;
        m_inMessage = false;
        if (m_text && !validUtf8(m_data)) return error("text message is not valid UTF-8");
        ev.kind = m_text ? Kind::Text : Kind::Binary;
        ev.data = std::move(m_data);
        m_data.clear();
        return ev;
    }

private:
    Event error(std::string why) {
        Event ev;
        ev.kind = Kind::Error;
        ev.data = std::move(why);
        return ev;
    }
    Event closeEvent(const std::string& payload) {
        Event ev;
        ev.kind = Kind::Close;
        if (payload.size() == 1) return error("close frame with a 1-byte payload");
        ev.closeCode = 1005;
        if (payload.size() >= 2) {
            ev.closeCode = static_cast<std::uint16_t>((std::uint8_t(payload[0]) << 8) | std::uint8_t(payload[1]));
            ev.data = payload.substr(2);
            if (!validUtf8(ev.data)) return error("close reason is not valid UTF-8");
        }
        return ev;
    }
    std::size_t m_max;
    bool m_inMessage = false;
    bool m_text = true;
    std::string m_data;
};

// --- opening handshake --------------------------------------------------------------------------

struct Url {
    std::string host;
    std::uint16_t port = 80;
    std::string path = "/";
};

// ws://host[:port][/path]; wss:// and anything else is refused (this transport has no TLS).
inline std::optional<Url> parseWsUrl(std::string_view url) {
    constexpr std::string_view scheme = "ws://";
    if (url.substr(0, scheme.size()) != scheme) return std::nullopt;
    url.remove_prefix(scheme.size());
    const auto slash = url.find('/');
    std::string_view authority = url.substr(0, slash);
    Url out;
    if (slash != std::string_view::npos) out.path = std::string(url.substr(slash));
    const auto colon = authority.rfind(':');
    if (colon != std::string_view::npos && authority.find(']', colon) == std::string_view::npos) {
        std::string_view portText = authority.substr(colon + 1);
        if (portText.empty() || portText.size() > 5) return std::nullopt;
        unsigned port = 0;
        for (char c : portText) {
            if (c < '0' || c > '9') return std::nullopt;
            port = port * 10 + unsigned(c - '0');
        }
        if (port == 0 || port > 65535) return std::nullopt;
        out.port = static_cast<std::uint16_t>(port);
        authority = authority.substr(0, colon);
    }
    if (authority.size() >= 2 && authority.front() == '[' && authority.back() == ']')
        authority = authority.substr(1, authority.size() - 2);
    if (authority.empty()) return std::nullopt;
    out.host = std::string(authority);
    return out;
}

inline std::string acceptKeyFor(std::string_view clientKey) {
    std::string in(clientKey);
    in += "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    return crypto::base64Encode(crypto::hash(crypto::HashAlgo::Sha1, in));
}

inline std::string handshakeRequest(const Url& url, std::string_view clientKey, std::string_view protocol) {
    std::string hostHeader = url.host.find(':') != std::string::npos ? "[" + url.host + "]" : url.host;
    if (url.port != 80) hostHeader += ":" + std::to_string(url.port);
    std::string r = "GET " + url.path + " HTTP/1.1\r\n";
    r += "Host: " + hostHeader + "\r\n";
    r += "Upgrade: websocket\r\nConnection: Upgrade\r\n";
    r += "Sec-WebSocket-Key: " + std::string(clientKey) + "\r\n";
    r += "Sec-WebSocket-Version: 13\r\n";
    r += "Sec-WebSocket-Protocol: " + std::string(protocol) + "\r\n\r\n";
    return r;
}

namespace detail {
inline std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}
inline std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}
}  // namespace detail

// Checks the server's response head (everything before the blank line). Empty string: accepted;
// otherwise the reason it was refused.
inline std::string checkHandshakeResponse(std::string_view head, std::string_view clientKey,
                                          std::string_view protocol) {
    const auto firstEnd = head.find("\r\n");
    const std::string_view status = head.substr(0, firstEnd);
    if (status.substr(0, 9) != "HTTP/1.1 " || status.substr(9, 3) != "101")
        return "status: " + std::string(status);
    bool upgrade = false, connection = false, accept = false, proto = false;
    std::size_t pos = firstEnd == std::string_view::npos ? head.size() : firstEnd + 2;
    while (pos < head.size()) {
        auto end = head.find("\r\n", pos);
        if (end == std::string_view::npos) end = head.size();
        const std::string_view line = head.substr(pos, end - pos);
        pos = end + 2;
        const auto colon = line.find(':');
        if (colon == std::string_view::npos) continue;
        const std::string name = detail::lower(detail::trim(line.substr(0, colon)));
        const std::string_view value = detail::trim(line.substr(colon + 1));
        if (name == "upgrade") upgrade = detail::lower(value) == "websocket";
        else if (name == "connection") connection = detail::lower(value).find("upgrade") != std::string::npos;
        else if (name == "sec-websocket-accept") accept = value == acceptKeyFor(clientKey);
        else if (name == "sec-websocket-protocol") proto = value == protocol;
    }
    if (!upgrade) return "missing Upgrade: websocket";
    if (!connection) return "missing Connection: Upgrade";
    if (!accept) return "wrong Sec-WebSocket-Accept";
    if (!proto) return "server did not select subprotocol " + std::string(protocol);
    return {};
}

}  // namespace starling::native::ws
