#pragma once
// Internal to src/ui: the UI's own state (form buffers, drafts, layout caches) and the view functions.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/client.h"
#include "ui/app.h"
#include "ui/draw_report.h"
#include "ui/i18n.h"

struct ImVec4;

namespace starling::ui {

// Heights of chat rows for one conversation at one wrap width; tops[i] is the y of row i, tops[n] the total.
// keys[i] identifies what row i's height was measured for (message id and status: a Failed row is taller),
// so a message inserted in the middle (archive catch-up) or turning Failed re-measures from that row on.
struct RowCache {
    std::string jid;
    float width = 0;
    float fontSize = 0;
    std::size_t count = 0;
    std::vector<float> tops{0.0f};
    std::vector<std::string> keys;
};

enum class Pane { Roster, Chat, Settings };

struct UiState {
    Lang lang = Lang::En;
    // Login form.
    std::string loginJid, loginPassword, loginWebsocket;
    bool loginRemember = true;
    bool loginAllowPlain = false;
    bool loginSubmitted = false;
    bool prefilled = false;
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
    double typingSince = 0;                     // ImGui time of the last edit there
    std::string olderAskedJid;                  // loadOlder asked for this chat at this many messages
    std::size_t olderAskedCount = 0;
    std::string firstId, firstIdChat;           // first message drawn last frame (to keep place on prepend)
    bool focusComposer = false;
    bool scrollToBottom = false;
    std::size_t lastMessageCount = 0;
    std::string lastChat;
    RowCache rows;
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
void drawRoster(Ctx& c, bool narrow);
void drawChat(Ctx& c, bool narrow);
void drawSettings(Ctx& c, bool narrow);
void drawContactDialogs(Ctx& c);  // rename / remove, opened by setting ui.renameJid / ui.removeJid
void openChatRow(Ctx& c, const std::string& jid);
void stopTyping(Ctx& c);  // tells the peer we stopped typing, if we had said we were
bool sendComposer(Ctx& c, const std::string& jid, const std::string& text);

// Widgets (widgets.cpp).
bool inputString(const char* label, std::string& value, int flags = 0, const char* hint = nullptr);
bool inputMultiline(const char* label, std::string& value, float width, float height, int flags = 0);
void noteGlyphs(const Ctx& c, const std::string& text);  // asks for emoji glyphs the font lacks
void textWrapped(const std::string& text);               // received text: unformatted, wrapped
void textEllipsis(const std::string& text, float maxWidth);  // one line, cut with "…" to fit maxWidth
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

}  // namespace starling::ui
