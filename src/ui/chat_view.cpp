// The open chat: header with contact actions, the history (history_view.cpp), composer.
#include <algorithm>
#include <cstdio>

#include <imgui.h>
#include <imgui_internal.h>  // GetActiveID, GetInputTextState: typed-ahead text and the caret

#include "ui/blocking_view.h"
#include "ui/message_actions.h"
#include "ui/omemo_view.h"
#include "ui/private_chat_view.h"
#include "ui/room_view.h"
#include "ui/alerts_view.h"
#include "ui/views.h"

namespace starling::ui {
namespace {

const model::Conversation* findConversation(const model::State& st, const std::string& jid) {
    auto it = st.conversations.find(jid);
    return it == st.conversations.end() ? nullptr : &it->second;
}


// Text typed while the composer is not (yet) the active field: right after a chat opened (ImGui activates
// a field the frame after SetKeyboardFocusHere, and drops what came in the meantime), or with nothing
// focused at all (a click into the history). It goes to the end of the draft, the composer takes the
// focus, and nothing typed is lost. True when text was taken.
bool takeTypedAhead(Ctx& c, std::string& draft, ImGuiID composerId) {
    ImGuiIO& io = ImGui::GetIO();
    if (io.InputQueueCharacters.empty() || ImGui::GetActiveID() == composerId) return false;
    const bool focusing = c.ui.focusComposer || c.ui.composerFocusFrames > 0;
    const bool idle = !ImGui::IsAnyItemActive() && !io.KeyCtrl && !io.KeySuper &&
                      !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId);
    if (!focusing && !idle) return false;
    for (ImWchar ch : io.InputQueueCharacters) {
        if (ch < 0x20 && ch != '\n') continue;  // tab and other controls stay out, as InputText filters them
        char utf8[5];
        draft += ImTextCharToUtf8(utf8, static_cast<unsigned int>(ch));
    }
    io.InputQueueCharacters.resize(0);
    c.ui.focusComposer = true;
    return true;
}

// A composer that just became active shows its draft with the caret at the end (ImGui puts it at the
// start when the field's editing state belonged to another chat's composer).
void caretToEnd(ImGuiID composerId) {
    ImGuiInputTextState* st = ImGui::GetInputTextState(composerId);
    if (!st) return;
    st->Stb.cursor = st->Stb.select_start = st->Stb.select_end = st->CurLenW;
    st->CursorFollow = true;
}

void composer(Ctx& c, const std::string& jid, float height) {
    if (voiceComposer(c, jid, height)) return;  // voice_view.cpp: recording, listening, sending
    std::string& draft = c.ui.drafts[jid];
    noteGlyphs(c, draft);
    float sendW = ImGui::CalcTextSize(c.t(S::Send)).x + ImGui::GetStyle().FramePadding.x * 4;
    // Enter sends; Shift+Enter reaches ImGui as Ctrl+Enter (web input layer) and inserts a newline.
    int flags = ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CtrlEnterForNewLine;
    float w = ImGui::GetContentRegionAvail().x - sendW - ImGui::GetStyle().ItemSpacing.x;
    const float attachW = c.hooks.media ? attachButtonWidth(c) + ImGui::GetStyle().ItemSpacing.x : 0.0f;
    const float micW = c.hooks.voice ? micButtonWidth(c) + ImGui::GetStyle().ItemSpacing.x : 0.0f;
    w -= attachW + micW;
    // One ID per chat (a serial number, never the received JID): ImGui keeps the active InputText's own
    // buffer, so a shared ID would carry a draft being typed into the next chat.
    ImGui::PushID(c.ui.composerIds.emplace(jid, static_cast<int>(c.ui.composerIds.size())).first->second);
    const ImGuiID id = ImGui::GetID("##composer");
    bool typedAhead = takeTypedAhead(c, draft, id);
    if (isRoomChat(c, jid)) typedAhead |= mentionCompletion(c, jid, draft);  // `@` + a nick's start
    const bool asked = c.ui.composerFocusFrames > 0;  // activating: caret to the end (a click places its own)
    if (asked) --c.ui.composerFocusFrames;
    if (c.ui.focusComposer) {
        ImGui::SetKeyboardFocusHere();
        c.ui.focusComposer = false;
        c.ui.composerFocusFrames = 3;
    }
    bool enter = inputMultiline("##composer", draft, w, height, flags);
    bool edited = ImGui::IsItemEdited() || typedAhead;
    if (editLastOnUp(c, jid, draft, ImGui::IsItemActive())) {
        wipeTextEditState();  // the active field shows the draft set here once it is focused again
        c.ui.focusComposer = true;
    }
    if (asked && ImGui::IsItemActivated()) {
        caretToEnd(id);
        c.ui.composerFocusFrames = 0;
    }
    ImGui::PopID();
    if (edited && draft.find_first_not_of(" \t\r\n") != std::string::npos) {
        if (c.ui.typingJid != jid) stopTyping(c);
        c.ui.typingJid = jid;
        c.client.setTyping(jid, true);  // every edit; the core says "composing" once, "paused" after 5 s idle
    } else if (edited) {
        stopTyping(c);  // cleared
    }
    ImGui::SameLine();
    if (c.hooks.media) {
        attachButton(c, jid, height);  // attachment_view.cpp: the limit said in words on hover
        ImGui::SameLine();
    }
    if (c.hooks.voice) {
        micButton(c, jid, height);
        ImGui::SameLine();
    }
    bool click = ImGui::Button(c.t(S::Send), ImVec2(sendW, height));
    if (enter || click) {
        std::string text = draft;
        if (sendComposer(c, jid, text)) {
            c.ui.drafts[jid].clear();
            c.ui.typingJid.clear();  // a sent message implies active (the core says so)
        }
        c.ui.focusComposer = true;
    }
}

void header(Ctx& c, const std::string& jid, bool narrow) {
    chatBackButton(c, narrow);
    // After the Back button the line is a frame high: centre the dot on it.
    presenceDot(model::bestShow(c.st, jid), c.px(5), narrow ? ImGui::GetFrameHeight() : 0.0f);
    ImGui::SameLine();
    std::string name = displayName(c.st, jid);
    textEllipsis(c, name, ImGui::GetWindowContentRegionMax().x - ImGui::GetCursorPosX());
    if (name != jid) {
        ImGui::SameLine();
        float room = ImGui::GetWindowContentRegionMax().x - ImGui::GetCursorPosX();
        if (room > ImGui::GetFontSize() * 2.0f) {
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
            textEllipsis(c, jid, room);
            ImGui::PopStyleColor();
        } else {
            ImGui::NewLine();
        }
    }
    const model::Conversation* conv = findConversation(c.st, jid);
    if (conv != nullptr && conv->peerState == model::ChatState::Composing) {
        ImGui::TextDisabled("%s", c.t(S::Typing));
        drawn(c, c.t(S::Typing));
        ImGui::SameLine();
    }
    bool inRoster = std::any_of(c.st.roster.begin(), c.st.roster.end(), [&](const auto& r) { return r.jid == jid; });
    if (inRoster) {
        if (ImGui::SmallButton(c.t(S::Rename))) {
            c.ui.renameJid = jid;
            // A name of any length from the server becomes an editable one of bounded length.
            c.ui.renameName = name == jid ? std::string() : std::string(utf8Prefix(name, kLineScanBytes / 2));
        }
        ImGui::SameLine();
        if (ImGui::SmallButton(c.t(S::Remove))) c.ui.removeJid = jid;
    } else if (ImGui::SmallButton(c.t(S::AddContact))) {
        c.client.addContact(jid, std::string());
    }
    callButtons(c, jid);  // call_view.cpp: Call, Video call (when the page can make calls)
    ImGui::SameLine();
    muteButton(c, jid);
    omemoChatControls(c, jid);  // on the same line
    blockChatButton(c, jid);
    ImGui::Separator();
}

}  // namespace

