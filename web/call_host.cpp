#include "web/call_host.h"

#include <emscripten.h>

#include <cstdint>
#include <string>

#include "core/client.h"
#include "core/util/json.h"
#include "web/gl_renderer.h"
#include "web/runtime.h"

extern "C" {
int js_call_available();
void js_call_prepare(int video);
void js_call_offer(const char* sid, int video, const char* iceJson);
void js_call_answer(const char* sid, int video, const char* sdp, const char* iceJson);
void js_call_remote_answer(const char* sid, const char* sdp);
void js_call_candidate(const char* sid, const char* mid, const char* candidate);
void js_call_close(const char* sid);
void js_call_mute(int muted);
void js_call_camera(int on);
void js_call_media(double* out);  // muted, cameraOff, audio packets in, video frames in
int js_call_upload(int which, int texture, int* size);
}

namespace starling::web {
namespace {

// RTCIceServer[] of State::iceServers (XEP-0215), as JSON for the RTCPeerConnection.
std::string iceServersJson(const model::State& st) {
    Json servers = Json(Json::Array{});
    for (const auto& s : st.iceServers) {
        Json urls = Json(Json::Array{});
        for (const auto& u : s.urls) urls.push(Json(u));
        Json server = Json(Json::Object{});
        server.set("urls", std::move(urls));
        if (!s.username.empty()) server.set("username", Json(s.username));
        if (!s.credential.empty()) server.set("credential", Json(s.credential));
        servers.push(std::move(server));
    }
    return servers.dump();
}

class WebCallHost final : public ui::CallHost {
public:
    Media media() const override {
        double m[4] = {0, 0, 0, 0};
        js_call_media(m);
        return Media{m[0] != 0, m[1] != 0, m[2], m[3]};
    }
    void prepare(bool video) override { js_call_prepare(video ? 1 : 0); }
    void setMuted(bool muted) override {
        js_call_mute(muted ? 1 : 0);
        wake(1);
    }
    void setCamera(bool on) override {
        js_call_camera(on ? 1 : 0);
        wake(1);
    }
    Frame frame(bool remote) override {
        Video& v = m_video[remote ? 0 : 1];
        if (v.texture == nullptr) v.texture = gl::createTexture(1, 1, nullptr);
        int size[2] = {0, 0};
        js_call_upload(remote ? 0 : 1, static_cast<int>(reinterpret_cast<std::uintptr_t>(v.texture)), size);
        if (size[0] <= 0 || size[1] <= 0) return {};
        return Frame{v.texture, size[0], size[1]};
    }
    std::int64_t nowMs() const override { return static_cast<std::int64_t>(emscripten_get_now()); }

private:
    struct Video {
        ImTextureID texture = nullptr;  // kept for the page's life: two textures, resized by each upload
    };
    Video m_video[2];
};

WebCallHost g_host;
unsigned long long g_videoWakes = 0;

// An answer from the browser about the call going on (not one that ended meanwhile).
Client* current(const char* sid) {
    Client* c = client();
    if (c == nullptr || c->state().call.sid != sid) return nullptr;
    return c;
}

}  // namespace

bool callsAvailable() { return js_call_available() != 0; }
ui::CallHost& callHost() { return g_host; }
unsigned long long videoWakes() { return g_videoWakes; }

void pumpCalls() {
    Client* c = client();
    if (c == nullptr) return;
    using K = model::CallMediaEvent::Kind;
    for (const auto& e : c->takeCallEvents()) {
        switch (e.kind) {
            case K::CreateOffer: js_call_offer(e.sid.c_str(), e.video, iceServersJson(c->state()).c_str()); break;
            case K::AnswerOffer:
                js_call_answer(e.sid.c_str(), e.video, e.sdp.c_str(), iceServersJson(c->state()).c_str());
                break;
            case K::RemoteAnswer: js_call_remote_answer(e.sid.c_str(), e.sdp.c_str()); break;
            case K::RemoteCandidate: js_call_candidate(e.sid.c_str(), e.mid.c_str(), e.candidate.c_str()); break;
            case K::Close: js_call_close(e.sid.c_str()); break;
        }
    }
}

}  // namespace starling::web

extern "C" {

EMSCRIPTEN_KEEPALIVE void starling_call_description(const char* sid, const char* sdp) {
    if (starling::Client* c = starling::web::current(sid)) c->callLocalDescription(sdp);
    starling::web::wake(1);
}

EMSCRIPTEN_KEEPALIVE void starling_call_candidate(const char* sid, const char* mid, const char* candidate) {
    if (starling::Client* c = starling::web::current(sid)) c->callLocalCandidate(mid, candidate);
    starling::web::wake(1);
}

EMSCRIPTEN_KEEPALIVE void starling_call_connected(const char* sid) {
    if (starling::Client* c = starling::web::current(sid)) c->callMediaState(true);
    starling::web::wake(2);
}

EMSCRIPTEN_KEEPALIVE void starling_call_failed(const char* sid, const char* reason) {
    if (starling::Client* c = starling::web::current(sid)) c->callMediaFailed(reason);
    starling::web::wake(2);
}

// A new decoded video frame (video 1), or the duration's second (0).
EMSCRIPTEN_KEEPALIVE void starling_call_changed(int video) {
    if (video != 0) ++starling::web::g_videoWakes;
    starling::web::wake(1);
}

}  // extern "C"
