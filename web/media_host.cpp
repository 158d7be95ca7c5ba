#include "web/media_host.h"

#include <emscripten.h>

#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "core/client.h"
#include "core/util/json.h"
#include "ui/lru_budget.h"
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

constexpr std::size_t kTextureCap = 64u * 1024 * 1024;  // RGBA bytes of decoded pictures held as textures

std::uint64_t frameNow() { return static_cast<std::uint64_t>(ImGui::GetFrameCount()); }

// Decoded pictures by (url, maxSide), as textures under a cap: the least recently drawn are let go
// (ui/lru_budget.h) and decoded again from the bytes when drawn again.
class WebMediaHost final : public ui::MediaHost {
public:
    Picture picture(const std::string& url, const std::shared_ptr<const std::string>& bytes, int maxSide) override {
        const auto k = std::make_pair(url, maxSide);
        auto it = m_byUrl.find(k);
        if (it != m_byUrl.end()) {
            m_budget.use(it->second, frameNow());
            return m_entries[it->second].picture;
        }
        if (!bytes) return {};
        const int key = m_next++;
        m_byUrl[k] = key;
        m_entries[key] = Entry{{}, nullptr, 0, 0, k};
        js_media_decode(key, bytes->data(), static_cast<unsigned>(bytes->size()), maxSide);
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
        if (ok && e.pending) {
            e.picture = Picture{e.pending, e.w, e.h, false};
            m_budget.add(key, static_cast<std::size_t>(e.w) * static_cast<std::size_t>(e.h) * 4, frameNow());
            trim();
        } else {
            e.picture.failed = true;
        }
    }
    void setCap(std::size_t bytes) {
        m_budget.setCap(bytes);
        trim();
    }
    MediaMemory memory() const {
        return MediaMemory{0, 0, 0, 0, m_budget.total(), m_budget.size(), m_budget.cap(), m_evictions, 0, 0};
    }

private:
    struct Entry {
        Picture picture;
        ImTextureID pending = nullptr;
        int w = 0, h = 0;
        std::pair<std::string, int> k;
    };
    // Only textures not drawn in this frame go (a decode finishes between frames).
    void trim() {
        for (int key : m_budget.over(frameNow())) {
            auto it = m_entries.find(key);
            if (it == m_entries.end()) continue;
            gl::destroyTexture(it->second.picture.texture);
            m_byUrl.erase(it->second.k);
            m_entries.erase(it);
            ++m_evictions;
        }
    }
    ui::LruBudget<int> m_budget{kTextureCap};
    std::uint64_t m_evictions = 0;
    int m_next = 1;
    std::map<std::pair<std::string, int>, int> m_byUrl;
    std::map<int, Entry> m_entries;
};

WebMediaHost g_host;

}  // namespace

ui::MediaHost& mediaHost() { return g_host; }
MediaMemory mediaMemory() { return g_host.memory(); }
void setTextureCap(std::size_t bytes) { g_host.setCap(bytes); }
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
