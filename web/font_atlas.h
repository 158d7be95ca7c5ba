#pragma once
// The font atlas: the DejaVu Sans subset rasterised at size × devicePixelRatio, plus colour emoji drawn
// by the browser (Canvas2D fillText) into custom glyph rects, added on demand when text needs them.
#include <vector>

namespace starling::web::fonts {

constexpr float kBaseSizeCss = 16.0f;

void setFontData(std::vector<unsigned char> ttf);  // empty: ImGui's built-in font (Latin only)
void requestGlyph(char32_t codepoint);             // called while drawing: glyph missing from the atlas
bool rebuildPending(float devicePixelRatio);       // the next rebuild() would change the atlas
// Rebuilds the atlas and re-uploads the texture if the DPR changed or glyphs were requested. Only
// outside NewFrame()..Render(). Returns true when it rebuilt.
bool rebuild(float devicePixelRatio);

}  // namespace starling::web::fonts
