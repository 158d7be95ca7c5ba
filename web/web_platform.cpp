#include "web/web_platform.h"

#include <unistd.h>

#include <emscripten.h>
#include <emscripten/websocket.h>

#include <cstdio>
#include <string>

#include "core/client.h"
#include "web/runtime.h"

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

// clang-format off
EM_JS(void, js_http_get, (unsigned id, const char* url), {
    var u = UTF8ToString(url);
    fetch(u, {"credentials": "omit", "cache": "no-store"})
        .then(function(r) { return r.text().then(function(t) { return [r.status, t]; }); })
        .catch(function() { return [0, ""]; })
        .then(function(res) {
            var bytes = new TextEncoder().encode(res[1]);
            var p = _malloc(bytes.length + 1);
            HEAPU8.set(bytes, p);
            HEAPU8[p + bytes.length] = 0;
            _starling_http_done(id >>> 0, res[0], p, bytes.length);
            _free(p);
        });
});

// Debounce 300 ms; one syncfs at a time (a request during one runs again right after it, at once when
// the page is being left); 15 s watchdog; flushed at once when the page is hidden or left
// (visibilitychange, pagehide, beforeunload: whichever the browser fires first).
// An asynchronous IndexedDB write started while the page unloads may never finish, so leaving also
// writes a journal to localStorage synchronously: the paths of all files and the contents of those
// changed since the last successful sync began. The next boot applies it (web/boot.cpp); the first
// successful sync that began after it was written removes it.
EM_JS(void, js_request_flush, (), {
    var P = Module["__starlingPersist"] ||
            (Module["__starlingPersist"] = {"timer": 0, "running": false, "again": false, "leaving": false,
                                            "syncedAt": 0, "journalAt": 0, "dir": "/data"});
    if (P["timer"] || P["disabled"]) return;
    function writeJournal() {
        var all = [], changed = {}, any = false;
        function walk(path) {
            var names;
            try { names = FS.readdir(path); } catch (e) { return; }
            names.forEach(function(n) {
                if (n === "." || n === "..") return;
                var p = path + "/" + n, st = FS.stat(p);
                if (FS.isDir(st.mode)) { walk(p); return; }
                if (!FS.isFile(st.mode)) return;
                all.push(p);
                if (st.mtime.getTime() < P["syncedAt"]) return;
                var bytes = FS.readFile(p), bin = "";
                for (var i = 0; i < bytes.length; i += 32768) bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 32768));
                changed[p] = btoa(bin);
                any = true;
            });
        }
        walk(P["dir"]);
        if (!any && !P["journalAt"]) return;  // IndexedDB already holds all of it
        try {
            var at = Date.now();
            window["localStorage"]["setItem"]("starling-journal", JSON.stringify({"at": at, "all": all, "files": changed}));
            P["journalAt"] = at;
        } catch (e) {
            // Best effort: the IndexedDB write below still runs. An older journal must not outlive this
            // state (the next boot would apply it over newer data).
            console.warn("journal: " + e);
            try { window["localStorage"]["removeItem"]("starling-journal"); } catch (e2) {}
            P["journalAt"] = 0;
        }
    }
    P["writeJournal"] = writeJournal;
    function run() {
        P["timer"] = 0;
        if (P["disabled"]) return;  // saved data could not be loaded: a sync would delete it (web/boot.cpp)
        if (P["running"]) { P["again"] = true; return; }
        P["running"] = true;
        var startedAt = Date.now();
        // The watchdog reports a sync that does not answer but does not end it: no second sync starts
        // while one is stuck (they would race over the same IndexedDB records); what was written since
        // waits as "again" and runs if the stuck one ever answers.
        var watchdog = setTimeout(function() {
            watchdog = 0;
            P["again"] = true;
            _starling_persist_error(1);
        }, 15000);
        FS.syncfs(false, function(err) {
            if (watchdog) clearTimeout(watchdog);
            P["running"] = false;
            if (err) {
                _starling_persist_error(2);
            } else {
                P["syncedAt"] = startedAt;
                if (P["journalAt"] && startedAt > P["journalAt"]) {
                    try { window["localStorage"]["removeItem"]("starling-journal"); } catch (e) {}
                    P["journalAt"] = 0;
                }
                _starling_persist_ok();
            }
            if (P["again"]) {
                P["again"] = false;
                if (P["leaving"]) run();
                else P["timer"] = setTimeout(run, 300);
            }
        });
    }
    P["run"] = run;
    P["timer"] = setTimeout(run, 300);
    if (!P["listening"]) {
        P["listening"] = true;
        var now = function() {
            P["leaving"] = true;
            if (!P["timer"] && !P["running"] && !P["journalAt"]) return;  // IndexedDB is up to date
            P["writeJournal"]();
            if (!P["timer"]) return;  // nothing waiting (a running sync already queued what came after it)
            clearTimeout(P["timer"]);
            P["run"]();
        };
        document.addEventListener("visibilitychange", function() {
            if (document.visibilityState === "hidden") now();
            else P["leaving"] = false;
        });
        window.addEventListener("pagehide", now);
        window.addEventListener("beforeunload", now);
        window.addEventListener("pageshow", function() { P["leaving"] = false; });
    }
});
// clang-format on

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
