#include "core/im/message_refs.h"

#include "core/im/jid_util.h"

namespace starling::im {

model::Message* findReferenced(model::Conversation& conversation, std::string_view id, bool groupchat,
                               const std::function<bool(const model::Message&)>& accept) {
    if (id.empty()) return nullptr;
    model::Message* chained = nullptr;
    for (auto it = conversation.messages.rbegin(); it != conversation.messages.rend(); ++it) {
        const bool named = it->id == id || (!it->originId.empty() && it->originId == id) ||
                           (groupchat && !it->stanzaId.empty() && it->stanzaId == id);
        if (named && (!accept || accept(*it))) return &*it;
        if (!chained && !it->editId.empty() && it->editId == id && (!accept || accept(*it))) chained = &*it;
    }
    return chained;
}

std::string referenceId(const model::Message& message, bool groupchat) {
    if (groupchat && !message.stanzaId.empty()) return message.stanzaId;
    return message.id;
}

bool sameAuthor(const model::Message& target, const Incoming& in) {
    if (in.outgoing) return target.direction == model::Direction::Outgoing;
    if (target.direction != model::Direction::Incoming) return false;
    // A room: the occupant (room@service/nick). TODO with the group chat work: XEP-0421 occupant-id.
    if (in.groupchat) return !in.from.empty() && target.from == in.from;
    const std::string bare = normalizedBare(in.from);
    return !bare.empty() && normalizedBare(target.from) == bare;
}

std::string authorKey(const Incoming& in) {
    if (in.groupchat) return in.from;
    if (in.outgoing) return std::string(in.options.ownBareJid);
    if (!in.occupantChat.empty()) return in.occupantChat;  // a private chat's occupant, not the room's bare JID
    return normalizedBare(in.from);
}

}  // namespace starling::im
