#include "core/im/messages.h"

#include <algorithm>

#include "core/im/delay.h"
#include "core/im/jid_util.h"
#include "core/im/message_signals.h"
#include "core/im/stanza_util.h"
#include "core/xep/xep0184_receipts.h"
#include "core/xep/xep0280_carbons.h"
#include "core/xep/xep0313_mam.h"
#include "core/xep/xep0333_chat_markers.h"
#include "core/xep/xep0359_stanza_id.h"
#include "core/xml/ns.h"

namespace starling::im {

xml::Element chatMessage(std::string_view to, std::string_view id, std::string_view body) {
    xml::Element m(ns::kClient, "message");
    m.setAttr("to", to);
    m.setAttr("type", "chat");
    m.setAttr("id", id);
    m.addText(ns::kClient, "body", body);
    xep::addReceiptRequest(m);
    xep::addMarkable(m);
    xep::addOriginId(m, id);
    return m;
}

std::size_t insertByTime(model::Conversation& conversation, model::Message message) {
    auto& list = conversation.messages;
    auto it = std::upper_bound(list.begin(), list.end(), message.timestampMs,
                               [](std::int64_t ts, const model::Message& m) { return ts < m.timestampMs; });
    // The position first: `insert(...) - begin()` may read begin() before the insert reallocates.
    const auto pos = static_cast<std::size_t>(it - list.begin());
    list.insert(it, std::move(message));
    return pos;
}

std::size_t appendInOrder(model::Conversation& conversation, model::Message message) {
    auto& list = conversation.messages;
    if (!list.empty()) message.timestampMs = std::max(message.timestampMs, list.back().timestampMs);
    list.push_back(std::move(message));
    return list.size() - 1;
}

model::Message* findMessage(model::Conversation& conversation, std::string_view id) {
    for (auto it = conversation.messages.rbegin(); it != conversation.messages.rend(); ++it)
        if (it->id == id) return &*it;
    return nullptr;
}

std::string_view originIdOf(const model::Message& m) {
    return m.direction == model::Direction::Outgoing ? std::string_view(m.id) : std::string_view(m.originId);
}

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

// Error replies mark our matching outgoing message Failed.
IncomingResult applyError(model::State& state, const xml::Element& stanza, const std::string& peer) {
    IncomingResult r;
    r.peer = peer;
    const std::string id(stanza.attr("id"));
    auto conv = state.conversations.find(peer);
    model::Message* m = conv == state.conversations.end() || id.empty() ? nullptr : findMessage(conv->second, id);
    if (!m || m->direction != model::Direction::Outgoing) {
        r.reason = "error reply for no message of ours";
        return r;
    }
    const std::string text = stanzaErrorText(stanza);
    const std::string condition = stanzaErrorCondition(stanza);
    // The peer's server bounces what it had queued for one of their sessions that ended without
    // acknowledging it (Prosody's stream management, when that session never read its archive). Our
    // message to their bare JID reached their account and its archive, where their clients find it:
    // not a failure (it would show as one until a later read marker of theirs).
    if (condition == "recipient-unavailable" && std::string_view(stanza.attr("from")) == peer) {
        r.reason = "bounced by an ended session of " + peer + " (the message is in their archive)";
        return r;
    }
    m->status = model::MessageStatus::Failed;
    // The condition is the code the UI explains; the server's own words (untrusted, bounded) follow it.
    m->error = condition.empty() ? "undefined-condition" : condition;
    if (!text.empty()) m->error += " " + boundedText(text);
    r.outcome = IncomingOutcome::Failed;
    r.message = *m;
    return r;
}

}  // namespace

IncomingResult MessagePipeline::process(model::State& state, const xml::Element& stanza,
                                        std::string_view ownBareJid, std::int64_t nowMs) const {
    IncomingOptions o;
    o.ownBareJid = ownBareJid;
    o.nowMs = nowMs;
    return process(state, stanza, o);
}

IncomingResult MessagePipeline::process(model::State& state, const xml::Element& stanza,
                                        const IncomingOptions& o) const {
    IncomingResult r;
    if (!stanza.is(ns::kClient, "message")) {
        r.reason = "not a message";
        return r;
    }
    if (xep::isMamResult(stanza)) {
        r.reason = "archive result for no query of ours";
        return r;
    }
    if (!xep::isCarbon(stanza)) return processInner(state, stanza, Source::Live, std::nullopt, {}, o);
    auto carbon = xep::parseCarbon(stanza, o.ownBareJid);
    if (!carbon) {
        r.reason = "carbon refused (" + carbon.error().code + ")";
        return r;
    }
    const xml::Element& inner = *carbon->message;
    const bool sent = carbon->direction == xep::CarbonDirection::Sent;
    // The copy must be about our account: sent by one of our resources, or addressed to us.
    const std::string self = normalizedBare(inner.attr(sent ? "from" : "to"));
    if ((sent || inner.hasAttr("to")) && self != o.ownBareJid) {
        r.reason = "carbon of a message not ours";
        return r;
    }
    std::optional<std::int64_t> stamp = delayStamp(*carbon->forwarded);
    return processInner(state, inner, sent ? Source::CarbonSent : Source::CarbonReceived, stamp, {}, o);
}

