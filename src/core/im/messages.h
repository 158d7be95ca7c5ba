#pragma once
// One-to-one messages: the outgoing stanza, the values the incoming pipeline (incoming.h) produces,
// and MessagePipeline: the pipeline's pure stages alone (no session, no storage), for tests and benches.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/im/dedup_index.h"
#include "core/model/state.h"
#include "core/xml/element.h"

namespace starling::xep { struct MamResult; }

namespace starling::im {

struct Incoming;

// <message to type='chat' id><body/><request xmlns=receipts/><markable/><origin-id id/></message>;
// id is our uuid (= origin-id; a resend keeps both).
xml::Element chatMessage(std::string_view to, std::string_view id, std::string_view body);

enum class IncomingOutcome {
    Stored,     // a new message was added to state (persist `message` in `peer`'s history)
    Duplicate,  // already known (see isDuplicate); `updates` may enrich the known copy
    Failed,     // an error reply marked our outgoing `message` Failed (persist an update)
    Updated,    // no new message, but state changed: `updates` (receipt, marker) and/or the peer's state
    Dropped,    // not a message we accept; `reason` says why (for the log)
};

// Where a message came from; decides direction rules, unread counting and what may be answered.
enum class Source { Live, CarbonReceived, CarbonSent, Archive };

struct IncomingResult {
    IncomingOutcome outcome = IncomingOutcome::Dropped;
    Source source = Source::Live;
    std::string peer;        // bare JID of the conversation
    model::Message message;  // stored or updated message
    std::string reason;
    std::vector<model::Message> updates;  // known messages whose status or stanza-id changed (persist)
    // A live message asking for a delivery receipt: the client answers roster contacts only.
    std::string receiptTo;  // full JID to answer; empty when none is asked
    std::string receiptId;
    bool markable = false;       // a live/archived incoming message we may mark displayed
    std::string liveStanzaId;    // trusted stanza-id of a live (or carbon) message, for the archive cursor
};

struct IncomingOptions {
    std::string_view ownBareJid;
    std::int64_t nowMs = 0;       // wall time when no <delay/> is present
    bool trustStanzaIds = true;   // the server advertises urn:xmpp:sid:0 on our account
    bool countUnread = true;      // false for history fetched on demand (first login, scrolling back)
    // Archive results after the cursor are newer than everything the cursor covers, but archives stamp
    // in whole seconds: they are placed no earlier than this (the cursor's time), keeping archive order.
    std::int64_t minArchiveStampMs = 0;
};

// The incoming pipeline's pure stages (message_stages.h, message_signals.h) in their fixed order, with
// an optional decrypt hook: what the client's modules contribute, minus hold, storage and notification.
class MessagePipeline {
public:
    // Decrypt stage: returns false to drop. None: plaintext passes through unchanged.
    std::function<bool(const xml::Element& stanza, model::Message& message)> decrypt;
    // De-duplication index: a cache of the conversations' ids, kept in step by process().
    std::shared_ptr<DedupIndex> dedup = std::make_shared<DedupIndex>();

    // A stanza as received on the stream (plain message or carbon).
    IncomingResult process(model::State& state, const xml::Element& stanza, const IncomingOptions& options) const;
    // Compatibility form: trusts stanza-ids by ownBareJid.
    IncomingResult process(model::State& state, const xml::Element& stanza, std::string_view ownBareJid,
                           std::int64_t nowMs) const;
    // One result of a query to our own archive (already matched to a query we opened).
    IncomingResult processArchived(model::State& state, const xep::MamResult& result,
                                   const IncomingOptions& options) const;

private:
    IncomingResult run(Incoming& in) const;
};

// Inserts keeping messages ordered by timestamp (stable: equal stamps keep arrival order).
// Returns its position.
std::size_t insertByTime(model::Conversation& conversation, model::Message message);
// Appends in arrival order (live messages, carbons, what we send) and keeps the chat ordered by time:
// a stamp earlier than the newest message's (a whole-second <delay/> on a message the server re-sends
// after a resumption, a clock step) becomes that message's time. The history is loaded sorted by time,
// so this is what keeps the order a chat shows the same after a reload.
std::size_t appendInOrder(model::Conversation& conversation, model::Message message);
model::Message* findMessage(model::Conversation& conversation, std::string_view id);
// The origin-id a stored message was sent with (ours: our id; theirs: as received, maybe empty).
std::string_view originIdOf(const model::Message& message);

}  // namespace starling::im
