#include "core/im/message_signals.h"

#include "core/xep/xep0085_chat_states.h"
#include "core/xep/xep0184_receipts.h"
#include "core/xep/xep0333_chat_markers.h"
#include "core/xml/ns.h"

namespace starling::im {

namespace {

int rank(model::MessageStatus s) {
    switch (s) {
        case model::MessageStatus::Queued:
        case model::MessageStatus::Failed: return 0;
        case model::MessageStatus::Sent: return 1;
        case model::MessageStatus::Delivered: return 2;
        case model::MessageStatus::Displayed: return 3;
        case model::MessageStatus::Received: return -1;
    }
    return -1;
}

model::Conversation* chatOf(Incoming& in) {
    auto it = in.state.conversations.find(in.result.peer);
    return it == in.state.conversations.end() ? nullptr : &it->second;
}

}  // namespace

bool raiseStatus(model::Message& m, model::MessageStatus to) {
    if (m.direction != model::Direction::Outgoing) return false;
    if (m.status != model::MessageStatus::Failed && rank(m.status) >= rank(to)) return false;
    m.status = to;
    m.error.clear();
    return true;
}

bool sharesPresenceWith(const model::State& state, const std::string& bareJid) {
    for (const auto& item : state.roster)
        if (item.jid == bareJid) return item.subscription == "from" || item.subscription == "both";
    return false;
}

Flow applyReceipt(Incoming& in) {
    if (in.groupchat) return Flow::Next;  // no receipts in rooms (XEP-0184 §5.3)
    const xml::Element& msg = *in.message;
    if (in.source == Source::Live && xep::receiptRequested(msg) && msg.hasAttr("id")) {
        in.result.receiptTo = in.from;
        in.result.receiptId = std::string(msg.attr("id"));
    }
    if (in.outgoing) return Flow::Next;
    const std::string receipt = xep::receiptFor(msg);
    model::Conversation* conv = receipt.empty() ? nullptr : chatOf(in);
    if (!conv) return Flow::Next;
    for (auto m = conv->messages.rbegin(); m != conv->messages.rend(); ++m) {
        if (m->direction != model::Direction::Outgoing || m->id != receipt) continue;
        if (raiseStatus(*m, model::MessageStatus::Delivered)) in.result.updates.push_back(*m);
        break;
    }
    return Flow::Next;
}

Flow applyDisplayedMarker(Incoming& in) {
    if (in.groupchat) return Flow::Next;  // room markers: not handled yet
    const xml::Element& msg = *in.message;
    in.result.markable = !in.outgoing && xep::isMarkable(msg);
    const std::string displayed = xep::displayedMarkerFor(msg);
    model::Conversation* conv = displayed.empty() ? nullptr : chatOf(in);
    if (!conv) return Flow::Next;
    if (in.outgoing) {
        // Our own marker, sent from another device: the chat was read there.
        if (conv->unread != 0 && in.source != Source::Archive) {
            conv->unread = 0;
            in.signalled = true;
        }
        return Flow::Next;
    }
    // The marked message and every earlier outgoing one (XEP-0333 §4) — except earlier ones that failed:
    // those never reached the peer (bounced, or never sent).
    auto& list = conv->messages;
    auto marked = list.rend();
    for (auto m = list.rbegin(); m != list.rend(); ++m)
        if (m->direction == model::Direction::Outgoing && m->id == displayed) {
            marked = m;
            break;
        }
    for (auto m = marked; m != list.rend(); ++m) {
        if (m != marked && m->status == model::MessageStatus::Failed) continue;
        if (raiseStatus(*m, model::MessageStatus::Displayed)) in.result.updates.push_back(*m);
    }
    return Flow::Next;
}

Flow applyChatState(Incoming& in) {
    if (in.groupchat) return Flow::Next;  // a room's chat states are not a peer's
    // Chat states are transient: only from the live stream, never from the archive; never ours.
    if (in.outgoing || (in.source != Source::Live && in.source != Source::CarbonReceived)) return Flow::Next;
    const xml::Element& msg = *in.message;
    const auto chatState = xep::chatStateOf(msg);
    const bool hasBody = msg.child(ns::kClient, "body") != nullptr;
    const model::ChatState next = chatState ? *chatState : (hasBody ? model::ChatState::Active : model::ChatState::None);
    // A bare chat state opens no chat (anyone may send one).
    if (next == model::ChatState::None || (!hasBody && !chatOf(in))) return Flow::Next;
    model::Conversation& conv = in.state.conversations[in.result.peer];
    conv.jid = in.result.peer;
    if (conv.peerState != next) {
        conv.peerState = next;
        in.signalled = true;
    }
    return Flow::Next;
}

}  // namespace starling::im
