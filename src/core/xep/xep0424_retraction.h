#pragma once
// XEP-0424 Message Retraction: <retract id='…' xmlns='urn:xmpp:message-retract:1'/> (0.4), and the
// earlier form clients still send (slixmpp 1.8, older Gajim/Conversations):
// <apply-to xmlns='urn:xmpp:fasten:0' id='…'><retract xmlns='urn:xmpp:message-retract:0'/></apply-to>.
// What we send carries both, a XEP-0428 fallback body for clients without either, and a store hint.
#include <string>
#include <string_view>

#include "core/xml/element.h"

namespace starling::xep {

inline constexpr const char* kRetractionFeature = "urn:xmpp:message-retract:1";
inline constexpr const char* kRetractionFallbackBody =
    "This person attempted to retract a previous message, but it's unsupported by your client.";

// The id a retraction retracts; "" when the message is none.
std::string retractionOf(const xml::Element& message);
xml::Element retractionMessage(std::string_view to, std::string_view type, std::string_view id,
                               std::string_view retractedId);

}  // namespace starling::xep
