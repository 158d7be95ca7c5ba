#include "web/caret.h"

#include <algorithm>
#include <cmath>

#include <imgui.h>
#include <imgui_internal.h>  // ActiveId, InputTextState (its CursorAnim), PlatformImePos, OpenPopupStack

// web/js/caret.js
extern "C" void js_caret_show(float x, float y, float width, float height, unsigned rgba);
extern "C" void js_caret_hide();

namespace starling::web::caret {
namespace {

bool g_pageDraws = false;  // the last frame handed the caret to the page

// ImGui's default position (NewFrame sets it; an editable text field with its caret drawn moves it).
bool imePositionSet(const ImGuiContext& g) { return !(g.PlatformImePos.x == 1.0f && g.PlatformImePos.y == 1.0f); }

bool editing(const ImGuiContext& g) { return g.InputTextState.ID != 0 && g.InputTextState.ID == g.ActiveId; }

}  // namespace

void beforeFrame() {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    // InputTextEx adds DeltaTime, then draws the caret when CursorAnim <= 0 or fmod(CursorAnim, 1.2) <= 0.8:
    // at 1.0 after the addition it is hidden; a keystroke in this frame resets it (shown) as before.
    if (g_pageDraws && editing(g)) g.InputTextState.CursorAnim = 1.0f - g.IO.DeltaTime;
}

bool afterFrame(float dpr) {
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    // An open popup may cover the field (the page's caret would show through it): ImGui draws it then.
    const bool pageDraws = editing(g) && imePositionSet(g) && g.OpenPopupStack.Size == 0;
    if (pageDraws) {
        // As InputTextEx draws it: x = PlatformImePos.x + 1, from FontSize - 0.5 above the baseline to 1.5
        // above it, one device pixel wide.
        const float x = g.PlatformImePos.x + 1.0f;
        const float top = g.PlatformImePos.y + 0.5f;
        const float height = g.FontSize - 2.0f;
        const ImVec4 c = g.Style.Colors[ImGuiCol_Text];
        const auto byte = [](float v) { return static_cast<unsigned>(std::lround(ImSaturate(v) * 255.0f)); };
        const unsigned rgba = byte(c.x) << 24 | byte(c.y) << 16 | byte(c.z) << 8 | byte(c.w);
        js_caret_show(x / dpr, top / dpr, std::max(1.0f, std::round(dpr)) / dpr, height / dpr, rgba);
    } else if (g_pageDraws) {
        js_caret_hide();
    }
    g_pageDraws = pageDraws;
    return pageDraws;
}

}  // namespace starling::web::caret
