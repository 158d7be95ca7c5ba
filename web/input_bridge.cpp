#include "web/input_bridge.h"

#include <emscripten.h>

#include <deque>
#include <string>

#include <imgui.h>

#include "web/runtime.h"

namespace starling::web::input {
namespace {

enum Mod { kCtrl = 1, kShift = 2, kAlt = 4, kMeta = 8 };
enum class Type { Move, Button, Wheel, Key, Mods, Text };

struct Event {
    Type type;
    int code = 0;  // key code (DOM keyCode) or mouse button
    bool down = false;
    int mods = 0;
    float x = 0, y = 0;
    std::string text;
};

std::deque<Event> g_queue;
std::string g_clipboard;
int g_imeX = -1, g_imeY = -1;
int g_cursor = -2;
// Frames since a mouse button last changed. Keyboard input that follows a click waits until ImGui has
// acted on it: release → (popup opens) → SetKeyboardFocusHere lands two frames later; typed text would
// otherwise reach no field and be lost.
int g_framesSinceClick = 100;
constexpr int kKeyboardSettleFrames = 2;

void push(Event e) {
    // Consecutive pointer moves collapse into the last one.
    if (e.type == Type::Move && !g_queue.empty() && g_queue.back().type == Type::Move) {
        g_queue.back() = std::move(e);
    } else {
        g_queue.push_back(std::move(e));
    }
    wake(3);
}

void applyMods(ImGuiIO& io, int mods) {
    io.KeyCtrl = (mods & kCtrl) != 0;
    io.KeyShift = (mods & kShift) != 0;
    io.KeyAlt = (mods & kAlt) != 0;
    io.KeySuper = (mods & kMeta) != 0;
}

// clang-format off
EM_JS(void, js_install_input, (), {
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
});

EM_JS(void, js_write_clipboard, (const char* text), {
    var s = UTF8ToString(text);
    var clip = Module["__starlingClip"];
    if (!navigator.clipboard || !navigator.clipboard.writeText) return;
    clip["writing"]++;
    navigator.clipboard.writeText(s).catch(function() {}).then(function() { clip["writing"]--; });
});

EM_JS(void, js_place_textarea, (float x, float y, float h), {
    var ta = document.getElementById("starling-input");
    ta.style.left = x + "px";
    ta.style.top = y + "px";
    ta.style.height = h + "px";
});

EM_JS(void, js_set_cursor, (int shape), {
    var names = ["default", "text", "move", "ns-resize", "ew-resize", "nesw-resize", "nwse-resize", "pointer", "not-allowed"];
    Module["canvas"].style.cursor = shape < 0 ? "none" : (names[shape] || "default");
});
// clang-format on

const char* getClipboard(void*) { return g_clipboard.c_str(); }

void setClipboard(void*, const char* text) {
    g_clipboard = text;
    js_write_clipboard(text);
}

void imePosition(int x, int y) {
    g_imeX = x;
    g_imeY = y;
}

}  // namespace

void install() {
    ImGuiIO& io = ImGui::GetIO();
    // Our own key indices: DOM keyCodes (all < 512).
    io.KeyMap[ImGuiKey_Tab] = 9;
    io.KeyMap[ImGuiKey_LeftArrow] = 37;
    io.KeyMap[ImGuiKey_RightArrow] = 39;
    io.KeyMap[ImGuiKey_UpArrow] = 38;
    io.KeyMap[ImGuiKey_DownArrow] = 40;
    io.KeyMap[ImGuiKey_PageUp] = 33;
    io.KeyMap[ImGuiKey_PageDown] = 34;
    io.KeyMap[ImGuiKey_Home] = 36;
    io.KeyMap[ImGuiKey_End] = 35;
    io.KeyMap[ImGuiKey_Insert] = 45;
    io.KeyMap[ImGuiKey_Delete] = 46;
    io.KeyMap[ImGuiKey_Backspace] = 8;
    io.KeyMap[ImGuiKey_Space] = 32;
    io.KeyMap[ImGuiKey_Enter] = 13;
    io.KeyMap[ImGuiKey_Escape] = 27;
    io.KeyMap[ImGuiKey_KeyPadEnter] = 13;
    io.KeyMap[ImGuiKey_A] = 65;
    io.KeyMap[ImGuiKey_C] = 67;
    io.KeyMap[ImGuiKey_V] = 86;
    io.KeyMap[ImGuiKey_X] = 88;
    io.KeyMap[ImGuiKey_Y] = 89;
    io.KeyMap[ImGuiKey_Z] = 90;
    io.GetClipboardTextFn = getClipboard;
    io.SetClipboardTextFn = setClipboard;
    io.ImeSetInputScreenPosFn = imePosition;
    io.BackendFlags |= ImGuiBackendFlags_HasMouseCursors;
    js_install_input();
}

void applyToImGui() {
    ImGuiIO& io = ImGui::GetIO();
    bool keyTouched[512] = {};
    bool buttonTouched[5] = {};
    bool keySeen = false, buttonSeen = false;
    int frameMods = -1;
    if (g_framesSinceClick < 100) ++g_framesSinceClick;
    while (!g_queue.empty()) {
        Event& e = g_queue.front();
        if (e.type == Type::Move) {
            if (buttonSeen) break;  // a click lands where the pointer was when it happened
            io.MousePos = ImVec2(e.x, e.y);
        } else if (e.type == Type::Button) {
            if (e.code < 0 || e.code >= 5) {
                g_queue.pop_front();
                continue;
            }
            if (buttonTouched[e.code]) break;
            if (io.MouseDown[e.code] != e.down) {
                buttonTouched[e.code] = true;
                buttonSeen = true;
                io.MouseDown[e.code] = e.down;
                g_framesSinceClick = 0;
            }
        } else if (e.type == Type::Wheel) {
            io.MouseWheelH += e.x;
            io.MouseWheel += e.y;
        } else if (e.type == Type::Key || e.type == Type::Mods) {
            if (e.type == Type::Key && g_framesSinceClick < kKeyboardSettleFrames) break;
            int mods = e.mods;
            // Shift+Enter reaches ImGui as Ctrl+Enter: the composer uses CtrlEnterForNewLine, so Enter
            // sends and Shift+Enter inserts a newline.
            if (e.code == 13 && (mods & kShift) && !(mods & kCtrl)) mods = (mods & ~kShift) | kCtrl;
            if (e.code < 0 || e.code >= 512) {
                g_queue.pop_front();
                continue;
            }
            // Modifiers are one level per frame: a change waits for the next frame.
            if (frameMods != -1 && mods != frameMods) break;
            if (e.type == Type::Key) {
                if (keyTouched[e.code]) break;
                if (io.KeysDown[e.code] != e.down) {
                    keyTouched[e.code] = true;
                    keySeen = true;
                    io.KeysDown[e.code] = e.down;
                }
            }
            frameMods = mods;
            applyMods(io, mods);
        } else if (e.type == Type::Text) {
            if (keySeen) break;  // InputText applies characters before keys within a frame
            if (g_framesSinceClick < kKeyboardSettleFrames) break;
            io.AddInputCharactersUTF8(e.text.c_str());
        }
        g_queue.pop_front();
    }
}

bool pending() { return !g_queue.empty(); }

bool anyHeld() {
    const ImGuiIO& io = ImGui::GetIO();
    for (bool b : io.MouseDown) {
        if (b) return true;
    }
    for (bool k : io.KeysDown) {
        if (k) return true;
    }
    return false;
}

void afterFrame(float dpr) {
    ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput && g_imeX >= 0) {
        js_place_textarea(static_cast<float>(g_imeX) / dpr, static_cast<float>(g_imeY) / dpr,
                          ImGui::GetFontSize() / dpr);
    }
    int cursor = io.MouseDrawCursor ? -1 : static_cast<int>(ImGui::GetMouseCursor());
    if (cursor != g_cursor) {
        g_cursor = cursor;
        js_set_cursor(cursor);
    }
}

}  // namespace starling::web::input

