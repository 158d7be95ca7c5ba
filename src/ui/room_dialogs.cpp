// The group chat dialogs: Join (address, a nickname proposed from our account, the password when the room
// asks; a taken nickname replaced by the room's free alternative), New group chat (private for friends or
// public, with the people to invite) and Invite. Join and New stay open and say what the room answered
// until we are in; then the room's chat opens. Also App's entry points for the test hook.
#include <algorithm>

#include <imgui.h>

#include "ui/app.h"
#include "ui/room_view.h"

namespace starling::ui {
namespace {

const char* rt(const Ctx& c, const char* key) { return roomText(c.lang(), key); }

std::string ownLocalpart(const Ctx& c) {
    const std::string bare = bareOf(c.st.ownJid);
    const std::size_t at = bare.find('@');
    return at == std::string::npos ? bare : bare.substr(0, at);
}

std::string ownDomain(const Ctx& c) {
    const std::string bare = bareOf(c.st.ownJid);
    const std::size_t at = bare.find('@');
    return at == std::string::npos ? bare : bare.substr(at + 1);
}

// "family" → "family@conference.<our server>"; an address is kept as typed.
std::string roomAddress(const Ctx& c, const std::string& typed) {
    std::string t = typed;
    t.erase(0, t.find_first_not_of(" \t"));
    t.erase(t.find_last_not_of(" \t") + 1);
    if (t.empty() || t.find('@') != std::string::npos) return t;
    return t + "@conference." + ownDomain(c);
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    return s;
}

std::vector<std::string> splitAddresses(const std::string& text) {
    std::vector<std::string> out;
    std::string cur;
    for (char ch : text + " ") {
        if (ch == ',' || ch == ' ' || ch == '\n' || ch == ';' || ch == '\t') {
            if (!cur.empty()) out.push_back(cur);
            cur.clear();
        } else {
            cur += ch;
        }
    }
    return out;
}

// What the room said about the join the dialog waits for. True when we are in (the dialog closes).
bool joinStatus(Ctx& c) {
    RoomUi& ui = c.ui.room;
    auto it = c.st.rooms.find(ui.target);
    if (ui.target.empty() || it == c.st.rooms.end()) return false;
    const model::Room& room = it->second;
    if (room.joined) return true;
    if (room.error.empty()) {
        if (room.joining) {
            ImGui::TextDisabled("%s", rt(c, "joining"));
            drawn(c, rt(c, "joining"));
        }
        return false;
    }
    const char* why = rt(c, room.error.c_str());
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.55f, 0.45f, 1.0f));
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(*why ? why : rt(c, "join-failed"));
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    drawn(c, *why ? why : rt(c, "join-failed"));
    if (!room.errorText.empty()) textEllipsis(c, room.errorText, ImGui::GetContentRegionAvail().x);
    if (room.error == "password-required") ui.askPassword = true;
    if (room.error == "nick-conflict" && !room.proposedNick.empty()) {
        ImGui::TextUnformatted(rt(c, "use-nick"));
        drawn(c, rt(c, "use-nick"));
        ImGui::SameLine();
        textEllipsis(c, safeNick(room.proposedNick), ImGui::GetContentRegionAvail().x);
        if (ui.joinNick == room.nick) ui.joinNick = room.proposedNick;  // once: the person may type another
        if (ui.createNick == room.nick) ui.createNick = room.proposedNick;
    }
    return false;
}

void closeWhenJoined(Ctx& c) {
    if (!joinStatus(c)) return;
    const std::string room = c.ui.room.target;
    c.ui.room.target.clear();
    wipe(c.ui.room.joinPassword);
    ImGui::CloseCurrentPopup();
    openChatRow(c, room);
}

void joinDialog(Ctx& c, float width) {
    RoomUi& ui = c.ui.room;
    if (ui.openJoin && !ImGui::IsPopupOpen("join-room")) ImGui::OpenPopup("join-room");
    ui.openJoin = false;
    ImGui::SetNextWindowSize(ImVec2(width, 0));
    if (!ImGui::BeginPopupModal("join-room", nullptr, ImGuiWindowFlags_NoTitleBar)) return;
    ImGui::TextUnformatted(rt(c, "join-room"));
    ImGui::TextUnformatted(rt(c, "room-address"));
    ImGui::SetNextItemWidth(-1.0f);
    if (ImGui::IsWindowAppearing() && ui.joinRoom.empty()) ImGui::SetKeyboardFocusHere();
    bool enter = inputString("##join-address", ui.joinRoom, ImGuiInputTextFlags_EnterReturnsTrue, rt(c, "room-address-hint"));
    ImGui::TextUnformatted(rt(c, "nickname"));
    ImGui::SetNextItemWidth(-1.0f);
    enter |= inputString("##join-nick", ui.joinNick, ImGuiInputTextFlags_EnterReturnsTrue);
    if (ui.askPassword) {
        ImGui::TextUnformatted(rt(c, "room-password"));
        drawn(c, rt(c, "room-password"));
        ImGui::SetNextItemWidth(-1.0f);
        enter |= inputString("##join-password", ui.joinPassword,
                             ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_Password);
    }
    closeWhenJoined(c);
    const bool join = ImGui::Button(rt(c, "join"));
    drawn(c, rt(c, "join"));
    if ((join || enter) && !ui.joinRoom.empty()) submitJoin(c, ui.joinRoom, ui.joinNick, ui.joinPassword);
    ImGui::SameLine();
    if (ImGui::Button(c.t(S::Cancel))) {
        ui.target.clear();
        wipe(ui.joinPassword);
        ImGui::CloseCurrentPopup();
    }
    drawn(c, c.t(S::Cancel));
    ImGui::EndPopup();
}

