// The open chat: header with contact actions, history with cached row heights, composer.
#include <algorithm>
#include <cstdio>

#include <imgui.h>

#include "ui/omemo_view.h"
#include "ui/views.h"

namespace starling::ui {
namespace {

const model::Conversation* findConversation(const model::State& st, const std::string& jid) {
    auto it = st.conversations.find(jid);
    return it == st.conversations.end() ? nullptr : &it->second;
}

float rowHeight(const model::Message& m, float width) {
    const ImGuiStyle& style = ImGui::GetStyle();
    float body = ImGui::CalcTextSize(m.body.data(), m.body.data() + m.body.size(), false, width).y;
    float extra = m.status == model::MessageStatus::Failed ? ImGui::GetTextLineHeightWithSpacing() : 0.0f;
    return ImGui::GetTextLineHeightWithSpacing() + body + extra + style.ItemSpacing.y * 2.0f;
}

bool sameRow(const std::string& key, const model::Message& m) {
    return key.size() == m.id.size() + 1 && key.back() == (m.status == model::MessageStatus::Failed ? 'F' : '-') &&
           key.compare(0, m.id.size(), m.id) == 0;
}

// Keeps tops[] for the conversation in step: recomputed on width/font/chat change, from the first row
// that changed (inserted, removed, turned Failed) otherwise, extended on append. The check is a cheap
// comparison per row, done only on drawn frames; heights are measured only for changed rows.
void updateRows(RowCache& rows, const std::string& jid, const std::vector<model::Message>& msgs, float width) {
    float fontSize = ImGui::GetFontSize();
    if (rows.jid != jid || rows.width != width || rows.fontSize != fontSize) {
        rows.jid = jid;
        rows.width = width;
        rows.fontSize = fontSize;
        rows.count = 0;
    }
    std::size_t valid = 0;
    const std::size_t n = std::min(rows.count, msgs.size());
    while (valid < n && sameRow(rows.keys[valid], msgs[valid])) ++valid;
    rows.tops.resize(valid + 1);
    rows.keys.resize(valid);
    rows.tops.reserve(msgs.size() + 1);
    rows.keys.reserve(msgs.size());
    for (std::size_t i = valid; i < msgs.size(); ++i) {
        rows.tops.push_back(rows.tops.back() + rowHeight(msgs[i], width));
        rows.keys.push_back(msgs[i].id + (msgs[i].status == model::MessageStatus::Failed ? 'F' : '-'));
    }
    rows.count = msgs.size();
}

void messageRow(Ctx& c, const model::Message& m, std::size_t index, const std::string& peer, const std::string& peerName) {
    ImGui::PushID(static_cast<int>(index));
    bool out = m.direction == model::Direction::Outgoing;
    std::string header = out ? std::string(c.t(S::Me)) : peerName;
    std::string time = formatTime(m.timestampMs);
    ImGui::PushStyleColor(ImGuiCol_Text, out ? ImVec4(0.55f, 0.75f, 1.0f, 1.0f) : ImVec4(0.55f, 0.90f, 0.60f, 1.0f));
    ImGui::TextUnformatted(header.c_str());
    if (out) drawn(c, c.t(S::Me));
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextUnformatted(time.c_str());
    ImGui::PopStyleColor();
    if (out) {
        // ✓ sent to the server, ✓✓ delivered (receipt), ✓✓ in blue and "Read": displayed (marker).
        ImGui::SameLine();
        bool read = m.status == model::MessageStatus::Displayed;
        ImVec4 color = read ? ImVec4(0.35f, 0.70f, 1.0f, 1.0f) : ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled);
        textColored(color, statusMark(m.status));
        if (read) {
            ImGui::SameLine();
            textColored(color, c.t(S::Read));
            drawn(c, c.t(S::Read));
        }
    }
    omemoMessageMarker(c, m, peer);
    noteGlyphs(c, m.body);
    textWrapped(m.body);
    if (ImGui::BeginPopupContextItem("msg-menu")) {
        if (ImGui::MenuItem(c.t(S::Copy))) ImGui::SetClipboardText(m.body.c_str());
        ImGui::EndPopup();
    }
    if (m.status == model::MessageStatus::Failed) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.45f, 0.45f, 1.0f));
        ImGui::TextUnformatted(c.t(S::MsgFailed));
        drawn(c, c.t(S::MsgFailed));
        ImGui::SameLine();
        ImGui::TextUnformatted(m.error.empty() ? c.t(S::Unknown) : m.error.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::PopID();
}

