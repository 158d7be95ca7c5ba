// The input bridge (web/input_bridge.cpp): pointer, touch and wheel on the canvas, keys and text
// through the hidden textarea, clipboard, IME placement and the cursor shape.
// An Emscripten JS library (--js-library, web/CMakeLists.txt). Names read from outside the compiled
// code (Module, window and JSON properties) are quoted so Closure keeps them.
mergeInto(LibraryManager.library, {
  js_install_input__deps: ['malloc', 'free'],
  js_install_input: function() {
    var canvas = Module["canvas"];
    var ta = document.getElementById("starling-input");
    function dpr() { return window.devicePixelRatio || 1; }
    function mods(e) { return (e.ctrlKey ? 1 : 0) | (e.shiftKey ? 2 : 0) | (e.altKey ? 4 : 0) | (e.metaKey ? 8 : 0); }
    function move(e) {
        var r = canvas.getBoundingClientRect();
        _starling_in_move((e.clientX - r.left) * dpr(), (e.clientY - r.top) * dpr());
    }
    function button(b) { return b === 2 ? 1 : b === 1 ? 2 : b; }
    function sendString(fn, s) {
        var b = new TextEncoder().encode(s);
        var p = _malloc(b.length + 1);
        HEAPU8.set(b, p);
        HEAPU8[p + b.length] = 0;
        fn(p);
        _free(p);
    }
    function focusInput() { if (document.activeElement !== ta) ta.focus({"preventScroll": true}); }

    canvas.addEventListener("mousedown", function(e) {
        e.preventDefault();  // keep the focus where we put it
        focusInput();        // synchronously inside the gesture
        move(e);
        _starling_in_button(button(e.button), 1, mods(e));
    });
    window.addEventListener("mouseup", function(e) { move(e); _starling_in_button(button(e.button), 0, mods(e)); });
    window.addEventListener("mousemove", move);
    canvas.addEventListener("contextmenu", function(e) { e.preventDefault(); });
    canvas.addEventListener("wheel", function(e) {
        e.preventDefault();
        var k = e.deltaMode === 1 ? 1 / 3 : e.deltaMode === 2 ? 10 : 1 / 100;
        _starling_in_wheel(-e.deltaX * k, -e.deltaY * k);
    }, {"passive": false});

    // Touch: a tap is a click; a drag scrolls (ImGui 1.86 has no touch scrolling of its own).
    var touch = null;
    function findTouch(list) {
        for (var i = 0; i < list.length; i++) if (list[i].identifier === touch.id) return list[i];
        return null;
    }
    canvas.addEventListener("touchstart", function(e) {
        e.preventDefault();
        var t = e.changedTouches[0];
        touch = {"id": t.identifier, "x": t.clientX, "y": t.clientY, "lx": t.clientX, "ly": t.clientY, "drag": false};
        move(t);
    }, {"passive": false});
    canvas.addEventListener("touchmove", function(e) {
        e.preventDefault();
        if (!touch) return;
        var t = findTouch(e.changedTouches);
        if (!t) return;
        if (!touch["drag"] && Math.hypot(t.clientX - touch["x"], t.clientY - touch["y"]) > 8) touch["drag"] = true;
        if (touch["drag"]) _starling_in_wheel((t.clientX - touch["lx"]) / 80, (t.clientY - touch["ly"]) / 80);
        touch["lx"] = t.clientX;
        touch["ly"] = t.clientY;
    }, {"passive": false});
    canvas.addEventListener("touchend", function(e) {
        e.preventDefault();
        if (!touch) return;
        var t = findTouch(e.changedTouches);
        if (!t) return;
        var tap = !touch["drag"];
        touch = null;
        if (!tap) return;
        move(t);
        _starling_in_button(0, 1, 0);
        _starling_in_button(0, 0, 0);
        // Run the frames now so we know whether a text field became active: the mobile keyboard only
        // opens when the focus moves inside the gesture.
        if (_starling_in_pump()) focusInput(); else ta.blur();
    }, {"passive": false});
    canvas.addEventListener("touchcancel", function() { touch = null; });

    // Keys that edit or move go to ImGui as keys; printable text arrives through "input".
    // Copy/cut run in a later frame and navigator.clipboard.writeText is asynchronous: a paste right after
    // them would read the system clipboard before our text reached it. Then ImGui's own copy is newer.
    var clip = Module["__starlingClip"] = {"copyKeyAt": 0, "writing": 0};
    var special = {8: 1, 9: 1, 13: 1, 27: 1, 33: 1, 34: 1, 35: 1, 36: 1, 37: 1, 38: 1, 39: 1, 40: 1, 45: 1, 46: 1};
    var held = {};
    var modifierKeys = {16: 1, 17: 1, 18: 1, 91: 1, 92: 1, 93: 1, 224: 1};
    ta.addEventListener("keydown", function(e) {
        if (e.isComposing || e.keyCode === 229) return;
        var k = e.keyCode;
        if (modifierKeys[k]) { _starling_in_mods(mods(e)); return; }
        var combo = (e.ctrlKey || e.metaKey) && !e.altKey && k >= 65 && k <= 90;
        if (combo && k === 86) return;  // Ctrl+V: let the browser raise "paste"
        if (combo && (k === 67 || k === 88)) clip["copyKeyAt"] = Date.now();
        if (!special[k] && !combo) return;
        e.preventDefault();
        held[k] = 1;
        _starling_in_key(k, 1, mods(e));
    });
    ta.addEventListener("keyup", function(e) {
        var k = e.keyCode;
        if (!held[k]) { _starling_in_mods(mods(e)); return; }
        delete held[k];
        _starling_in_key(k, 0, mods(e));
    });
    ta.addEventListener("input", function(e) {
        if (e.isComposing) return;
        var v = ta.value;
        ta.value = "";
        if (v) sendString(_starling_in_text, v);
    });
    ta.addEventListener("compositionend", function() {
        var v = ta.value;
        ta.value = "";
        if (v) sendString(_starling_in_text, v);
    });
    ta.addEventListener("blur", function() { held = {}; _starling_in_blur(); });
    // Capture phase: the text becomes ImGui's clipboard, then a Ctrl+V makes ImGui paste it.
    document.addEventListener("paste", function(e) {
        if (document.activeElement !== ta) return;
        e.preventDefault();
        var stale = clip["writing"] > 0 || Date.now() - clip["copyKeyAt"] < 1000;
        if (!stale) sendString(_starling_in_set_clipboard, e.clipboardData ? e.clipboardData.getData("text/plain") : "");
        _starling_in_key(86, 1, 1);
        _starling_in_key(86, 0, 1);
    }, true);
    focusInput();
  },

  js_write_clipboard: function(text) {
    var s = UTF8ToString(text);
    var clip = Module["__starlingClip"];
    if (!navigator.clipboard || !navigator.clipboard.writeText) return;
    clip["writing"]++;
    navigator.clipboard.writeText(s).catch(function() {}).then(function() { clip["writing"]--; });
  },

  js_place_textarea: function(x, y, h) {
    var ta = document.getElementById("starling-input");
    ta.style.left = x + "px";
    ta.style.top = y + "px";
    ta.style.height = h + "px";
  },

  js_set_cursor: function(shape) {
    var names = ["default", "text", "move", "ns-resize", "ew-resize", "nesw-resize", "nwse-resize", "pointer", "not-allowed"];
    Module["canvas"].style.cursor = shape < 0 ? "none" : (names[shape] || "default");
  },
});
