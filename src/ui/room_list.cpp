// Group chats in the chat list: a room's row ('#' in place of the presence dot, its newest message with
// the sender's nick, an unread badge and apart from it a mention badge "@N"), the invitations as requests
// (Accept opens the Join dialog; Decline hides it; never a join by itself), and Join / New group chat.
#include <algorithm>
#include <cstdio>

#include <imgui.h>

#include "core/im/jid_util.h"
#include "ui/message_actions.h"
#include "ui/room_view.h"

namespace starling::ui {
namespace {

const char* rt(const Ctx& c, const char* key) { return roomText(c.lang(), key); }

std::string previewOf(Ctx& c, const model::Message& m) {
    std::string line = m.direction == model::Direction::Outgoing ? std::string(c.t(S::Me)) + ": "
                                                                  : safeNick(utf8Prefix(im::resourceOf(m.from), 64)) + ": ";
    for (char ch : utf8Prefix(shownBody(c, m), kLineScanBytes / 4)) line += ch == '\n' || ch == '\r' || ch == '\t' ? ' ' : ch;
    return line;
}

// A rounded badge at the right end of the line; returns its width with spacing (0 when not drawn).
float badgeWidth(const char* text) { return ImGui::CalcTextSize(text).x + ImGui::GetStyle().ItemSpacing.x; }
void badge(const char* text, float x, ImU32 color) {
    ImGui::SameLine(x);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float w = ImGui::CalcTextSize(text).x;
    ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + w, p.y + ImGui::GetTextLineHeight()), color,
                                              ImGui::GetTextLineHeight() * 0.5f);
    ImGui::TextUnformatted(text);
}

bool inRoster(const Ctx& c, const std::string& jid) {
    return std::any_of(c.st.roster.begin(), c.st.roster.end(), [&](const auto& r) { return r.jid == jid; });
}

}  // namespace

