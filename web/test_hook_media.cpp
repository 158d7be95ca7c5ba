// window.__xmppTest for shared files: history() entries' attachment, mediaShown(), upload(),
// mediaBytes(url), loadAttachment(jid, id), viewer(), mediaMemory(), setMediaCaps(bytes, textures, players). sendFile(jid, file) is JS only (web/js/test_hook.js): it
// hands a File to the same function the file chooser, paste and drop use.
#include "web/test_hook_media.h"

#include <emscripten.h>

#include <memory>

#include "core/client.h"
#include "ui/draw_report.h"
#include "web/json_out.h"
#include "web/media_host.h"
#include "web/runtime.h"
#include "web/voice_host.h"

namespace starling::web {
namespace {

std::string g_media;                              // the last answer handed to JS
std::shared_ptr<const std::string> g_bytes;       // mediaBytes(): kept until the next call

const char* stateName(model::AttachmentState s) {
    using A = model::AttachmentState;
    switch (s) {
        case A::Uploading: return "uploading";
        case A::Sent: return "sent";
        case A::Available: return "available";
        case A::Downloading: return "downloading";
        case A::Ready: return "ready";
        case A::Blocked: return "blocked";
        case A::Failed: return "failed";
    }
    return "";
}

const char* kindName(model::AttachmentKind k) {
    using K = model::AttachmentKind;
    switch (k) {
        case K::Unknown: return "unknown";
        case K::Image: return "image";
        case K::Audio: return "audio";
        case K::File: return "file";
    }
    return "";
}

}  // namespace

void appendAttachmentJson(std::string& out, const model::Message& m) {
    if (!m.attachment) return;
    const model::Attachment& a = *m.attachment;
    out += ',';
    jsonKey(out, "attachment");
    out += '{';
    jsonKey(out, "url"); jsonString(out, a.url); out += ',';
    jsonKey(out, "name"); jsonString(out, a.name); out += ',';
    jsonKey(out, "type"); jsonString(out, a.mime); out += ',';
    jsonKey(out, "size"); out += std::to_string(a.size); out += ',';
    jsonKey(out, "encrypted"); out += a.encrypted ? "true" : "false"; out += ',';
    jsonKey(out, "state"); jsonString(out, stateName(a.state)); out += ',';
    jsonKey(out, "progress"); out += std::to_string(a.size ? static_cast<double>(a.done) / static_cast<double>(a.size) : 0.0); out += ',';
    jsonKey(out, "kind"); jsonString(out, kindName(a.kind)); out += ',';
    jsonKey(out, "width"); out += std::to_string(a.width); out += ',';
    jsonKey(out, "height"); out += std::to_string(a.height); out += ',';
    jsonKey(out, "error"); jsonString(out, a.error);
    out += '}';
}

}  // namespace starling::web

