#pragma once
// What a message says about other messages or the peer, applied to state: XEP-0184 receipts (our
// message Delivered), XEP-0333 displayed markers (that message and every earlier outgoing one
// Displayed; our own marker from another device clears the unread count) and XEP-0085 chat states.
#include <string>
#include <vector>

#include "core/im/messages.h"
#include "core/model/state.h"
#include "core/xml/element.h"

namespace starling::im {

// `outgoing`: the message was sent by our account (a sent carbon or our own archived message).
// Changed messages are appended to `updates`; returns whether anything else changed (peer state,
// unread count).
bool applySignals(model::State& state, const xml::Element& message, const std::string& peer, bool outgoing,
                  Source source, std::vector<model::Message>& updates);

// Raises an outgoing message's status (Queued < Sent < Delivered < Displayed; Failed counts as
// Queued: a receipt proves delivery). False when it was already at or above `to`.
bool raiseStatus(model::Message& message, model::MessageStatus to);

// Whether this contact may see receipts, markers and chat states from us: in the roster with a
// subscription that shares our presence with them (from or both).
bool sharesPresenceWith(const model::State& state, const std::string& bareJid);

}  // namespace starling::im
