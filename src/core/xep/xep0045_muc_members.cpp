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

std::string archivedRealJid(const xml::Element& message) {
    const auto xs = message.childrenNamed(ns::kMucUser, "x");
    if (xs.empty()) return {};
    const xml::Element* item = xs.back()->child(ns::kMucUser, "item");
    return item ? bareOf(item->attr("jid")) : std::string();
}

}  // namespace starling::xep
