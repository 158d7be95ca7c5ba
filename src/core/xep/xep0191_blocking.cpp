#include "core/xep/xep0191_blocking.h"

#include "core/jid/jid.h"
#include "core/xml/ns.h"

namespace starling::xep {

xml::Element blocklistGetIq() {
    xml::Element iq(ns::kClient, "iq");
    iq.setAttr("type", "get");
    iq.add(ns::kBlocking, "blocklist");
    return iq;
}

xml::Element blockIq(bool block, const std::vector<std::string>& jids) {
    xml::Element iq(ns::kClient, "iq");
    iq.setAttr("type", "set");
    xml::Element& payload = iq.add(ns::kBlocking, block ? "block" : "unblock");
    for (const auto& j : jids) payload.add(ns::kBlocking, "item").setAttr("jid", j);
    return iq;
}

std::vector<std::string> blockingItems(const xml::Element& payload) {
    std::vector<std::string> out;
    for (const xml::Element* item : payload.childrenNamed(ns::kBlocking, "item")) {
        if (out.size() >= kBlocklistMax) break;
        auto j = jid::Jid::parse(item->attr("jid"));
        if (!j) continue;
        out.push_back(j->full());
    }
    return out;
}

}  // namespace starling::xep
