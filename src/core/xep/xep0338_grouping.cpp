#include "core/xep/xep0338_grouping.h"

#include "core/xml/ns.h"

namespace starling::xep {

std::vector<ContentGroup> parseContentGroups(const xml::Element& jingle) {
    std::vector<ContentGroup> out;
    for (const xml::Element* g : jingle.childrenNamed(ns::kJingleGrouping, "group")) {
        if (g->attr("semantics").empty()) continue;
        ContentGroup group{std::string(g->attr("semantics")), {}};
        for (const xml::Element* c : g->childrenNamed(ns::kJingleGrouping, "content"))
            if (!c->attr("name").empty()) group.contents.emplace_back(c->attr("name"));
        out.push_back(std::move(group));
    }
    return out;
}

void addContentGroups(xml::Element& jingle, const std::vector<ContentGroup>& groups) {
    for (const ContentGroup& g : groups) {
        xml::Element& e = jingle.add(ns::kJingleGrouping, "group");
        e.setAttr("semantics", g.semantics);
        for (const auto& name : g.contents) e.add(ns::kJingleGrouping, "content").setAttr("name", name);
    }
}

}  // namespace starling::xep
