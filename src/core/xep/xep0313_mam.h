#pragma once
// XEP-0313 Message Archive Management (urn:xmpp:mam:2) with XEP-0059 Result Set Management paging:
// the query we send, the <result/> messages the archive streams back and the <fin/> that ends a page.
//
// Results are accepted only for a queryid we opened (the caller checks) and only from the archive we
// asked: our own, so `from` must be absent or our own bare JID.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/util/result.h"
#include "core/xml/element.h"

namespace starling::xep {

inline constexpr const char* kMamFeature = "urn:xmpp:mam:2";

struct MamQuery {
    std::string queryId;
    std::string with;                    // bare JID filter, or empty
    std::optional<std::int64_t> startMs;  // form field `start`
    std::optional<std::int64_t> endMs;    // form field `end`
    std::string after;                    // RSM <after/>: the page after this archive id
    std::optional<std::string> before;    // RSM <before/>: the page before this id; "" = the last page
    int max = 50;
};

// <iq type='set'><query queryid><x type='submit'>…</x><set>…</set></query></iq> to our own archive
// (no `to`); the session sets the iq id.
xml::Element mamQueryIq(const MamQuery& query);

struct MamResult {
    std::string queryId;
    std::string archiveId;                    // the archive's stanza-id of this message
    const xml::Element* message = nullptr;    // the archived message (points into the stanza)
    const xml::Element* forwarded = nullptr;  // its <forwarded/> (holds the archive's <delay/>)
};

// Whether the message carries a mam:2 <result/> (whatever its origin).
bool isMamResult(const xml::Element& message);
// Errors: "foreign" (from is neither absent nor ownBareJid), "malformed".
Result<MamResult> parseMamResult(const xml::Element& message, std::string_view ownBareJid);

struct MamFin {
    bool complete = false;
    std::string first;  // archive id of the first message in the page ("" when the page is empty)
    std::string last;   // of the last message
    std::optional<std::int64_t> count;
};

// The <fin/> of an iq result. Error "malformed" when absent.
Result<MamFin> parseMamFin(const xml::Element& iqResult);

// XEP-0082 date-time in UTC: "2010-07-10T23:08:25Z", with ".123" when the milliseconds are not zero.
std::string formatXmppDateTime(std::int64_t unixMs);

}  // namespace starling::xep
