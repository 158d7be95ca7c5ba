#pragma once
// What the UI drew in the last frame, for the test hook (window.__xmppTest). Filled by App::draw; the
// hook reads it between frames. Cheap: a few short vectors, refilled only when a frame is drawn.
#include <cstdint>
#include <string>
#include <vector>

namespace starling::ui {

struct DrawReport {
    std::uint64_t frame = 0;                 // number of the frame this report describes
    bool loginScreen = false;                // the login form was drawn
    bool rosterScreen = false;               // the logged-in screen (roster pane) was drawn
    std::vector<std::string> rosterRows;     // bare JIDs of roster rows drawn (not clipped away)
    std::string openChat;                    // bare JID of the chat drawn, empty if none
    std::vector<std::string> visibleBodies;  // bodies of messages drawn inside the chat's visible area

    void clear() {
        loginScreen = false;
        rosterScreen = false;
        rosterRows.clear();
        openChat.clear();
        visibleBodies.clear();
    }
};

}  // namespace starling::ui
