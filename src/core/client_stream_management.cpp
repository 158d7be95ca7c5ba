// The Client's side of XEP-0198: an outgoing message is Sent only once the server acknowledged it;
// a resumed session keeps roster and presence (no roster get, no initial presence) and only sends
// what was written while offline. A new session (resumption failed) goes through handleEstablished,
// which forgets the in-flight set so every still-Queued message goes out again with the same id.
#include "core/client_impl.h"
#include "core/im/messages.h"
#include "core/xml/ns.h"

namespace starling {

void Client::Impl::handleAcked(const xml::Element& stanza) {
    if (!stanza.is(ns::kClient, "message")) return;
    const std::string id(stanza.attr("id"));
    if (id.empty() || !awaitingAck.erase(id)) return;
    auto conv = state.conversations.find(std::string(stanza.attr("to")));
    if (conv == state.conversations.end()) return;
    model::Message* m = im::findMessage(conv->second, id);
    if (!m || m->direction != model::Direction::Outgoing || m->status != model::MessageStatus::Queued) return;
    m->status = model::MessageStatus::Sent;
    data.appendUpdate(account, conv->first, *m);
    touch();
}

void Client::Impl::handleResumed() {
    retryAtMs.reset();
    retryAttempt = 0;
    state.ownJid = session.boundJid().empty() ? account : session.boundJid();
    state.rosterReceived = true;  // the roster we had is still the session's roster
    state.connection = model::Connection::Online;
    touch();
    flushQueued();  // written while offline; the unacked tail was already re-sent by the session
}

}  // namespace starling
