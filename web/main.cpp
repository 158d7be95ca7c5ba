// The browser entry point: a WebGL2 context from the html5 API, ImGui drawn by our renderer
// (web/gl_renderer.cpp), and a main loop that renders only when something changed (paused otherwise;
// every event source calls wake()). Input comes from our own bridge (web/input_bridge.cpp).
#include <emscripten.h>
#include <emscripten/eventloop.h>
#include <emscripten/html5.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <imgui.h>
#include <imgui_internal.h>  // InputTextState.CursorAnim: to wake exactly when the caret blinks

#include "core/client.h"
#include "ui/app.h"
#include "ui/draw_report.h"
#include "web/boot.h"
#include "web/call_host.h"
#include "web/caret.h"
#include "web/font_atlas.h"
#include "web/gl_renderer.h"
#include "web/input_bridge.h"
#include "web/alerts.h"
#include "web/runtime.h"

// web/js/page.js
extern "C" void js_set_title(int unread);
extern "C" void js_set_badge(int unread);

namespace starling::web {
namespace {

struct Loop {
    int width = 0, height = 0;  // backbuffer, device pixels
    float dpr = 1.0f;
    double lastTime = 0.0;
    int framesLeft = 2;
    bool paused = false;
    bool inFrame = false;
    unsigned long long frames = 0;
    FrameStats stats;
    long blinkTimer = 0;
    int title = -1;
    ImGuiStyle baseStyle;
    ui::DrawReport report;
};

Loop g_loop;

void setupStyle() {
    ImGui::StyleColorsDark();
    ImGuiStyle& s = ImGui::GetStyle();
    s.WindowRounding = 0.0f;
    s.ChildRounding = 4.0f;
    s.FrameRounding = 4.0f;
    s.PopupRounding = 4.0f;
    s.GrabRounding = 4.0f;
    s.FramePadding = ImVec2(8, 5);
    s.ItemSpacing = ImVec2(8, 6);
    s.ScrollbarSize = 12.0f;
    s.Colors[ImGuiCol_WindowBg] = ImVec4(0.10f, 0.11f, 0.13f, 1.0f);
    s.Colors[ImGuiCol_ChildBg] = ImVec4(0.12f, 0.13f, 0.15f, 1.0f);
    s.Colors[ImGuiCol_PopupBg] = ImVec4(0.08f, 0.09f, 0.10f, 1.0f);  // opaque: nothing shows through menus
    g_loop.baseStyle = s;
}

void updateSize() {
    double cssW = 0, cssH = 0;
    emscripten_get_element_css_size("#canvas", &cssW, &cssH);
    float dpr = static_cast<float>(emscripten_get_device_pixel_ratio());
    if (dpr <= 0.0f) dpr = 1.0f;
    int w = static_cast<int>(std::lround(cssW * dpr));
    int h = static_cast<int>(std::lround(cssH * dpr));
    if (w != g_loop.width || h != g_loop.height) {
        g_loop.width = w;
        g_loop.height = h;
        emscripten_set_canvas_element_size("#canvas", w, h);
    }
    if (dpr != g_loop.dpr) {
        g_loop.dpr = dpr;
        ImGui::GetStyle() = g_loop.baseStyle;
        ImGui::GetStyle().ScaleAllSizes(dpr);
    }
}

void drawLoading() {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->Pos);
    ImGui::SetNextWindowSize(vp->Size);
    ImGui::Begin("starling-loading", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
    ImGui::TextUnformatted("Starling…");
    ImGui::End();
}

// Wakes once when the caret of the active text field toggles (ImGui: visible 0.8 s of every 1.2 s), when
// ImGui draws it (web/caret.cpp: the page draws it otherwise, and its blink costs no frame).
void armCaretBlink(bool pageDrawsCaret) {
    if (g_loop.blinkTimer != 0) {
        emscripten_clear_timeout(g_loop.blinkTimer);
        g_loop.blinkTimer = 0;
    }
    if (pageDrawsCaret) return;
    ImGuiContext& g = *ImGui::GetCurrentContext();
    if (!ImGui::GetIO().WantTextInput || g.InputTextState.ID == 0 || g.InputTextState.ID != g.ActiveId) return;
    float phase = std::fmod(g.InputTextState.CursorAnim, 1.2f);
    double ms = 1000.0 * (phase < 0.8f ? 0.8f - phase : 1.2f - phase) + 15.0;
    if (ms < 20.0) ms = 20.0;
    g_loop.blinkTimer = emscripten_set_timeout(
        [](void*) {
            g_loop.blinkTimer = 0;
            wake(1);
        },
        ms, nullptr);
}

void frame() {
    if (g_loop.inFrame) return;
    g_loop.inFrame = true;
    const double startMs = emscripten_get_now();
    updateSize();
    fonts::rebuild(g_loop.dpr);
    input::applyToImGui();

    ImGuiIO& io = ImGui::GetIO();
    double now = emscripten_get_now() / 1000.0;
    io.DeltaTime = g_loop.lastTime > 0.0 ? static_cast<float>(std::max(now - g_loop.lastTime, 1e-4)) : 1.0f / 60.0f;
    g_loop.lastTime = now;
    io.DisplaySize = ImVec2(static_cast<float>(g_loop.width), static_cast<float>(g_loop.height));
    io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);