// Older messages: asked for once the history is scrolled to its top (again only after the page arrived),
// unless one is in flight or the archive has nothing older.
void olderAtTop(Ctx& c, const model::Conversation& conv) {
    if (conv.loadingOlder) {
        ImGui::TextDisabled("%s", c.t(S::LoadingOlder));
        drawn(c, c.t(S::LoadingOlder));
    } else if (conv.archiveStart) {
        ImGui::TextDisabled("%s", c.t(S::HistoryStart));
        drawn(c, c.t(S::HistoryStart));
    }
    bool atTop = ImGui::GetScrollY() <= 0.0f && c.ui.lastChat == conv.jid && !c.ui.scrollToBottom;
    if (!atTop || conv.loadingOlder || conv.archiveStart || c.st.connection != model::Connection::Online) return;
    if (c.ui.olderAskedJid == conv.jid && c.ui.olderAskedCount == conv.messages.size()) return;
    c.ui.olderAskedJid = conv.jid;
    c.ui.olderAskedCount = conv.messages.size();
    c.client.loadOlder(conv.jid);
}

// Rows inserted above the first one shown (an older page) keep the rows in view where they were.
void keepPlaceAfterPrepend(Ctx& c, const std::vector<model::Message>& msgs) {
    const std::string before = c.ui.firstId;
    const bool sameChat = c.ui.firstIdChat == c.ui.lastChat;
    c.ui.firstId = msgs.front().id;
    c.ui.firstIdChat = c.ui.lastChat;
    if (!sameChat || before.empty() || before == msgs.front().id) return;
    for (std::size_t k = 1; k < msgs.size() && k < c.ui.rows.tops.size(); ++k) {
        if (msgs[k].id == before) {
            ImGui::SetScrollY(ImGui::GetScrollY() + c.ui.rows.tops[k]);
            return;
        }
    }
}

void history(Ctx& c, const std::string& jid, float height) {
    ImGui::BeginChild("history", ImVec2(0, height), false);
    const model::Conversation* conv = findConversation(c.st, jid);
    if (conv == nullptr || conv->messages.empty()) {
        ImGui::TextDisabled("%s", c.t(S::NoMessages));
        ImGui::EndChild();
        return;
    }
    const auto& msgs = conv->messages;
    olderAtTop(c, *conv);
    float width = ImGui::GetContentRegionAvail().x;
    bool atBottom = ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 2.0f;
    bool grew = c.ui.lastChat == jid && msgs.size() > c.ui.lastMessageCount;
    if (c.ui.lastChat != jid) c.ui.scrollToBottom = true;
    c.ui.lastChat = jid;
    c.ui.lastMessageCount = msgs.size();
    updateRows(c.ui.rows, jid, msgs, width);
    keepPlaceAfterPrepend(c, msgs);

    const auto& tops = c.ui.rows.tops;
    float scrollY = ImGui::GetScrollY();
    float viewH = ImGui::GetWindowHeight();
    float originY = ImGui::GetCursorPosY();
    // First row whose bottom is below the top of the view; draw until a row starts below the view.
    auto first = static_cast<std::size_t>(std::upper_bound(tops.begin(), tops.end(), scrollY - originY) - tops.begin());
    first = first > 0 ? first - 1 : 0;
    std::string peerName = displayName(c.st, jid);
    for (std::size_t i = first; i < msgs.size() && tops[i] + originY < scrollY + viewH; ++i) {
        ImGui::SetCursorPosY(originY + tops[i]);
        messageRow(c, msgs[i], i, jid, peerName);
        float bodyTop = originY + tops[i] + ImGui::GetTextLineHeightWithSpacing();
        if (tops[i + 1] + originY > scrollY && bodyTop < scrollY + viewH) c.report.visibleBodies.push_back(msgs[i].body);
    }
    ImGui::SetCursorPosY(originY + tops.back());
    ImGui::Dummy(ImVec2(1, 1));
    if (c.ui.scrollToBottom || (grew && atBottom)) {
        ImGui::SetScrollY(originY + tops.back());  // clamped by ImGui to the maximum next frame
        c.ui.scrollToBottom = false;
    }
    ImGui::EndChild();
}

