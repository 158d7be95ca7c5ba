#pragma once
// XEP-0308 Last Message Correction: <replace id='…' xmlns='urn:xmpp:message-correct:0'/> names the message
// a correction replaces (its whole text is the correction's body).
#include <string>
#include <string_view>

#include "core/xml/element.h"

namespace starling::xep {

inline constexpr const char* kCorrectionFeature = "urn:xmpp:message-correct:0";

// The id a correction replaces; "" when the message is no correction (or names no id).
std::string correctionOf(const xml::Element& message);
void addCorrection(xml::Element& message, std::string_view replacedId);

}  // namespace starling::xep