void createDialog(Ctx& c, float width) {
    RoomUi& ui = c.ui.room;
    if (ui.openCreate && !ImGui::IsPopupOpen("create-room")) ImGui::OpenPopup("create-room");
    ui.openCreate = false;
    ImGui::SetNextWindowSize(ImVec2(width, 0));
    if (!ImGui::BeginPopupModal("create-room", nullptr, ImGuiWindowFlags_NoTitleBar)) return;
    if (ui.createNick.empty() && ImGui::IsWindowAppearing()) ui.createNick = ownLocalpart(c);
    ImGui::TextUnformatted(rt(c, "create-room"));
    ImGui::TextUnformatted(rt(c, "room-address"));
    ImGui::SetNextItemWidth(-1.0f);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    inputString("##create-address", ui.createRoom, 0, ("family@conference." + ownDomain(c)).c_str());
    ImGui::TextUnformatted(rt(c, "nickname"));
    ImGui::SetNextItemWidth(-1.0f);
    inputString("##create-nick", ui.createNick);
    ImGui::PushTextWrapPos(0.0f);
    if (ImGui::RadioButton(rt(c, "private"), ui.createPrivate)) ui.createPrivate = true;
    drawn(c, rt(c, "private"));
    if (ImGui::RadioButton(rt(c, "public"), !ui.createPrivate)) ui.createPrivate = false;
    drawn(c, rt(c, "public"));
    ImGui::PopTextWrapPos();
    ImGui::TextUnformatted(rt(c, "members"));
    ImGui::SetNextItemWidth(-1.0f);
    inputString("##create-members", ui.createMembers);
    closeWhenJoined(c);
    const bool create = ImGui::Button(rt(c, "create"));
    drawn(c, rt(c, "create"));
    if (create && !ui.createRoom.empty())
        submitCreate(c, ui.createRoom, ui.createNick, ui.createPrivate, splitAddresses(ui.createMembers));
    ImGui::SameLine();
    if (ImGui::Button(c.t(S::Cancel))) {
        ui.target.clear();
        ImGui::CloseCurrentPopup();
    }
    drawn(c, c.t(S::Cancel));
    ImGui::EndPopup();
}

void inviteDialog(Ctx& c, float width) {
    RoomUi& ui = c.ui.room;
    if (ui.openInvite && !ImGui::IsPopupOpen("invite-room")) ImGui::OpenPopup("invite-room");
    ui.openInvite = false;
    ImGui::SetNextWindowSize(ImVec2(width, 0));
    if (!ImGui::BeginPopupModal("invite-room", nullptr, ImGuiWindowFlags_NoTitleBar)) return;
    ImGui::TextUnformatted(rt(c, "invite-address"));
    ImGui::SetNextItemWidth(-1.0f);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    const bool enter = inputString("##invite-jid", ui.inviteJid, ImGuiInputTextFlags_EnterReturnsTrue, "bob@example.org");
    const bool invite = ImGui::Button(rt(c, "invite"));
    drawn(c, rt(c, "invite"));
    if ((invite || enter) && !ui.inviteJid.empty()) {
        for (const auto& jid : splitAddresses(ui.inviteJid)) c.client.invite(c.st.openChat, jid);
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button(c.t(S::Cancel))) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

}  // namespace

void openJoinDialog(Ctx& c, const std::string& room, const std::string& nick, const std::string& password) {
    RoomUi& ui = c.ui.room;
    ui.openJoin = true;
    ui.joinRoom = room;
    ui.joinNick = nick.empty() ? ownLocalpart(c) : nick;
    ui.joinPassword = password;
    ui.askPassword = !password.empty();
    ui.target.clear();
}

bool submitJoin(Ctx& c, const std::string& room, const std::string& nick, const std::string& password) {
    const std::string address = roomAddress(c, room);
    if (!c.client.joinRoom(address, nick.empty() ? ownLocalpart(c) : nick, password)) return false;
    c.ui.room.target = lower(address);
    c.ui.room.declined.erase(c.ui.room.target);
    return true;
}

bool submitCreate(Ctx& c, const std::string& room, const std::string& nick, bool isPrivate,
                  const std::vector<std::string>& members) {
    const std::string address = roomAddress(c, room);
    if (!c.client.createRoom(address, nick.empty() ? ownLocalpart(c) : nick, isPrivate, members)) return false;
    c.ui.room.target = lower(address);
    return true;
}

void drawRoomDialogs(Ctx& c) {
    const float width = std::min(c.px(420), ImGui::GetMainViewport()->Size.x - c.px(16));
    joinDialog(c, width);
    createDialog(c, width);
    inviteDialog(c, width);
}

bool App::joinRoom(const std::string& room, const std::string& nick, const std::string& password) {
    DrawReport scratch;
    Ctx c{m_client, m_client.state(), *m_ui, m_hooks, scratch, 1.0f};
    openJoinDialog(c, room, nick, password);
    return submitJoin(c, room, nick, password);
}

bool App::createRoom(const std::string& room, const std::string& nick, bool isPrivate,
                     const std::vector<std::string>& members) {
    DrawReport scratch;
    Ctx c{m_client, m_client.state(), *m_ui, m_hooks, scratch, 1.0f};
    c.ui.room.openCreate = true;
    c.ui.room.createRoom = room;
    c.ui.room.createNick = nick;
    c.ui.room.createPrivate = isPrivate;
    return submitCreate(c, room, nick, isPrivate, members);
}

bool App::leaveRoom(const std::string& room) { return m_client.leaveRoom(room); }

bool App::inviteToRoom(const std::string& room, const std::string& jid) { return m_client.invite(room, jid); }

}  // namespace starling::ui
