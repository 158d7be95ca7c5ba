#include "web/font_atlas.h"

#include <emscripten.h>

#include <cmath>
#include <set>
#include <utility>

#include <imgui.h>
#include <imgui_impl_opengl3.h>

namespace starling::web::fonts {
namespace {

std::vector<unsigned char> g_ttf;
std::set<char32_t> g_emoji;      // in the atlas
std::set<char32_t> g_requested;  // asked for since the last rebuild
float g_builtDpr = 0.0f;

// What the subset holds (web/CMakeLists.txt makes it with the same ranges). The emoji-prone blocks
// (U+2600–U+27BF but the check marks) are left to the browser, which draws them in colour.
const ImWchar kRanges[] = {
    0x0020, 0x007E,  // Basic Latin
    0x00A0, 0x017F,  // Latin-1 Supplement, Latin Extended-A
    0x0400, 0x04FF,  // Cyrillic
    0x2000, 0x206F,  // General Punctuation
    0x20A0, 0x20BF,  // Currency
    0x2116, 0x2116,  // Numero
    0x2122, 0x2122,  // Trade mark
    0x2190, 0x21FF,  // Arrows
    0x2212, 0x2212,  // Minus
    0x25CF, 0x25CF,  // Black circle
    0x2713, 0x2717,  // Check marks and crosses
    0xFFFD, 0xFFFD,  // Replacement character
    0,
};

bool zeroWidth(char32_t cp) {
    return cp == 0xFE0F || cp == 0xFE0E || cp == 0x200D || (cp >= 0xE0020 && cp <= 0xE007F);
}

// clang-format off
EM_JS(void, js_draw_emoji, (unsigned cp, int w, int h, unsigned char* dst, int stride), {
    var c = Module["__starlingEmojiCanvas"] || (Module["__starlingEmojiCanvas"] = document.createElement("canvas"));
    c.width = w;
    c.height = h;
    var g = c.getContext("2d", {"willReadFrequently": true});
    g.clearRect(0, 0, w, h);
    g.font = Math.floor(h * 0.82) + 'px "Noto Color Emoji","Apple Color Emoji","Segoe UI Emoji",sans-serif';
    g.textAlign = "center";
    g.textBaseline = "middle";
    g.fillText(String.fromCodePoint(cp), w / 2, h / 2 + h * 0.04);
    var d = g.getImageData(0, 0, w, h).data;
    for (var y = 0; y < h; y++) HEAPU8.set(d.subarray(y * w * 4, (y + 1) * w * 4), dst + y * stride);
});
// clang-format on

}  // namespace

void setFontData(std::vector<unsigned char> ttf) {
    g_ttf = std::move(ttf);
    g_builtDpr = 0.0f;
}

// Received text chooses which emoji get rasterised: at most this many, so a message full of distinct
// code points cannot grow the atlas (and its texture) without bound. Later ones show as missing glyphs.
constexpr std::size_t kMaxEmojiGlyphs = 512;

void requestGlyph(char32_t codepoint) {
    if (g_emoji.count(codepoint) != 0 || g_emoji.size() + g_requested.size() >= kMaxEmojiGlyphs) return;
    g_requested.insert(codepoint);
}

bool rebuildPending(float dpr) { return dpr != g_builtDpr || !g_requested.empty(); }

bool rebuild(float dpr) {
    if (!rebuildPending(dpr)) return false;
    g_emoji.insert(g_requested.begin(), g_requested.end());
    g_requested.clear();
    g_builtDpr = dpr;

    ImGuiIO& io = ImGui::GetIO();
    ImFontAtlas* atlas = io.Fonts;
    bool uploaded = atlas->TexID != nullptr;  // the GL backend has made a texture of the old atlas
    atlas->Clear();
    float size = std::round(kBaseSizeCss * dpr);
    ImFont* font = nullptr;
    if (!g_ttf.empty()) {
        ImFontConfig cfg;
        cfg.FontDataOwnedByAtlas = false;  // g_ttf outlives every rebuild
        cfg.OversampleH = 2;
        cfg.OversampleV = 1;
        font = atlas->AddFontFromMemoryTTF(g_ttf.data(), static_cast<int>(g_ttf.size()), size, &cfg, kRanges);
    }
    if (font == nullptr) {
        ImFontConfig cfg;
        cfg.SizePixels = size;
        font = atlas->AddFontDefault(&cfg);
    }
    std::vector<std::pair<char32_t, int>> rects;
    int box = static_cast<int>(size);
    for (char32_t cp : g_emoji) {
        if (zeroWidth(cp)) {
            rects.emplace_back(cp, atlas->AddCustomRectFontGlyph(font, static_cast<ImWchar>(cp), 1, 1, 0.0f));
        } else {
            rects.emplace_back(cp, atlas->AddCustomRectFontGlyph(font, static_cast<ImWchar>(cp), box, box,
                                                                 size + std::round(dpr), ImVec2(0, 0)));
        }
    }
    atlas->Build();
    unsigned char* pixels = nullptr;
    int texW = 0, texH = 0;
    atlas->GetTexDataAsRGBA32(&pixels, &texW, &texH);
    for (auto [cp, index] : rects) {
        if (zeroWidth(cp)) continue;
        const ImFontAtlasCustomRect* r = atlas->GetCustomRectByIndex(index);
        js_draw_emoji(static_cast<unsigned>(cp), r->Width, r->Height, pixels + (r->Y * texW + r->X) * 4, texW * 4);
        if (auto* glyph = const_cast<ImFontGlyph*>(font->FindGlyphNoFallback(static_cast<ImWchar>(cp)))) {
            glyph->Colored = 1;  // drawn untinted
        }
    }
    if (uploaded) {
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }  // else the backend uploads it when it creates its device objects
    return true;
}

}  // namespace starling::web::fonts
