#include "core/xep/xep0184_receipts.h"

#include "core/xml/ns.h"

namespace starling::xep {

void addReceiptRequest(xml::Element& message) {
    message.removeChildren(ns::kReceipts, "request");
    message.add(ns::kReceipts, "request");
}

bool receiptRequested(const xml::Element& message) { return message.child(ns::kReceipts, "request") != nullptr; }

std::string receiptFor(const xml::Element& message) {
    const xml::Element* r = message.child(ns::kReceipts, "received");
    return r ? std::string(r->attr("id")) : std::string();
}

xml::Element receiptMessage(std::string_view to, std::string_view ackedId, std::string_view type, std::string_view id) {
    xml::Element m(ns::kClient, "message");
    m.setAttr("to", to);
    if (!type.empty()) m.setAttr("type", type);
    m.setAttr("id", id);
    m.add(ns::kReceipts, "received").setAttr("id", ackedId);
    m.add(ns::kHints, "store");  // archived, so our other devices and a later catch-up see it
    return m;
}

}  // namespace starling::xep
