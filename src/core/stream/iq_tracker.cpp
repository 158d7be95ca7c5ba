#include "core/stream/iq_tracker.h"

#include <cctype>

#include "core/xml/ns.h"
#include "core/xml/stanza_error.h"

namespace starling::stream {

std::string normalizeJidForCompare(std::string_view jid) {
    std::string out(jid);
    std::size_t slash = out.find('/');
    std::size_t end = slash == std::string::npos ? out.size() : slash;
    for (std::size_t i = 0; i < end; ++i) out[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[i])));
    return out;
}

Error stanzaError(const xml::Element& stanza) {
    xml::StanzaErrorParts e = xml::stanzaErrorParts(stanza);
    if (e.condition.empty()) e.condition = "undefined-condition";
    return makeError(e.condition, e.text);
}

void IqTracker::add(std::string id, std::string to, IqCallback callback, std::int64_t deadlineMs) {
    m_pending.push_back(Pending{std::move(id), normalizeJidForCompare(to), std::move(callback), deadlineMs});
}

bool IqTracker::match(const xml::Element& iq, std::string_view ownBareJid, std::string_view ownFullJid,
                      std::string_view domain, IqOutcome& out) {
    std::string_view type = iq.attr("type");
    if (!iq.is(ns::kClient, "iq") || (type != "result" && type != "error")) return false;
    std::string_view id = iq.attr("id");
    std::string from = normalizeJidForCompare(iq.attr("from"));
    std::string bare = normalizeJidForCompare(ownBareJid);
    for (auto it = m_pending.begin(); it != m_pending.end(); ++it) {
        if (it->id != id) continue;
        bool ok;
        if (it->to.empty()) {
            ok = from.empty() || from == bare || from == normalizeJidForCompare(domain) ||
                 (!ownFullJid.empty() && from == normalizeJidForCompare(ownFullJid));
        } else {
            // RFC 6120 8.1.2.1: the server answers for the account without a `from`.
            ok = from == it->to || (from.empty() && it->to == bare);
        }
        if (!ok) return false;  // a spoofed reply: leave the request pending
        out.callback = std::move(it->callback);
        out.result = type == "result" ? Result<xml::Element>(iq) : Result<xml::Element>(stanzaError(iq));
        m_pending.erase(it);
        return true;
    }
    return false;
}

std::vector<IqOutcome> IqTracker::expire(std::int64_t nowMs) {
    std::vector<IqOutcome> out;
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        if (it->deadlineMs <= nowMs) {
            out.push_back(IqOutcome{std::move(it->callback), makeError("timeout", "no reply to iq " + it->id)});
            it = m_pending.erase(it);
        } else {
            ++it;
        }
    }
    return out;
}

std::vector<IqOutcome> IqTracker::failAll(const std::string& code) {
    std::vector<IqOutcome> out;
    for (auto& p : m_pending) out.push_back(IqOutcome{std::move(p.callback), makeError(code)});
    m_pending.clear();
    return out;
}

}  // namespace starling::stream
