#include "core/modules/chat.h"

#include "core/im/message_stages.h"
#include "core/xml/ns.h"

namespace starling::modules {

using im::Flow;
using im::Stage;

ChatModule::ChatModule(Core& core) : Module(core) {
    // Every message no more specific handler took goes through the pipeline.
    m_core.router.onMessage(name(), {}, [this](const xml::Element& stanza) {
        m_core.receive(stanza, m_core.incomingOptions());
        return router::Handled::Yes;
    });
    m_core.incoming.add(Stage::Origin, name(), im::checkOrigin);
    m_core.incoming.add(Stage::Dedup, name(), [this](im::Incoming& in) { return im::deduplicate(*m_dedup, in); });
    m_core.incoming.add(Stage::Store, name(), [this](im::Incoming& in) { return storeStage(in); });
    m_core.incoming.add(Stage::Notify, name(), [this](im::Incoming& in) { return notifyStage(in); });
    m_core.outgoing.add(im::OutStage::Send, name(), [this](im::Outgoing& out) { return sendStage(out); });
}

Flow ChatModule::storeStage(im::Incoming& in) {
    im::storeInChat(*m_dedup, in);
    m_core.data.appendMessage(m_core.account, in.result.peer, in.result.message);
    return Flow::Next;
}

Flow ChatModule::notifyStage(im::Incoming& in) {
    const im::IncomingResult& r = in.result;
    for (const auto& u : r.updates) m_core.data.appendUpdate(m_core.account, r.peer, u);
    bool changed = !r.updates.empty() || in.signalled;
    switch (r.outcome) {
        case im::IncomingOutcome::Stored: changed = true; break;
        case im::IncomingOutcome::Failed:
            m_core.data.appendUpdate(m_core.account, r.peer, r.message);
            changed = true;
            break;
        case im::IncomingOutcome::Updated: changed = true; break;
        case im::IncomingOutcome::Duplicate:
            m_core.log("dropped duplicate message " + r.message.id + " from " + r.peer);
            break;
        case im::IncomingOutcome::Dropped:
            m_core.log("dropped message from '" + std::string(in.message->attr("from")) + "': " + r.reason);
            break;
    }
    if (changed) m_core.touch();
    return Flow::Next;
}

void ChatModule::onEstablished() {
    m_awaitingAck.clear();  // a new session: what was unacked is Queued and goes out again (same ids)
}

void ChatModule::sendMessage(const std::string& bare, const std::string& text, const std::string& from) {
    model::Message m;
    m.from = from;
    m.body = text;
    send(bare, std::move(m));
}

void ChatModule::send(const std::string& bare, model::Message m) {
    m.id = m_core.uuid();
    if (m.from.empty()) m.from = m_core.state.ownJid.empty() ? m_core.account : m_core.state.ownJid;
    m.direction = model::Direction::Outgoing;
    m.status = model::MessageStatus::Queued;
    m.timestampMs = m_core.p.clock.wallTimeMs();
    model::Conversation& conv = m_core.state.conversations[bare];
    conv.jid = bare;
    im::appendInOrder(conv, m);  // what we send now is the newest
    // Stored first: nothing is lost if the send fails.
    m_core.data.appendMessage(m_core.account, bare, conv.messages.back());
    if (m_core.online()) flushChat(bare, conv);  // after any earlier one still waiting
    m_core.touch();
}

void ChatModule::resendMessage(const std::string& bare, const std::string& messageId) {
    auto conv = m_core.state.conversations.find(bare);
    if (conv == m_core.state.conversations.end()) return;
    model::Message* m = im::findMessage(conv->second, messageId);
    if (!m || m->direction != model::Direction::Outgoing || m->status != model::MessageStatus::Failed) return;
    m->status = model::MessageStatus::Queued;
    m->error.clear();
    m_core.data.appendUpdate(m_core.account, bare, *m);
    if (m_core.online()) flushChat(bare, conv->second);
    m_core.touch();
}

void ChatModule::transmit(const std::string& peer, model::Message& m) {
    // The connection may be gone while `state` does not know yet (an IQ timeout answered in the same
    // tick as a lost connection): the session would drop the stanza, and the message would wait for an
    // ack that never comes. It stays Queued; the flush after the resumption or new session sends it.
    if (m_core.session.state() != stream::SessionState::Established) return;
    xml::Element stanza(ns::kClient, "message");
    stanza.setAttr("to", peer);
    // A room's messages go to the room (XEP-0045 §7.4); the group chat module holds them until we are in.
    stanza.setAttr("type", m_core.state.rooms.count(peer) ? "groupchat" : "chat");
    stanza.setAttr("id", m.id);
    stanza.addText(ns::kClient, "body", m.body);
    im::Outgoing out(peer, m, std::move(stanza));
    if (!m_core.outgoing.run(out) && m.status == model::MessageStatus::Failed)
        m_core.data.appendUpdate(m_core.account, peer, m);
}

im::OutFlow ChatModule::sendStage(im::Outgoing& out) {
    m_core.session.send(out.stanza);
    if (out.action) return im::OutFlow::Next;  // about another message: nothing to track
    model::Message& m = out.message;
    if (m_core.session.ackTracking()) {  // XEP-0198: Queued → Sent when the server acks it
        m_awaitingAck.insert(m.id);
        return im::OutFlow::Next;
    }
    m.status = model::MessageStatus::Sent;
    m_core.data.appendUpdate(m_core.account, out.peer, m);
    return im::OutFlow::Next;
}

// Each chat's Queued messages go out in the order they were written: one that has to wait (OMEMO keys
// on the way, no established session) holds back the later ones of its chat, which would otherwise
// overtake it (say, once the contact's first message has started a session before the bundle we
// asked for arrives).
void ChatModule::flushChat(const std::string& peer, model::Conversation& conv) {
    for (auto& m : conv.messages) {
        if (m.direction != model::Direction::Outgoing || m.status != model::MessageStatus::Queued ||
            m_awaitingAck.count(m.id) || m.retracted)  // deleted before it went out: it never will
            continue;
        if (m.attachment && m.attachment->state == model::AttachmentState::Uploading) break;  // its URL comes later
        transmit(peer, m);
        if (m.status == model::MessageStatus::Queued && !m_awaitingAck.count(m.id)) break;  // waits: so do the rest
    }
}

void ChatModule::flushQueued() {
    if (!m_core.online()) return;
    for (auto& [peer, conv] : m_core.state.conversations) flushChat(peer, conv);
    m_core.touch();
}

void ChatModule::acked(const xml::Element& stanza) {
    if (!stanza.is(ns::kClient, "message")) return;
    const std::string id(stanza.attr("id"));
    if (id.empty() || !m_awaitingAck.erase(id)) return;
    auto conv = m_core.state.conversations.find(std::string(stanza.attr("to")));
    if (conv == m_core.state.conversations.end()) return;
    model::Message* m = im::findMessage(conv->second, id);
    if (!m || m->direction != model::Direction::Outgoing || m->status != model::MessageStatus::Queued) return;
    m->status = model::MessageStatus::Sent;
    m_core.data.appendUpdate(m_core.account, conv->first, *m);
    m_core.touch();
}

}  // namespace starling::modules
