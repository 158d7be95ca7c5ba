#include "core/im/roster.h"

#include <algorithm>

#include "core/im/jid_util.h"
#include "core/util/utf8.h"
#include "core/xml/ns.h"

namespace starling::im {

xml::Element rosterGet() {
    xml::Element iq(ns::kClient, "iq");
    iq.setAttr("type", "get");
    iq.add(ns::kRoster, "query");
    return iq;
}

xml::Element rosterSet(const model::RosterItem& item) {
    xml::Element iq(ns::kClient, "iq");
    iq.setAttr("type", "set");
    xml::Element& entry = iq.add(ns::kRoster, "query").add(ns::kRoster, "item");
    entry.setAttr("jid", item.jid);
    if (!item.name.empty()) entry.setAttr("name", item.name);
    for (const auto& g : item.groups) entry.addText(ns::kRoster, "group", g);
    return iq;
}

xml::Element rosterRemove(const std::string& bareJid) {
    xml::Element iq(ns::kClient, "iq");
    iq.setAttr("type", "set");
    xml::Element& entry = iq.add(ns::kRoster, "query").add(ns::kRoster, "item");
    entry.setAttr("jid", bareJid);
    entry.setAttr("subscription", "remove");
    return iq;
}

namespace {

std::optional<RosterEntry> parseItem(const xml::Element& e) {
    auto parsed = jid::Jid::parse(e.attr("jid"));
    if (!parsed || !parsed->isBare()) return std::nullopt;
    RosterEntry entry;
    entry.item.jid = parsed->bareString();
    entry.item.name = utf8::prefixCodePoints(e.attr("name"), kMaxRosterNameCodePoints);
    const std::string_view sub = e.attr("subscription");
    entry.remove = sub == "remove";
    entry.item.subscription = (sub == "to" || sub == "from" || sub == "both") ? std::string(sub) : "none";
    entry.item.askSubscribe = e.attr("ask") == "subscribe";
    for (const xml::Element* g : e.childrenNamed(ns::kRoster, "group"))
        if (!g->text().empty()) entry.item.groups.push_back(utf8::prefixCodePoints(g->text(), kMaxRosterNameCodePoints));
    return entry;
}

}  // namespace

std::vector<RosterEntry> parseRosterQuery(const xml::Element& query) {
    std::vector<RosterEntry> out;
    for (const xml::Element* e : query.childrenNamed(ns::kRoster, "item"))
        if (auto entry = parseItem(*e)) out.push_back(std::move(*entry));
    return out;
}

Result<RosterEntry> parseRosterPush(const xml::Element& iq) {
    const xml::Element* query = iq.child(ns::kRoster, "query");
    if (!query) return makeError("bad-request", "not a roster push");
    const auto items = query->childrenNamed(ns::kRoster, "item");
    if (items.size() != 1)
        return makeError("bad-request", "a roster push with " + std::to_string(items.size()) + " items, not one");
    auto entry = parseItem(*items.front());
    if (!entry) return makeError("bad-request", "a roster push for no valid bare JID");
    return std::move(*entry);
}

bool isRosterPush(const xml::Element& iq) {
    return iq.is(ns::kClient, "iq") && iq.attr("type") == "set" && iq.child(ns::kRoster, "query") != nullptr;
}

bool rosterPushOriginValid(const xml::Element& iq, std::string_view ownBareJid) {
    const std::string_view from = iq.attr("from");
    if (from.empty()) return true;
    auto parsed = jid::Jid::parse(from);
    return parsed && parsed->isBare() && parsed->bareString() == normalizedBare(ownBareJid);
}

namespace {
std::string displayKey(const model::RosterItem& item) {
    return lowerAscii(item.name.empty() ? item.jid : item.name);
}
}  // namespace

void sortRoster(std::vector<model::RosterItem>& roster) {
    std::stable_sort(roster.begin(), roster.end(), [](const model::RosterItem& a, const model::RosterItem& b) {
        const std::string ka = displayKey(a), kb = displayKey(b);
        return ka != kb ? ka < kb : a.jid < b.jid;
    });
}

void applyRosterEntry(std::vector<model::RosterItem>& roster, const RosterEntry& entry) {
    auto it = std::find_if(roster.begin(), roster.end(),
                           [&](const model::RosterItem& r) { return r.jid == entry.item.jid; });
    if (entry.remove) {
        if (it != roster.end()) roster.erase(it);
        return;
    }
    if (it != roster.end()) *it = entry.item;
    else roster.push_back(entry.item);
    sortRoster(roster);
}

const model::RosterItem* findRosterItem(const std::vector<model::RosterItem>& roster, std::string_view jid) {
    for (const auto& r : roster)
        if (r.jid == jid) return &r;
    return nullptr;
}

}  // namespace starling::im
