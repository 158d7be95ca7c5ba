#pragma once
// XEP-0280 Message Carbons: enabling, recognising and checking carbon copies, and opting a message out.
//
// A carbon is accepted only when the outer `from` is the own bare JID (anything else is an
// impersonation attempt, XEP-0280 §11), it wraps exactly one forwarded message one level deep (no carbon
// or forward inside it), and the forwarded message is not a groupchat message.
#include <string_view>

#include "core/util/result.h"
#include "core/xml/element.h"

namespace starling::xep {

inline constexpr const char* kCarbonsFeature = "urn:xmpp:carbons:2";

// <iq type='set'><enable xmlns='urn:xmpp:carbons:2'/></iq> (the session sets the id).
xml::Element carbonsEnableIq();

enum class CarbonDirection { Received, Sent };

struct Carbon {
    CarbonDirection direction = CarbonDirection::Received;
    const xml::Element* message = nullptr;   // the forwarded message (points into the outer stanza)
    const xml::Element* forwarded = nullptr;  // its <forwarded/> wrapper (may hold a <delay/>)
};

// Whether the stanza carries a <sent/> or <received/> carbon wrapper at all.
bool isCarbon(const xml::Element& message);

// Checks and unwraps a carbon. Errors: "forged" (outer from is not ownBareJid), "malformed", "nested"
// (more than one level of forwarding), "groupchat".
Result<Carbon> parseCarbon(const xml::Element& message, std::string_view ownBareJid);

// <private xmlns='urn:xmpp:carbons:2'/> + <no-copy xmlns='urn:xmpp:hints'/>: no carbon copies of this
// message (e.g. a chat state or a read marker meant for one device's conversation only).
void addPrivate(xml::Element& message);

}  // namespace starling::xep
