#include "web/input_bridge.h"

#include <emscripten.h>

#include <deque>
#include <string>

#include <imgui.h>

#include "web/runtime.h"

// web/js/input.js
extern "C" void js_install_input();
extern "C" void js_write_clipboard(const char* text);
extern "C" void js_place_textarea(float x, float y, float h);
extern "C" void js_set_cursor(int shape);

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
