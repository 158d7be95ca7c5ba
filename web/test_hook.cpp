#include "web/test_hook.h"

#include <emscripten.h>
#include <emscripten/heap.h>
#include <malloc.h>

#include <cstdio>
#include <string>

#include "core/client.h"
#include "ui/app.h"
#include "ui/draw_report.h"
#include "web/font_atlas.h"
#include "web/gl_renderer.h"
#include "web/json_out.h"
#include "web/runtime.h"
#include "web/test_hook_actions.h"
#include "web/test_hook_alerts.h"
#include "web/test_hook_calls.h"
#include "web/test_hook_styling.h"
#include "web/test_hook_media.h"
#include "web/test_hook_voice.h"

// web/js/test_hook.js: defines window.__xmppTest over the starling_hook_* exports below.
extern "C" void js_install_hook();

namespace starling::web {
namespace {

std::string g_out;  // the last answer handed to JS (read with UTF8ToString before the next call)

const char* connectionName(model::Connection c) {
    using C = model::Connection;
    switch (c) {
        case C::LoggedOut: return "LoggedOut";
        case C::Discovering: return "Discovering";
        case C::Connecting: return "Connecting";
        case C::Authenticating: return "Authenticating";
        case C::Online: return "Online";
        case C::Reconnecting: return "Reconnecting";
        case C::Failed: return "Failed";
    }
    return "";
}

const char* signupStepName(model::SignupStep s) {
    using St = model::SignupStep;
    switch (s) {
        case St::Idle: return "Idle";
        case St::Checking: return "Checking";
        case St::Form: return "Form";
        case St::Submitting: return "Submitting";
        case St::Done: return "Done";
        case St::Failed: return "Failed";
    }
    return "";
}

const char* showName(model::Show s) {
    using Sh = model::Show;
    switch (s) {
        case Sh::Available: return "available";
        case Sh::Chat: return "chat";
        case Sh::Away: return "away";
        case Sh::ExtendedAway: return "xa";
        case Sh::DoNotDisturb: return "dnd";
        case Sh::Offline: return "offline";
    }
    return "";
}

const char* statusName(model::MessageStatus s) {
    using M = model::MessageStatus;
    switch (s) {
        case M::Queued: return "queued";
        case M::Sent: return "sent";
        case M::Delivered: return "delivered";
        case M::Displayed: return "displayed";
        case M::Failed: return "failed";
        case M::Received: return "received";
    }
    return "";
}

const char* syncName(model::Sync s) {
    using Sy = model::Sync;
    switch (s) {
        case Sy::Idle: return "Idle";
        case Sy::CatchingUp: return "CatchingUp";
        case Sy::Done: return "Done";
        case Sy::Gap: return "Gap";
    }
    return "";
}

}  // namespace

void installTestHook() {
    js_install_hook();
    installRoomHook();
    installActionHooks();  // reply, correct, retract, react (test_hook_actions.cpp)
    installAlertHooks();   // setMuted, setAlerts, setPageVisible, alertsShown (test_hook_alerts.cpp)
    installStylingHooks(); // styledRuns (test_hook_styling.cpp)
    installVoiceHooks();   // recorder, players, recordVoice (test_hook_voice.cpp)
    installCallHooks();    // call, acceptCall, declineCall, hangUp, setMuted(bool), callState (after alerts)
}

}  // namespace starling::web

using namespace starling;
using namespace starling::web;

