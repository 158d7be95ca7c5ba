#pragma once
// Strict frame check in front of tinyxml2, then conversion to an owned, namespace-resolved Element.
// RFC 7395 sends exactly one complete element per WebSocket message.
#include <cstddef>
#include <string_view>

#include "core/util/result.h"
#include "core/xml/element.h"

namespace starling::xml {

struct Limits {
    std::size_t maxBytes = 1 << 20;       // one frame
    std::size_t maxDepth = 64;
    std::size_t maxAttributesPerElement = 64;
    std::size_t maxElements = 50000;
};

// Rejects (Error code "bad-frame"): more or fewer than one root element, DOCTYPE, entities other than
// the five predefined and numeric references to valid XML chars, comments, processing instructions
// (an XML declaration too), CDATA is allowed, invalid UTF-8, characters not allowed in XML 1.0,
// unbound prefixes, and anything over the limits. Must be linear-time on hostile input.
// `defaultNs` is the namespace in scope for unprefixed elements without xmlns (RFC 7395: the framing
// elements declare their own; stanzas inside a frame declare xmlns="jabber:client").
Result<Element> parseFrame(std::string_view text, const Limits& limits = {}, std::string_view defaultNs = {});

// The same checks for a whole XML document fetched over HTTP (XEP-0156 host-meta), which may also carry a
// UTF-8 BOM, an XML declaration, comments and processing instructions (skipped). Still no DOCTYPE/entities.
Result<Element> parseDocument(std::string_view text, const Limits& limits = {});

}  // namespace starling::xml
