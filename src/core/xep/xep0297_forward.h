#pragma once
// XEP-0297 Stanza Forwarding: the <forwarded/> wrapper used by carbons (XEP-0280) and archive results
// (XEP-0313). Exactly one forwarded jabber:client <message/>, with an optional <delay/> stamp.
#include "core/util/result.h"
#include "core/xml/element.h"

namespace starling::xep {

struct Forwarded {
    const xml::Element* wrapper = nullptr;  // <forwarded/>: holds the <delay/> (points into the stanza)
    const xml::Element* message = nullptr;  // the forwarded message
};

// `parent` holds <forwarded xmlns='urn:xmpp:forward:0'>; errors: "malformed" (missing, several, or not
// exactly one jabber:client message inside).
Result<Forwarded> parseForwarded(const xml::Element& parent);

}  // namespace starling::xep