IncomingResult MessagePipeline::processArchived(model::State& state, const xep::MamResult& result,
                                                const IncomingOptions& o) const {
    return processInner(state, *result.message, Source::Archive, delayStamp(*result.forwarded), result.archiveId, o);
}

IncomingResult MessagePipeline::processInner(model::State& state, const xml::Element& msg, Source source,
                                             std::optional<std::int64_t> stamp, std::string archiveId,
                                             const IncomingOptions& o) const {
    IncomingResult r;
    r.source = source;
    const std::string from(msg.attr("from"));
    const std::string type = msg.hasAttr("type") ? std::string(msg.attr("type")) : "normal";
    const std::string fromBare = normalizedBare(from);
    bool outgoing = source == Source::CarbonSent;
    if (source == Source::Archive) outgoing = !from.empty() && fromBare == o.ownBareJid;
    if (source == Source::Live && fromBare == o.ownBareJid) {
        r.reason = "message from our own account outside a carbon";
        return r;
    }
    r.peer = outgoing ? normalizedBare(msg.attr("to")) : fromBare;
    if (r.peer.empty() || (!outgoing && !isJid(from))) {
        r.reason = outgoing ? "our message without a valid to" : "message without a valid from";
        return r;
    }
    if (type == "error") {
        if (source == Source::Live) return applyError(state, msg, r.peer);
        r.reason = "copied error";
        return r;
    }
    if (type != "chat" && type != "normal") {
        r.reason = "message type '" + type + "' not handled";
        return r;
    }

    const xep::StanzaIds ids = xep::parseStanzaIds(msg, o.ownBareJid);
    const std::string stanzaId = archiveId.empty() ? ids.stanzaId : archiveId;
    if (source != Source::Archive && o.trustStanzaIds) r.liveStanzaId = stanzaId;
    if (source == Source::Live && xep::receiptRequested(msg) && msg.hasAttr("id")) {
        r.receiptTo = from;
        r.receiptId = std::string(msg.attr("id"));
    }
    const bool changed = applySignals(state, msg, r.peer, outgoing, source, r.updates);

    const xml::Element* body = msg.child(ns::kClient, "body");
    // An OMEMO element without <body/> (key transport, or a client that sends no fallback) still reaches
    // the decrypt stage: it moves the session, and may carry the text.
    const bool omemoOnly =
        !body && decrypt && msg.child(ns::kOmemoLegacy, "encrypted") && !changed && r.updates.empty();
    if (!body && !omemoOnly) {
        if (changed || !r.updates.empty()) r.outcome = IncomingOutcome::Updated;
        else r.reason = "message without body";
        return r;
    }
    model::Message m;
    m.originId = ids.originId;
    m.id = !ids.originId.empty() ? ids.originId : std::string(msg.attr("id"));
    if (m.id.empty()) m.id = stanzaId;
    m.stanzaId = stanzaId;
    m.from = outgoing && from.empty() ? std::string(o.ownBareJid) : from;
    m.body = body ? body->text() : std::string();
    m.direction = outgoing ? model::Direction::Outgoing : model::Direction::Incoming;
    m.status = outgoing ? model::MessageStatus::Sent : model::MessageStatus::Received;
    m.timestampMs = stamp ? *stamp : delayStamp(msg).value_or(o.nowMs);
    if (source == Source::Archive) m.timestampMs = std::max(m.timestampMs, o.minArchiveStampMs);
    r.markable = !outgoing && xep::isMarkable(msg);

    model::Conversation& conv = state.conversations[r.peer];
    conv.jid = r.peer;
    // De-duplicate: the same archive stanza-id (only when stanza-ids are trusted: by our account, and
    // the server advertises urn:xmpp:sid:0), or the same origin-id from the same sender (a resend keeps
    // its origin-id but may get a new archive id). Never by the stanza's `id` alone.
    if (model::Message* known = dedup->find(conv, m, o.trustStanzaIds)) {
        bool enriched = false;
        if (known->stanzaId.empty() && !m.stanzaId.empty()) {
            known->stanzaId = m.stanzaId;
            dedup->changed(conv, static_cast<std::size_t>(known - conv.messages.data()));
            enriched = true;
        }
        // Our own message seen in the archive or as a carbon: the server has it.
        if (outgoing && known->status == model::MessageStatus::Queued) {
            known->status = model::MessageStatus::Sent;
            enriched = true;
        }
        if (enriched) r.updates.push_back(*known);
        r.outcome = IncomingOutcome::Duplicate;
        r.message = *known;
        r.reason = "duplicate";
        return r;
    }
    if (decrypt && !decrypt(msg, m)) {
        r.reason = "could not decrypt";
        return r;
    }
    if (!outgoing && o.countUnread && state.openChat != r.peer) ++conv.unread;
    // Live messages and carbons go in arrival order: a <delay/> only sets the shown time, and never
    // earlier than the newest message (a server re-sending after a stream resumption stamps with whole
    // seconds, which would reorder them when the history is loaded again, sorted by time).
    // Archive results are placed by their archive time, which follows archive order.
    std::size_t pos = 0;
    if (source == Source::Archive) pos = insertByTime(conv, std::move(m));
    else pos = appendInOrder(conv, std::move(m));
    r.message = conv.messages[pos];
    dedup->inserted(conv, pos);
    r.outcome = IncomingOutcome::Stored;
    return r;
}

}  // namespace starling::im
