#pragma once
// A private chat with a room's occupant (XEP-0045 §7.5): kept apart from the room's chat and from any
// contact's, in State::conversations under the occupant's JID `room@service/nick`. Every other chat is
// under a bare JID, so the '/' alone tells a private chat (and its history file, which escapes it).
#include <string>
#include <string_view>

#include "core/model/state.h"
#include "core/xml/element.h"

namespace starling::im {

// The key of a private chat: has a resource.
bool isOccupantChat(std::string_view key);
// The room and the nick of a private chat's key ("" when `key` is none).
std::string_view roomOfOccupantChat(std::string_view key);
std::string_view nickOfOccupantChat(std::string_view key);
// A room we know (bare JID, normalized): in State::rooms (joined or not) or State::formerRooms (left,
// removed, bookmarked). A contact's bare JID is none: its full JIDs stay a one-to-one chat.
bool isKnownRoom(const model::State& state, const std::string& bare);
// A stanza of ours to the chat `key` sent outside the outgoing pipeline (a reaction, a retraction): the
// muc#user <x/> when it is a private chat, as XEP-0045 §7.5 asks (carbons and archives tell it apart).
void markPrivate(xml::Element& stanza, std::string_view key);
// The private chat `jid` names: `room@service/nick` (the room part normalized, the nick as it is) when
// `jid` is a valid full JID whose bare JID is a room we know; "" otherwise.
std::string occupantChatKey(const model::State& state, std::string_view jid);

}  // namespace starling::im
