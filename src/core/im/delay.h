#pragma once
// XEP-0203 Delayed Delivery timestamps (XEP-0082 date-time) on incoming stanzas.
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/xml/element.h"

namespace starling::im {

// "2002-09-10T23:08:25Z", with optional fraction and ±hh:mm offset → Unix epoch ms.
std::optional<std::int64_t> parseXmppDateTime(std::string_view text);
// Stamp of the stanza's <delay xmlns='urn:xmpp:delay'/>, if present and valid.
std::optional<std::int64_t> delayStamp(const xml::Element& stanza);

}  // namespace starling::im
