#pragma once
// How a message names another one (corrections, retractions, reactions, replies) and who may change
// it: shared by the message action modules, the same for a one-to-one chat and a room.
#include <functional>
#include <string>
#include <string_view>

#include "core/im/incoming.h"
#include "core/model/state.h"

namespace starling::im {

// The newest message of the chat that `id` names and `accept` takes (none: any): a one-to-one chat names
// a message by its id or origin-id, a room by the room's stanza-id (or the sender's id); a correction
// chain may name the correction applied last (Message::editId). Linear: at most one scan per message.
model::Message* findReferenced(model::Conversation& conversation, std::string_view id, bool groupchat,
                               const std::function<bool(const model::Message&)>& accept = {});
// The id other clients know `message` by (a room: the room's stanza-id when there is one).
std::string referenceId(const model::Message& message, bool groupchat);
// Whether the author of `in` wrote `target`: our own messages for what our account sent (carbons, the
// archive), the same bare JID in a chat, the same occupant (full JID) in a room.
bool sameAuthor(const model::Message& target, const Incoming& in);
// Who `in` is from, as Message::reactions names people: a bare JID (our own account for ours), in a
// room the occupant's full JID (ours too), in a private chat through a room the occupant's JID (its key).
std::string authorKey(const Incoming& in);

}  // namespace starling::im
