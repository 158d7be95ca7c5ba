#include "native/ws_transport.h"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>

namespace starling::native {

namespace {

constexpr std::int64_t kConnectTimeoutMs = 10000;
constexpr std::size_t kMaxHandshakeHead = 16384;

std::int64_t steadyMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

}  // namespace

WsTransport::WsTransport(platform::Random& random, std::string protocol)
    : m_random(random), m_protocol(std::move(protocol)) {}

WsTransport::~WsTransport() { closeSocket(); }

void WsTransport::open(const std::string& url) {
    closeSocket();
    ++m_generation;
    m_events.clear();
    m_head.clear();
    m_out.clear();
    m_decoder = ws::FrameDecoder();
    m_assembler = ws::MessageAssembler();
    m_addresses.clear();
    m_addressIndex = 0;
    m_phase = Phase::Connecting;
    m_deadlineMs = steadyMs() + kConnectTimeoutMs;

    auto parsed = ws::parseWsUrl(url);
    if (!parsed) return fail("unsupported or malformed URL: " + url);
    m_url = *parsed;

    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* result = nullptr;
    const std::string port = std::to_string(m_url.port);
    const int rc = ::getaddrinfo(m_url.host.c_str(), port.c_str(), &hints, &result);
    if (rc != 0) return fail(std::string("cannot resolve host: ") + ::gai_strerror(rc));
    for (addrinfo* ai = result; ai; ai = ai->ai_next) {
        Address a{};
        std::memcpy(&a.addr, ai->ai_addr, ai->ai_addrlen);
        a.len = ai->ai_addrlen;
        m_addresses.push_back(a);
    }
    ::freeaddrinfo(result);
    // IPv4 first: local servers here listen on 127.0.0.1 while "localhost" may resolve to ::1 first.
    std::stable_partition(m_addresses.begin(), m_addresses.end(),
                          [](const Address& a) { return a.addr.ss_family == AF_INET; });

    std::uint8_t nonce[16];
    m_random.fill(nonce, sizeof nonce);
    m_clientKey = crypto::base64Encode(crypto::Bytes(nonce, nonce + sizeof nonce));
    startConnect();
}

void WsTransport::startConnect() {
    while (m_addressIndex < m_addresses.size()) {
        const Address& a = m_addresses[m_addressIndex];
        m_fd = ::socket(a.addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (m_fd < 0) return fail(std::string("socket: ") + std::strerror(errno));
        int one = 1;
        ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        if (::connect(m_fd, reinterpret_cast<const sockaddr*>(&a.addr), a.len) == 0 || errno == EINPROGRESS)
            return;  // completion is seen in poll() as writability
        ::close(m_fd);
        m_fd = -1;
        ++m_addressIndex;
    }
    fail("cannot connect to " + m_url.host + ":" + std::to_string(m_url.port));
}

void WsTransport::onConnectResult() {
    int err = 0;
    socklen_t len = sizeof err;
    ::getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &err, &len);
    if (err != 0) {
        ::close(m_fd);
        m_fd = -1;
        ++m_addressIndex;
        if (m_addressIndex < m_addresses.size()) return startConnect();
        return fail("cannot connect to " + m_url.host + ":" + std::to_string(m_url.port) + ": " +
                    std::strerror(err));
    }
    m_phase = Phase::Handshaking;
    m_out += ws::handshakeRequest(m_url, m_clientKey, m_protocol);
    flush();
}

void WsTransport::send(std::string_view text) {
    if (m_phase != Phase::Open) return;
    if (m_fragment == 0 || text.size() <= m_fragment) {
        sendFrame(ws::Opcode::Text, text);
    } else {
        for (std::size_t off = 0; off < text.size(); off += m_fragment) {
            const bool last = off + m_fragment >= text.size();
            sendFrame(off == 0 ? ws::Opcode::Text : ws::Opcode::Continuation, text.substr(off, m_fragment), last);
        }
    }
    flush();
}

void WsTransport::sendPing(std::string_view payload) {
    if (m_phase != Phase::Open) return;
    sendFrame(ws::Opcode::Ping, payload.substr(0, 125));
    flush();
}

void WsTransport::sendFrame(ws::Opcode op, std::string_view payload, bool fin) {
    std::array<std::uint8_t, 4> mask{};
    m_random.fill(mask.data(), mask.size());
    m_out += ws::encodeFrame(op, payload, mask, fin);
}

void WsTransport::close() {
    if (m_phase == Phase::Open) {
        sendFrame(ws::Opcode::Close, ws::closePayload(1000));
        flush();  // best effort: the socket is closed right after
    }
    closeSocket();
    ++m_generation;  // drop anything queued for this connection: no callback after close()
    m_events.clear();
    m_phase = Phase::Idle;
}

void WsTransport::closeSocket() {
    if (m_fd >= 0) {
        ::shutdown(m_fd, SHUT_RDWR);
        ::close(m_fd);
        m_fd = -1;
    }
}

void WsTransport::fail(std::string reason, std::uint16_t closeCode) {
    if (closeCode != 0 && m_phase == Phase::Open) {
        sendFrame(ws::Opcode::Close, ws::closePayload(closeCode));
        flush();
    }
    closeSocket();
    m_phase = Phase::Idle;
    queue(EventKind::Closed, std::move(reason));
}

void WsTransport::flush() {
    while (m_fd >= 0 && !m_out.empty()) {
        const ssize_t n = ::send(m_fd, m_out.data(), m_out.size(), MSG_NOSIGNAL);
        if (n > 0) {
            m_bytesSent += static_cast<std::size_t>(n);
            m_out.erase(0, static_cast<std::size_t>(n));
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;  // poll() waits for POLLOUT
        return fail(std::string("send: ") + std::strerror(errno));
    }
}

void WsTransport::readAvailable() {
    char buf[65536];
    for (;;) {
        const ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
        if (n > 0) {
            if (m_phase == Phase::Handshaking) {
                handleHandshakeBytes(std::string_view(buf, static_cast<std::size_t>(n)));
            } else {
                m_decoder.feed(std::string_view(buf, static_cast<std::size_t>(n)));
            }
            if (m_fd < 0) return;
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
        // EOF or error: deliver what already arrived, then report the loss.
        handleFrames();
        if (m_fd < 0) return;
        return fail(n == 0 ? "connection closed without a close frame"
                           : std::string("recv: ") + std::strerror(errno));
    }
    handleFrames();
}

void WsTransport::handleHandshakeBytes(std::string_view bytes) {
    m_head.append(bytes.data(), bytes.size());
    const auto end = m_head.find("\r\n\r\n");
    if (end == std::string::npos) {
        if (m_head.size() > kMaxHandshakeHead) fail("handshake response too large");
        return;
    }
    const std::string why = ws::checkHandshakeResponse(std::string_view(m_head).substr(0, end), m_clientKey,
                                                       m_protocol);
    if (!why.empty()) return fail("handshake refused: " + why);
    m_phase = Phase::Open;
    queue(EventKind::Open);
    m_decoder.feed(std::string_view(m_head).substr(end + 4));  // frames sent right after the head
    m_head.clear();
}

void WsTransport::handleFrames() {
    if (m_phase != Phase::Open) return;
    ws::Frame frame;
    for (;;) {
        const auto status = m_decoder.next(frame);
        if (status == ws::FrameDecoder::Status::NeedMore) return;
        if (status == ws::FrameDecoder::Status::Error) return fail("protocol error: " + m_decoder.error(), 1002);
        auto ev = m_assembler.push(std::move(frame));
        using Kind = ws::MessageAssembler::Kind;
        switch (ev.kind) {
            case Kind::None: break;
            case Kind::Text: queue(EventKind::Frame, std::move(ev.data)); break;
            case Kind::Binary: return fail("binary message on an XMPP WebSocket", 1003);
            case Kind::Ping:
                sendFrame(ws::Opcode::Pong, ev.data);
                ++m_pingsAnswered;
                flush();
                break;
            case Kind::Pong: ++m_pongs; break;
            case Kind::Close:
                // Echo the close, then drop the TCP connection (the server closes its side too).
                sendFrame(ws::Opcode::Close, ws::closePayload(ev.closeCode == 1005 ? 1000 : ev.closeCode));
                flush();
                return fail("closed by server: " + std::to_string(ev.closeCode) +
                            (ev.data.empty() ? "" : " " + ev.data));
            case Kind::Error:
                return fail("protocol error: " + ev.data, ev.data.find("UTF-8") != std::string::npos ? 1007 : 1002);
        }
        if (m_fd < 0) return;
    }
}

void WsTransport::queue(EventKind kind, std::string text) {
    m_events.push_back(Event{kind, std::move(text), m_generation});
}

int WsTransport::deliver() {
    int delivered = 0;
    // A callback may call send/close/open: events of an older generation are dropped, new ones wait.
    while (!m_events.empty()) {
        Event ev = std::move(m_events.front());
        m_events.pop_front();
        if (ev.generation != m_generation) continue;
        ++delivered;
        switch (ev.kind) {
            case EventKind::Open: if (onOpen) onOpen(); break;
            case EventKind::Frame: if (onFrame) onFrame(ev.text); break;
            case EventKind::Closed: if (onClosed) onClosed(ev.text); break;
        }
    }
    return delivered;
}

int WsTransport::poll(int timeoutMs) {
    if (!m_events.empty()) return deliver();
    if (m_fd < 0) {
        if (timeoutMs > 0) ::poll(nullptr, 0, timeoutMs);
        return 0;
    }
    if (m_phase == Phase::Connecting || m_phase == Phase::Handshaking) {
        const std::int64_t left = m_deadlineMs - steadyMs();
        if (left <= 0) {
            fail("timed out opening the WebSocket");
            return deliver();
        }
        timeoutMs = static_cast<int>(std::min<std::int64_t>(timeoutMs, left));
    }
    pollfd pfd{};
    pfd.fd = m_fd;
    pfd.events = POLLIN;
    if (m_phase == Phase::Connecting || !m_out.empty()) pfd.events |= POLLOUT;
    const int rc = ::poll(&pfd, 1, std::max(timeoutMs, 0));
    if (rc > 0) {
        if (m_phase == Phase::Connecting) {
            if (pfd.revents & (POLLOUT | POLLERR | POLLHUP)) onConnectResult();
        } else {
            if (pfd.revents & POLLOUT) flush();
            if (m_fd >= 0 && (pfd.revents & (POLLIN | POLLERR | POLLHUP))) readAvailable();
        }
    }
    return deliver();
}

}  // namespace starling::native
