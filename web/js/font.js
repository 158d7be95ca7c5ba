// Glyphs the DejaVu subset lacks, drawn by the browser for the font atlas (web/font_atlas.cpp): emoji in
// colour, every other script in white coverage (ImGui tints it with the text colour).
// An Emscripten JS library (--js-library, web/CMakeLists.txt). Names read from outside the compiled
// code (Module, window and JSON properties) are quoted so Closure keeps them.
mergeInto(LibraryManager.library, {
  $starlingGlyphCanvas: function(w, h) {
    var c = Module["__starlingEmojiCanvas"] || (Module["__starlingEmojiCanvas"] = document.createElement("canvas"));
    if (c.width !== w) c.width = w;
    if (c.height !== h) c.height = h;
    var g = c.getContext("2d", {"willReadFrequently": true});
    g.clearRect(0, 0, w, h);
    return g;
  },
  $starlingCopyGlyph: function(g, w, h, dst, stride) {
    var d = g.getImageData(0, 0, w, h).data;
    for (var y = 0; y < h; y++) HEAPU8.set(d.subarray(y * w * 4, (y + 1) * w * 4), dst + y * stride);
  },
  js_draw_emoji__deps: ["$starlingGlyphCanvas", "$starlingCopyGlyph"],
  js_draw_emoji: function(cp, w, h, dst, stride) {
    var g = starlingGlyphCanvas(w, h);
    g.font = Math.floor(h * 0.82) + 'px "Noto Color Emoji","Apple Color Emoji","Segoe UI Emoji",sans-serif';
    g.textAlign = "center";
    g.textBaseline = "middle";
    g.fillStyle = "#fff";  // a symbol no emoji font has, drawn by sans-serif: light on the dark UI
    g.fillText(String.fromCodePoint(cp), w / 2, h / 2 + h * 0.04);
    starlingCopyGlyph(g, w, h, dst, stride);
  },
  // The system's sans-serif (and its per-character fallbacks, e.g. a CJK font) at emPx, the pen at
  // (x, baseline); returns the advance the browser measures.
  js_draw_text_glyph__deps: ["$starlingGlyphCanvas", "$starlingCopyGlyph"],
  js_draw_text_glyph: function(cp, emPx, x, baseline, w, h, dst, stride) {
    var g = starlingGlyphCanvas(w, h);
    g.font = emPx + "px sans-serif";
    g.textAlign = "left";
    g.textBaseline = "alphabetic";
    g.fillStyle = "#fff";
    var s = String.fromCodePoint(cp);
    g.fillText(s, x, baseline);
    starlingCopyGlyph(g, w, h, dst, stride);
    return g.measureText(s).width;
  },
});
