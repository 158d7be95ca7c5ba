#pragma once
// XEP-0203 Delayed Delivery timestamps (XEP-0082 date-time) on incoming stanzas, and which of them to
// believe: a stamp decides where a message stands in its chat, so one from the future (or one that
// means nothing) would pin the message, and every later one, to the bottom of the chat.
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/xml/element.h"

namespace starling::im {

// How far a stamp may be ahead of our clock and still be believed: clocks of servers and devices that
// are synchronised at all drift by seconds, rarely by minutes (5 minutes is also Kerberos' tolerance).
// A stamp within it delays the messages after it by at most that much.
inline constexpr std::int64_t kMaxClockSkewMs = 5 * 60 * 1000;
// No XMPP message is older than this (2000-01-01T00:00:00Z; Jabber's first server came out in 2000):
// earlier stamps (1970, year 1) come from broken clocks or zeroed fields.
inline constexpr std::int64_t kEarliestStampMs = 946684800000;

// "2002-09-10T23:08:25Z", with optional fraction and ±hh:mm offset → Unix epoch ms. Dates that do not
// exist (30 February, year 0000, an offset beyond 23:59) are no date.
std::optional<std::int64_t> parseXmppDateTime(std::string_view text);
// Stamp of the stanza's <delay xmlns='urn:xmpp:delay'/>, if present and valid (not checked against
// any clock: see plausibleStamp).
std::optional<std::int64_t> delayStamp(const xml::Element& stanza);
// True for a stamp neither older than kEarliestStampMs nor more than kMaxClockSkewMs after nowMs (our
// wall clock).
bool stampPlausible(std::int64_t stampMs, std::int64_t nowMs);
// The time of a message that arrived at arrivalMs (wall clock) carrying `stamp`: the stamp when there
// is one and it is plausible, else the arrival time.
std::int64_t plausibleStamp(std::optional<std::int64_t> stamp, std::int64_t arrivalMs);
// delayStamp, only when plausible at nowMs: what an archive cursor or a query's start may be built on.
std::optional<std::int64_t> plausibleDelayStamp(const xml::Element& stanza, std::int64_t nowMs);

}  // namespace starling::im
