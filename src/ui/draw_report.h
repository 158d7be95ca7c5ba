#pragma once
// What the UI drew in the last frame, for the test hook (window.__xmppTest). Filled by App::draw; the
// hook reads it between frames. Cheap: a few short vectors, refilled only when a frame is drawn.
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace starling::ui {

// One of our own UI strings (label, button, status or problem message, banner) drawn in the last frame,
// with its item rectangle in CSS pixels (top-left of the canvas = top-left of the page).
struct DrawnText {
    std::string text;
    float x = 0, y = 0, w = 0, h = 0;
};

// A chat message drawn inside the visible part of the open chat: its id and row (CSS px, page coordinates).
struct DrawnMessage {
    std::string id;
    float y = 0, h = 0;
    std::size_t shownBytes = 0;  // bytes of its body drawn (a long body shows a part: "Show more")
    std::size_t bodyBytes = 0;   // bytes of its whole body
};

// A search result row drawn in the last frame (bare JID of the chat, message id, rectangle in CSS px).
struct DrawnHit {
    std::string peer, id;
    float x = 0, y = 0, w = 0, h = 0;
};

// A shared file drawn in the last frame: kind "image" (the picture itself was drawn), "audio" or "file".
struct DrawnMedia {
    std::string id;    // message id
    std::string kind;
    float w = 0, h = 0;  // drawn size, CSS px
    float x = 0, y = 0;  // its top-left, CSS px
};

// The picture viewer as drawn in the last frame (open false: not drawn): the message shown, its place
// among the chat's pictures (index from 1), the drawn size of the picture (0 while it loads) and the
// texture's (zoom = drawn / texture).
struct DrawnViewer {
    bool open = false;
    std::string id;
    int index = 0, count = 0;
    float w = 0, h = 0;
    int textureW = 0, textureH = 0;
    float scrollX = 0, scrollY = 0;  // the pan, CSS px
};

// An audio player drawn in the last frame (ui/voice_view.cpp): a voice message or any received audio
// (id: the message id) or the recording being listened to before sending (id "recording"); its state as
// the browser last said, the seek bar's rectangle in CSS px (a click at a fraction of it seeks there)
// and the Play/Pause button's.
struct DrawnPlayer {
    std::string id;
    bool playing = false, failed = false;
    double position = 0, duration = 0;  // seconds
    float x = 0, y = 0, w = 0, h = 0;      // the seek bar
    float bx = 0, by = 0, bw = 0, bh = 0;  // the Play/Pause button
    int bars = 0;  // the waveform's bars drawn in the bar's place (a voice message we recorded), 0: a line
};

// A styled run of a message body drawn in the last frame (ui/styled_text.cpp): its text (received text:
// for tests), its styles ("strong", "em", "strike", "code", "link", "marker" for a directive, "quote",
// "pre", "action" for "/me"; space-separated) and its rectangle in CSS px. Plain runs are not listed.
struct DrawnRun {
    std::string text, style;
    float x = 0, y = 0, w = 0, h = 0;
};

// The remote video of a connected call drawn in the last frame: its size on screen (CSS px) and the
// frame's size in pixels (call_view.cpp).
struct DrawnVideo {
    float x = 0, y = 0, w = 0, h = 0;
    int frameWidth = 0, frameHeight = 0;
};

struct DrawReport {
    std::uint64_t frame = 0;                 // number of the frame this report describes
    bool loginScreen = false;                // the login form was drawn
    bool rosterScreen = false;               // the roster pane was drawn
    bool loggedInScreen = false;             // the logged-in screen was drawn (any pane, narrow or wide)
    std::vector<std::string> rosterRows;     // bare JIDs of roster rows drawn (not clipped away)
    // (bare JID, its newest message as the row's second line shows it, before any "…" cut) per row drawn
    // with a message.
    std::vector<std::pair<std::string, std::string>> rosterPreviews;
    // (bare JID, the name on the row's first line) per row drawn: ours, theirs (XEP-0172), or the local part.
    std::vector<std::pair<std::string, std::string>> rosterNames;
    // (bare JID, muted) per row drawn with an unread badge: a muted chat's badge is grey, as in Telegram.
    std::vector<std::pair<std::string, bool>> unreadBadges;
    std::string openChat;                    // bare JID of the chat drawn, empty if none
    std::vector<std::string> visibleBodies;  // what is drawn of the bodies inside the chat's visible area
    std::vector<DrawnText> texts;            // our own strings drawn (see ui::drawn), not received text
    std::vector<DrawnMessage> visibleMessages;  // messages drawn inside the chat's visible area, top first
    std::string highlighted;                 // id of the highlighted (search result) message drawn, if any
    std::vector<DrawnHit> searchResults;     // search result rows drawn (not clipped away)
    std::size_t rowsMeasured = 0;            // chat rows whose height was measured in this frame
    // Bytes of text laid out by ImGui in this frame for received text (bodies, names, details) and for
    // measuring rows: the work a frame does for what others sent, bounded whatever they sent.
    std::size_t textBytes = 0;
    std::vector<std::string> occupantsShown;  // nicks of the open room's occupant list rows drawn
    std::vector<DrawnText> occupantRows;      // the same rows' rectangles (text: the nick, received: for tests)
    std::vector<std::string> mentionRows;     // ids of messages drawn highlighted as naming our nick
    std::vector<DrawnMedia> media;  // shared files drawn in this frame
    std::vector<DrawnRun> styledRuns;  // styled runs of bodies drawn (at most 512 a frame)
    std::vector<DrawnPlayer> players;  // audio players drawn
    DrawnVideo callVideo;              // the call's remote video (w 0: none drawn)
    bool callOwnVideo = false;         // our own video drawn in its corner
    std::string callDuration;          // "m:ss" of the connected call drawn ("" when none)
    DrawnViewer viewer;

    void clear() {
        loginScreen = false;
        rosterScreen = false;
        loggedInScreen = false;
        rosterRows.clear();
        rosterPreviews.clear();
        rosterNames.clear();
        unreadBadges.clear();
        openChat.clear();
        visibleBodies.clear();
        texts.clear();
        visibleMessages.clear();
        highlighted.clear();
        searchResults.clear();
        rowsMeasured = 0;
        textBytes = 0;
        occupantsShown.clear();
        occupantRows.clear();
        mentionRows.clear();
        media.clear();
        styledRuns.clear();
        players.clear();
        callVideo = {};
        callOwnVideo = false;
        callDuration.clear();
        viewer = DrawnViewer{};
    }
};

}  // namespace starling::ui
