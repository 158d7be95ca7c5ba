#include "core/im/endpoint.h"

#include <vector>

#include "core/storage/json_lite.h"
#include "core/xml/ns.h"
#include "core/xml/parser.h"

namespace starling::im {
namespace {

bool isWebsocketUrl(std::string_view url) {
    return url.substr(0, 6) == "wss://" || url.substr(0, 5) == "ws://";
}

std::string pick(const std::vector<std::string>& urls) {
    for (const auto& u : urls)
        if (u.substr(0, 6) == "wss://") return u;
    return urls.empty() ? std::string() : urls.front();
}

}  // namespace

std::string hostMetaXmlUrl(std::string_view domain) {
    return "https://" + std::string(domain) + "/.well-known/host-meta";
}

std::string hostMetaJsonUrl(std::string_view domain) {
    return "https://" + std::string(domain) + "/.well-known/host-meta.json";
}

std::string websocketFromHostMeta(std::string_view body, bool json) {
    std::vector<std::string> urls;
    if (json) {
        auto doc = storage::json::parse(body);
        if (!doc || !doc->isObject()) return {};
        const auto* links = doc->get("links");
        if (!links || !links->isArray()) return {};
        for (const auto& link : links->items())
            if (link.isObject() && link.str("rel") == kWebsocketRel && isWebsocketUrl(link.str("href")))
                urls.push_back(link.str("href"));
    } else {
        auto doc = xml::parseDocument(body);
        if (!doc || !doc->is(ns::kXrd, "XRD")) return {};
        for (const xml::Element* link : doc->childrenNamed(ns::kXrd, "Link"))
            if (link->attr("rel") == kWebsocketRel && isWebsocketUrl(link->attr("href")))
                urls.emplace_back(link->attr("href"));
    }
    return pick(urls);
}

}  // namespace starling::im