void roomRow(Ctx& c, const std::string& jid, int index, bool narrow) {
    const model::Conversation* conv = nullptr;
    if (auto it = c.st.conversations.find(jid); it != c.st.conversations.end()) conv = &it->second;
    auto roomIt = c.st.rooms.find(jid);
    const model::Room* room = roomIt == c.st.rooms.end() ? nullptr : &roomIt->second;
    const bool hasMessages = conv && !conv->messages.empty();
    const int unread = conv ? conv->unread : 0;
    const int mentions = room ? room->mentions : 0;

    ImGui::PushID(index);
    const bool selected = c.st.openChat == jid && (!narrow || c.ui.pane == Pane::Chat) && !c.ui.settingsOpen;
    const ImVec2 start = ImGui::GetCursorPos();
    const ImGuiStyle& style = ImGui::GetStyle();
    const float rowH = ImGui::GetTextLineHeight() * 2.0f + style.ItemSpacing.y;
    if (ImGui::Selectable("##row", selected, 0, ImVec2(0, rowH))) openChatRow(c, jid);
    ImGui::SetCursorPos(start);
    const bool in = room && room->joined;
    ImGui::PushStyleColor(ImGuiCol_Text, in ? ImVec4(0.55f, 0.80f, 1.0f, 1.0f) : ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextUnformatted("#");
    ImGui::PopStyleColor();
    ImGui::SameLine(start.x + c.px(14));
    const std::string when = hasMessages ? formatTime(conv->messages.back().timestampMs) : std::string();
    const float whenW = when.empty() ? 0.0f : ImGui::CalcTextSize(when.c_str()).x + style.ItemSpacing.x;
    const float right = ImGui::GetWindowContentRegionMax().x;
    textEllipsis(c, roomName(jid), right - ImGui::GetCursorPosX() - whenW);
    if (!when.empty()) {
        ImGui::SameLine(std::max(ImGui::GetCursorPosX(), right - whenW + style.ItemSpacing.x));
        ImGui::TextDisabled("%s", when.c_str());
    }
    char unreadText[16], mentionText[16];
    std::snprintf(unreadText, sizeof unreadText, " %d ", unread);
    std::snprintf(mentionText, sizeof mentionText, " @%d ", mentions);
    const float unreadW = unread > 0 ? badgeWidth(unreadText) : 0.0f;
    const float mentionW = mentions > 0 ? badgeWidth(mentionText) : 0.0f;
    ImGui::SetCursorPosX(start.x + c.px(14));
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    const float space = right - ImGui::GetCursorPosX() - unreadW - mentionW;
    if (room && !room->error.empty()) {
        const char* why = rt(c, room->error.c_str());
        textEllipsis(c, *why ? why : rt(c, "join-failed"), space);
    } else if (hasMessages) {
        const std::string preview = previewOf(c, conv->messages.back());
        textEllipsis(c, preview, space);
        c.report.rosterPreviews.emplace_back(jid, preview);
    } else {
        textEllipsis(c, room && room->joining ? rt(c, "joining") : rt(c, "group-chat"), space);
    }
    ImGui::PopStyleColor();
    if (mentions > 0) badge(mentionText, std::max(ImGui::GetCursorPosX(), right - unreadW - mentionW + style.ItemSpacing.x),
                            IM_COL32(210, 120, 30, 255));
    if (unread > 0) {
        const bool muted = c.st.alerts.muted.count(jid) > 0;
        badge(unreadText, std::max(ImGui::GetCursorPosX(), right - unreadW + style.ItemSpacing.x),
              muted ? kMutedBadge : kUnreadBadge);
        c.report.unreadBadges.emplace_back(jid, muted);
    }
    ImGui::SetCursorPos(ImVec2(start.x, start.y + rowH + style.ItemSpacing.y));
    ImGui::PopID();
    c.report.rosterRows.push_back(jid);
}

void roomRequests(Ctx& c) {
    std::string accept, decline;
    const model::RoomInvitation* accepted = nullptr;
    int index = 0;
    for (const auto& inv : c.st.roomInvitations) {
        if (c.ui.room.declined.count(inv.room)) continue;
        ImGui::PushID(1000 + index++);  // received addresses never become IDs
        textEllipsis(c, inv.inviter, ImGui::GetContentRegionAvail().x);
        if (!inRoster(c, inv.inviter)) {
            ImGui::TextColored(ImVec4(0.95f, 0.70f, 0.35f, 1.0f), "%s", rt(c, "stranger"));
            drawn(c, rt(c, "stranger"));
        }
        ImGui::TextDisabled("%s", rt(c, "invitation"));
        drawn(c, rt(c, "invitation"));
        ImGui::TextUnformatted("#");
        ImGui::SameLine();
        textEllipsis(c, inv.room, ImGui::GetContentRegionAvail().x);
        if (!inv.reason.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
            textEllipsis(c, inv.reason, ImGui::GetContentRegionAvail().x);
            ImGui::PopStyleColor();
        }
        if (ImGui::SmallButton(c.t(S::Accept))) accepted = &inv;
        drawn(c, c.t(S::Accept));
        ImGui::SameLine();
        if (ImGui::SmallButton(rt(c, "decline"))) decline = inv.room;
        drawn(c, rt(c, "decline"));
        ImGui::Separator();
        ImGui::PopID();
    }
    if (accepted) openJoinDialog(c, accepted->room, {}, accepted->password);
    if (!decline.empty()) c.ui.room.declined.insert(decline);
}

void roomButtons(Ctx& c) {
    const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
    if (ImGui::Button(rt(c, "join-room"), ImVec2(half, 0))) openJoinDialog(c, {}, {}, {});
    drawn(c, rt(c, "join-room"));
    ImGui::SameLine();
    if (ImGui::Button(rt(c, "create-room"), ImVec2(-1.0f, 0))) {
        c.ui.room.openCreate = true;
        c.ui.room.createRoom.clear();
        c.ui.room.createMembers.clear();
        c.ui.room.createNick.clear();
        c.ui.room.createPrivate = true;
        c.ui.room.target.clear();
    }
    drawn(c, rt(c, "create-room"));
}

}  // namespace starling::ui
