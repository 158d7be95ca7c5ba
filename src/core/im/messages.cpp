#include "core/im/messages.h"

#include <algorithm>

#include "core/im/delay.h"
#include "core/im/jid_util.h"
#include "core/im/stanza_util.h"
#include "core/xep/xep0359_stanza_id.h"
#include "core/xml/ns.h"

namespace starling::im {

xml::Element chatMessage(std::string_view to, std::string_view id, std::string_view body) {
    xml::Element m(ns::kClient, "message");
    m.setAttr("to", to);
    m.setAttr("type", "chat");
    m.setAttr("id", id);
    m.addText(ns::kClient, "body", body);
    xep::addOriginId(m, id);
    return m;
}

void insertByTime(model::Conversation& conversation, model::Message message) {
    auto& list = conversation.messages;
    auto it = std::upper_bound(list.begin(), list.end(), message.timestampMs,
                               [](std::int64_t ts, const model::Message& m) { return ts < m.timestampMs; });
    list.insert(it, std::move(message));
}

model::Message* findMessage(model::Conversation& conversation, std::string_view id) {
    for (auto it = conversation.messages.rbegin(); it != conversation.messages.rend(); ++it)
        if (it->id == id) return &*it;
    return nullptr;
}

namespace {

struct Parsed {
    std::string from;  // full JID as sent
    std::string peer;  // bare, lower-cased domain/local (ASCII)
    std::string type;
    std::string id;
    const xml::Element* stanza = nullptr;
};

// Stage 1+2: parse and check origin.
bool parseAndCheckOrigin(const xml::Element& stanza, Parsed& out, std::string& reason) {
    if (!stanza.is(ns::kClient, "message")) {
        reason = "not a message";
        return false;
    }
    out.stanza = &stanza;
    out.from = std::string(stanza.attr("from"));
    if (!isJid(out.from)) {
        reason = "message without a valid from";
        return false;
    }
    out.peer = normalizedBare(out.from);
    out.type = stanza.hasAttr("type") ? std::string(stanza.attr("type")) : "normal";
    out.id = std::string(stanza.attr("id"));
    return true;
}

// Error replies mark our matching outgoing message Failed.
IncomingResult applyError(model::State& state, const Parsed& p) {
    IncomingResult r;
    r.peer = p.peer;
    auto conv = state.conversations.find(p.peer);
    model::Message* m = conv == state.conversations.end() || p.id.empty() ? nullptr : findMessage(conv->second, p.id);
    if (!m || m->direction != model::Direction::Outgoing) {
        r.reason = "error reply for no message of ours";
        return r;
    }
    m->status = model::MessageStatus::Failed;
    const std::string text = stanzaErrorText(*p.stanza);
    const std::string condition = stanzaErrorCondition(*p.stanza);
    m->error = text.empty() ? (condition.empty() ? "error" : condition) : text;
    r.outcome = IncomingOutcome::Failed;
    r.message = *m;
    return r;
}

// Stage 3: de-duplicate. When both copies carry our archive's stanza-id, it alone decides (archive ids
// are unique; sender-chosen ids may repeat); otherwise origin-id (or id) + sender.
bool isDuplicate(const model::State& state, const Parsed& p, const model::Message& m) {
    auto conv = state.conversations.find(p.peer);
    if (conv == state.conversations.end()) return false;
    const std::string sender = normalizedBare(m.from);
    for (const auto& known : conv->second.messages) {
        if (!m.stanzaId.empty() && !known.stanzaId.empty()) {
            if (known.stanzaId == m.stanzaId) return true;
            continue;
        }
        if (!m.id.empty() && known.id == m.id && known.direction == model::Direction::Incoming &&
            normalizedBare(known.from) == sender)
            return true;
    }
    return false;
}

}  // namespace

IncomingResult MessagePipeline::process(model::State& state, const xml::Element& stanza,
                                        std::string_view ownBareJid, std::int64_t nowMs) const {
    IncomingResult r;
    Parsed p;
    if (!parseAndCheckOrigin(stanza, p, r.reason)) return r;
    r.peer = p.peer;
    if (p.type == "error") return applyError(state, p);
    if (p.type != "chat" && p.type != "normal") {
        r.reason = "message type '" + p.type + "' not handled";
        return r;
    }
    const xml::Element* body = stanza.child(ns::kClient, "body");
    if (!body) {
        r.reason = "message without body";
        return r;
    }

    model::Message m;
    const xep::StanzaIds ids = xep::parseStanzaIds(stanza, ownBareJid);
    m.id = ids.originId.empty() ? p.id : ids.originId;
    m.stanzaId = ids.stanzaId;
    m.from = p.from;
    m.body = body->text();
    m.direction = model::Direction::Incoming;
    m.status = model::MessageStatus::Received;
    m.timestampMs = delayStamp(stanza).value_or(nowMs);

    if (isDuplicate(state, p, m)) {
        r.outcome = IncomingOutcome::Duplicate;
        r.reason = "duplicate";
        return r;
    }
    if (decrypt && !decrypt(stanza, m)) {
        r.reason = "could not decrypt";
        return r;
    }
    // Store (in state; the client persists) and notify.
    model::Conversation& conv = state.conversations[p.peer];
    conv.jid = p.peer;
    insertByTime(conv, m);
    if (state.openChat != p.peer) ++conv.unread;
    r.outcome = IncomingOutcome::Stored;
    r.message = std::move(m);
    return r;
}

}  // namespace starling::im