extern "C" {

using starling::web::input::Event;
using starling::web::input::Type;

EMSCRIPTEN_KEEPALIVE void starling_in_move(float x, float y) {
    Event e{Type::Move};
    e.x = x;
    e.y = y;
    starling::web::input::push(std::move(e));
}

EMSCRIPTEN_KEEPALIVE void starling_in_button(int button, int down, int mods) {
    Event e{Type::Button};
    e.code = button;
    e.down = down != 0;
    e.mods = mods;
    starling::web::input::push(std::move(e));
}

EMSCRIPTEN_KEEPALIVE void starling_in_wheel(float dx, float dy) {
    Event e{Type::Wheel};
    e.x = dx;
    e.y = dy;
    starling::web::input::push(std::move(e));
}

EMSCRIPTEN_KEEPALIVE void starling_in_key(int code, int down, int mods) {
    Event e{Type::Key};
    e.code = code;
    e.down = down != 0;
    e.mods = mods;
    starling::web::input::push(std::move(e));
}

EMSCRIPTEN_KEEPALIVE void starling_in_mods(int mods) {
    Event e{Type::Mods};
    e.mods = mods;
    starling::web::input::push(std::move(e));
}

EMSCRIPTEN_KEEPALIVE void starling_in_text(const char* utf8) {
    Event e{Type::Text};
    e.text = utf8;
    starling::web::input::push(std::move(e));
}

EMSCRIPTEN_KEEPALIVE void starling_in_set_clipboard(const char* utf8) { starling::web::input::g_clipboard = utf8; }

// Focus left the textarea: release every key ImGui believes is held (their keyup will not come).
EMSCRIPTEN_KEEPALIVE void starling_in_blur() {
    ImGuiIO& io = ImGui::GetIO();
    for (int k = 0; k < 512; ++k) {
        if (io.KeysDown[k]) starling_in_key(k, 0, 0);
    }
    starling_in_mods(0);
}

EMSCRIPTEN_KEEPALIVE int starling_in_pump() {
    starling::web::renderNow();
    return ImGui::GetIO().WantTextInput ? 1 : 0;
}

}  // extern "C"
