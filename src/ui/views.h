#pragma once
// Internal to src/ui: the UI's own state (form buffers, drafts, layout caches) and the view functions.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <imgui.h>

#include "core/client.h"
#include "ui/app.h"
#include "ui/draw_report.h"
#include "ui/i18n.h"
#include "ui/room_state.h"
#include "ui/message_actions.h"

struct ImVec4;

namespace starling::ui {

// Row heights of one chat at one wrap width (one cache per chat, so switching back measures nothing).
// heights[i] is measured for keys[i] (message id, status — a Failed row is taller — and the part of a long
// body shown, see rowKey); tops[i] is the y of
// row i, tops[n] the total. Rows prepended (an older history segment) or dropped at the front are
// recognised by the id of the old first row, so only the new rows are measured; a row inserted in the
// middle (archive catch-up) or turning Failed re-measures from that row on. Checked only when the
// client's revision moved.
struct RowCache {
    float width = 0;
    float fontSize = 0;
    Lang lang = Lang::En;  // a failed row's explanation is measured in the language shown
    std::uint64_t revision = ~std::uint64_t{0};
    std::vector<std::string> keys;
    std::vector<float> heights;
    std::vector<float> tops{0.0f};
};

// What the history pane remembers between frames to keep its place: the row at the top of the view
// (by id, index and y) so that rows inserted or re-measured above it never move what the person sees.
struct HistoryPlace {
    std::string jid;
    unsigned windowId = 0;  // ImGui ID of the history child window
    std::string anchorId;
    std::size_t anchorIndex = 0;
    float anchorTop = 0;
    float viewHeight = 0;
    std::string lastId;  // newest message drawn: a different one at the end is followed at the bottom
};

// The part of a long message body shown, in bytes: [begin, end). A body longer than kBodyStepBytes shows
// its first step; "Show more" adds a step, "Show earlier" goes back one; at most kBodyMaxShownBytes are
// drawn at once (the window then slides), so no body costs a frame more than that much text layout.
struct BodyWindow {
    std::size_t begin = 0;
    std::size_t end = 0;
};
inline constexpr std::size_t kBodyStepBytes = 4096;
inline constexpr std::size_t kBodyMaxShownBytes = 65536;
// One line of received text (a name, a JID, a server's detail) is laid out from at most this many bytes:
// wider than any screen at any font size, so a 100,000-character name costs what a long one does.
inline constexpr std::size_t kLineScanBytes = 2048;

enum class Pane { Roster, Chat, Settings };

// The picture viewer (attachment_view.cpp): opened by a click on a picture of chat `jid`; next/previous go
// through that chat's pictures in order. Zoom 0: fit.
struct ViewerUi {
    bool open = false;
    bool opening = false;  // clicked in this frame: opened at the top level
    std::string jid, id;
    float zoom = 0;
    bool resetScroll = false;
};

// Unread badges: blue, grey when the chat is muted (it counts in its row, not in the title).
inline constexpr ImU32 kUnreadBadge = IM_COL32(60, 120, 220, 255);
inline constexpr ImU32 kMutedBadge = IM_COL32(105, 110, 120, 255);

// Creating an account (signup_view.cpp): the picker is open; what the person typed into the server's form
// (by field var; list-multi choices apart), reset to the server's defaults when a new form arrives.
struct SignupUi {
    bool open = false;
    bool typing = false;  // "Another server…" shows its field
    std::string otherDomain;
    int formVersion = -1;
    bool focus = false;
    std::map<std::string, std::string> text;
    std::map<std::string, std::vector<std::string>> multi;
};

struct UiState {
    Lang lang = Lang::En;
    // Login form.
    std::string loginJid, loginPassword, loginWebsocket;
    bool loginRemember = true;
    bool loginAllowPlain = false;
    bool loginSubmitted = false;
    bool prefilled = false;
    SignupUi signup;
    // Logged-in screen.
    Pane pane = Pane::Roster;  // what the narrow layout shows; the wide one shows roster + (chat|settings)
    bool settingsOpen = false;
    std::string addJid, addName;
    std::string renameJid, renameName;
    std::string removeJid;
    bool confirmForget = false;
    std::string statusText;
    bool statusSynced = false;
    std::string dismissedStorageError;
    std::map<std::string, std::string> drafts;  // bare JID → composer text
    std::map<std::string, int> composerIds;     // bare JID → the ImGui ID of its composer
    std::string typingJid;                      // the chat we told "composing" (XEP-0085), empty if none
    std::string voiceJid;                       // the chat a voice message is being recorded for
    std::string callDismissed;                  // the ended call (sid) whose window was closed
    // Hold-to-record (voice_view.cpp): Voice pressed at (holdX, holdY) at holdSince and still held; a
    // release after kHoldSeconds sends (sendOnRecorded until the file is there), sooner it was a click.
    bool voiceHeld = false;
    double voiceHoldSince = 0;
    float voiceHoldX = 0, voiceHoldY = 0;
    bool voiceSendOnRecorded = false;
    std::map<std::string, std::vector<float>> voicePeaks;  // message id → the waveform of a voice message we sent
    std::string olderAskedJid;                  // loadOlder asked for this chat at this many messages
    std::size_t olderAskedCount = 0;
    bool focusComposer = false;
    int composerFocusFrames = 0;  // SetKeyboardFocusHere ran: the composer activates within these frames
    bool scrollToBottom = false;
    std::string lastChat;
    std::map<std::string, RowCache> rows;  // bare JID → its row heights
    // The chat list's order (roster_view.cpp rowJids) as of this Client::revision(): it is sorted again only
    // when the state moved, not every frame (a frame drawn for the caret or a hover sorts nothing).
    std::uint64_t chatListRevision = ~std::uint64_t{0};
    std::vector<std::string> chatList;
    // (bare JID, message id) → the part shown of a long body the person moved with "Show more"/"earlier".
    std::map<std::pair<std::string, std::string>, BodyWindow> bodyWindows;
    HistoryPlace place;
    // A search result was opened: scroll this message of this chat into the middle of the view, then
    // highlight it until highlightUntil (ImGui time).
    std::string revealChat, revealId;
    std::string highlightChat, highlightId;
    double highlightUntil = 0;
    // Search (search_view.cpp): the field's text; results replace the contact list while it is not empty.
    std::string searchQuery;
    int searchSelected = 0;  // keyboard selection among the results
    bool searchScrollToSelected = false;  // Up/Down moved it: bring its row into view
    bool focusSearch = false;
    bool searchActive = false;  // the field had the keyboard focus last frame
    // Blocking (blocking_view.cpp): the address waiting for the person's confirmation ("" when none), and
    // the settings field to block any address (Bad: what was typed is not an address).
    std::string blockJid;
    std::string blockField;
    bool blockFieldBad = false;
    // Group chats (room_view.cpp, room_list.cpp, room_dialogs.cpp).
    RoomUi room;
    MessageActionsUi actions;  // message_actions.h: hover menu, reply/edit in the composer, reactions
    ViewerUi viewer;
};

struct Ctx {
    Client& client;
    const model::State& st;
    UiState& ui;
    const AppHooks& hooks;
    DrawReport& report;
    float scale;
    Lang lang() const { return ui.lang; }
    const char* t(S key) const { return tr(ui.lang, key); }
    float px(float cssPixels) const { return cssPixels * scale; }
};

void drawLogin(Ctx& c);
void drawSignup(Ctx& c);  // inside the login screen's column, instead of the login form
void drawRoster(Ctx& c, bool narrow);
void drawChat(Ctx& c, bool narrow);
void drawSettings(Ctx& c, bool narrow);
void drawContactDialogs(Ctx& c);  // rename / remove, opened by setting ui.renameJid / ui.removeJid
void drawSearchField(Ctx& c);
bool drawSearchResults(Ctx& c, bool narrow);  // false: no query, the contact list is shown instead
void drawHistory(Ctx& c, const std::string& jid, float height);
// One message of the history (message_row.cpp). rowKey changes whenever the row's height may (status,
// the part of a long body shown); rowHeight is what messageRow takes at that wrap width.
BodyWindow shownPart(const Ctx& c, const std::string& jid, const model::Message& m);  // the part drawn
std::string rowKey(const Ctx& c, const std::string& jid, const model::Message& m);
bool rowKeyIsId(const std::string& key, const std::string& id);  // a key of the message with this id
bool rowKeyMatches(const Ctx& c, const std::string& jid, const std::string& key, const model::Message& m);
float rowHeight(Ctx& c, const std::string& jid, const model::Message& m, float width);
// Returns the bytes of its body drawn.
std::size_t messageRow(Ctx& c, const std::string& jid, const model::Message& m, std::size_t index,
                       const std::string& peerName);
void openChatRow(Ctx& c, const std::string& jid);
// Opens a search hit: its chat, the message loaded (Client::revealMessage), centred and highlighted.
void openSearchHit(Ctx& c, const model::SearchHit& hit);
void stopTyping(Ctx& c);  // tells the peer we stopped typing, if we had said we were
// A chat header's "Back" to the chat list (narrow layout only), then the rest of the header on its line.
void chatBackButton(Ctx& c, bool narrow);
bool sendComposer(Ctx& c, const std::string& jid, const std::string& text);

// Widgets (widgets.cpp).
bool inputString(const char* label, std::string& value, int flags = 0, const char* hint = nullptr);
bool inputMultiline(const char* label, std::string& value, float width, float height, int flags = 0);
void noteGlyphs(const Ctx& c, std::string_view text);  // asks for the glyphs the font lacks (any script, emoji)
// Received text, never a format. Wrapped: at most maxBytes of it (cut with "…"). Ellipsis: its first line
// on one line, cut with "…" to fit maxWidth; lays out at most kLineScanBytes, whatever the text's length.
// Both count what they lay out in c.report.textBytes.
void textWrapped(Ctx& c, std::string_view text, std::size_t maxBytes = kLineScanBytes);
void textEllipsis(Ctx& c, std::string_view text, float maxWidth);
// The longest prefix of at most maxBytes that ends at a code point boundary.
std::string_view utf8Prefix(std::string_view text, std::size_t maxBytes);
void textColored(const ImVec4& color, const char* text);
void wipe(std::string& secret);  // zeroes the whole buffer (crypto::secureZero), then empties it
void wipeTextEditState();         // zeroes ImGui's copy of the text being edited and ends the edit
// Notes the last item (a label, button or message of ours showing `text`) in the draw report when it is
// visible, for the test hook's drawnText(). Call right after the widget.
void drawn(Ctx& c, const char* text);
ImVec4 showColor(model::Show show);
void presenceDot(model::Show show, float radius, float lineHeight = 0.0f);  // 0: a text line
std::string displayName(const model::State& st, const std::string& bareJid);
std::string formatTime(std::int64_t epochMs);
std::string bareOf(const std::string& jid);

// A shared file in a chat row (attachment_view.cpp): one height whatever its state; the viewer.
float attachmentHeight(Ctx& c, const model::Attachment& a);
void drawAttachment(Ctx& c, const std::string& jid, const model::Message& m);
void drawMediaViewer(Ctx& c);  // at the top level, every frame: the viewer when open
float attachButtonWidth(Ctx& c);
void attachButton(Ctx& c, const std::string& jid, float height);
// Voice messages (voice_view.cpp): an inline player (play/pause, a seek bar, position/duration) for
// `bytes` under `key`, reported as `id`; the composer's microphone button, and the bar that takes the
// composer's place from the click on it until the recording is sent or discarded (true while it does).
void audioPlayer(Ctx& c, const std::string& id, const std::string& key, const std::shared_ptr<const std::string>& bytes,
                 const std::string& mime, float width, const std::vector<float>* peaks = nullptr);
// The recording belongs to the chat whose button started it: other chats keep their composer.
float micButtonWidth(Ctx& c);
void micButton(Ctx& c, const std::string& jid, float height);
bool voiceComposer(Ctx& c, const std::string& jid, float height);
// What the microphone button does (the only way a recording starts) and the bar's Send (the recording
// goes to the chat it was made for as a file, audio/ogg; the bar closes).
void startRecording(Ctx& c, const std::string& jid);
bool sendRecording(Ctx& c);
// Calls (call_view.cpp): Call / Video call in a contact's header (only with a CallHost), the call window
// over the app, and what its buttons do (the only ways a call starts or is taken: the host is asked
// for the microphone and camera only from these).
void callButtons(Ctx& c, const std::string& jid);
void drawCall(Ctx& c);
void placeCall(Ctx& c, const std::string& jid, bool video);
void acceptCall(Ctx& c);

}  // namespace starling::ui
