// Client: what follows an incoming message (persisting, delivery receipts, displayed markers, the
// live archive cursor) and the intents for read markers, chat states and client state indication.
// Receipts, markers and chat states go to roster contacts that share our presence only.
#include "core/client_impl.h"
#include "core/im/jid_util.h"
#include "core/im/message_signals.h"
#include "core/xep/xep0085_chat_states.h"
#include "core/xep/xep0184_receipts.h"
#include "core/xep/xep0280_carbons.h"
#include "core/xep/xep0333_chat_markers.h"
#include "core/xep/xep0352_csi.h"

namespace starling {

void Client::Impl::applyIncoming(const im::IncomingResult& r, const xml::Element& stanza) {
    for (const auto& u : r.updates) data.appendUpdate(account, r.peer, u);
    bool changed = !r.updates.empty();
    switch (r.outcome) {
        case im::IncomingOutcome::Stored:
            data.appendMessage(account, r.peer, r.message);
            changed = true;
            break;
        case im::IncomingOutcome::Failed:
            data.appendUpdate(account, r.peer, r.message);
            changed = true;
            break;
        case im::IncomingOutcome::Updated: changed = true; break;
        case im::IncomingOutcome::Duplicate:
            log("dropped duplicate message " + r.message.id + " from " + r.peer);
            break;
        case im::IncomingOutcome::Dropped:
            log("dropped message from '" + std::string(stanza.attr("from")) + "': " + r.reason);
            break;
    }
    if (changed) touch();
    if (!r.receiptTo.empty() && online()) {
        if (im::sharesPresenceWith(state, r.peer))
            session.send(xep::receiptMessage(r.receiptTo, r.receiptId, "chat", uuid()));
        else
            log("no receipt to " + r.peer + ": not a contact");
    }
    if (r.markable) {
        im::Markable& mark = sync.markable[r.peer];
        const model::Conversation& conv = state.conversations[r.peer];
        // Only the newest message of the chat is worth marking (scrolling back fetches older ones).
        if (!conv.messages.empty() && conv.messages.back().id == r.message.id && mark.id != r.message.id)
            mark = im::Markable{r.message.id, false};
        if (r.source != im::Source::Archive && sync.active && state.openChat == r.peer) sendDisplayed(r.peer);
    }
    if (!r.liveStanzaId.empty()) {
        if (sync.catchUp && sync.catchUp->kind == im::ArchiveJob::Kind::CatchUp) {
            if (sync.catchUp->stopAt.empty()) sync.catchUp->stopAt = r.liveStanzaId;  // bounds the catch-up
        } else if (!sync.catchUp && state.sync == model::Sync::Done) {
            // Everything before the session was caught up, and this came live: safe to move past it.
            sync.cursor = im::ArchiveCursor{r.liveStanzaId, r.message.timestampMs ? r.message.timestampMs
                                                                                  : p.clock.wallTimeMs()};
            saveCursor();
        }
    }
}

void Client::Impl::sendDisplayed(const std::string& peer) {
    auto it = sync.markable.find(peer);
    if (it == sync.markable.end() || it->second.sent || !online()) return;
    if (!im::sharesPresenceWith(state, peer)) return;
    session.send(xep::displayedMessage(peer, it->second.id, "chat", uuid()));
    it->second.sent = true;
}

bool Client::Impl::csiAdvertised() const { return session.csiOffered(); }

void Client::Impl::sendCsi(bool active) { session.sendNonza(xep::csiNonza(active)); }

void Client::setActive(bool active) {
    Impl& d = *m_impl;
    if (d.sync.active == active) return;
    d.sync.active = active;
    if (d.online() && d.csiAdvertised()) d.sendCsi(active);
    if (active && !d.state.openChat.empty()) d.sendDisplayed(d.state.openChat);
}

void Client::setTyping(const std::string& jid, bool typing) {
    Impl& d = *m_impl;
    const std::string bare = im::normalizedAccount(jid);
    if (bare.empty() || !d.online() || !im::sharesPresenceWith(d.state, bare)) return;
    im::SentChatState& sent = d.sync.sentStates[bare];
    // A message sent since our last state implies <active/> (XEP-0085 §5.4).
    auto conv = d.state.conversations.find(bare);
    if (conv != d.state.conversations.end() && !conv->second.messages.empty()) {
        const model::Message& newest = conv->second.messages.back();
        if (newest.direction == model::Direction::Outgoing && newest.timestampMs >= sent.atMs)
            sent.state = model::ChatState::Active;
    }
    const model::ChatState next = typing ? model::ChatState::Composing : model::ChatState::Paused;
    if (sent.state == next || (!typing && sent.state != model::ChatState::Composing)) return;
    xml::Element m = xep::chatStateMessage(bare, next, d.uuid());
    xep::addPrivate(m);  // our other devices need no copy
    d.session.send(m);
    sent = im::SentChatState{next, d.p.clock.wallTimeMs()};
}

}  // namespace starling
