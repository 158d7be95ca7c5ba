// The text caret over the canvas (web/caret.cpp). Its blink is a CSS animation of opacity that the
// compositor runs: a focused text field costs no script and no canvas redraw while it blinks.
// An Emscripten JS library (--js-library, web/CMakeLists.txt). Names read from outside the compiled
// code (Module, window and JSON properties) are quoted so Closure keeps them.
mergeInto(LibraryManager.library, {
  js_caret_show: function(x, y, width, height, rgba) {
    var el = document.getElementById("starling-caret");
    if (!el) return;
    var key = x + "," + y + "," + width + "," + height + "," + rgba;
    if (el["__starlingKey"] === key) return;  // unchanged: the blink runs on
    el["__starlingKey"] = key;
    var s = el.style;
    s.left = x + "px";
    s.top = y + "px";
    s.width = width + "px";
    s.height = height + "px";
    s.background = "rgba(" + (rgba >>> 24) + "," + ((rgba >>> 16) & 255) + "," + ((rgba >>> 8) & 255) + "," +
                   ((rgba & 255) / 255) + ")";
    // Moved (typing, a click): shown at once and the blink starts over, as ImGui's caret does.
    s.animation = "none";
    s.display = "block";
    void el.offsetWidth;
    s.animation = "";
  },
  js_caret_hide: function() {
    var el = document.getElementById("starling-caret");
    if (!el) return;
    el["__starlingKey"] = "";
    el.style.display = "none";
  },
});
