// The open room: its header (name, subject, our state in plain words, encryption, Participants, Invite,
// Leave), the occupant list through a clipper, the sender's nick on each message, the highlight of a
// message naming us, and `@` completion in the composer.
#include "ui/room_view.h"
#include "ui/alerts_view.h"

#include <algorithm>
#include <cstdio>

#include <imgui.h>
#include <imgui_internal.h>  // ClearActiveID: the composer reloads a completed draft

#include "core/im/jid_util.h"
#include "core/search/casefold.h"
#include "ui/omemo_view.h"
#include "ui/private_chat_view.h"

namespace starling::ui {
namespace {

const char* rt(const Ctx& c, const char* key) { return roomText(c.lang(), key); }

const model::Room* findRoom(const Ctx& c, const std::string& jid) {
    auto it = c.st.rooms.find(jid);
    return it == c.st.rooms.end() ? nullptr : &it->second;
}

// One of our strings on its own wrapped line, noted for drawnText().
void say(Ctx& c, const char* text, const ImVec4* color = nullptr) {
    if (color) ImGui::PushStyleColor(ImGuiCol_Text, *color);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    if (color) ImGui::PopStyleColor();
    drawn(c, text);
}

int roleRank(const std::string& role) {
    if (role == "moderator") return 0;
    if (role == "participant") return 1;
    return 2;
}

// Decodes the code point at `i` (UTF-8, already validated by the XML layer); its length in `len`.
char32_t codePointAt(std::string_view s, std::size_t i, std::size_t& len) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) { len = 1; return b; }
    len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
    if (i + len > s.size()) { len = 1; return 0xFFFD; }
    char32_t cp = b & (0x3F >> (len - 1));
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    return cp;
}

bool invisibleFormat(char32_t cp) {
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F ||
           cp == 0x061C || cp == 0x200B || cp == 0x2060 || cp == 0xFEFF;
}

// The start of an `@word` being typed at the end of the draft (after a space or at the start); npos if none.
std::size_t mentionStart(const std::string& draft) {
    const std::size_t at = draft.rfind('@');
    if (at == std::string::npos || (at > 0 && draft[at - 1] != ' ' && draft[at - 1] != '\n')) return std::string::npos;
    if (draft.find_first_of(" \n\t", at) != std::string::npos) return std::string::npos;
    return at;
}

// An occupant's row (right click): a private message (XEP-0045 §7.5), then the moderation our role and
// affiliation allow. Returns the nick to open a private chat with ("" when none was chosen): the row's
// `o` may go once the chat opens.
std::string occupantMenu(Ctx& c, const model::Room& room, const model::Occupant& o) {
    if (o.nick == room.nick || !room.joined) return {};
    auto self = room.occupants.find(room.nick);
    const bool moderator = self != room.occupants.end() && self->second.role == "moderator";
    const bool admin = self != room.occupants.end() &&
                       (self->second.affiliation == "owner" || self->second.affiliation == "admin");
    if (!ImGui::BeginPopupContextItem("occupant-menu")) return {};
    std::string chosen;
    if (ImGui::MenuItem(rt(c, "private-message"))) chosen = o.nick;
    drawn(c, rt(c, "private-message"));
    if (moderator && ImGui::MenuItem(rt(c, "kick"))) c.client.kick(room.jid, o.nick);
    if (admin && !o.realJid.empty()) {
        if (o.affiliation == "none" && ImGui::MenuItem(rt(c, "make-member"))) c.client.grantMembership(room.jid, bareOf(o.realJid));
        if (ImGui::MenuItem(rt(c, "ban"))) c.client.ban(room.jid, bareOf(o.realJid));
    }
    ImGui::EndPopup();
    return chosen;
}

}  // namespace

bool isRoomChat(const Ctx& c, const std::string& jid) {
    if (c.st.rooms.count(jid)) {
        c.ui.room.known.insert(jid);
        return true;
    }
    return c.ui.room.known.count(jid) != 0;
}

std::string roomName(const std::string& jid) {
    const std::size_t at = jid.find('@');
    return at == std::string::npos || at == 0 ? jid : jid.substr(0, at);
}

