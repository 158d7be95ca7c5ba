#pragma once
// The font atlas: the DejaVu Sans subset rasterised at size × devicePixelRatio, plus what it lacks drawn
// by the browser (Canvas2D fillText) into custom glyph rects, added on demand when text needs them:
// emoji in colour, every other script (Greek, Hebrew, Arabic, CJK, Thai, …) as white coverage that ImGui
// tints with the text colour, on DejaVu's baseline with the browser's advance. One glyph per code point:
// no shaping or bidi (ImGui has none), so Arabic shows unjoined and right-to-left text in logical order.
#include <string>
#include <string_view>
#include <vector>

namespace starling::web::fonts {

constexpr float kBaseSizeCss = 16.0f;

void setFontData(std::vector<unsigned char> ttf);  // empty: ImGui's built-in font (Latin only)
void requestGlyph(char32_t codepoint);             // called while drawing: glyph missing from the atlas
bool rebuildPending(float devicePixelRatio);       // the next rebuild() would change the atlas
// Rebuilds the atlas and re-uploads the texture if the DPR changed or glyphs were requested. Only
// outside NewFrame()..Render(). Returns true when it rebuilt.
bool rebuild(float devicePixelRatio);

// For the test hook: the code points of `text` the atlas has no glyph for (drawn as U+FFFD), and
// the atlas's size, browser glyph count and rebuild times.
std::vector<char32_t> missingGlyphs(std::string_view text);
struct AtlasStats {
    int width = 0, height = 0;       // texture, device pixels
    std::size_t browserGlyphs = 0;   // emoji + text drawn by the browser
    std::size_t pending = 0;         // requested, not yet drawn
    int fullBuilds = 0;              // new textures since the page loaded
    double lastRebuildMs = 0.0, worstRebuildMs = 0.0;  // rebuilds that added glyphs or made a texture
    std::size_t lastAdded = 0;       // glyphs added by the last rebuild
};
AtlasStats stats();

}  // namespace starling::web::fonts
