#include "core/xep/xep0313_mam.h"

#include <cstdio>
#include <cstdlib>

#include "core/jid/jid.h"
#include "core/xep/xep0297_forward.h"
#include "core/xml/ns.h"

namespace starling::xep {

namespace {

void addField(xml::Element& form, std::string_view var, std::string_view value, std::string_view type = {}) {
    xml::Element& field = form.add(ns::kDataForms, "field");
    field.setAttr("var", var);
    if (!type.empty()) field.setAttr("type", type);
    field.addText(ns::kDataForms, "value", value);
}

// Days since 1970-01-01 → civil date (H. Hinnant's algorithm).
void civilFromDays(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0);
}

}  // namespace

std::string formatXmppDateTime(std::int64_t unixMs) {
    std::int64_t days = unixMs / 86400000;
    std::int64_t rest = unixMs % 86400000;
    if (rest < 0) {
        rest += 86400000;
        --days;
    }
    std::int64_t y;
    unsigned mo, d;
    civilFromDays(days, y, mo, d);
    char buf[40];
    int n = std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02d", static_cast<long long>(y), mo, d,
                          static_cast<int>(rest / 3600000), static_cast<int>(rest / 60000 % 60),
                          static_cast<int>(rest / 1000 % 60));
    if (rest % 1000 != 0 && n > 0)
        n += std::snprintf(buf + n, sizeof buf - static_cast<std::size_t>(n), ".%03d", static_cast<int>(rest % 1000));
    return std::string(buf, n > 0 ? static_cast<std::size_t>(n) : 0) + "Z";
}

xml::Element mamQueryIq(const MamQuery& q) {
    xml::Element iq(ns::kClient, "iq");
    iq.setAttr("type", "set");
    xml::Element& query = iq.add(ns::kMam, "query");
    if (!q.queryId.empty()) query.setAttr("queryid", q.queryId);
    xml::Element& form = query.add(ns::kDataForms, "x");
    form.setAttr("type", "submit");
    addField(form, "FORM_TYPE", ns::kMam, "hidden");
    if (!q.with.empty()) addField(form, "with", q.with);
    if (q.startMs) addField(form, "start", formatXmppDateTime(*q.startMs));
    if (q.endMs) addField(form, "end", formatXmppDateTime(*q.endMs));
    xml::Element& set = query.add(ns::kRsm, "set");
    set.addText(ns::kRsm, "max", std::to_string(q.max));
    if (!q.after.empty()) set.addText(ns::kRsm, "after", q.after);
    if (q.before) {
        if (q.before->empty()) set.add(ns::kRsm, "before");
        else set.addText(ns::kRsm, "before", *q.before);
    }
    return iq;
}

bool isMamResult(const xml::Element& message) { return message.child(ns::kMam, "result") != nullptr; }

Result<MamResult> parseMamResult(const xml::Element& message, std::string_view ownBareJid) {
    const auto results = message.childrenNamed(ns::kMam, "result");
    if (results.size() != 1) return makeError("malformed", "expected one <result/>");
    if (message.hasAttr("from")) {
        auto from = jid::Jid::parse(message.attr("from"));
        if (!from || !from->isBare() || ownBareJid.empty() || from->bareString() != ownBareJid)
            return makeError("foreign", "archive result not from our own archive");
    }
    MamResult r;
    r.queryId = std::string(results[0]->attr("queryid"));
    r.archiveId = std::string(results[0]->attr("id"));
    if (r.archiveId.empty()) return makeError("malformed", "archive result without id");
    auto fwd = parseForwarded(*results[0]);
    if (!fwd) return fwd.error();
    r.message = fwd->message;
    r.forwarded = fwd->wrapper;
    return r;
}

Result<MamFin> parseMamFin(const xml::Element& iqResult) {
    const xml::Element* fin = iqResult.child(ns::kMam, "fin");
    if (!fin) return makeError("malformed", "iq result without <fin/>");
    MamFin f;
    f.complete = fin->attr("complete") == "true" || fin->attr("complete") == "1";
    if (const xml::Element* set = fin->child(ns::kRsm, "set")) {
        f.first = std::string(set->childText(ns::kRsm, "first"));
        f.last = std::string(set->childText(ns::kRsm, "last"));
        const std::string count(set->childText(ns::kRsm, "count"));
        if (!count.empty()) {
            char* end = nullptr;
            const long long n = std::strtoll(count.c_str(), &end, 10);
            if (end && *end == '\0' && n >= 0) f.count = n;
        }
    }
    return f;
}

}  // namespace starling::xep
