#pragma once
// XEP-0045 group chats in the UI. A room is a chat like any other (its messages in the history view, the
// same composer) with its own header (subject, our state in plain words, Leave, Invite, whether it is
// encrypted), an occupant list (roles, affiliations, presence; through a clipper), nicknames coloured by a
// hash of the nick, mentions (a message naming our nick highlighted; `@` in the composer completes a
// nickname), chat list rows with unread and mention counts, the Join and Create dialogs, and invitations
// as requests to accept or decline. Received text (nicks, subjects, reasons, addresses) is never a label,
// ID or format: it is drawn with the bounded text helpers, bidi controls made visible.
#include <string>
#include <string_view>
#include <vector>

#include "ui/views.h"

struct ImVec4;

namespace starling::ui {

// The chat is a room's (one we are in, joining, were removed from, or left in this session).
bool isRoomChat(const Ctx& c, const std::string& jid);
// The room's name as shown: its localpart.
std::string roomName(const std::string& jid);
// A nick as drawn: bidi controls and other invisible format characters are replaced by U+FFFD, so a nick
// cannot reorder or hide the text around it.
std::string safeNick(std::string_view nick);
// The same colour for the same nick everywhere (a hash of its bytes), readable on the dark theme.
ImVec4 nickColor(std::string_view nick);
// The body names `nick` (case-insensitively), as the core counts a mention.
bool namesNick(std::string_view body, std::string_view nick);

// Message rows (room_view.cpp): the sender's nick, coloured; an incoming message naming our nick.
void roomSender(Ctx& c, const model::Message& m);
bool mentionsMe(const Ctx& c, const std::string& jid, const model::Message& m);

// Chat view (room_view.cpp): the header of an open room, in place of a contact's header.
void roomHeader(Ctx& c, const std::string& jid, bool narrow);
// The occupant list's width beside the history (wide layout); 0: none; < 0: the narrow layout shows the
// list in place of the history.
float roomOccupantsWidth(const Ctx& c, const std::string& jid, bool narrow);
void drawOccupants(Ctx& c, const std::string& jid, float height);
// Above the composer: the nicknames completing an `@word` being typed at the draft's end; a click (or Tab)
// puts the nick in. True when the draft changed (the composer reloads it).
bool mentionCompletion(Ctx& c, const std::string& jid, std::string& draft);
std::vector<std::string> mentionMatches(const Ctx& c, const std::string& jid, const std::string& draft);

// Chat list (room_list.cpp): the row of a room (dot replaced by '#', unread and mention badges).
void roomRow(Ctx& c, const std::string& jid, int index, bool narrow);
// Invitations (accept / decline) and the Join / Create buttons with their dialogs.
void roomRequests(Ctx& c);
void roomButtons(Ctx& c);
void drawRoomDialogs(Ctx& c);
// Opens the Join dialog filled in (nick "": proposed from our account) (room_dialogs.cpp).
void openJoinDialog(Ctx& c, const std::string& room, const std::string& nick, const std::string& password);
// What the dialogs' Join and Create do; false when the client refused (not a room address or nick).
bool submitJoin(Ctx& c, const std::string& room, const std::string& nick, const std::string& password);
bool submitCreate(Ctx& c, const std::string& room, const std::string& nick, bool isPrivate,
                  const std::vector<std::string>& members);

}  // namespace starling::ui
