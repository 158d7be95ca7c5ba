#include "core/xep/xep0297_forward.h"

#include "core/xml/ns.h"

namespace starling::xep {

Result<Forwarded> parseForwarded(const xml::Element& parent) {
    const auto wrappers = parent.childrenNamed(ns::kForward, "forwarded");
    if (wrappers.size() != 1) return makeError("malformed", "expected exactly one <forwarded/>");
    const auto messages = wrappers[0]->childrenNamed(ns::kClient, "message");
    if (messages.size() != 1) return makeError("malformed", "expected exactly one forwarded <message/>");
    Forwarded f;
    f.message = messages[0];
    f.wrapper = wrappers[0];
    return f;
}

}  // namespace starling::xep
