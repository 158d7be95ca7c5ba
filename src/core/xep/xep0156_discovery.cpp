#include "core/xep/xep0156_discovery.h"

#include <algorithm>

#include "core/jid/jid.h"
#include "core/util/json.h"
#include "core/util/strings.h"
#include "core/xml/ns.h"
#include "core/xml/parser.h"

namespace starling::xep {
namespace {

using util::trim;

bool startsWithNoCase(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 0x20);
        if (c != prefix[i]) return false;
    }
    return true;
}

// 0 = wss, 1 = ws, -1 = not a usable WebSocket URL.
int webSocketRank(std::string_view url) {
    std::size_t hostStart = 0;
    int rank = -1;
    if (startsWithNoCase(url, "wss://")) {
        rank = 0;
        hostStart = 6;
    } else if (startsWithNoCase(url, "ws://")) {
        rank = 1;
        hostStart = 5;
    } else {
        return -1;
    }
    if (hostStart >= url.size() || url[hostStart] == '/') return -1;  // no host
    for (char c : url) {
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) return -1;  // spaces or controls
    }
    return rank;
}

// Collects (rel, href) pairs and produces the ordered result.
class Links {
public:
    void add(std::string_view rel, std::string_view href) {
        if (trim(rel) != kAltConnectionsWebSocket) return;
        const std::string_view url = trim(href);
        const int rank = webSocketRank(url);
        if (rank < 0) return;
        std::vector<std::string>& group = rank == 0 ? m_secure : m_plain;
        if (std::find(group.begin(), group.end(), url) == group.end()) group.emplace_back(url);
    }

    Result<std::vector<std::string>> result() && {
        if (m_secure.empty() && m_plain.empty()) {
            return makeError("no-websocket", "host-meta announces no WebSocket endpoint");
        }
        std::vector<std::string> out = std::move(m_secure);
        for (std::string& url : m_plain) out.push_back(std::move(url));
        return out;
    }

private:
    std::vector<std::string> m_secure;
    std::vector<std::string> m_plain;
};

}  // namespace

Result<HostMetaUrls> hostMetaUrls(std::string_view domain) {
    auto normalized = jid::normalizeDomain(domain);
    if (!normalized.ok()) return makeError("bad-domain", normalized.error().message);
    const std::string base = "https://" + *normalized + "/.well-known/host-meta";
    return HostMetaUrls{base, base + ".json"};
}

Result<std::vector<std::string>> parseHostMetaXml(std::string_view body) {
    xml::Limits limits;
    limits.maxBytes = 256 * 1024;
    auto doc = xml::parseDocument(body, limits);
    if (!doc.ok()) return makeError("bad-host-meta", doc.error().message);
    if (!doc->is(ns::kXrd, "XRD")) return makeError("bad-host-meta", "root is not an XRD element");
    Links links;
    for (const xml::Element* link : doc->childrenNamed(ns::kXrd, "Link")) {
        links.add(link->attr("rel"), link->attr("href"));
    }
    return std::move(links).result();
}

Result<std::vector<std::string>> parseHostMetaJson(std::string_view body) {
    Json::Limits limits;
    limits.maxBytes = 256 * 1024;
    limits.maxDepth = 16;
    auto doc = Json::parse(body, limits);
    if (!doc.ok()) return makeError("bad-host-meta", doc.error().message);
    if (!doc->isObject()) return makeError("bad-host-meta", "JRD is not an object");
    Links links;
    for (const Json& link : (*doc)["links"].items()) {
        const Json& rel = link["rel"];
        const Json& href = link["href"];
        if (rel.isString() && href.isString()) links.add(rel.asString(), href.asString());
    }
    return std::move(links).result();
}

}  // namespace starling::xep
