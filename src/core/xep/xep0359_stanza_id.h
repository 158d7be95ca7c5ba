#pragma once
// XEP-0359 Unique and Stable Stanza IDs: our origin-id on outgoing messages, and the stanza-id our own
// server's archive assigned (trusted only when `by` is our own bare JID).
#include <string>
#include <string_view>

#include "core/xml/element.h"
#include "core/xml/ns.h"

namespace starling::xep {

using ns::kStanzaIdFeature;

struct StanzaIds {
    std::string originId;  // sender-chosen; empty when absent
    std::string stanzaId;  // from <stanza-id by=ownBare/>; empty when absent or by someone else
};

StanzaIds parseStanzaIds(const xml::Element& message, std::string_view ownBareJid);
void addOriginId(xml::Element& message, std::string_view id);

}  // namespace starling::xep
