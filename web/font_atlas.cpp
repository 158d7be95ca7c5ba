#include "web/font_atlas.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <set>
#include <utility>

#include <emscripten.h>
#include <imgui.h>
#include <imgui_internal.h>  // ImTextCharFromUtf8

#include "web/gl_renderer.h"

// web/js/font.js: draw one code point with Canvas2D into RGBA pixels `stride` bytes apart. Emoji in
// colour, centred in the cell; text in white (coverage in alpha) with the given em size, its origin at
// (originX, baseline), returning the advance the browser measures (device pixels).
extern "C" void js_draw_emoji(unsigned codepoint, int width, int height, unsigned char* dst, int stride);
extern "C" double js_draw_text_glyph(unsigned codepoint, double emPx, int originX, int baseline, int width, int height,
                                     unsigned char* dst, int stride);

namespace starling::web::fonts {
namespace {

// Received text chooses which code points the browser draws into the atlas (emoji and every script
// the subset lacks): at most this many, so a message full of distinct code points cannot grow the atlas
// (and its texture) without bound. Later ones show as missing glyphs.
constexpr std::size_t kMaxBrowserGlyphs = 2048;
// At most this many new glyphs per rebuild (per frame); the rest come in the following frames, so a
// message of thousands of distinct CJK characters never costs one long frame.
constexpr std::size_t kMaxNewPerRebuild = 48;
// And no more once a rebuild has taken this long (a new atlas, DPR 2, a slow machine): the rest waits.
constexpr double kRebuildBudgetMs = 12.0;
// Empty cells reserved in the atlas at each full build: new glyphs are drawn into them and only their
// rectangle is uploaded (texSubImage2D). A full build (new texture) happens on a DPR change or when the
// cells run out, and then reserves twice as many as are in use.
constexpr std::size_t kMinFreeCells = 32;

struct BrowserGlyph {
    bool colored = false;
    float advance = 0.0f;
    int cell = -1;  // custom rect index; -1: zero-width, no cell
};

struct Atlas {
    std::vector<unsigned char> ttf;
    float lineToEm = 1.0f;                    // em size / ImGui font size (the font's hhea ascent − descent)
    std::map<char32_t, BrowserGlyph> glyphs;  // drawn by the browser, in the atlas
    std::set<char32_t> requested;             // asked for, not yet in the atlas
    float builtDpr = 0.0f;
    ImFont* font = nullptr;
    ImTextureID texture = nullptr;
    std::vector<int> cells;  // custom rect indices of the reserved cells
    std::size_t cellsUsed = 0;
    float size = 0.0f;  // font size in device pixels
    int box = 0;        // line height; cells are pad wider (left of the origin) and 2·pad taller (marks)
    int pad = 0;
    AtlasStats stats;
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

// Drawn in colour by the emoji fonts; everything else is text, tinted with the text colour.
bool isEmoji(char32_t cp) {
    return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) || (cp >= 0x2300 && cp <= 0x23FF) ||
           (cp >= 0x2B00 && cp <= 0x2BFF) || cp == 0x20E3 || cp == 0x00A9 || cp == 0x00AE ||
           (cp >= 0x25A0 && cp <= 0x25FF) || cp == 0x2139;
}

// The cap at this atlas's devicePixelRatio: a cell holds dpr² times the pixels, so the cap shrinks by as
// much and the largest texture (whose new build is the longest frame a message can cause) stays the size
// it has at DPR 1.
std::size_t maxBrowserGlyphs() {
    const float dpr = std::max(1.0f, g.builtDpr);
    return std::max(kMinFreeCells, static_cast<std::size_t>(static_cast<float>(kMaxBrowserGlyphs) / (dpr * dpr)));
}

std::size_t cellsNeeded(std::size_t glyphs) { return std::min(maxBrowserGlyphs(), std::max(kMinFreeCells, 2 * glyphs)); }

// em / (hhea ascent − descent): what stb_truetype's ScaleForPixelHeight makes of ImGui's font size, so
// the browser draws other scripts at the size DejaVu text has. 1 when the tables cannot be read.
float lineToEmRatio(const std::vector<unsigned char>& f) {
    auto u16 = [&](std::size_t at) { return at + 2 <= f.size() ? (f[at] << 8) | f[at + 1] : 0; };
    auto u32 = [&](std::size_t at) { return (static_cast<std::size_t>(u16(at)) << 16) | u16(at + 2); };
    std::size_t head = 0, hhea = 0;
    for (std::size_t i = 0, n = u16(4); i < n; ++i) {
        const std::size_t rec = 12 + 16 * i;
        if (rec + 16 > f.size()) break;
        if (std::memcmp(&f[rec], "head", 4) == 0) head = u32(rec + 8);
        if (std::memcmp(&f[rec], "hhea", 4) == 0) hhea = u32(rec + 8);
    }
    const int unitsPerEm = head != 0 ? u16(head + 18) : 0;
    const int line = hhea != 0 ? static_cast<std::int16_t>(u16(hhea + 4)) - static_cast<std::int16_t>(u16(hhea + 6)) : 0;
    return unitsPerEm > 0 && line > 0 ? static_cast<float>(unitsPerEm) / static_cast<float>(line) : 1.0f;
}

unsigned char* cellPixels(ImFontAtlas* atlas, const ImFontAtlasCustomRect* r, int* stride) {
    unsigned char* pixels = nullptr;
    int texW = 0, texH = 0;
    atlas->GetTexDataAsRGBA32(&pixels, &texW, &texH);
    *stride = texW * 4;
    return pixels + (r->Y * texW + r->X) * 4;
}

// Adds one browser glyph to the built font (its pixels are already in its cell). The caller rebuilds
// the lookup table.
void addToFont(ImFontAtlas* atlas, char32_t cp, const BrowserGlyph& bg) {
    const auto c = static_cast<ImWchar>(cp);
    if (bg.cell < 0) {
        g.font->AddGlyph(nullptr, c, 0, 0, 0, 0, 0, 0, 0, 0, 0.0f);
        return;
    }
    const ImFontAtlasCustomRect* r = atlas->GetCustomRectByIndex(bg.cell);
    const float u = atlas->TexUvScale.x, v = atlas->TexUvScale.y;
    if (bg.colored) {  // the square at the cell's top
        g.font->AddGlyph(nullptr, c, 0, 0, g.box, g.box, r->X * u, r->Y * v, (r->X + g.box) * u, (r->Y + g.box) * v,
                         bg.advance);
        g.font->Glyphs.back().Colored = 1;  // drawn untinted
    } else {  // the whole cell: its origin pad from the left, its baseline at the font's ascent + pad
        g.font->AddGlyph(nullptr, c, -g.pad, -g.pad, r->Width - g.pad, r->Height - g.pad, r->X * u, r->Y * v,
                         (r->X + r->Width) * u, (r->Y + r->Height) * v, bg.advance);
    }
}

// Draws a new glyph into the next free cell. Returns the cell's rect (null for zero-width).
const ImFontAtlasCustomRect* drawGlyph(ImFontAtlas* atlas, char32_t cp) {
    BrowserGlyph bg;
    bg.colored = isEmoji(cp);
    const ImFontAtlasCustomRect* r = nullptr;
    if (!zeroWidth(cp)) {
        bg.cell = g.cells[g.cellsUsed++];
        r = atlas->GetCustomRectByIndex(bg.cell);
        int stride = 0;
        unsigned char* dst = cellPixels(atlas, r, &stride);
        if (bg.colored) {
            js_draw_emoji(static_cast<unsigned>(cp), g.box, g.box, dst, stride);
            bg.advance = g.size + std::round(g.builtDpr);
        } else {
            const int baseline = g.pad + static_cast<int>(std::round(g.font->Ascent));
            bg.advance = static_cast<float>(js_draw_text_glyph(static_cast<unsigned>(cp), g.size * g.lineToEm, g.pad,
                                                               baseline, r->Width, r->Height, dst, stride));
        }
    }
    g.glyphs[cp] = bg;
    addToFont(atlas, cp, bg);
    return r;
}

// BuildLookupTable appends a TAB glyph after the last one; drop it first so repeated additions do not
// leave one stale TAB each. The lookup table (and FallbackGlyph, a pointer into Glyphs) is rebuilt next.
void dropTabGlyph() {
    if (!g.font->Glyphs.empty() && g.font->Glyphs.back().Codepoint == '\t') g.font->Glyphs.pop_back();
}

// A new atlas and texture. The browser glyphs keep their pixels (copied from the old cells) when the
// size stays; after a DPR change they are dropped, and the text drawn next asks for them again.
void fullBuild(float dpr, std::size_t cellsWanted) {
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    std::vector<unsigned char> old;
    int oldStride = 0;
    std::map<char32_t, std::pair<int, int>> oldAt;  // code point → cell position in `old`
    if (dpr == g.builtDpr && atlas->TexPixelsRGBA32 != nullptr) {
        oldStride = atlas->TexWidth * 4;
        const auto* bytes = reinterpret_cast<const unsigned char*>(atlas->TexPixelsRGBA32);
        old.assign(bytes, bytes + static_cast<std::size_t>(oldStride) * atlas->TexHeight);
        for (const auto& [cp, bg] : g.glyphs) {
            if (bg.cell >= 0) oldAt[cp] = {atlas->GetCustomRectByIndex(bg.cell)->X, atlas->GetCustomRectByIndex(bg.cell)->Y};
        }
    } else {
        g.glyphs.clear();
    }
    g.builtDpr = dpr;
    atlas->Clear();
    // As tall as the glyphs need (WebGL2 takes any size), not the next power of two: at the glyph cap
    // and DPR 2 that is about 2048 × 2100 rather than 2048 × 4096 (16 MB of RGBA instead of 32).
    atlas->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
    g.size = std::round(kBaseSizeCss * dpr);
    g.box = static_cast<int>(g.size);
    g.pad = static_cast<int>(std::ceil(g.size * 0.15f));
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
    g.cells.clear();
    g.cellsUsed = 0;
    for (std::size_t i = 0; i < cellsWanted; ++i) g.cells.push_back(atlas->AddCustomRectRegular(g.box + g.pad, g.box + 2 * g.pad));
    atlas->Build();
    unsigned char* pixels = nullptr;
    int texW = 0, texH = 0;
    atlas->GetTexDataAsRGBA32(&pixels, &texW, &texH);
    for (auto& [cp, bg] : g.glyphs) {
        if (bg.cell >= 0) {
            bg.cell = g.cells[g.cellsUsed++];
            const ImFontAtlasCustomRect* r = atlas->GetCustomRectByIndex(bg.cell);
            const auto [ox, oy] = oldAt[cp];
            for (int y = 0; y < r->Height; ++y) {
                std::memcpy(pixels + ((r->Y + y) * texW + r->X) * 4, &old[(oy + y) * oldStride + ox * 4], r->Width * 4u);
            }
        }
        addToFont(atlas, cp, bg);
    }
    dropTabGlyph();
    g.font->BuildLookupTable();
    if (g.texture != nullptr) gl::destroyTexture(g.texture);
    g.texture = gl::createTexture(texW, texH, pixels);
    atlas->SetTexID(g.texture);
    ++g.stats.fullBuilds;
}

// Adds at most kMaxNewPerRebuild requested glyphs, fewer past kRebuildBudgetMs (the rest stay requested:
// rebuildPending keeps frames coming), or makes a new atlas for a new DPR.
void addRequested(float dpr) {
    if (dpr != g.builtDpr) {
        g.requested.clear();  // asked for at the old size; what is still on screen asks again
        fullBuild(dpr, kMinFreeCells);
        g.stats.lastAdded = 0;
        return;
    }
    const double start = emscripten_get_now();
    std::vector<char32_t> added;
    for (auto it = g.requested.begin(); it != g.requested.end() && added.size() < kMaxNewPerRebuild;) {
        added.push_back(*it);
        it = g.requested.erase(it);
    }
    const std::size_t newCells =
        static_cast<std::size_t>(std::count_if(added.begin(), added.end(), [](char32_t c) { return !zeroWidth(c); }));
    if (g.cellsUsed + newCells > g.cells.size()) fullBuild(dpr, cellsNeeded(g.cellsUsed + newCells));
    // Into free cells of the texture there is: only their rectangles are uploaded.
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    dropTabGlyph();
    std::size_t drawn = 0;
    for (; drawn < added.size() && (drawn == 0 || emscripten_get_now() - start < kRebuildBudgetMs); ++drawn) {
        if (const ImFontAtlasCustomRect* r = drawGlyph(atlas, added[drawn])) {
            int stride = 0;
            gl::updateTexture(g.texture, r->X, r->Y, r->Width, r->Height, cellPixels(atlas, r, &stride), stride);
        }
    }
    g.requested.insert(added.begin() + static_cast<std::ptrdiff_t>(drawn), added.end());
    g.font->BuildLookupTable();
    g.stats.lastAdded = drawn;
}

}  // namespace

void setFontData(std::vector<unsigned char> ttf) {
    g.ttf = std::move(ttf);
    g.lineToEm = g.ttf.empty() ? 1.0f : lineToEmRatio(g.ttf);
    g.builtDpr = 0.0f;
}

void requestGlyph(char32_t codepoint) {
    if (codepoint > 0x10FFFF || (codepoint >= 0xD800 && codepoint <= 0xDFFF)) return;  // no character (JS would throw)
    if (g.glyphs.size() + g.requested.size() >= maxBrowserGlyphs() || g.glyphs.count(codepoint) != 0) return;
    g.requested.insert(codepoint);
}

bool rebuildPending(float dpr) { return dpr != g.builtDpr || !g.requested.empty(); }

bool rebuild(float dpr) {
    if (!rebuildPending(dpr)) return false;
    const double start = emscripten_get_now();
    addRequested(dpr);
    g.stats.lastRebuildMs = emscripten_get_now() - start;
    g.stats.worstRebuildMs = std::max(g.stats.worstRebuildMs, g.stats.lastRebuildMs);
    return true;
}

std::vector<char32_t> missingGlyphs(std::string_view text) {
    std::vector<char32_t> out;
    if (g.font == nullptr) return out;
    const char* p = text.data();
    const char* end = p + text.size();
    while (p < end) {
        unsigned int c = 0;
        const int n = ImTextCharFromUtf8(&c, p, end);
        p += n > 0 ? n : 1;
        const bool drawn = c >= 0x20 && c != 0x7F && (c < 0x80 || c > 0x9F);  // not a control
        if (drawn && g.font->FindGlyphNoFallback(static_cast<ImWchar>(c)) == nullptr) out.push_back(c);
    }
    return out;
}

AtlasStats stats() {
    AtlasStats s = g.stats;
    s.width = ImGui::GetIO().Fonts->TexWidth;
    s.height = ImGui::GetIO().Fonts->TexHeight;
    s.browserGlyphs = g.glyphs.size();
    s.pending = g.requested.size();
    return s;
}

}  // namespace starling::web::fonts
