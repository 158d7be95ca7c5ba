#include "core/xep/xep0359_stanza_id.h"

#include "core/xml/ns.h"

namespace starling::xep {

StanzaIds parseStanzaIds(const xml::Element& message, std::string_view ownBareJid) {
    StanzaIds ids;
    if (const xml::Element* origin = message.child(ns::kStanzaId, "origin-id"))
        ids.originId = std::string(origin->attr("id"));
    // Several stanza-ids may be present (one per archive); only our own server's is ours to trust.
    for (const xml::Element* sid : message.childrenNamed(ns::kStanzaId, "stanza-id")) {
        if (!ownBareJid.empty() && sid->attr("by") == ownBareJid && !sid->attr("id").empty()) {
            ids.stanzaId = std::string(sid->attr("id"));
            break;
        }
    }
    return ids;
}

void addOriginId(xml::Element& message, std::string_view id) {
    message.removeChildren(ns::kStanzaId, "origin-id");
    message.add(ns::kStanzaId, "origin-id").setAttr("id", id);
}

}  // namespace starling::xep
