#include "web/font_atlas.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>

#include <imgui.h>

#include "web/gl_renderer.h"

// web/js/font.js: draws one emoji with Canvas2D into RGBA pixels `stride` bytes apart.
extern "C" void js_draw_emoji(unsigned codepoint, int width, int height, unsigned char* dst, int stride);

namespace starling::web::fonts {
namespace {

// Received text chooses which emoji get rasterised: at most this many, so a message full of distinct
// code points cannot grow the atlas (and its texture) without bound. Later ones show as missing glyphs.
constexpr std::size_t kMaxEmojiGlyphs = 512;
// Empty emoji cells reserved in the atlas at each full build: new emoji are drawn into them and only
// their rectangle is uploaded (texSubImage2D). A full build (new texture) happens on a DPR change or
// when the cells run out, and then reserves twice as many as are in use.
constexpr std::size_t kMinFreeCells = 32;

struct Atlas {
    std::vector<unsigned char> ttf;
    std::set<char32_t> emoji;      // in the atlas
    std::set<char32_t> requested;  // asked for since the last rebuild
    float builtDpr = 0.0f;
    ImFont* font = nullptr;
    ImTextureID texture = nullptr;
    std::vector<int> cells;  // custom rect indices of the reserved emoji cells
    std::size_t cellsUsed = 0;
    float size = 0.0f;  // font size in device pixels
};

Atlas g;

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

std::size_t visibleCount(const std::set<char32_t>& cps) {
    return static_cast<std::size_t>(std::count_if(cps.begin(), cps.end(), [](char32_t c) { return !zeroWidth(c); }));
}

// Adds one glyph to the built font; zero-width joiners and selectors take no cell. Returns the cell's
// rect (null for zero-width). The caller rebuilds the lookup table.
const ImFontAtlasCustomRect* addGlyph(ImFontAtlas* atlas, char32_t cp) {
    const auto c = static_cast<ImWchar>(cp);
    if (zeroWidth(cp)) {
        g.font->AddGlyph(nullptr, c, 0, 0, 0, 0, 0, 0, 0, 0, 0.0f);
        return nullptr;
    }
    const ImFontAtlasCustomRect* r = atlas->GetCustomRectByIndex(g.cells[g.cellsUsed++]);
    ImVec2 uv0, uv1;
    atlas->CalcCustomRectUV(r, &uv0, &uv1);
    const float w = r->Width, h = r->Height;
    g.font->AddGlyph(nullptr, c, 0, 0, w, h, uv0.x, uv0.y, uv1.x, uv1.y, g.size + std::round(g.builtDpr));
    g.font->Glyphs.back().Colored = 1;  // drawn untinted
    unsigned char* pixels = nullptr;
    int texW = 0, texH = 0;
    atlas->GetTexDataAsRGBA32(&pixels, &texW, &texH);
    js_draw_emoji(static_cast<unsigned>(cp), r->Width, r->Height, pixels + (r->Y * texW + r->X) * 4, texW * 4);
    return r;
}

// BuildLookupTable appends a TAB glyph after the last one; drop it first so repeated additions do not
// leave one stale TAB each. The lookup table (and FallbackGlyph, a pointer into Glyphs) is rebuilt next.
void dropTabGlyph() {
    if (!g.font->Glyphs.empty() && g.font->Glyphs.back().Codepoint == '\t') g.font->Glyphs.pop_back();
}

void fullBuild(float dpr) {
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    atlas->Clear();
    g.size = std::round(kBaseSizeCss * dpr);
    g.font = nullptr;
    if (!g.ttf.empty()) {
        ImFontConfig cfg;
        cfg.FontDataOwnedByAtlas = false;  // g.ttf outlives every rebuild
        cfg.OversampleH = 2;
        cfg.OversampleV = 1;
        g.font = atlas->AddFontFromMemoryTTF(g.ttf.data(), static_cast<int>(g.ttf.size()), g.size, &cfg, kRanges);
    }
    if (g.font == nullptr) {
        ImFontConfig cfg;
        cfg.SizePixels = g.size;
        g.font = atlas->AddFontDefault(&cfg);
    }
    const std::size_t cells = std::min(kMaxEmojiGlyphs, std::max(kMinFreeCells, 2 * visibleCount(g.emoji)));
    const int box = static_cast<int>(g.size);
    g.cells.clear();
    g.cellsUsed = 0;
    for (std::size_t i = 0; i < cells; ++i) g.cells.push_back(atlas->AddCustomRectRegular(box, box));
    atlas->Build();
    for (char32_t cp : g.emoji) addGlyph(atlas, cp);
    dropTabGlyph();
    g.font->BuildLookupTable();

    unsigned char* pixels = nullptr;
    int texW = 0, texH = 0;
    atlas->GetTexDataAsRGBA32(&pixels, &texW, &texH);
    if (g.texture != nullptr) gl::destroyTexture(g.texture);
    g.texture = gl::createTexture(texW, texH, pixels);
    atlas->SetTexID(g.texture);
}

}  // namespace

void setFontData(std::vector<unsigned char> ttf) {
    g.ttf = std::move(ttf);
    g.builtDpr = 0.0f;
}

void requestGlyph(char32_t codepoint) {
    if (g.emoji.count(codepoint) != 0 || g.emoji.size() + g.requested.size() >= kMaxEmojiGlyphs) return;
    g.requested.insert(codepoint);
}

bool rebuildPending(float dpr) { return dpr != g.builtDpr || !g.requested.empty(); }

bool rebuild(float dpr) {
    if (!rebuildPending(dpr)) return false;
    std::set<char32_t> added;
    added.swap(g.requested);
    g.emoji.insert(added.begin(), added.end());
    if (dpr != g.builtDpr || g.cellsUsed + visibleCount(added) > g.cells.size()) {
        g.builtDpr = dpr;
        fullBuild(dpr);
        return true;
    }
    // Same atlas, same texture: draw the new emoji into free cells and upload just those rectangles.
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    unsigned char* pixels = nullptr;
    int texW = 0, texH = 0;
    atlas->GetTexDataAsRGBA32(&pixels, &texW, &texH);
    dropTabGlyph();
    for (char32_t cp : added) {
        if (const ImFontAtlasCustomRect* r = addGlyph(atlas, cp)) {
            gl::updateTexture(g.texture, r->X, r->Y, r->Width, r->Height, pixels + (r->Y * texW + r->X) * 4,
                              texW * 4);
        }
    }
    g.font->BuildLookupTable();
    return true;
}

}  // namespace starling::web::fonts
