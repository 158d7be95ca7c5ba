#pragma once
// The whole UI: a function of Client::state() that emits Client intents. Only imgui.h and core headers.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/client.h"
#include "ui/draw_report.h"
#include "ui/i18n.h"

namespace starling::ui {

// The browser's answer about notifications (alerts_view.cpp): Ask until the person chose.
enum class NotificationPermission { Unsupported, Ask, Granted, Denied };

struct AppHooks {
    std::function<void(Lang)> languageChanged;    // persist the choice
    std::function<void(char32_t)> missingGlyph;   // text needs a glyph the font lacks
    class MediaHost* media = nullptr;             // shared files (ui/media_host.h); null: none shown
    class VoiceHost* voice = nullptr;             // recording and playing audio (ui/voice_host.h); null: none
    class CallHost* calls = nullptr;              // audio/video calls (ui/call_host.h); null: no call buttons
    std::function<NotificationPermission()> notificationPermission;  // null: Unsupported
    std::function<void()> requestNotifications;   // ask the browser (on the person's click only)
    std::function<void(const std::string&)> openUrl;  // an http(s) link clicked: a new tab, no opener/referrer
};

struct UiState;

class App {
public:
    App(Client& client, Lang lang, AppHooks hooks);
    ~App();

    // Draws one frame between ImGui::NewFrame and ImGui::Render. `scale` is the device pixel ratio the
    // fonts and style were built for (sizes here are given in CSS pixels and multiplied by it).
    void draw(float scale, DrawReport& report);

    Lang language() const;
    void setLanguage(Lang lang);

    // Test hook entry points: the same code paths the widgets use.
    void submitLogin(const std::string& websocketUrl, const std::string& jid, const std::string& password,
                     bool registerAccount);
    void openChat(const std::string& jid);                            // as a click on the roster row
    bool sendFromComposer(const std::string& jid, const std::string& text);  // as typing + Enter
    // Voice messages: as the chat's microphone button, and as Send in its voice bar (once recorded).
    void startVoice(const std::string& jid);
    bool sendVoice();
    // Calls (call_view.cpp): as Call / Video call in `jid`'s chat header, and the call window's Accept.
    bool placeCall(const std::string& jid, bool video);
    bool acceptCall();
    // Group chats (room_dialogs.cpp): as the Join and New group chat dialogs (they stay open and say what
    // the room answered until we are in, then the room opens), the room's Leave and Invite.
    bool joinRoom(const std::string& room, const std::string& nick, const std::string& password);
    bool createRoom(const std::string& room, const std::string& nick, bool isPrivate,
                    const std::vector<std::string>& members);
    bool leaveRoom(const std::string& room);
    bool inviteToRoom(const std::string& room, const std::string& jid);
    // We told a chat "composing": the host draws a frame now and then so 5 s without an edit ends it.
    bool typing() const;
    // Something on screen changes with time alone (a found message's highlight fading): the host draws
    // a frame now and then until this is false.
    bool animating() const;

private:
    Client& m_client;
    AppHooks m_hooks;
    std::unique_ptr<UiState> m_ui;
};

}  // namespace starling::ui
