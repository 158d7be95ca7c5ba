#include "core/xep/xep0045_muc_members.h"

#include "core/jid/jid.h"
#include "core/xml/ns.h"

namespace starling::xep {
namespace {

std::string bareOf(std::string_view text) {
    auto j = jid::Jid::parse(text);
    return j && !j->local().empty() ? j->bareString() : std::string();
}

}  // namespace

xml::Element affiliationListIq(std::string_view roomJid, std::string_view affiliation) {
    xml::Element iq(ns::kClient, "iq");
    iq.setAttr("to", roomJid);
    iq.setAttr("type", "get");
    iq.add(ns::kMucAdmin, "query").add(ns::kMucAdmin, "item").setAttr("affiliation", affiliation);
    return iq;
}

std::vector<AffiliatedJid> parseAffiliationList(const xml::Element& iqResult) {
    std::vector<AffiliatedJid> out;
    const xml::Element* query = iqResult.child(ns::kMucAdmin, "query");
    if (!query) return out;
    for (const xml::Element* item : query->childrenNamed(ns::kMucAdmin, "item")) {
        std::string bare = bareOf(item->attr("jid"));
        if (bare.empty()) continue;
        out.push_back(AffiliatedJid{std::move(bare), std::string(item->attr("affiliation")), std::string(item->attr("nick"))});
    }
    return out;
}

std::vector<AffiliatedJid> parseAffiliationNotice(const xml::Element& message) {
    std::vector<AffiliatedJid> out;
    const std::string_view type = message.attr("type");
    auto from = jid::Jid::parse(message.attr("from"));
    if (type == "groupchat" || type == "error" || !from || !from->resource().empty()) return out;
    const xml::Element* x = message.child(ns::kMucUser, "x");
    if (!x || x->child(ns::kMucUser, "invite") || x->child(ns::kMucUser, "decline")) return out;
    for (const xml::Element* item : x->childrenNamed(ns::kMucUser, "item")) {
        std::string bare = bareOf(item->attr("jid"));
        if (bare.empty() || !item->hasAttr("affiliation")) continue;
        out.push_back(AffiliatedJid{std::move(bare), std::string(item->attr("affiliation")), std::string(item->attr("nick"))});
    }
    return out;
}

std::string archivedRealJid(const xml::Element& message) {
    const auto xs = message.childrenNamed(ns::kMucUser, "x");
    if (xs.empty()) return {};
    const xml::Element* item = xs.back()->child(ns::kMucUser, "item");
    return item ? bareOf(item->attr("jid")) : std::string();
}

}  // namespace starling::xep
