#include "web/web_platform.h"

#include <unistd.h>

#include <emscripten.h>
#include <emscripten/html5.h>

#include <cstdio>
#include <string>

#include "core/client.h"
#include "web/runtime.h"

// web/js/platform.js
extern "C" void js_http_get(unsigned id, const char* url);
// Debounced IDBFS sync with a watchdog and a localStorage journal when the page is left (see there).
extern "C" void js_request_flush();
// web/js/socket.js
extern "C" int js_socket_open(const char* url);
extern "C" void js_socket_send(int socket, const char* text, std::size_t len);
extern "C" void js_socket_drop();

namespace starling::web {
namespace {

WebTransport* g_transport = nullptr;  // the one that opened the socket now open

void failLater(void* user) {
    (void)user;
    if (Client* c = client()) c->onTransportClosed("cannot open websocket");
    wake();
}

}  // namespace

void WebTransport::onOpen(int socket) {
    if (socket != m_socket) return;
    if (Client* c = client()) c->onTransportOpen();
    wake();
}

void WebTransport::onMessage(int socket, std::string_view text) {
    if (socket != m_socket) return;
    if (Client* c = client()) {
        const double startMs = emscripten_get_now();
        c->onFrame(text);
        noteReceived(emscripten_get_now() - startMs);
    }
    wake();
}

void WebTransport::onClosed(int socket, const std::string& reason) {
    if (socket != m_socket) return;
    m_socket = 0;  // the page has forgotten it already
    if (Client* c = client()) c->onTransportClosed(reason);
    wake();
}

WebTransport::~WebTransport() { close(); }

void WebTransport::open(const std::string& url) {
    close();
    const int s = js_socket_open(url.c_str());
    if (s <= 0) {
        // Never call back synchronously: report the failure from the next turn of the event loop.
        emscripten_async_call(failLater, nullptr, 0);
        return;
    }
    m_socket = s;
    g_transport = this;
}

void WebTransport::send(std::string_view text) {
    if (m_socket > 0) js_socket_send(m_socket, text.data(), text.size());
}

void WebTransport::close() {
    if (m_socket <= 0) return;
    m_socket = 0;
    js_socket_drop();  // no event of it comes back after close()
}

void WebHttp::get(std::uint32_t requestId, const std::string& url) { js_http_get(requestId, url.c_str()); }

void WebPersistence::requestFlush() { js_request_flush(); }

std::int64_t WebClock::nowMs() const { return static_cast<std::int64_t>(emscripten_get_now()); }

std::int64_t WebClock::wallTimeMs() const { return static_cast<std::int64_t>(emscripten_date_now()); }

bool webEntropy(std::uint8_t* out, std::size_t len) {
    while (len > 0) {
        std::size_t chunk = len > 256 ? 256 : len;
        if (getentropy(out, chunk) != 0) return false;
        out += chunk;
        len -= chunk;
    }
    return true;
}

}  // namespace starling::web

extern "C" {

EMSCRIPTEN_KEEPALIVE void starling_http_done(unsigned id, int status, const char* body, int len) {
    if (starling::Client* c = starling::web::client()) {
        c->onHttpResult(id, status, std::string_view(body, static_cast<std::size_t>(len)));
    }
    starling::web::wake();
}

EMSCRIPTEN_KEEPALIVE void starling_persist_error(int code) {
    const char* message = code == 1 ? "the browser's storage (IndexedDB) did not answer: it may be full or blocked"
                                    : "the browser refused to save to IndexedDB";
    std::fprintf(stderr, "persist: %s\n", message);
    if (starling::Client* c = starling::web::client()) c->onPersistError(message);
    starling::web::wake();
}

EMSCRIPTEN_KEEPALIVE void starling_persist_ok() {}

EMSCRIPTEN_KEEPALIVE void starling_socket_open(int socket) {
    if (starling::web::g_transport) starling::web::g_transport->onOpen(socket);
}

EMSCRIPTEN_KEEPALIVE void starling_socket_message(int socket, const char* text, int len) {
    if (starling::web::g_transport)
        starling::web::g_transport->onMessage(socket, std::string_view(text, static_cast<std::size_t>(len)));
}

EMSCRIPTEN_KEEPALIVE void starling_socket_binary(int socket, int bytes) {
    (void)socket;
    std::fprintf(stderr, "websocket: binary message of %d bytes dropped\n", bytes);
}

// code 0: the socket failed (the browser's error event, which tells no more).
EMSCRIPTEN_KEEPALIVE void starling_socket_closed(int socket, int code, const char* reason) {
    if (!starling::web::g_transport) return;
    char text[160];
    if (code == 0) std::snprintf(text, sizeof text, "error");
    else std::snprintf(text, sizeof text, "closed (%d)%s%s", code, reason[0] ? ": " : "", reason);
    starling::web::g_transport->onClosed(socket, text);
}

}  // extern "C"
