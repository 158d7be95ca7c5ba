#include "core/xep/xep0060_pubsub.h"

#include "core/xml/ns.h"

namespace starling::xep {

xml::Element pubsubPublish(std::string_view node, std::string_view itemId, xml::Element payload, bool openAccess) {
    xml::Element iq(ns::kClient, "iq");
    iq.setAttr("type", "set");
    xml::Element& pubsub = iq.add(ns::kPubsub, "pubsub");
    xml::Element& publish = pubsub.add(ns::kPubsub, "publish");
    publish.setAttr("node", node);
    xml::Element& item = publish.add(ns::kPubsub, "item");
    if (!itemId.empty()) item.setAttr("id", itemId);
    item.add(std::move(payload));
    if (openAccess) {
        xml::Element& form = pubsub.add(ns::kPubsub, "publish-options").add(ns::kDataForms, "x");
        form.setAttr("type", "submit");
        xml::Element& type = form.add(ns::kDataForms, "field");
        type.setAttr("var", "FORM_TYPE").setAttr("type", "hidden");
        type.addText(ns::kDataForms, "value", ns::kPubsubPublishOptions);
        xml::Element& access = form.add(ns::kDataForms, "field");
        access.setAttr("var", "pubsub#access_model");
        access.addText(ns::kDataForms, "value", "open");
    }
    return iq;
}

xml::Element privatePublish(std::string_view node, std::string_view itemId, xml::Element payload) {
    xml::Element iq = pubsubPublish(node, itemId, std::move(payload), false);
    xml::Element& form = iq.child(ns::kPubsub, "pubsub")->add(ns::kPubsub, "publish-options").add(ns::kDataForms, "x");
    form.setAttr("type", "submit");
    const std::pair<const char*, const char*> fields[] = {
        {"FORM_TYPE", ns::kPubsubPublishOptions}, {"pubsub#persist_items", "true"}, {"pubsub#max_items", "max"},
        {"pubsub#send_last_published_item", "never"}, {"pubsub#access_model", "whitelist"}};
    for (const auto& [var, value] : fields) {
        xml::Element& f = form.add(ns::kDataForms, "field");
        f.setAttr("var", var);
        if (var == std::string_view("FORM_TYPE")) f.setAttr("type", "hidden");
        f.addText(ns::kDataForms, "value", value);
    }
    return iq;
}

const xml::Element* pubsubItemsOf(const xml::Element& stanza) {
    if (const xml::Element* pubsub = stanza.child(ns::kPubsub, "pubsub")) return pubsub->child(ns::kPubsub, "items");
    if (!stanza.is(ns::kClient, "message")) return nullptr;
    const xml::Element* event = stanza.child(ns::kPubsubEvent, "event");
    return event ? event->child(ns::kPubsubEvent, "items") : nullptr;
}

xml::Element pubsubItems(std::string_view to, std::string_view node, int maxItems) {
    xml::Element iq(ns::kClient, "iq");
    iq.setAttr("type", "get");
    if (!to.empty()) iq.setAttr("to", to);
    xml::Element& items = iq.add(ns::kPubsub, "pubsub").add(ns::kPubsub, "items");
    items.setAttr("node", node);
    if (maxItems > 0) items.setAttr("max_items", std::to_string(maxItems));
    return iq;
}

const xml::Element* pubsubFirstPayload(const xml::Element& reply, std::string_view node) {
    const xml::Element* items = nullptr;
    if (const xml::Element* pubsub = reply.child(ns::kPubsub, "pubsub")) items = pubsub->child(ns::kPubsub, "items");
    if (!items) items = pubsubEventItems(reply);
    if (!items || items->attr("node") != node) return nullptr;
    const std::string& itemNs = items->ns();
    const xml::Element* item = items->child(itemNs, "item");
    return item ? item->firstChild() : nullptr;
}

const xml::Element* pubsubEventItems(const xml::Element& message) {
    if (!message.is(ns::kClient, "message")) return nullptr;
    const xml::Element* event = message.child(ns::kPubsubEvent, "event");
    return event ? event->child(ns::kPubsubEvent, "items") : nullptr;
}

bool pubsubMeansEmpty(const Error& error) {
    return error.code == "item-not-found" || error.code == "forbidden" || error.code == "not-authorized" ||
           error.code == "service-unavailable";
}

}  // namespace starling::xep
