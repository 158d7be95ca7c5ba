// Colour emoji for the font atlas, drawn by the browser (web/font_atlas.cpp).
// An Emscripten JS library (--js-library, web/CMakeLists.txt). Names read from outside the compiled
// code (Module, window and JSON properties) are quoted so Closure keeps them.
mergeInto(LibraryManager.library, {
  js_draw_emoji: function(cp, w, h, dst, stride) {
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
  },
});
