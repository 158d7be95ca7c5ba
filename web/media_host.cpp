#include "web/media_host.h"

#include <emscripten.h>

#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "core/client.h"
#include "core/util/json.h"
#include "web/gl_renderer.h"
#include "web/runtime.h"
#include "web/web_platform.h"

extern "C" {
void js_http_request(unsigned id, const char* method, const char* url, const char* headersJson, const char* body,
                     unsigned bodyLen, double maxBytes);
void js_http_cancel(unsigned id);
void js_media_decode(int key, const char* bytes, unsigned len, int maxSide);
void js_media_save(const char* bytes, unsigned len, const char* name);
void js_media_pick(const char* jid);
void js_media_install();
}

namespace starling::web {
namespace {

// Decoded pictures by (url, maxSide). Textures stay for the page's life (bounded by what is shown;
// an LRU is left for later).
class WebMediaHost final : public ui::MediaHost {
public:
    Picture picture(const std::string& url, const std::shared_ptr<const std::string>& bytes, int maxSide) override {
        const auto k = std::make_pair(url, maxSide);
        auto it = m_byUrl.find(k);
        if (it != m_byUrl.end()) return m_entries[it->second].picture;
        const int key = m_next++;
        m_byUrl[k] = key;
        m_entries[key] = Entry{};
        if (bytes) js_media_decode(key, bytes->data(), static_cast<unsigned>(bytes->size()), maxSide);
        return {};
    }
    void save(const std::string& name, const std::shared_ptr<const std::string>& bytes) override {
        if (bytes) js_media_save(bytes->data(), static_cast<unsigned>(bytes->size()), name.c_str());
    }
    void pickFiles(const std::string& jid) override { js_media_pick(jid.c_str()); }

    int texture(int key, int w, int h) {
        auto it = m_entries.find(key);
        if (it == m_entries.end() || w <= 0 || h <= 0) return 0;
        ImTextureID t = gl::createTexture(w, h, nullptr);
        it->second.pending = t;
        it->second.w = w;
        it->second.h = h;
        return static_cast<int>(reinterpret_cast<std::uintptr_t>(t));
    }
    void decoded(int key, bool ok) {
        auto it = m_entries.find(key);
        if (it == m_entries.end()) return;
        Entry& e = it->second;
        if (ok && e.pending) e.picture = Picture{e.pending, e.w, e.h, false};
        else e.picture.failed = true;
    }

private:
    struct Entry {
        Picture picture;
        ImTextureID pending = nullptr;
        int w = 0, h = 0;
    };
    int m_next = 1;
    std::map<std::pair<std::string, int>, int> m_byUrl;
    std::map<int, Entry> m_entries;
};

WebMediaHost g_host;

}  // namespace

ui::MediaHost& mediaHost() { return g_host; }
void installMedia() { js_media_install(); }

void WebHttp::request(std::uint32_t requestId, const platform::HttpRequest& r) {
    Json headers = Json(Json::Array{});
    for (const auto& [name, value] : r.headers) {
        Json pair = Json(Json::Array{});
        pair.push(Json(name));
        pair.push(Json(value));
        headers.push(std::move(pair));
    }
    js_http_request(requestId, r.method.c_str(), r.url.c_str(), headers.dump().c_str(), r.body.data(),
                    static_cast<unsigned>(r.body.size()), static_cast<double>(r.maxBytes));
}

void WebHttp::cancel(std::uint32_t requestId) { js_http_cancel(requestId); }

}  // namespace starling::web

extern "C" {

EMSCRIPTEN_KEEPALIVE void starling_http_progress(unsigned id, double done, double total) {
    if (starling::Client* c = starling::web::client())
        c->onHttpProgress(id, static_cast<std::uint64_t>(done), static_cast<std::uint64_t>(total));
    starling::web::wake(1);
}

EMSCRIPTEN_KEEPALIVE int starling_media_texture(int key, int w, int h) {
    return starling::web::g_host.texture(key, w, h);
}

EMSCRIPTEN_KEEPALIVE void starling_media_decoded(int key, int ok) {
    starling::web::g_host.decoded(key, ok != 0);
    starling::web::wake(2);
}

// A file picked, pasted or dropped (jid "": the open chat).
EMSCRIPTEN_KEEPALIVE void starling_media_picked(const char* jid, const char* name, const char* type, const char* bytes,
                                               unsigned len) {
    starling::Client* c = starling::web::client();
    if (!c) return;
    std::string to = jid;
    if (to.empty()) to = c->state().openChat;
    if (!to.empty()) c->sendFile(to, name, type, std::string(bytes, len));
    starling::web::wake(2);
}

}  // extern "C"
