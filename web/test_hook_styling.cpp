// window.__xmppTest.styledRuns (web/TEST_HOOK.md): the styled runs of message bodies drawn in the last
// frame (ui::DrawReport::styledRuns), for checking XEP-0393 styling, links and "/me" in the page.
#include "web/test_hook_styling.h"

#include <emscripten.h>

#include <cstdio>
#include <string>

#include "ui/draw_report.h"
#include "web/json_out.h"
#include "web/runtime.h"

extern "C" void js_install_styling_hooks();

namespace starling::web {

void installStylingHooks() { js_install_styling_hooks(); }

}  // namespace starling::web

namespace {
std::string g_runs;
}

extern "C" EMSCRIPTEN_KEEPALIVE const char* starling_hook_styled_runs() {
    using namespace starling::web;
    g_runs = "[";
    char num[32];
    for (const auto& r : drawReport().styledRuns) {
        if (g_runs.size() > 1) g_runs += ',';
        g_runs += '{';
        jsonKey(g_runs, "text"); jsonString(g_runs, r.text); g_runs += ',';
        jsonKey(g_runs, "style"); jsonString(g_runs, r.style);
        const float values[] = {r.x, r.y, r.w, r.h};
        const char* keys[] = {"x", "y", "w", "h"};
        for (int i = 0; i < 4; ++i) {
            std::snprintf(num, sizeof num, ",\"%s\":%.1f", keys[i], static_cast<double>(values[i]));
            g_runs += num;
        }
        g_runs += '}';
    }
    g_runs += ']';
    return g_runs.c_str();
}