std::string safeNick(std::string_view nick) {
    std::string out;
    out.reserve(std::min(nick.size(), kLineScanBytes));
    for (std::size_t i = 0, len = 0; i < nick.size() && out.size() < kLineScanBytes; i += len) {
        const char32_t cp = codePointAt(nick, i, len);
        if (invisibleFormat(cp) || cp < 0x20) out += "\xEF\xBF\xBD";  // U+FFFD
        else out.append(nick.substr(i, len));
    }
    return out;
}

ImVec4 nickColor(std::string_view nick) {
    std::uint32_t h = 2166136261u;  // FNV-1a
    for (char ch : nick) h = (h ^ static_cast<unsigned char>(ch)) * 16777619u;
    float r = 0, g = 0, b = 0;
    ImGui::ColorConvertHSVtoRGB(static_cast<float>(h % 360u) / 360.0f, 0.45f, 0.95f, r, g, b);
    return ImVec4(r, g, b, 1.0f);
}

bool namesNick(std::string_view body, std::string_view nick) {
    if (nick.empty()) return false;
    std::string text, name;
    search::foldInto(body, text);
    search::foldInto(nick, name);
    return text.find(name) != std::string::npos;
}

void roomSender(Ctx& c, const model::Message& m) {
    const std::string nick = im::resourceOf(m.from);
    ImGui::PushStyleColor(ImGuiCol_Text, nickColor(nick));
    textEllipsis(c, safeNick(nick), std::max(ImGui::GetFontSize() * 4.0f, ImGui::GetContentRegionAvail().x * 0.6f));
    ImGui::PopStyleColor();
}

bool mentionsMe(const Ctx& c, const std::string& jid, const model::Message& m) {
    if (m.direction != model::Direction::Incoming) return false;
    const model::Room* room = findRoom(c, jid);
    // A frame folds at most what a row shows of a long body.
    return room != nullptr && namesNick(utf8Prefix(m.body, kBodyMaxShownBytes), room->nick);
}

void roomHeader(Ctx& c, const std::string& jid, bool narrow) {
    const model::Room* room = findRoom(c, jid);
    chatBackButton(c, narrow);
    ImGui::TextUnformatted("#");
    ImGui::SameLine();
    textEllipsis(c, roomName(jid), ImGui::GetWindowContentRegionMax().x - ImGui::GetCursorPosX());
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    textEllipsis(c, jid, ImGui::GetWindowContentRegionMax().x - ImGui::GetCursorPosX());
    ImGui::PopStyleColor();
    if (room && !room->subject.empty()) {
        ImGui::TextDisabled("%s", rt(c, "subject"));
        ImGui::SameLine();
        textEllipsis(c, room->subject, ImGui::GetWindowContentRegionMax().x - ImGui::GetCursorPosX());
    }
    // Our state in plain words.
    const ImVec4 warn(1.0f, 0.70f, 0.35f, 1.0f);
    if (!room) {
        say(c, rt(c, "left"), &warn);
        if (ImGui::SmallButton(rt(c, "join-again"))) openJoinDialog(c, jid, {}, {});
        drawn(c, rt(c, "join-again"));
        ImGui::Separator();
        return;
    }
    if (!room->error.empty()) {
        const char* why = rt(c, room->error.c_str());
        say(c, *why ? why : rt(c, "join-failed"), &warn);
        if (!room->errorText.empty()) {
            ImGui::TextDisabled("%s", rt(c, "reason"));
            ImGui::SameLine();
            textEllipsis(c, room->errorText, ImGui::GetWindowContentRegionMax().x - ImGui::GetCursorPosX());
        }
        if (room->error != "removed-banned" && room->error != "banned" && room->error != "destroyed") {
            if (ImGui::SmallButton(rt(c, "join-again"))) openJoinDialog(c, jid, room->nick, room->password);
            drawn(c, rt(c, "join-again"));
        }
    } else if (room->joining && !room->joined) {
        say(c, rt(c, "joining"));
    }
    // A nick the room gave us or changed: said until dismissed.
    auto& seen = c.ui.room.nicks[jid];
    if (room->joined) {
        if (!seen.empty() && seen != room->nick) c.ui.room.nickChanged[jid] = room->nick;
        seen = room->nick;
    }
    if (auto changed = c.ui.room.nickChanged.find(jid); changed != c.ui.room.nickChanged.end()) {
        ImGui::TextUnformatted(rt(c, "nick-changed"));
        drawn(c, rt(c, "nick-changed"));
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, nickColor(changed->second));
        textEllipsis(c, safeNick(changed->second), ImGui::GetWindowContentRegionMax().x - ImGui::GetCursorPosX() - c.px(40));
        ImGui::PopStyleColor();
        ImGui::SameLine();
        if (ImGui::SmallButton(rt(c, "ok"))) c.ui.room.nickChanged.erase(changed);
    }
    const ImVec4 plain(0.85f, 0.55f, 0.55f, 1.0f);
    say(c, rt(c, room->encrypted ? "encrypted-room" : room->encryptable ? "private-room" : "not-encrypted"),
        room->encrypted ? nullptr : &plain);
    if (narrow) {
        char label[96];
        std::snprintf(label, sizeof label, "%s (%zu)###participants",
                      c.ui.room.showOccupants ? rt(c, "back-to-chat") : rt(c, "participants"), room->occupants.size());
        if (ImGui::SmallButton(label)) c.ui.room.showOccupants = !c.ui.room.showOccupants;
        ImGui::SameLine();
    }
    muteButton(c, jid);
    ImGui::SameLine();
    if (ImGui::SmallButton(rt(c, "invite"))) {
        c.ui.room.openInvite = true;
        c.ui.room.inviteJid.clear();
    }
    drawn(c, rt(c, "invite"));
    ImGui::SameLine();
    const bool leave = ImGui::SmallButton(rt(c, "leave"));
    drawn(c, rt(c, "leave"));
    omemoRoomControls(c, *room);
    ImGui::Separator();
    if (leave) c.client.leaveRoom(jid);  // last: `room` goes away
}

