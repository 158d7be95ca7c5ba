#include "core/xep/xep0490_mds.h"

#include "core/im/jid_util.h"
#include "core/xep/xep0060_pubsub.h"
#include "core/xml/ns.h"

namespace starling::xep {

xml::Element displayedPublish(const DisplayedUpTo& d) {
    xml::Element displayed(ns::kMds, "displayed");
    displayed.add(ns::kStanzaId, "stanza-id").setAttr("by", d.by).setAttr("id", d.stanzaId);
    return privatePublish(ns::kMds, d.chat, std::move(displayed));
}

xml::Element displayedFetch() {
    xml::Element iq(ns::kClient, "iq");
    iq.setAttr("type", "get");
    iq.add(ns::kPubsub, "pubsub").add(ns::kPubsub, "items").setAttr("node", ns::kMds);
    return iq;
}

std::optional<std::vector<DisplayedUpTo>> parseDisplayed(const xml::Element& stanza) {
    const xml::Element* items = pubsubItemsOf(stanza);
    if (!items || items->attr("node") != ns::kMds) return std::nullopt;
    std::vector<DisplayedUpTo> out;
    for (const xml::Element& item : items->children()) {
        if (item.ns() != items->ns() || item.name() != "item") continue;
        const xml::Element* displayed = item.child(ns::kMds, "displayed");
        const xml::Element* sid = displayed ? displayed->child(ns::kStanzaId, "stanza-id") : nullptr;
        DisplayedUpTo d;
        d.chat = im::normalizedAccount(item.attr("id"));
        if (!sid || d.chat.empty() || sid->attr("id").empty() || sid->attr("id").size() > 256) continue;
        d.stanzaId = std::string(sid->attr("id"));
        d.by = im::normalizedAccount(sid->attr("by"));
        out.push_back(std::move(d));
    }
    return out;
}

}  // namespace starling::xep
