#pragma once
// Small builders shared by the IM modules: IQ results and stanza errors (RFC 6120 §8.3).
#include <string>
#include <string_view>

#include "core/xml/element.h"

namespace starling::im {

// <iq type='result' id=… to=from/> answering `request`.
xml::Element iqResult(const xml::Element& request);
// <iq type='error'> answering `request` with <error type=…><condition xmlns=stanzas/></error>.
xml::Element iqError(const xml::Element& request, std::string_view errorType, std::string_view condition);
// The defined condition of an error stanza ("" if none) and its <text/>.
std::string stanzaErrorCondition(const xml::Element& stanza);
std::string stanzaErrorText(const xml::Element& stanza);

}  // namespace starling::im