extern "C" {

EMSCRIPTEN_KEEPALIVE void starling_hook_login(const char* ws, const char* jid, const char* password) {
    if (ui::App* a = app()) a->submitLogin(ws, jid, password, false);
    wake(3);
}

EMSCRIPTEN_KEEPALIVE void starling_hook_register(const char* ws, const char* jid, const char* password) {
    if (ui::App* a = app()) a->submitLogin(ws, jid, password, true);
    wake(3);
}

// Authenticated, bound and roster received (the core reports Online only then), and the logged-in
// screen was drawn in the last frame.
EMSCRIPTEN_KEEPALIVE int starling_hook_logged_in() {
    Client* c = client();
    return c != nullptr && c->state().connection == model::Connection::Online && drawReport().loggedInScreen ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE const char* starling_hook_roster_shown() {
    g_out = "[";
    for (const auto& jid : drawReport().rosterRows) {
        if (g_out.size() > 1) g_out += ',';
        jsonString(g_out, jid);
    }
    g_out += ']';
    return g_out.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* starling_hook_roster_previews() {
    g_out = "[";
    for (const auto& [jid, text] : drawReport().rosterPreviews) {
        if (g_out.size() > 1) g_out += ',';
        g_out += '{';
        jsonKey(g_out, "jid"); jsonString(g_out, jid); g_out += ',';
        jsonKey(g_out, "text"); jsonString(g_out, text);
        g_out += '}';
    }
    g_out += ']';
    return g_out.c_str();
}

// As a click on the roster row: only a row drawn in the last frame can be clicked.
EMSCRIPTEN_KEEPALIVE int starling_hook_open_chat(const char* jid) {
    ui::App* a = app();
    if (a == nullptr) return 0;
    bool shown = false;
    for (const auto& row : drawReport().rosterRows) shown = shown || row == jid;
    if (!shown) return 0;
    a->openChat(jid);
    wake(3);
    return 1;
}

EMSCRIPTEN_KEEPALIVE int starling_hook_text_visible(const char* text) {
    std::string_view needle(text);
    for (const auto& body : drawReport().visibleBodies) {
        if (body.find(needle) != std::string::npos) return 1;
    }
    return 0;
}

EMSCRIPTEN_KEEPALIVE int starling_hook_send(const char* jid, const char* text) {
    ui::App* a = app();
    if (a == nullptr) return 0;
    bool sent = a->sendFromComposer(jid, text);
    wake(3);
    return sent ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE const char* starling_hook_history(const char* jid) {
    g_out = "[";
    if (Client* c = client()) {
        auto it = c->state().conversations.find(jid);
        if (it != c->state().conversations.end()) {
            for (const auto& m : it->second.messages) {
                if (g_out.size() > 1) g_out += ',';
                g_out += '{';
                jsonKey(g_out, "id"); jsonString(g_out, m.id); g_out += ',';
                jsonKey(g_out, "stanzaId"); jsonString(g_out, m.stanzaId); g_out += ',';
                jsonKey(g_out, "from"); jsonString(g_out, m.from); g_out += ',';
                jsonKey(g_out, "body"); jsonString(g_out, m.body); g_out += ',';
                jsonKey(g_out, "direction");
                jsonString(g_out, m.direction == model::Direction::Outgoing ? "outgoing" : "incoming");
                g_out += ',';
                jsonKey(g_out, "status"); jsonString(g_out, statusName(m.status)); g_out += ',';
                jsonKey(g_out, "encrypted"); g_out += m.encrypted ? "true" : "false"; g_out += ',';
                jsonKey(g_out, "error"); jsonString(g_out, m.error); g_out += ',';
                jsonKey(g_out, "timestamp"); g_out += std::to_string(m.timestampMs);
                appendMessageActions(g_out, m);  // edited, retracted, reactions, replyTo
                appendAttachmentJson(g_out, m);  // web/test_hook_media.cpp
                g_out += '}';
            }
        }
    }
    g_out += ']';
    return g_out.c_str();
}

// What confirming "Block" (chat header, request, settings) and pressing "Unblock" do.
EMSCRIPTEN_KEEPALIVE int starling_hook_block(const char* jid) {
    Client* c = client();
    const bool asked = c != nullptr && c->block(jid);
    wake(3);
    return asked ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE int starling_hook_unblock(const char* jid) {
    Client* c = client();
    const bool asked = c != nullptr && c->unblock(jid);
    wake(3);
    return asked ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE const char* starling_hook_state() {
    g_out = "{";
    Client* c = client();
    if (c == nullptr) {
        g_out += "\"connection\":\"Starting\"}";
        return g_out.c_str();
    }
    const model::State& st = c->state();
    jsonKey(g_out, "connection"); jsonString(g_out, connectionName(st.connection)); g_out += ',';
    jsonKey(g_out, "ownJid"); jsonString(g_out, st.ownJid); g_out += ',';
    jsonKey(g_out, "loginProblem"); jsonString(g_out, st.loginProblem.code); g_out += ',';
    jsonKey(g_out, "signup"); g_out += '{';
    jsonKey(g_out, "step"); jsonString(g_out, signupStepName(st.signup.step)); g_out += ',';
    jsonKey(g_out, "domain"); jsonString(g_out, st.signup.domain); g_out += ',';
    jsonKey(g_out, "problem"); jsonString(g_out, st.signup.problem); g_out += ',';
    jsonKey(g_out, "inviter"); jsonString(g_out, st.signup.inviter); g_out += ',';
    jsonKey(g_out, "captcha"); g_out += st.signup.captcha ? "true" : "false"; g_out += ',';
    jsonKey(g_out, "fields"); g_out += '[';
    for (std::size_t i = 0; i < st.signup.fields.size(); ++i) {
        const auto& f = st.signup.fields[i];
        g_out += i ? ",{" : "{";
        jsonKey(g_out, "var"); jsonString(g_out, f.var); g_out += ',';
        jsonKey(g_out, "type"); jsonString(g_out, f.type); g_out += ',';
        jsonKey(g_out, "picture"); g_out += f.pictureKey.empty() ? "false" : "true";
        g_out += '}';
    }
    g_out += "]},";
    jsonKey(g_out, "roster"); g_out += '[';
    bool first = true;
    for (const auto& r : st.roster) {
        if (!first) g_out += ',';
        first = false;
        g_out += '{';
        jsonKey(g_out, "jid"); jsonString(g_out, r.jid); g_out += ',';
        jsonKey(g_out, "name"); jsonString(g_out, r.name); g_out += ',';
        jsonKey(g_out, "subscription"); jsonString(g_out, r.subscription); g_out += ',';
        jsonKey(g_out, "ask"); g_out += r.askSubscribe ? "true" : "false"; g_out += ',';
        jsonKey(g_out, "show"); jsonString(g_out, showName(model::bestShow(st, r.jid)));
        g_out += '}';
    }
    g_out += "],";
    jsonKey(g_out, "subscriptionRequests"); g_out += '[';
    first = true;
    for (const auto& jid : st.subscriptionRequests) {
        if (!first) g_out += ',';
        first = false;
        jsonString(g_out, jid);
    }
    g_out += "],";
    jsonKey(g_out, "conversations"); g_out += '[';
    first = true;
    for (const auto& [jid, conv] : st.conversations) {
        if (!first) g_out += ',';
        first = false;
        g_out += '{';
        jsonKey(g_out, "jid"); jsonString(g_out, jid); g_out += ',';
        jsonKey(g_out, "unread"); g_out += std::to_string(conv.unread); g_out += ',';
        jsonKey(g_out, "messages"); g_out += std::to_string(conv.messages.size()); g_out += ',';
        jsonKey(g_out, "localBefore"); g_out += std::to_string(conv.localBefore); g_out += ',';
        jsonKey(g_out, "gap"); g_out += conv.gap ? "true" : "false";
        g_out += '}';
    }
    g_out += "],";
    jsonKey(g_out, "totalUnread"); g_out += std::to_string(model::totalUnread(st)); g_out += ',';
    jsonKey(g_out, "openChat"); jsonString(g_out, st.openChat); g_out += ',';
    jsonKey(g_out, "ownShow"); jsonString(g_out, showName(st.ownShow)); g_out += ',';
    jsonKey(g_out, "ownStatus"); jsonString(g_out, st.ownStatus); g_out += ',';
    jsonKey(g_out, "storageError"); jsonString(g_out, st.storageError); g_out += ',';
    jsonKey(g_out, "remembered"); g_out += st.remembered ? "true" : "false"; g_out += ',';
    jsonKey(g_out, "omemoAnnounced"); g_out += st.omemo.ownDeviceAnnounced ? "true" : "false"; g_out += ',';
    jsonKey(g_out, "sync"); jsonString(g_out, syncName(st.sync)); g_out += ',';
    jsonKey(g_out, "blocked"); g_out += '[';
    first = true;
    for (const auto& jid : st.blocked) {
        if (!first) g_out += ',';
        first = false;
        jsonString(g_out, jid);
    }
    g_out += "],";
    jsonKey(g_out, "blockingSupported"); g_out += st.blockingSupported ? "true" : "false"; g_out += ',';
    jsonKey(g_out, "notice"); jsonString(g_out, st.notice);
    appendAlertsState(g_out, st);  // ,"alerts":{notify, sound, muted, unmutedUnread}
    g_out += '}';
    return g_out.c_str();
}

// Our own UI strings drawn in the last frame with their rectangles (CSS px), in drawing order.
EMSCRIPTEN_KEEPALIVE const char* starling_hook_drawn_text() {
    g_out = "[";
    char num[32];
    for (const auto& t : drawReport().texts) {
        if (g_out.size() > 1) g_out += ',';
        g_out += '{';
        jsonKey(g_out, "text"); jsonString(g_out, t.text);
        const float values[] = {t.x, t.y, t.w, t.h};
        const char* keys[] = {"x", "y", "w", "h"};
        for (int i = 0; i < 4; ++i) {
            std::snprintf(num, sizeof num, ",\"%s\":%.1f", keys[i], static_cast<double>(values[i]));
            g_out += num;
        }
        g_out += '}';
    }
    g_out += ']';
    return g_out.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* starling_hook_frame_stats(int reset) {
    FrameStats s = takeFrameStats(reset != 0);
    char buf[160];
    std::snprintf(buf, sizeof buf, "{\"frames\":%llu,\"totalMs\":%.2f,\"worstMs\":%.2f,\"worstReceiveMs\":%.2f}", s.frames,
                  s.totalMs, s.worstMs, s.worstReceiveMs);
    g_out = buf;
    return g_out.c_str();
}

// GPU textures of the renderer: live now, and created since the page loaded (a new emoji glyph is drawn
// into the existing font atlas texture: `created` does not move).
EMSCRIPTEN_KEEPALIVE const char* starling_hook_textures() {
    char buf[64];
    std::snprintf(buf, sizeof buf, "{\"live\":%d,\"created\":%d}", gl::textureCount(), gl::texturesCreated());
    g_out = buf;
    return g_out.c_str();
}

// The code points of `text` the font atlas has no glyph for (drawn as U+FFFD), and the atlas itself.
EMSCRIPTEN_KEEPALIVE const char* starling_hook_missing_glyphs(const char* text) {
    g_out = "[";
    for (char32_t cp : fonts::missingGlyphs(text)) {
        if (g_out.size() > 1) g_out += ',';
        g_out += std::to_string(static_cast<unsigned>(cp));
    }
    g_out += ']';
    return g_out.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* starling_hook_font_atlas() {
    const fonts::AtlasStats s = fonts::stats();
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "{\"width\":%d,\"height\":%d,\"browserGlyphs\":%zu,\"pending\":%zu,\"fullBuilds\":%d,"
                  "\"lastRebuildMs\":%.2f,\"worstRebuildMs\":%.2f,\"lastAdded\":%zu}",
                  s.width, s.height, s.browserGlyphs, s.pending, s.fullBuilds, s.lastRebuildMs, s.worstRebuildMs,
                  s.lastAdded);
    g_out = buf;
    return g_out.c_str();
}

// Wasm heap: bytes malloc has handed out now, and the size of linear memory (it only grows).
EMSCRIPTEN_KEEPALIVE const char* starling_hook_memory() {
    const struct mallinfo mi = mallinfo();
    char buf[96];
    std::snprintf(buf, sizeof buf, "{\"heapInUse\":%zu,\"heapSize\":%zu}", static_cast<std::size_t>(mi.uordblks),
                  emscripten_get_heap_size());
    g_out = buf;
    return g_out.c_str();
}

// Messages drawn inside the visible part of the open chat, top first: {id, y, h} (CSS px).
EMSCRIPTEN_KEEPALIVE const char* starling_hook_visible_messages() {
    g_out = "[";
    char num[128];
    for (const auto& m : drawReport().visibleMessages) {
        if (g_out.size() > 1) g_out += ',';
        g_out += '{';
        jsonKey(g_out, "id"); jsonString(g_out, m.id);
        std::snprintf(num, sizeof num, ",\"y\":%.1f,\"h\":%.1f,\"shown\":%zu,\"bytes\":%zu}", static_cast<double>(m.y),
                      static_cast<double>(m.h), m.shownBytes, m.bodyBytes);
        g_out += num;
    }
    g_out += ']';
    return g_out.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* starling_hook_highlighted() { return drawReport().highlighted.c_str(); }

// Search result rows drawn in the last frame: {peer, id, x, y, w, h} (CSS px).
EMSCRIPTEN_KEEPALIVE const char* starling_hook_search_results() {
    g_out = "[";
    char num[96];
    for (const auto& r : drawReport().searchResults) {
        if (g_out.size() > 1) g_out += ',';
        g_out += '{';
        jsonKey(g_out, "peer"); jsonString(g_out, r.peer); g_out += ',';
        jsonKey(g_out, "id"); jsonString(g_out, r.id);
        std::snprintf(num, sizeof num, ",\"x\":%.1f,\"y\":%.1f,\"w\":%.1f,\"h\":%.1f}", static_cast<double>(r.x),
                      static_cast<double>(r.y), static_cast<double>(r.w), static_cast<double>(r.h));
        g_out += num;
    }
    g_out += ']';
    return g_out.c_str();
}

// State::search: {query, running, truncated, scanned, hits: [{peer, id, timestamp, outgoing, snippet,
// matchStart, matchLength}]}.
EMSCRIPTEN_KEEPALIVE const char* starling_hook_search() {
    g_out = "{";
    Client* c = client();
    if (c != nullptr) {
        const model::Search& s = c->state().search;
        jsonKey(g_out, "query"); jsonString(g_out, s.query); g_out += ',';
        jsonKey(g_out, "running"); g_out += s.running ? "true," : "false,";
        jsonKey(g_out, "truncated"); g_out += s.truncated ? "true," : "false,";
        jsonKey(g_out, "scanned"); g_out += std::to_string(s.scanned); g_out += ',';
        jsonKey(g_out, "hits"); g_out += '[';
        bool first = true;
        for (const auto& h : s.hits) {
            if (!first) g_out += ',';
            first = false;
            g_out += '{';
            jsonKey(g_out, "peer"); jsonString(g_out, h.peer); g_out += ',';
            jsonKey(g_out, "id"); jsonString(g_out, h.messageId); g_out += ',';
            jsonKey(g_out, "timestamp"); g_out += std::to_string(h.timestampMs); g_out += ',';
            jsonKey(g_out, "outgoing"); g_out += h.outgoing ? "true," : "false,";
            jsonKey(g_out, "snippet"); jsonString(g_out, h.snippet); g_out += ',';
            jsonKey(g_out, "matchStart"); g_out += std::to_string(h.matchStart); g_out += ',';
            jsonKey(g_out, "matchLength"); g_out += std::to_string(h.matchLength);
            g_out += '}';
        }
        g_out += ']';
    }
    g_out += '}';
    return g_out.c_str();
}

EMSCRIPTEN_KEEPALIVE double starling_hook_frames() { return static_cast<double>(framesRendered()); }

EMSCRIPTEN_KEEPALIVE double starling_hook_text_bytes() { return static_cast<double>(drawReport().textBytes); }

// What "Add contact" (address and name) and "Accept" do.
EMSCRIPTEN_KEEPALIVE void starling_hook_add_contact(const char* jid, const char* name) {
    if (Client* c = client()) c->addContact(jid, name);
    wake(3);
}

EMSCRIPTEN_KEEPALIVE void starling_hook_approve(const char* jid) {
    if (Client* c = client()) c->approveSubscription(jid);
    wake(3);
}

// What the "Reconnect now" button does.
EMSCRIPTEN_KEEPALIVE int starling_hook_reconnect_now() {
    Client* c = client();
    const bool did = c != nullptr && c->reconnectNow();
    wake(3);
    return did ? 1 : 0;
}

}  // extern "C"
