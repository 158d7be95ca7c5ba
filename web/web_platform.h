#pragma once
// Browser implementations of the platform interfaces. Events come back to the Client through the
// runtime (web/runtime.h), which also wakes the render loop.
#include <cstdint>
#include <string>
#include <string_view>

#include "platform/clock.h"
#include "platform/http.h"
#include "platform/persistence.h"
#include "platform/transport.h"

namespace starling::web {

// WebSocket (web/js/socket.js), subprotocol "xmpp", one text message per XML element.
class WebTransport final : public platform::Transport {
public:
    ~WebTransport() override;
    void open(const std::string& url) override;
    void send(std::string_view text) override;
    void close() override;

    int socket() const { return m_socket; }

    // From web/js/socket.js, with the id js_socket_open returned; events of an older socket are ignored.
    void onOpen(int socket);
    void onMessage(int socket, std::string_view text);
    void onClosed(int socket, const std::string& reason);

private:
    int m_socket = 0;
};

// GET through the page's fetch(); the answer arrives later via starling_http_done.
class WebHttp final : public platform::Http {
public:
    void get(std::uint32_t requestId, const std::string& url) override;
    void request(std::uint32_t requestId, const platform::HttpRequest& request) override;  // web/media_http.cpp
    void cancel(std::uint32_t requestId) override;
};

// Debounced FS.syncfs(false) with a watchdog (3.1.6 never calls back when the quota is exceeded).
class WebPersistence final : public platform::Persistence {
public:
    void requestFlush() override;
};

class WebClock final : public platform::Clock {
public:
    std::int64_t nowMs() const override;
    std::int64_t wallTimeMs() const override;
};

// getentropy in <= 256-byte chunks: the entropy source for the CTR_DRBG behind platform::Random.
bool webEntropy(std::uint8_t* out, std::size_t len);

}  // namespace starling::web
