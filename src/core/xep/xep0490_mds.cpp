#include "core/xep/xep0490_mds.h"

#include "core/im/jid_util.h"
#include "core/xml/ns.h"

namespace starling::xep {

namespace {

void field(xml::Element& form, std::string_view var, std::string_view value, bool hidden = false) {
    xml::Element& f = form.add(ns::kDataForms, "field");
    f.setAttr("var", var);
    if (hidden) f.setAttr("type", "hidden");
    f.addText(ns::kDataForms, "value", value);
}

const xml::Element* itemsOf(const xml::Element& stanza) {
    if (const xml::Element* pubsub = stanza.child(ns::kPubsub, "pubsub")) return pubsub->child(ns::kPubsub, "items");
    if (!stanza.is(ns::kClient, "message")) return nullptr;
    const xml::Element* event = stanza.child(ns::kPubsubEvent, "event");
    return event ? event->child(ns::kPubsubEvent, "items") : nullptr;
}

}  // namespace

xml::Element displayedPublish(const DisplayedUpTo& d) {
    xml::Element iq(ns::kClient, "iq");
    iq.setAttr("type", "set");
    xml::Element& pubsub = iq.add(ns::kPubsub, "pubsub");
    xml::Element& publish = pubsub.add(ns::kPubsub, "publish");
    publish.setAttr("node", ns::kMds);
    xml::Element& item = publish.add(ns::kPubsub, "item");
    item.setAttr("id", d.chat);
    item.add(ns::kMds, "displayed").add(ns::kStanzaId, "stanza-id").setAttr("by", d.by).setAttr("id", d.stanzaId);
    xml::Element& form = pubsub.add(ns::kPubsub, "publish-options").add(ns::kDataForms, "x");
    form.setAttr("type", "submit");
    field(form, "FORM_TYPE", ns::kPubsubPublishOptions, true);
    field(form, "pubsub#persist_items", "true");
    field(form, "pubsub#max_items", "max");
    field(form, "pubsub#send_last_published_item", "never");
    field(form, "pubsub#access_model", "whitelist");
    return iq;
}

xml::Element displayedFetch() {
    xml::Element iq(ns::kClient, "iq");
    iq.setAttr("type", "get");
    iq.add(ns::kPubsub, "pubsub").add(ns::kPubsub, "items").setAttr("node", ns::kMds);
    return iq;
}

std::optional<std::vector<DisplayedUpTo>> parseDisplayed(const xml::Element& stanza) {
    const xml::Element* items = itemsOf(stanza);
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
