#include "core/im/messages.h"

#include <algorithm>

#include "core/im/delay.h"
#include "core/im/jid_util.h"
#include "core/im/incoming.h"
#include "core/im/message_signals.h"
#include "core/im/message_stages.h"
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

IncomingResult MessagePipeline::process(model::State& state, const xml::Element& stanza,
                                        std::string_view ownBareJid, std::int64_t nowMs) const {
    IncomingOptions o;
    o.ownBareJid = ownBareJid;
    o.nowMs = nowMs;
    return process(state, stanza, o);
}

IncomingResult MessagePipeline::process(model::State& state, const xml::Element& stanza,
                                        const IncomingOptions& o) const {
    if (!stanza.is(ns::kClient, "message") || xep::isMamResult(stanza)) {
        IncomingResult r;
        r.reason = stanza.is(ns::kClient, "message") ? "archive result for no query of ours" : "not a message";
        return r;
    }
    Incoming in(state, stanza);
    in.options = o;
    if (unwrapCarbon(in) == Flow::Done) return std::move(in.result);
    return run(in);
}

IncomingResult MessagePipeline::processArchived(model::State& state, const xep::MamResult& result,
                                                const IncomingOptions& o) const {
    Incoming in(state, *result.message);
    in.options = o;
    in.source = Source::Archive;
    in.stamp = delayStamp(*result.forwarded);
    in.archiveId = result.archiveId;
    return run(in);
}

// Origin → Signals → Dedup → Decrypt → Store, as the client runs them (incoming.h).
IncomingResult MessagePipeline::run(Incoming& in) const {
    in.decrypts = static_cast<bool>(decrypt);
    if (checkOrigin(in) == Flow::Done) return std::move(in.result);
    applyReceipt(in);
    applyDisplayedMarker(in);
    applyChatState(in);
    if (deduplicate(*dedup, in) == Flow::Done) return std::move(in.result);
    if (decrypt && !decrypt(*in.message, in.built)) {
        in.result.reason = "could not decrypt";
        return std::move(in.result);
    }
    storeInChat(*dedup, in);
    return std::move(in.result);
}

}  // namespace starling::im
