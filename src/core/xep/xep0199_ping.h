#pragma once
// XEP-0199 XMPP Ping: answering the server's (or a contact's) ping.
#include <string>

#include "core/xml/element.h"
#include "core/xml/ns.h"

namespace starling::xep {

using ns::kPingFeature;

// True for <iq type='get'><ping xmlns='urn:xmpp:ping'/></iq>.
bool isPingRequest(const xml::Element& iq);
// The empty result iq answering it.
xml::Element pingResult(const xml::Element& request);
// A ping request to `to` (empty: our server); the session sets the id.
xml::Element pingRequest(const std::string& to);

}  // namespace starling::xep
