#include "core/xep/xep0066_oob.h"

#include "core/xml/ns.h"

namespace starling::xep {

xml::Element oobElement(const Oob& oob) {
    xml::Element x(ns::kOob, "x");
    x.addText(ns::kOob, "url", oob.url);
    if (!oob.desc.empty()) x.addText(ns::kOob, "desc", oob.desc);
    return x;
}

std::optional<Oob> oobOf(const xml::Element& message) {
    const xml::Element* x = message.child(ns::kOob, "x");
    if (!x) return std::nullopt;
    Oob oob{std::string(x->childText(ns::kOob, "url")), std::string(x->childText(ns::kOob, "desc"))};
    if (oob.url.empty()) return std::nullopt;
    return oob;
}

}  // namespace starling::xep
