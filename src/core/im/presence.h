#pragma once
// RFC 6121 §3–4 presence: availability per resource, own presence, and subscription requests.
#include <string>
#include <string_view>

#include "core/model/state.h"
#include "core/xml/element.h"

namespace starling::im {

enum class PresenceType { Available, Unavailable, Subscribe, Subscribed, Unsubscribe, Unsubscribed, Probe, Error };

struct PresenceUpdate {
    std::string from;  // full or bare JID as sent
    PresenceType type = PresenceType::Available;
    model::ResourcePresence resource;  // show, status, priority (resource = resource part of from)
};

// False for presence without a valid `from` or with an unknown type.
bool parsePresence(const xml::Element& presence, PresenceUpdate& out);

// Our own broadcast presence (no `to`). Show::Offline gives type='unavailable'.
xml::Element ownPresence(model::Show show, std::string_view status, int priority = 0);
// Directed subscription presence: subscribe / subscribed / unsubscribe / unsubscribed.
xml::Element subscriptionPresence(std::string_view to, std::string_view type);

// Applies an Available/Unavailable/Error update to state.presence (others are ignored here).
void applyAvailability(model::State& state, const PresenceUpdate& update);

const char* showName(model::Show show);  // the <show/> text, "" for Available

}  // namespace starling::im
