#include "core/im/message_stages.h"

#include <algorithm>

#include "core/im/delay.h"
#include "core/im/jid_util.h"
#include "core/im/stanza_util.h"
#include "core/xep/xep0280_carbons.h"
#include "core/xml/ns.h"

namespace starling::im {

namespace {

// A server's error text is kept for the person to read (after our own explanation): its first
// kMaxErrorTextBytes, cut at a code point.
constexpr std::size_t kMaxErrorTextBytes = 300;
std::string boundedText(const std::string& text) {
    if (text.size() <= kMaxErrorTextBytes) return text;
    std::size_t end = kMaxErrorTextBytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    return text.substr(0, end) + "\xE2\x80\xA6";  // …
}

Flow dropped(Incoming& in, std::string reason) {
    in.result.outcome = IncomingOutcome::Dropped;
    in.result.reason = std::move(reason);
    return Flow::Done;
}

// Error replies mark our matching outgoing message Failed.
Flow applyError(Incoming& in) {
    const xml::Element& stanza = *in.message;
    IncomingResult& r = in.result;
    const std::string id(stanza.attr("id"));
    auto conv = in.state.conversations.find(r.peer);
    model::Message* m = conv == in.state.conversations.end() || id.empty() ? nullptr : findMessage(conv->second, id);
    if (!m || m->direction != model::Direction::Outgoing) return dropped(in, "error reply for no message of ours");
    const std::string text = stanzaErrorText(stanza);
    const std::string condition = stanzaErrorCondition(stanza);
    // The peer's server bounces what it had queued for one of their sessions that ended without
    // acknowledging it (Prosody's stream management, when that session never read its archive). Our
    // message to their bare JID reached their account and its archive, where their clients find it:
    // not a failure (it would show as one until a later read marker of theirs).
    if (condition == "recipient-unavailable" && std::string_view(stanza.attr("from")) == r.peer)
        return dropped(in, "bounced by an ended session of " + r.peer + " (the message is in their archive)");
    m->status = model::MessageStatus::Failed;
    // The condition is the code the UI explains; the server's own words (untrusted, bounded) follow it.
    m->error = condition.empty() ? "undefined-condition" : condition;
    if (!text.empty()) m->error += " " + boundedText(text);
    r.outcome = IncomingOutcome::Failed;
    r.message = *m;
    return Flow::Done;
}

}  // namespace

Flow unwrapCarbon(Incoming& in) {
    if (in.source != Source::Live || !xep::isCarbon(*in.stanza)) return Flow::Next;
    auto carbon = xep::parseCarbon(*in.stanza, in.options.ownBareJid);
    if (!carbon) return dropped(in, "carbon refused (" + carbon.error().code + ")");
    const xml::Element& inner = *carbon->message;
    const bool sent = carbon->direction == xep::CarbonDirection::Sent;
    // The copy must be about our account: sent by one of our resources, or addressed to us.
    const std::string self = normalizedBare(inner.attr(sent ? "from" : "to"));
    if ((sent || inner.hasAttr("to")) && self != in.options.ownBareJid) return dropped(in, "carbon of a message not ours");
    in.message = &inner;
    in.source = sent ? Source::CarbonSent : Source::CarbonReceived;
    in.stamp = delayStamp(*carbon->forwarded);
    return Flow::Next;
}

Flow checkOrigin(Incoming& in) {
    if (in.groupchat) return Flow::Next;  // the group chat Origin stage decided
    const xml::Element& msg = *in.message;
    const IncomingOptions& o = in.options;
    IncomingResult& r = in.result;
    r.source = in.source;
    in.from = std::string(msg.attr("from"));
    in.type = msg.hasAttr("type") ? std::string(msg.attr("type")) : "normal";
    const std::string fromBare = normalizedBare(in.from);
    in.outgoing = in.source == Source::CarbonSent;
    if (in.source == Source::Archive) in.outgoing = !in.from.empty() && fromBare == o.ownBareJid;
    if (in.source == Source::Live && fromBare == o.ownBareJid)
        return dropped(in, "message from our own account outside a carbon");
    r.peer = in.outgoing ? normalizedBare(msg.attr("to")) : fromBare;
    if (!in.occupantChat.empty()) r.peer = in.occupantChat;  // a room's occupant: never the room's chat
    if (r.peer.empty() || (!in.outgoing && !isJid(in.from)))
        return dropped(in, in.outgoing ? "our message without a valid to" : "message without a valid from");
    if (in.type == "error") {
        if (in.source == Source::Live) return applyError(in);
        return dropped(in, "copied error");
    }
    if (in.type != "chat" && in.type != "normal") return dropped(in, "message type '" + in.type + "' not handled");

    in.ids = xep::parseStanzaIds(msg, o.ownBareJid);
    const std::string stanzaId = in.archiveId.empty() ? in.ids.stanzaId : in.archiveId;
    if (in.source != Source::Archive && o.trustStanzaIds) r.liveStanzaId = stanzaId;
    model::Message& m = in.built;
    m.originId = in.ids.originId;
    m.id = !in.ids.originId.empty() ? in.ids.originId : std::string(msg.attr("id"));
    if (m.id.empty()) m.id = stanzaId;
    m.stanzaId = stanzaId;
    m.from = in.outgoing && in.from.empty() ? std::string(o.ownBareJid) : in.from;
    m.direction = in.outgoing ? model::Direction::Outgoing : model::Direction::Incoming;
    m.status = in.outgoing ? model::MessageStatus::Sent : model::MessageStatus::Received;
    // A stamp from the future or from before XMPP is replaced by the arrival time (delay.h).
    m.timestampMs = plausibleStamp(in.stamp ? in.stamp : delayStamp(msg), o.nowMs);
    // A floor built on such a stamp (a cursor saved before this rule) is no floor.
    if (in.source == Source::Archive && stampPlausible(o.minArchiveStampMs, o.nowMs))
        m.timestampMs = std::max(m.timestampMs, o.minArchiveStampMs);
    return Flow::Next;
}

Flow deduplicate(DedupIndex& dedup, Incoming& in) {
    const xml::Element& msg = *in.message;
    IncomingResult& r = in.result;
    const xml::Element* body = msg.child(ns::kClient, "body");
    // An OMEMO element without <body/> (key transport, or a client that sends no fallback) still reaches
    // the decrypt stage: it moves the session, and may carry the text.
    const bool omemoOnly = !body && in.decrypts && msg.child(ns::kOmemoLegacy, "encrypted") &&
                           !in.signalled && r.updates.empty();
    if (!body && !omemoOnly) {
        if (in.signalled || !r.updates.empty()) r.outcome = IncomingOutcome::Updated;
        else return dropped(in, "message without body");
        return Flow::Done;
    }
    in.built.body = body ? body->text() : std::string();
    model::Conversation& conv = in.state.conversations[r.peer];
    conv.jid = r.peer;
    // De-duplicate: the same archive stanza-id (only when stanza-ids are trusted: by our account, and
    // the server advertises urn:xmpp:sid:0), or the same origin-id from the same sender (a resend keeps
    // its origin-id but may get a new archive id). Never by the stanza's `id` alone.
    model::Message* known = dedup.find(conv, in.built, in.options.trustStanzaIds);
    if (!known) return Flow::Next;
    bool enriched = false;
    if (known->stanzaId.empty() && !in.built.stanzaId.empty()) {
        known->stanzaId = in.built.stanzaId;
        dedup.changed(conv, static_cast<std::size_t>(known - conv.messages.data()));
        enriched = true;
    }
    // Our own message seen in the archive or as a carbon: the server has it.
    if (in.outgoing && known->status == model::MessageStatus::Queued) {
        known->status = model::MessageStatus::Sent;
        enriched = true;
    }
    if (enriched) r.updates.push_back(*known);
    r.outcome = IncomingOutcome::Duplicate;
    r.message = *known;
    r.reason = "duplicate";
    return Flow::Done;
}

Flow storeInChat(DedupIndex& dedup, Incoming& in) {
    IncomingResult& r = in.result;
    model::Conversation& conv = in.state.conversations[r.peer];
    conv.jid = r.peer;
    if (!in.outgoing && in.options.countUnread && in.state.openChat != r.peer) ++conv.unread;
    // Live messages and carbons go in arrival order: a <delay/> only sets the shown time, and never
    // earlier than the newest message (a server re-sending after a stream resumption stamps with whole
    // seconds, which would reorder them when the history is loaded again, sorted by time).
    // Archive results are placed by their archive time, which follows archive order.
    const std::size_t pos = in.source == Source::Archive ? insertByTime(conv, std::move(in.built))
                                                         : appendInOrder(conv, std::move(in.built));
    r.message = conv.messages[pos];
    dedup.inserted(conv, pos);
    r.outcome = IncomingOutcome::Stored;
    return Flow::Next;
}

}  // namespace starling::im
