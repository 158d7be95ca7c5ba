#include "core/xep/xep0231_bob.h"

#include "core/crypto/hash.h"
#include "core/util/strings.h"
#include "core/xml/ns.h"

namespace starling::xep {

std::string_view cidOfUri(std::string_view uri) {
    uri = util::trim(uri);
    if (uri.size() <= 4 || uri.substr(0, 4) != "cid:") return {};
    return uri.substr(4);
}

Result<BobData> parseBob(const xml::Element& data, std::size_t maxBytes) {
    if (!data.is(ns::kBob, "data") || data.attr("cid").empty()) return makeError("bad-payload", "not a BoB <data/>");
    // base64 is 4/3 of the bytes: refuse before decoding anything larger.
    if (data.text().size() / 4 * 3 > maxBytes + 3) return makeError("too-large", "BoB data over the limit");
    BobData bob;
    bob.cid = std::string(data.attr("cid"));
    bob.mime = std::string(data.attr("type"));
    std::string text;
    text.reserve(data.text().size());
    for (char ch : data.text())
        if (ch != ' ' && ch != '\n' && ch != '\r' && ch != '\t') text.push_back(ch);  // line-wrapped base64
    crypto::Bytes bytes;
    if (!crypto::base64Decode(text, bytes)) return makeError("bad-payload", "BoB data is not base64");
    if (bytes.size() > maxBytes) return makeError("too-large", "BoB data over the limit");
    bob.bytes.assign(bytes.begin(), bytes.end());
    return bob;
}

Result<BobData> findBob(const xml::Element& scope, std::string_view cid, std::size_t maxBytes) {
    if (cid.empty()) return makeError("item-not-found", "no cid");
    for (const xml::Element& c : scope.children()) {
        if (c.is(ns::kBob, "data") && c.attr("cid") == cid) return parseBob(c, maxBytes);
        for (const xml::Element* d : c.childrenNamed(ns::kBob, "data"))
            if (d->attr("cid") == cid) return parseBob(*d, maxBytes);
    }
    return makeError("item-not-found", "no BoB data with this cid");
}

}  // namespace starling::xep