constexpr double kTypingIdleSeconds = 5.0;

void composer(Ctx& c, const std::string& jid, float height) {
    std::string& draft = c.ui.drafts[jid];
    noteGlyphs(c, draft);
    float sendW = ImGui::CalcTextSize(c.t(S::Send)).x + ImGui::GetStyle().FramePadding.x * 4;
    if (c.ui.focusComposer) {
        ImGui::SetKeyboardFocusHere();
        c.ui.focusComposer = false;
    }
    // Enter sends; Shift+Enter reaches ImGui as Ctrl+Enter (web input layer) and inserts a newline.
    int flags = ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CtrlEnterForNewLine;
    float w = ImGui::GetContentRegionAvail().x - sendW - ImGui::GetStyle().ItemSpacing.x;
    // One ID per chat (a serial number, never the received JID): ImGui keeps the active InputText's own
    // buffer, so a shared ID would carry a draft being typed into the next chat.
    ImGui::PushID(c.ui.composerIds.emplace(jid, static_cast<int>(c.ui.composerIds.size())).first->second);
    bool enter = inputMultiline("##composer", draft, w, height, flags);
    bool edited = ImGui::IsItemEdited();
    ImGui::PopID();
    if (edited && draft.find_first_not_of(" \t\r\n") != std::string::npos) {
        if (c.ui.typingJid != jid) {
            stopTyping(c);
            c.ui.typingJid = jid;
            c.client.setTyping(jid, true);
        }
        c.ui.typingSince = ImGui::GetTime();
    } else if (edited || (c.ui.typingJid == jid && ImGui::GetTime() - c.ui.typingSince > kTypingIdleSeconds)) {
        stopTyping(c);  // cleared, or 5 s without an edit
    }
    ImGui::SameLine();
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
    if (narrow) {
        if (ImGui::Button(c.t(S::Back))) {
            c.ui.pane = Pane::Roster;
            stopTyping(c);
            c.client.closeChat();
        }
        ImGui::SameLine();
    }
    // After the Back button the line is a frame high: centre the dot on it.
    presenceDot(model::bestShow(c.st, jid), c.px(5), narrow ? ImGui::GetFrameHeight() : 0.0f);
    ImGui::SameLine();
    std::string name = displayName(c.st, jid);
    noteGlyphs(c, name);
    textEllipsis(name, ImGui::GetWindowContentRegionMax().x - ImGui::GetCursorPosX());
    if (name != jid) {
        ImGui::SameLine();
        float room = ImGui::GetWindowContentRegionMax().x - ImGui::GetCursorPosX();
        if (room > ImGui::GetFontSize() * 2.0f) {
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
            textEllipsis(jid, room);
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
            c.ui.renameName = displayName(c.st, jid) == jid ? std::string() : displayName(c.st, jid);
        }
        ImGui::SameLine();
        if (ImGui::SmallButton(c.t(S::Remove))) c.ui.removeJid = jid;
    } else if (ImGui::SmallButton(c.t(S::AddContact))) {
        c.client.addContact(jid, std::string());
    }
    omemoChatControls(c, jid);
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
    header(c, jid, narrow);
    const model::Conversation* conv = findConversation(c.st, jid);
    if (c.st.sync == model::Sync::Gap || (conv != nullptr && conv->gap)) {
        bool load = ImGui::Button(c.t(S::LoadMissing));
        drawn(c, c.t(S::LoadMissing));
        if (load) c.client.loadMissing(conv != nullptr && conv->gap ? jid : std::string());
    }
    float composerH = ImGui::GetTextLineHeight() * 3.0f + ImGui::GetStyle().FramePadding.y * 2.0f;
    float historyH = ImGui::GetContentRegionAvail().y - composerH - ImGui::GetStyle().ItemSpacing.y;
    history(c, jid, std::max(historyH, ImGui::GetTextLineHeight() * 2.0f));
    composer(c, jid, composerH);
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
    c.client.sendMessage(jid, text.substr(begin, end + 1 - begin));
    c.ui.scrollToBottom = true;
    return true;
}

}  // namespace starling::ui
