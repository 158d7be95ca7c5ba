#include "core/xep/xep0030_disco.h"

#include <algorithm>

#include "core/xml/ns.h"

namespace starling::xep {

void DiscoInfo::addFeature(const std::string& feature) {
    auto it = std::lower_bound(features.begin(), features.end(), feature);
    if (it == features.end() || *it != feature) features.insert(it, feature);
}

bool DiscoInfo::hasFeature(const std::string& feature) const {
    return std::binary_search(features.begin(), features.end(), feature);
}

DiscoInfo starlingDiscoInfo() {
    DiscoInfo info;
    info.identities.push_back({"client", "web", "Starling", ""});
    info.addFeature(ns::kDiscoInfo);
    return info;
}

bool isDiscoInfoRequest(const xml::Element& iq) {
    return iq.is(ns::kClient, "iq") && iq.attr("type") == "get" && iq.child(ns::kDiscoInfo, "query") != nullptr;
}

xml::Element discoInfoResult(const xml::Element& request, const DiscoInfo& info) {
    xml::Element reply(ns::kClient, "iq");
    reply.setAttr("type", "result");
    reply.setAttr("id", request.attr("id"));
    if (!request.attr("from").empty()) reply.setAttr("to", request.attr("from"));
    xml::Element& query = reply.add(ns::kDiscoInfo, "query");
    if (const xml::Element* req = request.child(ns::kDiscoInfo, "query"); req && req->hasAttr("node"))
        query.setAttr("node", req->attr("node"));
    for (const auto& id : info.identities) {
        xml::Element& e = query.add(ns::kDiscoInfo, "identity");
        e.setAttr("category", id.category);
        e.setAttr("type", id.type);
        if (!id.name.empty()) e.setAttr("name", id.name);
        if (!id.lang.empty()) e.setAttrNs(ns::kXml, "lang", id.lang);
    }
    for (const auto& f : info.features) query.add(ns::kDiscoInfo, "feature").setAttr("var", f);
    return reply;
}

namespace {
std::string langOf(const xml::Element& e) {
    const std::string* lang = e.findAttr("lang", ns::kXml);
    return lang ? *lang : std::string();
}
}  // namespace

DiscoInfo parseDiscoInfo(const xml::Element& query) {
    DiscoInfo info;
    for (const xml::Element* e : query.childrenNamed(ns::kDiscoInfo, "identity"))
        info.identities.push_back({std::string(e->attr("category")), std::string(e->attr("type")),
                                   std::string(e->attr("name")), langOf(*e)});
    for (const xml::Element* e : query.childrenNamed(ns::kDiscoInfo, "feature"))
        if (!e->attr("var").empty()) info.addFeature(std::string(e->attr("var")));
    return info;
}

}  // namespace starling::xep