using starling::web::g_media;

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* starling_hook_media_shown() {
    g_media = "[";
    for (const auto& d : starling::web::drawReport().media) {
        if (g_media.size() > 1) g_media += ',';
        g_media += '{';
        starling::web::jsonKey(g_media, "id"); starling::web::jsonString(g_media, d.id); g_media += ',';
        starling::web::jsonKey(g_media, "kind"); starling::web::jsonString(g_media, d.kind); g_media += ',';
        starling::web::jsonKey(g_media, "w"); g_media += std::to_string(d.w); g_media += ',';
        starling::web::jsonKey(g_media, "h"); g_media += std::to_string(d.h); g_media += ',';
        starling::web::jsonKey(g_media, "x"); g_media += std::to_string(d.x); g_media += ',';
        starling::web::jsonKey(g_media, "y"); g_media += std::to_string(d.y);
        g_media += '}';
    }
    g_media += ']';
    return g_media.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* starling_hook_viewer() {
    using starling::web::jsonKey;
    const starling::ui::DrawnViewer& v = starling::web::drawReport().viewer;
    g_media = "{";
    jsonKey(g_media, "open"); g_media += v.open ? "true" : "false"; g_media += ',';
    jsonKey(g_media, "id"); starling::web::jsonString(g_media, v.id); g_media += ',';
    jsonKey(g_media, "index"); g_media += std::to_string(v.index); g_media += ',';
    jsonKey(g_media, "count"); g_media += std::to_string(v.count); g_media += ',';
    jsonKey(g_media, "w"); g_media += std::to_string(v.w); g_media += ',';
    jsonKey(g_media, "h"); g_media += std::to_string(v.h); g_media += ',';
    jsonKey(g_media, "textureW"); g_media += std::to_string(v.textureW); g_media += ',';
    jsonKey(g_media, "textureH"); g_media += std::to_string(v.textureH); g_media += ',';
    jsonKey(g_media, "scrollX"); g_media += std::to_string(v.scrollX); g_media += ',';
    jsonKey(g_media, "scrollY"); g_media += std::to_string(v.scrollY);
    g_media += '}';
    return g_media.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* starling_hook_media_memory() {
    starling::web::MediaMemory m = starling::web::mediaMemory();
    if (starling::Client* c = starling::web::client()) {
        const auto& cache = c->state().media;
        m.bytes = cache.bytes();
        m.files = cache.size();
        m.bytesCap = cache.cap();
        m.fileEvictions = cache.evictions();
    }
    m.players = starling::web::voicePlayers();
    m.playerCap = starling::web::voicePlayerCap();
    g_media = "{";
    const std::pair<const char*, double> fields[] = {
        {"bytes", static_cast<double>(m.bytes)}, {"files", static_cast<double>(m.files)},
        {"bytesCap", static_cast<double>(m.bytesCap)}, {"fileEvictions", static_cast<double>(m.fileEvictions)},
        {"textureBytes", static_cast<double>(m.textureBytes)}, {"textures", static_cast<double>(m.textures)},
        {"textureCap", static_cast<double>(m.textureCap)}, {"textureEvictions", static_cast<double>(m.textureEvictions)},
        {"players", static_cast<double>(m.players)}, {"playerCap", static_cast<double>(m.playerCap)}};
    for (const auto& [name, value] : fields) {
        if (g_media.size() > 1) g_media += ',';
        starling::web::jsonKey(g_media, name);
        g_media += std::to_string(static_cast<unsigned long long>(value));
    }
    g_media += '}';
    return g_media.c_str();
}

// The caps of what is held (0: unchanged): the core's bytes, the textures' bytes, the audio players.
EMSCRIPTEN_KEEPALIVE void starling_hook_set_media_caps(double bytes, double textureBytes, double players) {
    if (starling::Client* c = starling::web::client(); c && bytes > 0) c->setMediaCacheCap(static_cast<std::size_t>(bytes));
    if (textureBytes > 0) starling::web::setTextureCap(static_cast<std::size_t>(textureBytes));
    if (players > 0) starling::web::setVoicePlayerCap(static_cast<std::size_t>(players));
    starling::web::wake(2);
}

EMSCRIPTEN_KEEPALIVE const char* starling_hook_upload() {
    g_media = "{";
    if (starling::Client* c = starling::web::client()) {
        starling::web::jsonKey(g_media, "service"); starling::web::jsonString(g_media, c->state().upload.jid); g_media += ',';
        starling::web::jsonKey(g_media, "maxFileSize"); g_media += std::to_string(c->state().upload.maxFileSize);
    }
    g_media += '}';
    return g_media.c_str();
}

// The plaintext bytes the core holds for an attachment url (-1: none); then starling_hook_media_data().
EMSCRIPTEN_KEEPALIVE int starling_hook_media_size(const char* url) {
    starling::web::g_bytes.reset();
    if (starling::Client* c = starling::web::client()) {
        starling::web::g_bytes = c->state().media.at(url);
    }
    return starling::web::g_bytes ? static_cast<int>(starling::web::g_bytes->size()) : -1;
}

EMSCRIPTEN_KEEPALIVE const char* starling_hook_media_data() {
    return starling::web::g_bytes ? starling::web::g_bytes->data() : "";
}

EMSCRIPTEN_KEEPALIVE void starling_hook_set_encryption(const char* jid, int on) {
    if (starling::Client* c = starling::web::client()) c->setChatEncryption(jid, on != 0);
    starling::web::wake(2);
}

EMSCRIPTEN_KEEPALIVE int starling_hook_load_attachment(const char* jid, const char* id) {
    starling::Client* c = starling::web::client();
    const bool ok = c && c->loadAttachment(jid, id);
    starling::web::wake(2);
    return ok ? 1 : 0;
}

}  // extern "C"
