#include "core/xep/xep0424_retraction.h"

#include "core/xml/ns.h"

namespace starling::xep {

std::string retractionOf(const xml::Element& message) {
    if (const xml::Element* r = message.child(ns::kRetract, "retract")) return std::string(r->attr("id"));
    for (const xml::Element* applyTo : message.childrenNamed(ns::kFasten, "apply-to"))
        if (applyTo->child(ns::kRetractLegacy, "retract")) return std::string(applyTo->attr("id"));
    return {};
}

xml::Element retractionMessage(std::string_view to, std::string_view type, std::string_view id,
                               std::string_view retractedId) {
    xml::Element m(ns::kClient, "message");
    m.setAttr("to", to).setAttr("type", type).setAttr("id", id);
    m.add(ns::kRetract, "retract").setAttr("id", retractedId);
    xml::Element& applyTo = m.add(ns::kFasten, "apply-to");
    applyTo.setAttr("id", retractedId);
    applyTo.add(ns::kRetractLegacy, "retract");
    m.add(ns::kFallback, "fallback").setAttr("for", ns::kRetract);
    m.addText(ns::kClient, "body", kRetractionFallbackBody);
    m.add(ns::kHints, "store");
    return m;
}

}  // namespace starling::xep
