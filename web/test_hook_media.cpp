// window.__xmppTest for shared files: history() entries' attachment, mediaShown(), upload(),
// mediaBytes(url), loadAttachment(jid, id). sendFile(jid, file) is JS only (web/js/test_hook.js): it
// hands a File to the same function the file chooser, paste and drop use.
#include "web/test_hook_media.h"

#include <emscripten.h>

#include <memory>

#include "core/client.h"
#include "ui/draw_report.h"
#include "web/json_out.h"
#include "web/runtime.h"

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
        starling::web::jsonKey(g_media, "h"); g_media += std::to_string(d.h);
        g_media += '}';
    }
    g_media += ']';
    return g_media.c_str();
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
