#include "core/xep/xep0333_chat_markers.h"

#include "core/xml/ns.h"

namespace starling::xep {

void addMarkable(xml::Element& message) {
    message.removeChildren(ns::kChatMarkers, "markable");
    message.add(ns::kChatMarkers, "markable");
}

bool isMarkable(const xml::Element& message) { return message.child(ns::kChatMarkers, "markable") != nullptr; }

std::string displayedMarkerFor(const xml::Element& message) {
    const xml::Element* d = message.child(ns::kChatMarkers, "displayed");
    return d ? std::string(d->attr("id")) : std::string();
}

xml::Element displayedMessage(std::string_view to, std::string_view markedId, std::string_view type, std::string_view id) {
    xml::Element m(ns::kClient, "message");
    m.setAttr("to", to);
    if (!type.empty()) m.setAttr("type", type);
    m.setAttr("id", id);
    m.add(ns::kChatMarkers, "displayed").setAttr("id", markedId);
    m.add(ns::kHints, "store");
    return m;
}

}  // namespace starling::xep
