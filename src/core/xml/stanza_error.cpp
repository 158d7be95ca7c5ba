#include "core/xml/stanza_error.h"

#include "core/xml/ns.h"

namespace starling::xml {

StanzaErrorParts stanzaErrorParts(const Element& stanza) {
    StanzaErrorParts parts;
    const Element* error = stanza.child(ns::kClient, "error");
    if (!error) return parts;
    for (const auto& c : error->children()) {
        if (c.ns() != ns::kStanzaErrors) continue;
        if (c.name() == "text") parts.text = c.text();
        else if (parts.condition.empty()) parts.condition = c.name();
    }
    return parts;
}

}  // namespace starling::xml
