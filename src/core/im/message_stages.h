#pragma once
// The pure stages of the incoming pipeline (incoming.h): they read the stanza and change model::State
// only — no session, no storage. The client's modules register them beside their own I/O stages;
// MessagePipeline (messages.h) runs them alone, for tests and benchmarks.
#include "core/im/dedup_index.h"
#include "core/im/incoming.h"

namespace starling::im {

// Unwrap (XEP-0280): a carbon becomes the message it carries, if it is about our account.
Flow unwrapCarbon(Incoming& in);
// Origin: direction, chat, type; an error reply marks our message Failed; builds `in.built`.
Flow checkOrigin(Incoming& in);
// Dedup: a message without a body is only a signal (Updated) unless OMEMO may carry its text; a known
// message (stanza-id when trusted, origin-id from the same sender) is a Duplicate that may enrich ours.
Flow deduplicate(DedupIndex& dedup, Incoming& in);
// Store (state part): into the chat, by archive time (archive) or in arrival order (live), unread.
Flow storeInChat(DedupIndex& dedup, Incoming& in);

}  // namespace starling::im
