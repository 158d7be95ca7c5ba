#pragma once
// What the group chat views (room_view.cpp, room_list.cpp, room_dialogs.cpp) remember between frames.
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace starling::ui {

struct RoomUi {
    // Join / Create dialogs: the fields, and the room they asked for (the dialog stays open and says what
    // the room answered until we are in; then the room opens).
    bool openJoin = false;
    bool openCreate = false;
    std::string joinRoom, joinNick, joinPassword;
    bool askPassword = false;  // the room said it needs one, or the invitation carried one
    std::string createRoom, createNick, createMembers;
    bool createPrivate = true;
    std::string target;  // bare room JID the dialog waits for; "" when none
    // Invite dialog of the open room.
    bool openInvite = false;
    std::string inviteJid;
    // Invitations declined (room JIDs): not shown again this session.
    std::set<std::string> declined;
    // Rooms seen in State::rooms this session: a room left stays a room's chat (its history is kept).
    std::set<std::string> known;
    // Our nick per room while joined: a different one later is said ("your nickname is now …").
    std::map<std::string, std::string> nicks;
    std::map<std::string, std::string> nickChanged;  // room → the new nick, until dismissed
    // The occupant list's order (moderators, participants, visitors; then by nick), rebuilt when the
    // client's revision moved.
    std::string occupantsRoom;
    std::uint64_t occupantsRevision = ~std::uint64_t{0};
    std::vector<std::string> occupantOrder;
    bool showOccupants = false;  // narrow layout: the list in place of the history
};

}  // namespace starling::ui
