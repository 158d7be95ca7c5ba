#include "core/xep/xep0115_caps.h"

#include <algorithm>
#include <tuple>

#include "core/crypto/hash.h"
#include "core/xml/ns.h"

namespace starling::xep {

std::string capsVerificationString(const DiscoInfo& info) {
    std::vector<DiscoIdentity> ids = info.identities;
    // Sorted by category, then type, then xml:lang (byte order; octet comparison as the XEP requires).
    std::sort(ids.begin(), ids.end(), [](const DiscoIdentity& a, const DiscoIdentity& b) {
        return std::tie(a.category, a.type, a.lang, a.name) < std::tie(b.category, b.type, b.lang, b.name);
    });
    std::string s;
    for (const auto& id : ids) s += id.category + "/" + id.type + "/" + id.lang + "/" + id.name + "<";
    std::vector<std::string> features = info.features;
    std::sort(features.begin(), features.end());
    features.erase(std::unique(features.begin(), features.end()), features.end());
    for (const auto& f : features) s += f + "<";
    return s;
}

std::string capsVer(const DiscoInfo& info) {
    return crypto::base64Encode(crypto::hash(crypto::HashAlgo::Sha1, capsVerificationString(info)));
}

xml::Element capsElement(std::string_view node, std::string_view ver) {
    xml::Element c(ns::kCaps, "c");
    c.setAttr("hash", "sha-1");
    c.setAttr("node", node);
    c.setAttr("ver", ver);
    return c;
}

}  // namespace starling::xep
