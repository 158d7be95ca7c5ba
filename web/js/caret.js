// The text caret over the canvas (web/caret.cpp). It blinks by a timer that flips its opacity (shown
// 0.8 s, hidden 0.4 s, as ImGui's): a one-pixel layer changes twice per blink and the canvas is not redrawn.
// (A CSS animation did the same with no script, but made the compositor produce a frame at every vsync:
// 250 ms of renderer and GPU time per idle 10 s in bench/vs_converse.mjs.)
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
    s.display = "block";
    s.opacity = "1";
    clearTimeout(el["__starlingBlink"]);
    var shown = true;
    var flip = function() {
      shown = !shown;
      s.opacity = shown ? "1" : "0";
      el["__starlingBlink"] = setTimeout(flip, shown ? 800 : 400);
    };
    el["__starlingBlink"] = setTimeout(flip, 800);
  },
  js_caret_hide: function() {
    var el = document.getElementById("starling-caret");
    if (!el) return;
    el["__starlingKey"] = "";
    clearTimeout(el["__starlingBlink"]);
    el.style.display = "none";
  },
});
