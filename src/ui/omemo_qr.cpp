// The own-fingerprint QR code (Conversations' xmpp: verification URI) drawn with ImGui rectangles: a white
// 4-module quiet zone, whole-pixel modules so the edges stay crisp at any DPI scale.
#include <algorithm>
#include <cmath>

#include <imgui.h>

#include "core/util/qr.h"
#include "ui/omemo_view.h"

namespace starling::ui {

void omemoQrCode(Ctx& c, const std::string& text) {
    // Encoded once per text, not per frame.
    static std::string cachedText;
    static Result<util::QrCode> cached = makeError("empty");
    if (text != cachedText) {
        cachedText = text;
        cached = util::encodeQr(text, util::QrEcc::M, 40);
    }
    ImGui::TextDisabled("%s", omemoText(c.lang(), "qr-hint"));
    drawn(c, omemoText(c.lang(), "qr-hint"));
    if (!cached) {
        ImGui::TextDisabled("%s", omemoText(c.lang(), "qr-too-long"));
        return;
    }
    const util::QrCode& code = *cached;
    constexpr int kQuiet = 4;
    const int side = code.size + 2 * kQuiet;
    // About 240 px wide, never less than 2 px per module.
    const float module = std::max(2.0f, std::floor(240.0f * ImGui::GetIO().FontGlobalScale / static_cast<float>(side)));
    const ImVec2 cursor = ImGui::GetCursorScreenPos();
    const ImVec2 origin(std::floor(cursor.x), std::floor(cursor.y));
    const float total = module * static_cast<float>(side);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(origin, ImVec2(origin.x + total, origin.y + total), IM_COL32(255, 255, 255, 255));
    for (int y = 0; y < code.size; ++y)
        for (int x = 0; x < code.size; ++x) {
            if (!code.dark(x, y)) continue;
            const ImVec2 a(origin.x + module * static_cast<float>(x + kQuiet), origin.y + module * static_cast<float>(y + kQuiet));
            draw->AddRectFilled(a, ImVec2(a.x + module, a.y + module), IM_COL32(0, 0, 0, 255));
        }
    ImGui::Dummy(ImVec2(total, total));
    drawn(c, text.c_str());  // the test hook reports the symbol's rectangle under the URI it encodes
}

}  // namespace starling::ui
