#pragma once
// The one reader of a stanza's <error/> (RFC 6120 §8.3): its defined condition and <text/>.
#include <string>

#include "core/xml/element.h"

namespace starling::xml {

struct StanzaErrorParts {
    std::string condition;  // first urn:ietf:params:xml:ns:xmpp-stanzas child other than <text/>; "" if none
    std::string text;       // its <text/>; "" if none
};

// Of `stanza`'s <error xmlns='jabber:client'/> child (both empty when there is none).
StanzaErrorParts stanzaErrorParts(const Element& stanza);

}  // namespace starling::xml