void drawChat(Ctx& c, bool narrow) {
    const std::string jid = c.st.openChat;
    if (jid.empty()) {
        ImGui::TextDisabled("%s", c.t(S::SelectChat));
        return;
    }
    c.report.openChat = jid;
    if (!c.ui.typingJid.empty() && c.ui.typingJid != jid) stopTyping(c);  // the chat was left
    const bool room = isRoomChat(c, jid);
    if (room) roomHeader(c, jid, narrow);
    else if (isPrivateChat(jid)) privateChatHeader(c, jid, narrow);  // an occupant, through a room
    else header(c, jid, narrow);
    const model::Conversation* conv = findConversation(c.st, jid);
    if (c.st.sync == model::Sync::Gap || (conv != nullptr && conv->gap)) {
        bool load = ImGui::Button(c.t(S::LoadMissing));
        drawn(c, c.t(S::LoadMissing));
        if (load) c.client.loadMissing(conv != nullptr && conv->gap ? jid : std::string());
    }
    // A room's occupant list: beside the history (wide), or in its place (narrow, when asked).
    const float occupantsW = room ? roomOccupantsWidth(c, jid, narrow) : 0.0f;
    if (occupantsW < 0.0f) {
        drawOccupants(c, jid, ImGui::GetContentRegionAvail().y);
        return;
    }
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    if (occupantsW > 0.0f)
        ImGui::BeginChild("room-chat", ImVec2(avail.x - occupantsW - ImGui::GetStyle().ItemSpacing.x, avail.y), false);
    float composerH = ImGui::GetTextLineHeight() * 3.0f + ImGui::GetStyle().FramePadding.y * 2.0f;
    const bool waiting = omemoKeysWaiting(c, jid);
    float hintH = waiting ? ImGui::GetTextLineHeightWithSpacing() : 0.0f;
    if (room && !mentionMatches(c, jid, c.ui.drafts[jid]).empty()) hintH += ImGui::GetTextLineHeightWithSpacing();
    const float barH = composerBarHeight(c, jid);  // replying to / editing a message
    float historyH = ImGui::GetContentRegionAvail().y - composerH - hintH - barH - ImGui::GetStyle().ItemSpacing.y;
    drawHistory(c, jid, std::max(historyH, ImGui::GetTextLineHeight() * 2.0f));
    if (waiting) {
        const char* text = omemoText(c.lang(), "waiting-keys");
        ImGui::TextDisabled("%s", text);
        drawn(c, text);
    }
    if (!blockedBanner(c, jid, composerH)) {
        composerBar(c, jid);
        composer(c, jid, composerH);
    }
    if (occupantsW > 0.0f) {
        ImGui::EndChild();
        ImGui::SameLine();
        ImGui::BeginChild("room-occupants", ImVec2(0, avail.y), true);
        drawOccupants(c, jid, ImGui::GetContentRegionAvail().y);
        ImGui::EndChild();
    }
}

