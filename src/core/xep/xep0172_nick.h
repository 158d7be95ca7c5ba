#pragma once
// XEP-0172 User Nickname: the name a person gives themselves, published on their PEP node
// `http://jabber.org/protocol/nick` (pushed to contacts who ask for it with +notify) and sent inside a
// subscription request. Shown where our roster has no name for them; never trusted as their address.
// Values in, values out.
#include <cstddef>
#include <optional>
#include <string>

#include "core/xml/element.h"

namespace starling::xep {

inline constexpr std::size_t kMaxNickCodePoints = 64;

// The nickname of a <nick xmlns='http://jabber.org/protocol/nick'> child of `parent` (a presence, a PEP
// item): line breaks and other controls become spaces, bidirectional overrides are dropped (a name must
// not reorder what is drawn after it), blanks trimmed, at most kMaxNickCodePoints. nullopt when there is
// no such child or nothing is left of it.
std::optional<std::string> nickOf(const xml::Element& parent);

struct NickUpdate {
    std::string from;  // bare JID of the publisher
    std::string nick;  // "" = they removed it (retracted, or an item without a nickname)
};

// A PEP event <message> of the nickname node (from the publisher's bare JID); nullopt for any other
// stanza or a publisher that is not a bare JID.
std::optional<NickUpdate> parseNickEvent(const xml::Element& message);

}  // namespace starling::xep
