#pragma once
// XEP-0066 Out of Band Data, as a message payload: <x xmlns='jabber:x:oob'><url/><desc/></x>. With HTTP
// File Upload the URL is also the whole body (as Conversations sends it): that marks the body as a file.
#include <optional>
#include <string>

#include "core/xml/element.h"

namespace starling::xep {

struct Oob {
    std::string url;
    std::string desc;
};

xml::Element oobElement(const Oob& oob);
// The first <x xmlns='jabber:x:oob'/> of a message with a non-empty <url/>.
std::optional<Oob> oobOf(const xml::Element& message);

}  // namespace starling::xep
