#pragma once
// What a message says about other messages or the peer, applied to state (Signals stage): XEP-0184
// receipts (our message Delivered; a request to answer), XEP-0333 displayed markers (that message and
// every earlier outgoing one Displayed; our own marker from another device clears the unread count;
// markable) and XEP-0085 chat states. Each is registered by its own module.
#include <string>
#include <vector>

#include "core/im/incoming.h"
#include "core/model/state.h"

namespace starling::im {

Flow applyReceipt(Incoming& in);
Flow applyDisplayedMarker(Incoming& in);
Flow applyChatState(Incoming& in);

// Raises an outgoing message's status (Queued < Sent < Delivered < Displayed; Failed counts as
// Queued: a receipt proves delivery). False when it was already at or above `to`.
bool raiseStatus(model::Message& message, model::MessageStatus to);

// Whether this contact may see receipts, markers and chat states from us: in the roster with a
// subscription that shares our presence with them (from or both).
bool sharesPresenceWith(const model::State& state, const std::string& bareJid);

}  // namespace starling::im
