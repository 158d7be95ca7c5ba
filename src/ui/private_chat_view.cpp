#include "ui/private_chat_view.h"

#include <imgui.h>

#include "core/im/occupant_chat.h"
#include "ui/alerts_view.h"
#include "ui/room_view.h"

namespace starling::ui {
namespace {

const char* rt(const Ctx& c, const char* key) { return roomText(c.lang(), key); }

const model::Room* roomOf(const Ctx& c, const std::string& jid) {
    auto it = c.st.rooms.find(std::string(im::roomOfOccupantChat(jid)));
    return it == c.st.rooms.end() ? nullptr : &it->second;
}

}  // namespace

bool isPrivateChat(const std::string& jid) { return im::isOccupantChat(jid); }

std::string privateChatName(Lang lang, const std::string& jid) {
    // A nick is at most 1023 bytes (a longer one is no JID): bounded before it is drawn.
    return safeNick(im::nickOfOccupantChat(jid)) + " (" + roomText(lang, "via") + " " +
           roomName(std::string(im::roomOfOccupantChat(jid))) + ")";
}

model::Show privateChatShow(const Ctx& c, const std::string& jid) {
    const model::Room* room = roomOf(c, jid);
    if (!room || !room->joined) return model::Show::Offline;
    auto o = room->occupants.find(std::string(im::nickOfOccupantChat(jid)));
    return o == room->occupants.end() ? model::Show::Offline : o->second.show;
}

void privateChatHeader(Ctx& c, const std::string& jid, bool narrow) {
    chatBackButton(c, narrow);
    presenceDot(privateChatShow(c, jid), c.px(5), narrow ? ImGui::GetFrameHeight() : 0.0f);
    ImGui::SameLine();
    textEllipsis(c, privateChatName(c.lang(), jid), ImGui::GetWindowContentRegionMax().x - ImGui::GetCursorPosX());
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    textEllipsis(c, jid, ImGui::GetWindowContentRegionMax().x - ImGui::GetCursorPosX());
    ImGui::PopStyleColor();
    muteButton(c, jid);  // as a contact's or a room's: its own, not the room's
    // Said in words: the room relays it, so it is never encrypted; and where it cannot go now.
    const ImVec4 plain(0.85f, 0.55f, 0.55f, 1.0f);
    const char* texts[] = {rt(c, "private-plain"), nullptr};
    const model::Room* room = roomOf(c, jid);
    if (!room || !room->joined) texts[1] = rt(c, "private-left");
    for (const char* text : texts) {
        if (!text) continue;
        ImGui::PushStyleColor(ImGuiCol_Text, plain);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(text);
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        drawn(c, text);
    }
    ImGui::Separator();
}

void openPrivateChat(Ctx& c, const std::string& room, const std::string& nick) {
    openChatRow(c, room + "/" + nick);  // the client takes the occupant's JID as the chat's key
}

}  // namespace starling::ui
