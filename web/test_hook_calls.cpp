// window.__xmppTest for calls (documented in web/TEST_HOOK.md): call and acceptCall do what the chat
// header's Call / Video call and the call window's Accept do (the microphone and camera asked for then);
// declineCall, hangUp and setMuted what the window's Decline, Hang up and Mute do; callState is
// State::call with what getStats() last said.
#include "web/test_hook_calls.h"

#include <emscripten.h>

#include <string>

#include "core/client.h"
#include "ui/app.h"
#include "ui/draw_report.h"
#include "web/call_host.h"
#include "web/json_out.h"
#include "web/runtime.h"

extern "C" void js_install_call_hooks();

namespace starling::web {

void installCallHooks() { js_install_call_hooks(); }

}  // namespace starling::web

namespace {

std::string g_call;

void boolean(std::string& out, const char* key, bool value) {
    starling::web::jsonKey(out, key);
    out += value ? "true," : "false,";
}

void number(std::string& out, const char* key, double value) {
    starling::web::jsonKey(out, key);
    out += std::to_string(static_cast<long long>(value));
    out += ',';
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE int starling_hook_call(const char* jid, int video) {
    starling::ui::App* a = starling::web::app();
    const bool ok = a && a->placeCall(jid, video != 0);
    starling::web::wake(2);
    return ok ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE int starling_hook_accept_call() {
    starling::ui::App* a = starling::web::app();
    const bool ok = a && a->acceptCall();
    starling::web::wake(2);
    return ok ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE int starling_hook_decline_call() {
    starling::Client* c = starling::web::client();
    const bool ok = c && c->declineCall();
    starling::web::wake(2);
    return ok ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE int starling_hook_hang_up() {
    starling::Client* c = starling::web::client();
    const bool ok = c && c->hangUp();
    starling::web::wake(2);
    return ok ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE int starling_hook_call_muted(int muted) {
    starling::Client* c = starling::web::client();
    if (!c || c->state().call.state != starling::model::CallState::Connected) return 0;
    starling::web::callHost().setMuted(muted != 0);
    return 1;
}

EMSCRIPTEN_KEEPALIVE const char* starling_hook_call_state() {
    using starling::web::jsonKey;
    using starling::web::jsonString;
    starling::Client* c = starling::web::client();
    g_call = "{";
    if (c != nullptr) {
        const starling::model::Call& call = c->state().call;
        const auto media = starling::web::callHost().media();
        const auto& report = starling::web::drawReport();
        jsonKey(g_call, "state"); jsonString(g_call, starling::model::callStateName(call.state)); g_call += ',';
        jsonKey(g_call, "peer"); jsonString(g_call, call.peer); g_call += ',';
        jsonKey(g_call, "reason"); jsonString(g_call, call.reason); g_call += ',';
        boolean(g_call, "video", call.video);
        boolean(g_call, "incoming", call.incoming);
        boolean(g_call, "stranger", call.stranger);
        boolean(g_call, "endedByPeer", call.endedByPeer);
        boolean(g_call, "muted", media.muted);
        number(g_call, "audioPacketsIn", media.audioPacketsIn);
        number(g_call, "videoFramesIn", media.videoFramesIn);
        number(g_call, "videoWakes", static_cast<double>(starling::web::videoWakes()));
        number(g_call, "videoDrawnX", report.callVideo.x);
        number(g_call, "videoDrawnY", report.callVideo.y);
        number(g_call, "videoDrawnWidth", report.callVideo.w);
        number(g_call, "videoDrawnHeight", report.callVideo.h);
        number(g_call, "videoFrameWidth", report.callVideo.frameWidth);
        boolean(g_call, "ownVideoDrawn", report.callOwnVideo);
        jsonKey(g_call, "duration"); jsonString(g_call, report.callDuration);
    }
    if (g_call.size() > 1 && g_call.back() == ',') g_call.pop_back();
    g_call += '}';
    return g_call.c_str();
}

}  // extern "C"
