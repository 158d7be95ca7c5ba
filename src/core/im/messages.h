#pragma once
// One-to-one messages: the outgoing stanza, and the fixed pipeline for incoming ones:
// parse → check origin → de-duplicate → decrypt (hook) → store (in state) → notify (unread).
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/model/state.h"
#include "core/xml/element.h"

namespace starling::im {

// <message to type='chat' id><body/><origin-id id/></message>; id is our uuid (= origin-id).
xml::Element chatMessage(std::string_view to, std::string_view id, std::string_view body);

enum class IncomingOutcome {
    Stored,      // a new message was added to state (persist `message` in `peer`'s history)
    Duplicate,   // already known (stanza-id by our account, or origin-id + sender)
    Failed,      // an error reply marked our outgoing `message` Failed (persist an update)
    Dropped,     // not a message we accept; `reason` says why (for the log)
};

struct IncomingResult {
    IncomingOutcome outcome = IncomingOutcome::Dropped;
    std::string peer;         // bare JID of the conversation
    model::Message message;   // stored or updated message
    std::string reason;
};

class MessagePipeline {
public:
    // Decrypt stage: returns false to drop. None yet (plaintext passes through unchanged).
    std::function<bool(const xml::Element& stanza, model::Message& message)> decrypt;

    // ownBareJid: for trusting stanza-id; nowMs: wall time when no <delay/> is present.
    IncomingResult process(model::State& state, const xml::Element& stanza, std::string_view ownBareJid,
                           std::int64_t nowMs) const;
};

// Inserts keeping messages ordered by timestamp (stable: equal stamps keep arrival order).
void insertByTime(model::Conversation& conversation, model::Message message);
model::Message* findMessage(model::Conversation& conversation, std::string_view id);

}  // namespace starling::im