    // A running search scans bounded slices of history for up to kSearchBudgetMs per frame, so typing
    // stays instant and a frame never stalls, yet the whole history is searched in a few frames.
    constexpr double kSearchBudgetMs = 6.0;
    Client* cl = client();
    if (cl != nullptr && cl->state().search.running) {
        const double start = emscripten_get_now();
        do cl->searchStep();
        while (cl->state().search.running && emscripten_get_now() - start < kSearchBudgetMs);
    }

    caret::beforeFrame();
    ImGui::NewFrame();
    g_loop.report.clear();
    g_loop.report.frame = ++g_loop.frames;
    if (ui::App* a = app()) {
        a->draw(g_loop.dpr, g_loop.report);
    } else {
        drawLoading();
    }
    ImGui::Render();
    gl::render(ImGui::GetDrawData(), g_loop.width, g_loop.height, ImVec4(0.10f, 0.11f, 0.13f, 1.0f));

    input::afterFrame(g_loop.dpr);
    pumpCalls();  // a click on Call, Accept or Hang up: the browser's media work now
    updateTitle();
    announceAlerts();
    armCaretBlink(caret::afterFrame(g_loop.dpr));
    if (fonts::rebuildPending(g_loop.dpr)) g_loop.framesLeft = std::max(g_loop.framesLeft, 2);
    --g_loop.framesLeft;
    const double ms = emscripten_get_now() - startMs;  // main-thread time of this frame (GL calls queued)
    ++g_loop.stats.frames;
    g_loop.stats.totalMs += ms;
    g_loop.stats.worstMs = std::max(g_loop.stats.worstMs, ms);
    g_loop.inFrame = false;
}

void loopIteration() {
    frame();
    Client* cl = client();
    const bool searching = cl != nullptr && cl->state().search.running;  // a running search is a change
    if (g_loop.framesLeft <= 0 && !input::pending() && !input::anyHeld() && !searching) {
        g_loop.paused = true;
        emscripten_pause_main_loop();
    }
}

EM_BOOL onResize(int, const EmscriptenUiEvent*, void*) {
    wake(2);
    return EM_FALSE;
}

EM_BOOL onVisibility(int, const EmscriptenVisibilityChangeEvent*, void*) {
    wake(2);
    return EM_FALSE;
}

}  // namespace

void updateTitle() {
    Client* c = client();
    if (c == nullptr) return;
    int unread = model::unmutedUnread(c->state());  // a muted chat's messages count only in its row
    if (unread != g_loop.title) {
        g_loop.title = unread;
        js_set_title(unread);
        js_set_badge(unread);
    }
}

void wake(int frames) {
    pumpCalls();  // whatever woke us may have given the call media work (web/call_host.cpp)
    g_loop.framesLeft = std::max(g_loop.framesLeft, frames);
    if (g_loop.paused) {
        g_loop.paused = false;
        emscripten_resume_main_loop();
    }
}

void renderNow() {
    for (int i = 0; i < 4 && !g_loop.inFrame; ++i) {
        frame();
        if (!input::pending()) break;
    }
}

const ui::DrawReport& drawReport() { return g_loop.report; }
unsigned long long framesRendered() { return g_loop.frames; }

void noteReceived(double ms) { g_loop.stats.worstReceiveMs = std::max(g_loop.stats.worstReceiveMs, ms); }

FrameStats takeFrameStats(bool reset) {
    FrameStats s = g_loop.stats;
    if (reset) g_loop.stats = FrameStats{};
    return s;
}

}  // namespace starling::web

int main() {
    using namespace starling::web;
    // Opaque, no depth or stencil, no MSAA, no preserved buffer: ImGui needs none of them, and each costs
    // memory or a copy per frame.
    EmscriptenWebGLContextAttributes attrs;
    emscripten_webgl_init_context_attributes(&attrs);
    attrs.alpha = EM_FALSE;
    attrs.depth = EM_FALSE;
    attrs.stencil = EM_FALSE;
    attrs.antialias = EM_FALSE;
    attrs.premultipliedAlpha = EM_TRUE;
    attrs.preserveDrawingBuffer = EM_FALSE;
    attrs.majorVersion = 2;
    attrs.minorVersion = 0;
    attrs.enableExtensionsByDefault = EM_FALSE;
    const EMSCRIPTEN_WEBGL_CONTEXT_HANDLE context = emscripten_webgl_create_context("#canvas", &attrs);
    if (context <= 0 || emscripten_webgl_make_context_current(context) != EMSCRIPTEN_RESULT_SUCCESS) {
        std::fprintf(stderr, "WebGL2 is not available\n");
        return 1;
    }

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // layout is code; nothing to persist
    io.LogFilename = nullptr;
    io.BackendPlatformName = "starling_web";
    io.ConfigMacOSXBehaviors = false;
    setupStyle();
    input::install();
    io.BackendRendererName = "starling_webgl2";
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;  // attribute offsets stand in for base vertex
    if (!gl::init()) {
        std::fprintf(stderr, "WebGL2: the shaders do not compile\n");
        return 1;
    }

    emscripten_set_resize_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, onResize);
    emscripten_set_visibilitychange_callback(nullptr, EM_FALSE, onVisibility);
    emscripten_set_main_loop(loopIteration, 0, false);
    boot();  // IDBFS, config.json and the font load in parallel; the client starts when all are in
    return 0;
}
