#include "web/web_platform.h"

#include <unistd.h>

#include <emscripten.h>
#include <emscripten/websocket.h>

#include <cstdio>
#include <string>

#include "core/client.h"
#include "web/runtime.h"

// web/js/platform.js
extern "C" void js_http_get(unsigned id, const char* url);
// Debounced IDBFS sync with a watchdog and a localStorage journal when the page is left (see there).
extern "C" void js_request_flush();

namespace starling::web {
namespace {

EM_BOOL onOpen(int, const EmscriptenWebSocketOpenEvent* e, void* user) {
    auto* self = static_cast<WebTransport*>(user);
    if (e->socket != self->socket()) return EM_TRUE;
    if (Client* c = client()) c->onTransportOpen();
    wake();
    return EM_TRUE;
}

EM_BOOL onMessage(int, const EmscriptenWebSocketMessageEvent* e, void* user) {
    auto* self = static_cast<WebTransport*>(user);
    if (e->socket != self->socket()) return EM_TRUE;
    if (!e->isText) {
        std::fprintf(stderr, "websocket: binary message of %u bytes dropped\n", e->numBytes);
        return EM_TRUE;
    }
    // numBytes counts the terminating NUL the library appends to text messages.
    std::size_t len = e->numBytes > 0 ? e->numBytes - 1 : 0;
    if (Client* c = client()) c->onFrame(std::string_view(reinterpret_cast<const char*>(e->data), len));
    wake();
    return EM_TRUE;
}

void reportClosed(WebTransport* self, int socket, const char* reason) {
    if (socket != self->socket()) return;
    self->close();  // forget the socket; close() of a dead socket is harmless
    if (Client* c = client()) c->onTransportClosed(reason);
    wake();
}

EM_BOOL onError(int, const EmscriptenWebSocketErrorEvent* e, void* user) {
    reportClosed(static_cast<WebTransport*>(user), e->socket, "error");
    return EM_TRUE;
}

EM_BOOL onClose(int, const EmscriptenWebSocketCloseEvent* e, void* user) {
    char reason[160];
    std::snprintf(reason, sizeof reason, "closed (%u)%s%s", e->code, e->reason[0] ? ": " : "", e->reason);
    reportClosed(static_cast<WebTransport*>(user), e->socket, reason);
    return EM_TRUE;
}

void failLater(void* user) {
    (void)user;
    if (Client* c = client()) c->onTransportClosed("cannot open websocket");
    wake();
}

}  // namespace

WebTransport::~WebTransport() { close(); }

void WebTransport::open(const std::string& url) {
    close();
    EmscriptenWebSocketCreateAttributes attr;
    emscripten_websocket_init_create_attributes(&attr);
    attr.url = url.c_str();
    attr.protocols = "xmpp";
    attr.createOnMainThread = EM_TRUE;
    EMSCRIPTEN_WEBSOCKET_T s = emscripten_websocket_new(&attr);
    if (s <= 0) {
        // Never call back synchronously: report the failure from the next turn of the event loop.
        emscripten_async_call(failLater, nullptr, 0);
        return;
    }
    m_socket = s;
    emscripten_websocket_set_onopen_callback(s, this, onOpen);
    emscripten_websocket_set_onmessage_callback(s, this, onMessage);
    emscripten_websocket_set_onerror_callback(s, this, onError);
    emscripten_websocket_set_onclose_callback(s, this, onClose);
}

void WebTransport::send(std::string_view text) {
    if (m_socket <= 0) return;
    std::string copy(text);  // the library wants a NUL-terminated string
    emscripten_websocket_send_utf8_text(m_socket, copy.c_str());
}

void WebTransport::close() {
    if (m_socket <= 0) return;
    int s = m_socket;
    m_socket = 0;
    emscripten_websocket_close(s, 1000, "");
    emscripten_websocket_delete(s);  // drops the handlers: no callbacks after close()
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

}  // extern "C"