float roomOccupantsWidth(const Ctx& c, const std::string& jid, bool narrow) {
    if (!findRoom(c, jid)) return 0.0f;
    if (narrow) return c.ui.room.showOccupants ? -1.0f : 0.0f;
    return c.px(210);
}

void drawOccupants(Ctx& c, const std::string& jid, float height) {
    const model::Room* room = findRoom(c, jid);
    if (!room) return;
    RoomUi& ui = c.ui.room;
    if (ui.occupantsRoom != jid || ui.occupantsRevision != c.client.revision()) {
        ui.occupantsRoom = jid;
        ui.occupantsRevision = c.client.revision();
        ui.occupantOrder.clear();
        struct Key { int rank; std::string fold; const std::string* nick; };
        std::vector<Key> keys;
        keys.reserve(room->occupants.size());
        for (const auto& [nick, o] : room->occupants) {
            Key k{roleRank(o.role), {}, &nick};
            search::foldInto(nick, k.fold);
            keys.push_back(std::move(k));
        }
        std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
            return a.rank != b.rank ? a.rank < b.rank : a.fold != b.fold ? a.fold < b.fold : *a.nick < *b.nick;
        });
        ui.occupantOrder.reserve(keys.size());
        for (const Key& k : keys) ui.occupantOrder.push_back(*k.nick);
    }
    char title[64];
    std::snprintf(title, sizeof title, "%s (%zu)", rt(c, "participants"), room->occupants.size());
    ImGui::TextUnformatted(title);
    drawn(c, rt(c, "participants"));
    ImGui::Separator();
    ImGui::BeginChild("occupant-list", ImVec2(0, std::max(0.0f, height - ImGui::GetCursorPosY())), false);
    const float lineH = ImGui::GetTextLineHeight();
    const float rowH = lineH * 2.0f + ImGui::GetStyle().ItemSpacing.y;
    std::string privateWith;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(ui.occupantOrder.size()), rowH + ImGui::GetStyle().ItemSpacing.y);
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const std::string& nick = ui.occupantOrder[static_cast<std::size_t>(i)];
            auto it = room->occupants.find(nick);
            ImGui::PushID(i);  // nicks never become IDs
            const ImVec2 start = ImGui::GetCursorPos();
            if (it == room->occupants.end()) {
                ImGui::Dummy(ImVec2(1, rowH));
                ImGui::PopID();
                continue;
            }
            const model::Occupant& o = it->second;
            ImGui::Selectable("##occupant", false, ImGuiSelectableFlags_AllowDoubleClick, ImVec2(0, rowH));
            const float s = c.scale > 0.0f ? c.scale : 1.0f;
            const ImVec2 rmin = ImGui::GetItemRectMin(), rmax = ImGui::GetItemRectMax();
            c.report.occupantRows.push_back({nick, rmin.x / s, rmin.y / s, (rmax.x - rmin.x) / s, (rmax.y - rmin.y) / s});
            // A double click, or the menu's "Private message": the occupant's own chat (after the list).
            if (ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(0) && nick != room->nick && room->joined)
                privateWith = nick;
            if (std::string chosen = occupantMenu(c, *room, o); !chosen.empty()) privateWith = chosen;
            ImGui::SetCursorPos(start);
            presenceDot(o.show, c.px(4));
            ImGui::SameLine();
            const bool me = nick == room->nick;
            const float right = ImGui::GetWindowContentRegionMax().x;
            const float meW = me ? ImGui::CalcTextSize(rt(c, "you")).x + ImGui::GetStyle().ItemSpacing.x : 0.0f;
            ImGui::PushStyleColor(ImGuiCol_Text, nickColor(nick));
            textEllipsis(c, safeNick(nick), right - ImGui::GetCursorPosX() - meW);
            ImGui::PopStyleColor();
            if (me) {
                ImGui::SameLine();
                ImGui::TextDisabled("%s", rt(c, "you"));
            }
            // Second line: role, affiliation (when it is more than none), the real address when shown.
            std::string detail = rt(c, o.role.c_str());
            if (const char* aff = rt(c, o.affiliation.c_str()); *aff) detail += std::string(" · ") + aff;
            if (!o.realJid.empty()) detail += " · " + bareOf(o.realJid);
            ImGui::SetCursorPosX(start.x + c.px(12));
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
            textEllipsis(c, detail, right - ImGui::GetCursorPosX());
            ImGui::PopStyleColor();
            ImGui::SetCursorPos(ImVec2(start.x, start.y + rowH + ImGui::GetStyle().ItemSpacing.y));
            ImGui::PopID();
            c.report.occupantsShown.push_back(nick);
        }
    }
    clipper.End();
    ImGui::EndChild();
    if (!privateWith.empty()) openPrivateChat(c, jid, privateWith);  // last: the open chat changes
}

