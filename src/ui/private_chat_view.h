#pragma once
// Private chats with a room's occupant (XEP-0045 §7.5, core/im/occupant_chat.h): a chat of its own under
// room@service/nick, named "nick (via room)" in the chat list and its header, which says it is not
// encrypted (the room relays it) and whether we are in the room, and mutes it; opened from the occupant list.
#include <string>

#include "ui/views.h"

namespace starling::ui {

bool isPrivateChat(const std::string& jid);
// "nick (via room)": the nick drawn safe (bidi controls visible), the room by its name. The chat list row,
// the header and a notification's title (alerts_view.h) say it alike.
std::string privateChatName(Lang lang, const std::string& jid);
// The occupant's presence in the room (Offline when not there, or we are not in the room).
model::Show privateChatShow(const Ctx& c, const std::string& jid);
// The open private chat's header, in place of a contact's.
void privateChatHeader(Ctx& c, const std::string& jid, bool narrow);
// Opens the private chat with `nick` of `room` (the occupant list's "Private message").
void openPrivateChat(Ctx& c, const std::string& room, const std::string& nick);

}  // namespace starling::ui
