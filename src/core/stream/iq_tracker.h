#pragma once
// Pending IQs, matched by id AND by sender: a reply counts only if it comes from the JID the request
// was sent to (for an empty `to`: from no one, the own bare or full JID, or the own domain).
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/util/result.h"
#include "core/xml/element.h"

namespace starling::stream {

// The result iq, or an Error whose code is the stanza error condition, "timeout" or "disconnected".
using IqCallback = std::function<void(const Result<xml::Element>&)>;

struct IqOutcome {
    IqCallback callback;
    Result<xml::Element> result{makeError("pending")};
};

// Lower-cases the bare part of a JID (localpart@domain) and keeps the resource as it is.
std::string normalizeJidForCompare(std::string_view jid);

class IqTracker {
public:
    void add(std::string id, std::string to, IqCallback callback, std::int64_t deadlineMs);
    // If `iq` (type result or error) answers a pending request from an acceptable sender, removes it
    // and returns its outcome. `ownFullJid` may be empty before bind.
    bool match(const xml::Element& iq, std::string_view ownBareJid, std::string_view ownFullJid,
               std::string_view domain, IqOutcome& out);
    // Removes requests whose deadline passed: outcome Error "timeout".
    std::vector<IqOutcome> expire(std::int64_t nowMs);
    // Removes everything: outcome Error `code` (e.g. "disconnected").
    std::vector<IqOutcome> failAll(const std::string& code);
    std::size_t size() const { return m_pending.size(); }

private:
    struct Pending {
        std::string id;
        std::string to;  // normalized, may be empty
        IqCallback callback;
        std::int64_t deadlineMs;
    };
    std::vector<Pending> m_pending;
};

// The condition of a stanza error (<error><item-not-found xmlns=stanzas/></error>) as an Error.
Error stanzaError(const xml::Element& stanza);

}  // namespace starling::stream
