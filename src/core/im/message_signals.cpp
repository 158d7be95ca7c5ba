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

bool applySignals(model::State& state, const xml::Element& message, const std::string& peer, bool outgoing,
                  Source source, std::vector<model::Message>& updates) {
    const std::string receipt = xep::receiptFor(message);
    const std::string displayed = xep::displayedMarkerFor(message);
    const auto chatState = xep::chatStateOf(message);
    auto it = state.conversations.find(peer);
    bool changed = false;
    if (outgoing) {
        // Our own marker, sent from another device: the chat was read there.
        if (!displayed.empty() && it != state.conversations.end() && it->second.unread != 0 &&
            source != Source::Archive) {
            it->second.unread = 0;
            changed = true;
        }
        return changed;
    }
    if (it != state.conversations.end()) {
        auto& list = it->second.messages;
        if (!receipt.empty()) {
            for (auto m = list.rbegin(); m != list.rend(); ++m) {
                if (m->direction != model::Direction::Outgoing || m->id != receipt) continue;
                if (raiseStatus(*m, model::MessageStatus::Delivered)) updates.push_back(*m);
                break;
            }
        }
        if (!displayed.empty()) {
            // The marked message and every earlier outgoing one (XEP-0333 §4).
            auto marked = list.rend();
            for (auto m = list.rbegin(); m != list.rend(); ++m)
                if (m->direction == model::Direction::Outgoing && m->id == displayed) {
                    marked = m;
                    break;
                }
            for (auto m = marked; m != list.rend(); ++m)
                if (raiseStatus(*m, model::MessageStatus::Displayed)) updates.push_back(*m);
        }
    }
    // Chat states are transient: only from the live stream, never from the archive.
    if (source == Source::Live || source == Source::CarbonReceived) {
        const bool hasBody = message.child(ns::kClient, "body") != nullptr;
        model::ChatState next = chatState ? *chatState : (hasBody ? model::ChatState::Active : model::ChatState::None);
        // A bare chat state opens no chat (anyone may send one).
        if (next != model::ChatState::None && (hasBody || it != state.conversations.end())) {
            model::Conversation& conv = state.conversations[peer];
            conv.jid = peer;
            if (conv.peerState != next) {
                conv.peerState = next;
                changed = true;
            }
        }
    }
    return changed;
}

}  // namespace starling::im
