// The chat list: own presence, subscription requests, then the chats newest first, each with a presence
// dot, its newest message (time and text) and an unread count.
#include <algorithm>
#include <cstdio>
#include <string_view>
#include <unordered_set>

#include <imgui.h>

#include "ui/blocking_view.h"
#include "ui/private_chat_view.h"
#include "ui/room_view.h"
#include "ui/views.h"

namespace starling::ui {
namespace {

constexpr model::Show kOwnShows[] = {model::Show::Available, model::Show::Away, model::Show::DoNotDisturb};

void ownPresence(Ctx& c, bool narrow) {
    presenceDot(c.st.connection == model::Connection::Online ? c.st.ownShow : model::Show::Offline, c.px(5));
    ImGui::SameLine();
    const float btn = ImGui::CalcTextSize(c.t(S::Settings)).x + ImGui::GetStyle().FramePadding.x * 2;
    const float btnX = ImGui::GetWindowContentRegionMax().x - btn;
    textEllipsis(c, bareOf(c.st.ownJid), btnX - ImGui::GetCursorPosX() - ImGui::GetStyle().ItemSpacing.x);
    ImGui::SameLine(std::max(ImGui::GetCursorPosX(), btnX));
    bool settings = ImGui::SmallButton(c.t(S::Settings));
    drawn(c, c.t(S::Settings));
    if (settings) {
        if (narrow) {
            c.ui.pane = Pane::Settings;
        } else {
            c.ui.settingsOpen = !c.ui.settingsOpen;
        }
    }
    if (c.st.connection != model::Connection::Online) {
        textColored(ImVec4(0.95f, 0.70f, 0.20f, 1.0f), connectionText(c.lang(), c.st.connection));
        drawn(c, connectionText(c.lang(), c.st.connection));
    }
    if (c.st.connection == model::Connection::Reconnecting) {
        // Without waiting for the back-off (a lost session is still resumed when it can be).
        const bool now = ImGui::SmallButton(c.t(S::ReconnectNow));
        drawn(c, c.t(S::ReconnectNow));
        if (now) c.client.reconnectNow();
    }
    if (!c.ui.statusSynced) {
        c.ui.statusText = c.st.ownStatus;
        c.ui.statusSynced = true;
    }
    ImGui::SetNextItemWidth(c.px(130));
    if (ImGui::BeginCombo("##show", showText(c.lang(), c.st.ownShow))) {
        for (auto show : kOwnShows) {
            ImGui::PushID(static_cast<int>(show));
            presenceDot(show, c.px(5));
            ImGui::SameLine();
            if (ImGui::Selectable(showText(c.lang(), show), show == c.st.ownShow)) {
                c.client.setPresence(show, c.ui.statusText);
            }
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1.0f);
    noteGlyphs(c, c.ui.statusText);
    if (inputString("##status", c.ui.statusText, ImGuiInputTextFlags_EnterReturnsTrue, c.t(S::StatusPlaceholder)) ||
        (ImGui::IsItemDeactivatedAfterEdit() && c.ui.statusText != c.st.ownStatus)) {
        c.client.setPresence(c.st.ownShow, c.ui.statusText);
    }
}

void subscriptionRequests(Ctx& c) {
    // Approve/deny erase from st.subscriptionRequests: record the choice, act after the loop.
    enum class Choice { None, Accept, Deny } choice = Choice::None;
    std::string chosen;
    int index = 0;
    for (const auto& jid : c.st.subscriptionRequests) {
        ImGui::PushID(index++);  // received JIDs never become IDs
        // The address first: a nickname is what a stranger says of themselves.
        const auto nick = c.st.nicknames.find(jid);
        textEllipsis(c, nick == c.st.nicknames.end() ? jid : jid + " (" + nick->second + ")", ImGui::GetContentRegionAvail().x);
        ImGui::TextDisabled("%s", c.t(S::WantsToAddYou));
        if (ImGui::SmallButton(c.t(S::Accept))) {
            choice = Choice::Accept;
            chosen = jid;
        }
        drawn(c, c.t(S::Accept));
        ImGui::SameLine();
        if (ImGui::SmallButton(c.t(S::Deny))) {
            choice = Choice::Deny;
            chosen = jid;
        }
        blockRequestButton(c, jid);
        ImGui::Separator();
        ImGui::PopID();
    }
    if (choice == Choice::Accept) c.client.approveSubscription(chosen);
    if (choice == Choice::Deny) c.client.denySubscription(chosen);
}

void addContactPopup(Ctx& c) {
    bool add = ImGui::Button(c.t(S::AddContact), ImVec2(-1.0f, 0));
    drawn(c, c.t(S::AddContact));
    if (add) {
        c.ui.addJid.clear();
        c.ui.addName.clear();
        ImGui::OpenPopup("add-contact");
    }
    ImGui::SetNextWindowSize(ImVec2(std::min(c.px(380), ImGui::GetMainViewport()->Size.x - c.px(16)), 0));
    if (ImGui::BeginPopup("add-contact")) {
        ImGui::TextUnformatted(c.t(S::ContactAddress));
        ImGui::SetNextItemWidth(-1.0f);
        if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
        bool enter = inputString("##add-jid", c.ui.addJid, ImGuiInputTextFlags_EnterReturnsTrue, "bob@example.org");
        ImGui::TextUnformatted(c.t(S::ContactName));
        ImGui::SetNextItemWidth(-1.0f);
        enter |= inputString("##add-name", c.ui.addName, ImGuiInputTextFlags_EnterReturnsTrue);
        if ((ImGui::Button(c.t(S::Add)) || enter) && !c.ui.addJid.empty()) {
            c.client.addContact(c.ui.addJid, c.ui.addName);
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button(c.t(S::Cancel))) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
}

// The chats shown as rows, as in every modern messenger: conversations by their newest message, newest
// first; then the contacts without messages, by name. Conversations with people outside the roster too.
std::vector<std::string> rowJids(const model::State& st) {
    struct Row {
        const std::string* jid;
        std::int64_t newest;  // 0: no message here
        std::string_view name;
    };
    std::vector<Row> rows;
    rows.reserve(st.roster.size() + st.conversations.size());
    std::unordered_set<std::string_view> inRoster;
    auto newestOf = [&](const std::string& jid) -> std::int64_t {
        auto it = st.conversations.find(jid);
        return it == st.conversations.end() || it->second.messages.empty() ? 0 : it->second.messages.back().timestampMs;
    };
    for (const auto& item : st.roster) {
        if (!inRoster.insert(item.jid).second) continue;
        rows.push_back({&item.jid, newestOf(item.jid), item.name.empty() ? std::string_view(item.jid) : item.name});
    }
    for (const auto& [jid, conv] : st.conversations)
        if (!conv.messages.empty() && !inRoster.count(jid)) rows.push_back({&jid, conv.messages.back().timestampMs, jid});
    for (const auto& [jid, room] : st.rooms)  // a room without messages yet is a row too
        if (!inRoster.count(jid) && newestOf(jid) == 0) rows.push_back({&jid, 0, jid});
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
        if ((a.newest > 0) != (b.newest > 0)) return a.newest > 0;
        if (a.newest != b.newest) return a.newest > b.newest;
        return a.name < b.name;
    });
    std::vector<std::string> jids;
    jids.reserve(rows.size());
    for (const Row& r : rows) jids.push_back(*r.jid);
    return jids;
}

// The second line of a row: "typing…", or the newest message ("Me: " before ours) on one line, bounded.
std::string previewLine(Ctx& c, const model::Conversation& conv) {
    if (conv.peerState == model::ChatState::Composing) return c.t(S::Typing);
    const model::Message& m = conv.messages.back();
    std::string line = m.direction == model::Direction::Outgoing ? std::string(c.t(S::Me)) + ": " : std::string();
    for (char ch : utf8Prefix(shownBody(c, m), kLineScanBytes / 4)) line += ch == '\n' || ch == '\r' || ch == '\t' ? ' ' : ch;
    return line;
}

void rosterRow(Ctx& c, const std::string& jid, int index, bool narrow) {
    if (isRoomChat(c, jid)) {
        roomRow(c, jid, index, narrow);
        return;
    }
    const model::RosterItem* item = nullptr;
    for (const auto& r : c.st.roster) {
        if (r.jid == jid) item = &r;
    }
    const model::Conversation* conv = nullptr;
    if (auto it = c.st.conversations.find(jid); it != c.st.conversations.end()) conv = &it->second;
    const bool hasMessages = conv && !conv->messages.empty();
    const int unread = conv ? conv->unread : 0;
    const bool privateChat = isPrivateChat(jid);  // an occupant of a room: "nick (via room)"
    // No name from us nor from them: the address's local part, and the whole address under it (as
    // Conversations does) while there is no message to show there.
    std::string name = privateChat ? privateChatName(c.lang(), jid) : displayName(c.st, jid);
    if (name == jid && jid.find('@') != std::string::npos) name = jid.substr(0, jid.find('@'));

    ImGui::PushID(index);  // received JIDs never become IDs
    bool selected = c.st.openChat == jid && (!narrow || c.ui.pane == Pane::Chat) && !c.ui.settingsOpen;
    ImVec2 start = ImGui::GetCursorPos();
    float rowH = ImGui::GetTextLineHeight() * 2.0f + ImGui::GetStyle().ItemSpacing.y;
    if (ImGui::Selectable("##row", selected, 0, ImVec2(0, rowH))) openChatRow(c, jid);
    if (!privateChat && ImGui::BeginPopupContextItem("row-menu")) {  // a contact's (not an occupant's)
        if (ImGui::MenuItem(c.t(S::Rename))) {
            c.ui.renameJid = jid;
            c.ui.renameName = item ? std::string(utf8Prefix(item->name, kLineScanBytes / 2)) : std::string();
        }
        if (ImGui::MenuItem(c.t(S::Remove))) c.ui.removeJid = jid;
        blockMenuItem(c, jid);
        ImGui::EndPopup();
    }
    ImGui::SetCursorPos(start);
    presenceDot(privateChat ? privateChatShow(c, jid) : model::bestShow(c.st, jid), c.px(5));
    ImGui::SameLine();
    // First line: name, then the newest message's time at the right; second: its text or the address,
    // with the unread badge at the right.
    const std::string when = hasMessages ? formatTime(conv->messages.back().timestampMs) : std::string();
    const float whenW = when.empty() ? 0.0f : ImGui::CalcTextSize(when.c_str()).x + ImGui::GetStyle().ItemSpacing.x;
    const float right = ImGui::GetWindowContentRegionMax().x;
    textEllipsis(c, name, right - ImGui::GetCursorPosX() - whenW);
    c.report.rosterNames.emplace_back(jid, name);
    if (!when.empty()) {
        ImGui::SameLine(std::max(ImGui::GetCursorPosX(), right - whenW + ImGui::GetStyle().ItemSpacing.x));
        ImGui::TextDisabled("%s", when.c_str());
    }
    char badge[16];
    std::snprintf(badge, sizeof badge, " %d ", unread);
    const float badgeW = unread > 0 ? ImGui::CalcTextSize(badge).x + ImGui::GetStyle().ItemSpacing.x : 0.0f;
    ImGui::SetCursorPosX(start.x + c.px(14));
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    const float room = right - ImGui::GetCursorPosX() - badgeW;
    if (item && item->askSubscribe) {
        textEllipsis(c, std::string(utf8Prefix(jid, kLineScanBytes)) + " · " + c.t(S::Pending), room);
    } else if (hasMessages) {
        const std::string preview = previewLine(c, *conv);
        textEllipsis(c, preview, room);
        c.report.rosterPreviews.emplace_back(jid, preview);
    } else {
        textEllipsis(c, jid, room);
    }
    ImGui::PopStyleColor();
    if (unread > 0) {
        const bool muted = c.st.alerts.muted.count(jid) > 0;
        const float w = ImGui::CalcTextSize(badge).x;
        ImGui::SameLine(std::max(ImGui::GetCursorPosX(), right - w));
        ImVec2 p = ImGui::GetCursorScreenPos();
        ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + w, p.y + ImGui::GetTextLineHeight()),
                                                  muted ? kMutedBadge : kUnreadBadge, ImGui::GetTextLineHeight() * 0.5f);
        ImGui::TextUnformatted(badge);
        c.report.unreadBadges.emplace_back(jid, muted);
    }
    ImGui::SetCursorPos(ImVec2(start.x, start.y + rowH + ImGui::GetStyle().ItemSpacing.y));
    ImGui::PopID();
    c.report.rosterRows.push_back(jid);
}

}  // namespace

void drawRoster(Ctx& c, bool narrow) {
    c.report.rosterScreen = true;
    ownPresence(c, narrow);
    ImGui::Separator();
    subscriptionRequests(c);
    roomRequests(c);
    addContactPopup(c);
    roomButtons(c);
    if (auto* text = noticeText(c.lang(), c.st.notice)) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextDisabled("%s", text);
        ImGui::PopTextWrapPos();
    }

    drawSearchField(c);
    if (drawSearchResults(c, narrow)) return;
    if (c.ui.chatListRevision != c.client.revision()) {
        c.ui.chatList = rowJids(c.st);
        c.ui.chatListRevision = c.client.revision();
    }
    const std::vector<std::string>& rows = c.ui.chatList;
    ImGui::BeginChild("roster-list", ImVec2(0, 0), false);
    if (rows.empty()) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextDisabled("%s", c.t(S::NoContacts));
        ImGui::PopTextWrapPos();
    }
    float rowStep = ImGui::GetTextLineHeight() * 2.0f + ImGui::GetStyle().ItemSpacing.y * 2.0f;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()), rowStep);
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) rosterRow(c, rows[static_cast<std::size_t>(i)], i, narrow);
    }
    clipper.End();
    ImGui::EndChild();
}

}  // namespace starling::ui
