#pragma once
// A small RFC 6455 WebSocket client over POSIX sockets (ws:// only) implementing platform::Transport
// for native tests and tools. Single-threaded: nothing happens until the owner calls poll(), which
// waits for socket activity, does the I/O and then delivers onOpen/onFrame/onClosed — never from
// inside open(), send() or close(), and events of a connection closed meanwhile are dropped.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <sys/socket.h>

#include "native/ws_codec.h"
#include "platform/random.h"
#include "platform/transport.h"

namespace starling::native {

class WsTransport : public platform::Transport {
public:
    // `protocol` is the Sec-WebSocket-Protocol we ask for and require back ("xmpp" for RFC 7395).
    explicit WsTransport(platform::Random& random, std::string protocol = "xmpp");
    ~WsTransport() override;
    WsTransport(const WsTransport&) = delete;
    WsTransport& operator=(const WsTransport&) = delete;

    std::function<void()> onOpen;
    std::function<void(std::string_view)> onFrame;   // one complete text message
    std::function<void(std::string_view)> onClosed;  // reason; not after our own close()

    void open(const std::string& url) override;
    void send(std::string_view text) override;
    void close() override;

    // Waits at most timeoutMs for activity, handles it, delivers callbacks. Returns how many callbacks
    // were delivered. Sleeps for timeoutMs when there is no connection, so loops do not spin.
    int poll(int timeoutMs);

    bool isOpen() const { return m_phase == Phase::Open; }
    // When > 0, outgoing text messages are split into frames of at most this many bytes.
    void setFragmentSize(std::size_t bytes) { m_fragment = bytes; }
    void sendPing(std::string_view payload);
    int pongsReceived() const { return m_pongs; }
    int pingsAnswered() const { return m_pingsAnswered; }
    std::size_t bytesSent() const { return m_bytesSent; }

private:
    enum class Phase { Idle, Connecting, Handshaking, Open };
    enum class EventKind { Open, Frame, Closed };
    struct Event {
        EventKind kind;
        std::string text;
        std::uint64_t generation;
    };
    struct Address {
        sockaddr_storage addr;
        socklen_t len;
    };

    void startConnect();
    void onConnectResult();
    void readAvailable();
    void handleHandshakeBytes(std::string_view bytes);
    void handleFrames();
    void flush();
    void sendFrame(ws::Opcode op, std::string_view payload, bool fin = true);
    void fail(std::string reason, std::uint16_t closeCode = 0);  // closes, queues onClosed
    void closeSocket();
    void queue(EventKind kind, std::string text = {});
    int deliver();

    platform::Random& m_random;
    std::string m_protocol;
    Phase m_phase = Phase::Idle;
    int m_fd = -1;
    std::uint64_t m_generation = 0;
    ws::Url m_url;
    std::vector<Address> m_addresses;
    std::size_t m_addressIndex = 0;
    std::int64_t m_deadlineMs = 0;  // connect + handshake deadline (steady clock)
    std::string m_clientKey;
    std::string m_head;  // handshake response bytes so far
    std::string m_out;   // bytes waiting for the socket
    ws::FrameDecoder m_decoder;
    ws::MessageAssembler m_assembler;
    std::deque<Event> m_events;
    std::size_t m_fragment = 0;
    int m_pongs = 0;
    int m_pingsAnswered = 0;
    std::size_t m_bytesSent = 0;
};

}  // namespace starling::native
