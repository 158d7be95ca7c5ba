#include "core/xep/xep0308_correction.h"

#include "core/xml/ns.h"

namespace starling::xep {

std::string correctionOf(const xml::Element& message) {
    const xml::Element* replace = message.child(ns::kCorrection, "replace");
    return replace ? std::string(replace->attr("id")) : std::string();
}

void addCorrection(xml::Element& message, std::string_view replacedId) {
    message.add(ns::kCorrection, "replace").setAttr("id", replacedId);
}

}  // namespace starling::xep
