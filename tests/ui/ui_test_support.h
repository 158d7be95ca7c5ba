#pragma once
// Shared pieces of the headless UI tests: ImGui without a backend, frames drawn by ui::App, clicks and
// keys as the web input layer delivers them (DOM keyCodes as key indices).
#include <imgui.h>

#include <algorithm>
#include <string>
#include <vector>

#include "client_test_harness.h"
#include "ui/app.h"
#include "ui/draw_report.h"

namespace starling::uitest {

class Headless {
public:
    Headless(float w, float h) : m_ctx(ImGui::CreateContext()) {
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(w, h);
        unsigned char* pixels = nullptr;
        int tw = 0, th = 0;
        io.Fonts->GetTexDataAsAlpha8(&pixels, &tw, &th);  // NewFrame needs a built atlas
    }
    ~Headless() { ImGui::DestroyContext(m_ctx); }
    void resize(float w, float h) { ImGui::GetIO().DisplaySize = ImVec2(w, h); }
    // A few frames: ImGui lays out, then scrolls and focuses on the frames after.
    void frames(ui::App& app, ui::DrawReport& report, int n = 3) {
        for (int i = 0; i < n; ++i) {
            ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
            ImGui::NewFrame();
            report.clear();
            app.draw(1.0f, report);
            ImGui::Render();
        }
    }

private:
    ImGuiContext* m_ctx;
};

inline std::string incoming(const std::string& from, const std::string& id, const std::string& body) {
    return test::stanza(R"(<message from=")" + from + R"(" to="user@localhost" type="chat" id=")" + id + R"("><body>)" +
                        body + "</body></message>");
}

inline bool contains(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

inline const ui::DrawnText* drawnText(const ui::DrawReport& r, const std::string& text) {
    for (const auto& t : r.texts) {
        if (t.text == text) return &t;
    }
    return nullptr;
}

// A click at (x, y): press for one frame, release on the next.
inline void clickAt(ui::App& app, Headless& gui, ui::DrawReport& report, float x, float y) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(x, y);
    gui.frames(app, report, 1);
    io.MouseDown[0] = true;
    gui.frames(app, report, 1);
    io.MouseDown[0] = false;
    gui.frames(app, report, 2);
}

// A click on an item of ours: over its centre.
inline void click(ui::App& app, Headless& gui, ui::DrawReport& report, const ui::DrawnText& t) {
    clickAt(app, gui, report, t.x + t.w * 0.5f, t.y + t.h * 0.5f);
}

// A key (DOM keyCode) pressed for one frame and released on the next, with Ctrl held if asked.
inline void pressKey(ui::App& app, Headless& gui, ui::DrawReport& report, int key, bool ctrl = false) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyCtrl = ctrl;
    io.KeysDown[key] = true;
    gui.frames(app, report, 1);
    io.KeysDown[key] = false;
    io.KeyCtrl = false;
    gui.frames(app, report, 1);
}

// The key map of the web input layer (web/input_bridge.cpp).
inline void webKeyMap() {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyMap[ImGuiKey_Enter] = 13;
    io.KeyMap[ImGuiKey_Escape] = 27;
    io.KeyMap[ImGuiKey_LeftArrow] = 37;
    io.KeyMap[ImGuiKey_RightArrow] = 39;
    io.KeyMap[ImGuiKey_UpArrow] = 38;
    io.KeyMap[ImGuiKey_DownArrow] = 40;
    io.KeyMap[ImGuiKey_Backspace] = 8;
    io.KeyMap[ImGuiKey_PageUp] = 33;
    io.KeyMap[ImGuiKey_PageDown] = 34;
}

}  // namespace starling::uitest
