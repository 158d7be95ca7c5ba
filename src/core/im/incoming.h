#pragma once
// The incoming message pipeline: fixed, ordered stages that modules contribute to. The order is this
// enum, nowhere else (Dino's message processor, ordered by an enum instead of a sort of strings):
//   Unwrap  — a carbon or an archive result becomes the message it carries (XEP-0280, XEP-0313)
//   Origin  — who sent it, which chat it belongs to, whether we accept it at all; error replies
//   Hold    — encrypted live messages wait for a new session's catch-up (XEP-0313 + OMEMO)
//   Signals — what it says about other messages or the peer: receipts, read markers, chat states
//   Dedup   — a message we already have (stanza-id, origin-id) is not added again
//   Decrypt — OMEMO
//   Store   — into the chat (state) and its history file
//   Notify  — what follows: receipts sent, read markers, the archive cursor, the redraw
// A stage returns Next (go on), Done (the outcome is decided: skip to Notify) or Stop (the stage took
// the stanza — held to run again later, or dropped with its own log line: nothing else runs now).
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/im/messages.h"
#include "core/xep/xep0359_stanza_id.h"

namespace starling::im {

enum class Stage : std::uint8_t { Unwrap, Origin, Hold, Signals, Dedup, Decrypt, Store, Notify };
inline constexpr std::size_t kStageCount = 8;
const char* stageName(Stage stage);

enum class Flow : std::uint8_t { Next, Done, Stop };

// One message on its way through the stages.
struct Incoming {
    Incoming(model::State& s, const xml::Element& received) : state(s), stanza(&received), message(&received) {}
    model::State& state;
    const xml::Element* stanza;   // as the session delivered it (a carbon, an archive result, a message)
    const xml::Element* message;  // the message itself, once Unwrap took a wrapper off
    Source source = Source::Live;
    std::optional<std::int64_t> stamp;  // the wrapper's <delay/> (carbon forward, archive result)
    std::string archiveId;               // archive results: the id in our archive
    std::string archiveQuery;            // archive results: the query it answers
    IncomingOptions options;
    bool decrypts = false;
    // A room's groupchat message, claimed by the group chat Origin stage (XEP-0045): one-to-one chat's
    // Origin stage, receipts, markers and chat states leave it alone.
    bool groupchat = false;  // a Decrypt stage runs: an OMEMO element without <body/> may carry text
    // A private message through a room (XEP-0045 §7.5), told by the group chat Origin stage: the
    // occupant's JID, the key of its own chat (im/occupant_chat.h); one-to-one chat's Origin stage takes
    // it as the peer in place of the room's bare JID.
    std::string occupantChat;
    // Filled by Origin.
    bool outgoing = false;  // sent by our account (sent carbon, our own archived message)
    std::string from;
    std::string type;
    xep::StanzaIds ids;
    bool signalled = false;  // a Signals stage changed the chat (peer state, unread count)
    // A Signals stage applied what the message says to another message (a reaction, a retraction): it
    // is never stored itself. It still reaches Decrypt when it carries OMEMO (the session moves on).
    bool applied = false;
    model::Message built;    // the message as it would be stored
    IncomingResult result;   // what happened (outcome, peer, updates, receipt to send, …)
};

class IncomingPipeline {
public:
    using Fn = std::function<Flow(Incoming&)>;
    // Stages of one kind run in the order they were added (module construction order).
    void add(Stage stage, std::string module, Fn fn);
    void run(Incoming& in) const;
    // module names per stage, in order (for tests and the architecture note)
    std::vector<std::string> contributors(Stage stage) const;

private:
    struct Entry {
        std::string module;
        Fn fn;
    };
    std::array<std::vector<Entry>, kStageCount> m_stages;
};

}  // namespace starling::im
