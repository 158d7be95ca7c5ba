#include "core/im/occupant_chat.h"

#include "core/jid/jid.h"
#include "core/xml/ns.h"

namespace starling::im {

bool isOccupantChat(std::string_view key) { return key.find('/') != std::string_view::npos; }

std::string_view roomOfOccupantChat(std::string_view key) {
    const std::size_t slash = key.find('/');
    return slash == std::string_view::npos ? std::string_view() : key.substr(0, slash);
}

std::string_view nickOfOccupantChat(std::string_view key) {
    const std::size_t slash = key.find('/');
    return slash == std::string_view::npos ? std::string_view() : key.substr(slash + 1);
}

bool isKnownRoom(const model::State& state, const std::string& bare) {
    return state.rooms.count(bare) != 0 || state.formerRooms.count(bare) != 0;
}

void markPrivate(xml::Element& stanza, std::string_view key) {
    if (isOccupantChat(key)) stanza.add(ns::kMucUser, "x");
}

std::string occupantChatKey(const model::State& state, std::string_view jid) {
    auto j = jid::Jid::parse(jid);
    if (!j || !j->hasResource() || j->local().empty() || !isKnownRoom(state, j->bareString())) return {};
    return j->full();
}

}  // namespace starling::im