void chatBackButton(Ctx& c, bool narrow) {
    if (!narrow) return;
    if (ImGui::Button(c.t(S::Back))) {
        c.ui.pane = Pane::Roster;
        stopTyping(c);
        c.client.closeChat();
    }
    ImGui::SameLine();
}

void stopTyping(Ctx& c) {
    if (c.ui.typingJid.empty()) return;
    c.client.setTyping(c.ui.typingJid, false);
    c.ui.typingJid.clear();
}

void openChatRow(Ctx& c, const std::string& jid) {
    if (c.ui.typingJid != jid) stopTyping(c);
    c.client.openChat(jid);
    c.ui.pane = Pane::Chat;
    c.ui.settingsOpen = false;
    c.ui.scrollToBottom = true;
    c.ui.focusComposer = true;
}

bool sendComposer(Ctx& c, const std::string& jid, const std::string& text) {
    // Trailing newlines and spaces are not part of the message; an empty message is not sent.
    std::size_t end = text.find_last_not_of(" \t\r\n");
    if (end == std::string::npos) return false;
    std::size_t begin = text.find_first_not_of("\r\n");
    const std::string message = text.substr(begin, end + 1 - begin);
    if (!sendAction(c, jid, message)) c.client.sendMessage(jid, message);
    c.ui.scrollToBottom = true;
    return true;
}

}  // namespace starling::ui