std::vector<std::string> mentionMatches(const Ctx& c, const std::string& jid, const std::string& draft) {
    std::vector<std::string> out;
    const model::Room* room = findRoom(c, jid);
    const std::size_t at = mentionStart(draft);
    if (!room || at == std::string::npos) return out;
    std::string typed, fold;
    search::foldInto(std::string_view(draft).substr(at + 1), typed);
    for (const auto& [nick, o] : room->occupants) {
        if (nick == room->nick) continue;
        fold.clear();
        search::foldInto(nick, fold);
        if (fold.compare(0, typed.size(), typed) == 0) out.push_back(nick);
        if (out.size() >= 6) break;
    }
    return out;
}

bool mentionCompletion(Ctx& c, const std::string& jid, std::string& draft) {
    const std::vector<std::string> matches = mentionMatches(c, jid, draft);
    if (matches.empty()) return false;
    int chosen = -1;
    const ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsKeyPressed(io.KeyMap[ImGuiKey_Tab], false)) chosen = 0;
    const float lineH = ImGui::GetTextLineHeight();
    for (std::size_t i = 0; i < matches.size(); ++i) {
        const std::string shown = "@" + safeNick(utf8Prefix(matches[i], 64));
        ImGui::PushID(static_cast<int>(i));
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float w = ImGui::CalcTextSize(shown.data(), shown.data() + shown.size()).x + c.px(8);
        if (ImGui::Selectable("##mention", i == 0, 0, ImVec2(w, lineH))) chosen = static_cast<int>(i);
        ImGui::GetWindowDrawList()->AddText(ImVec2(p.x + c.px(4), p.y), ImGui::GetColorU32(nickColor(matches[i])),
                                            shown.data(), shown.data() + shown.size());
        ImGui::PopID();
        ImGui::SameLine();
    }
    ImGui::NewLine();
    if (chosen < 0) return false;
    draft.resize(mentionStart(draft));
    draft += "@" + matches[static_cast<std::size_t>(chosen)] + " ";
    ImGui::ClearActiveID();  // the composer takes the new draft when it is active again
    c.ui.focusComposer = true;
    return true;
}

}  // namespace starling::ui
