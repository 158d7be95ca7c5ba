// window.__xmppTest for voice messages: the recorder (start, stop, discard, send — what the microphone
// button and the voice bar's buttons do), its state, and the audio players drawn in the last frame. recordVoice(ms, jid) is JS
// (web/js/test_hook_voice.js) over these.
#include "web/test_hook_voice.h"

#include <emscripten.h>

#include <string>

#include "ui/app.h"
#include "ui/draw_report.h"
#include "web/json_out.h"
#include "web/runtime.h"
#include "web/voice_host.h"

extern "C" void js_install_voice_hooks();

namespace starling::web {

void installVoiceHooks() { js_install_voice_hooks(); }

}  // namespace starling::web

namespace {

std::string g_voice;

const char* recordingName(starling::ui::VoiceHost::Recording r) {
    using R = starling::ui::VoiceHost::Recording;
    switch (r) {
        case R::Idle: return "idle";
        case R::Starting: return "starting";
        case R::Recording: return "recording";
        case R::Recorded: return "recorded";
        case R::Denied: return "denied";
        case R::Failed: return "failed";
    }
    return "";
}

void rect(std::string& out, float x, float y, float w, float h) {
    using starling::web::jsonKey;
    jsonKey(out, "x"); out += std::to_string(x); out += ',';
    jsonKey(out, "y"); out += std::to_string(y); out += ',';
    jsonKey(out, "w"); out += std::to_string(w); out += ',';
    jsonKey(out, "h"); out += std::to_string(h);
}

}  // namespace

extern "C" {

// What the microphone button of `jid`'s chat does.
EMSCRIPTEN_KEEPALIVE void starling_hook_voice_start(const char* jid) {
    if (starling::ui::App* a = starling::web::app()) a->startVoice(jid);
    starling::web::wake(2);
}

EMSCRIPTEN_KEEPALIVE void starling_hook_voice_stop() {
    starling::web::voiceHost().stopRecording();
    starling::web::wake(2);
}

EMSCRIPTEN_KEEPALIVE void starling_hook_voice_discard() {
    starling::web::voiceHost().discardRecording();
    starling::web::wake(2);
}

EMSCRIPTEN_KEEPALIVE int starling_hook_voice_send() {
    starling::ui::App* a = starling::web::app();
    const bool ok = a && a->sendVoice();
    starling::web::wake(2);
    return ok ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE const char* starling_hook_voice_recorder() {
    using starling::web::jsonKey;
    const auto r = starling::web::voiceHost().recorder();
    g_voice = "{";
    jsonKey(g_voice, "state"); starling::web::jsonString(g_voice, recordingName(r.state)); g_voice += ',';
    jsonKey(g_voice, "seconds"); g_voice += std::to_string(r.seconds); g_voice += ',';
    jsonKey(g_voice, "bytes"); g_voice += std::to_string(r.file ? r.file->size() : 0); g_voice += ',';
    jsonKey(g_voice, "name"); starling::web::jsonString(g_voice, r.name);
    g_voice += '}';
    return g_voice.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* starling_hook_players() {
    using starling::web::jsonKey;
    g_voice = "[";
    for (const auto& p : starling::web::drawReport().players) {
        if (g_voice.size() > 1) g_voice += ',';
        g_voice += '{';
        jsonKey(g_voice, "id"); starling::web::jsonString(g_voice, p.id); g_voice += ',';
        jsonKey(g_voice, "playing"); g_voice += p.playing ? "true" : "false"; g_voice += ',';
        jsonKey(g_voice, "failed"); g_voice += p.failed ? "true" : "false"; g_voice += ',';
        jsonKey(g_voice, "position"); g_voice += std::to_string(p.position); g_voice += ',';
        jsonKey(g_voice, "duration"); g_voice += std::to_string(p.duration); g_voice += ',';
        jsonKey(g_voice, "bars"); g_voice += std::to_string(p.bars); g_voice += ',';
        jsonKey(g_voice, "bar"); g_voice += '{'; rect(g_voice, p.x, p.y, p.w, p.h); g_voice += "},";
        jsonKey(g_voice, "button"); g_voice += '{'; rect(g_voice, p.bx, p.by, p.bw, p.bh); g_voice += '}';
        g_voice += '}';
    }
    g_voice += ']';
    return g_voice.c_str();
}

}  // extern "C"
