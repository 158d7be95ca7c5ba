#include "core/xep/xep0339_ssrc.h"

#include "core/xml/ns.h"

namespace starling::xep {

SsrcAttributes parseSsrcAttributes(const xml::Element& description) {
    SsrcAttributes out;
    for (const xml::Element& c : description.children()) {
        if (c.is(ns::kJingleSsma, "source") && !c.attr("ssrc").empty()) {
            SsrcSource s{std::string(c.attr("ssrc")), {}};
            for (const xml::Element* p : c.childrenNamed(ns::kJingleSsma, "parameter"))
                if (!p->attr("name").empty()) s.parameters.emplace_back(p->attr("name"), p->attr("value"));
            out.sources.push_back(std::move(s));
        } else if (c.is(ns::kJingleSsma, "ssrc-group") && !c.attr("semantics").empty()) {
            SsrcGroup g{std::string(c.attr("semantics")), {}};
            for (const xml::Element* s : c.childrenNamed(ns::kJingleSsma, "source"))
                if (!s->attr("ssrc").empty()) g.ssrcs.emplace_back(s->attr("ssrc"));
            out.groups.push_back(std::move(g));
        }
    }
    return out;
}

void addSsrcAttributes(xml::Element& description, const SsrcAttributes& attributes) {
    for (const SsrcSource& s : attributes.sources) {
        xml::Element& e = description.add(ns::kJingleSsma, "source");
        e.setAttr("ssrc", s.ssrc);
        for (const auto& [name, value] : s.parameters) {
            xml::Element& p = e.add(ns::kJingleSsma, "parameter");
            p.setAttr("name", name);
            if (!value.empty()) p.setAttr("value", value);
        }
    }
    for (const SsrcGroup& g : attributes.groups) {
        xml::Element& e = description.add(ns::kJingleSsma, "ssrc-group");
        e.setAttr("semantics", g.semantics);
        for (const auto& ssrc : g.ssrcs) e.add(ns::kJingleSsma, "source").setAttr("ssrc", ssrc);
    }
}

}  // namespace starling::xep
