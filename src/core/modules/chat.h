#pragma once
// One-to-one chat (RFC 6121 §5): the outbox (each chat's messages go out in the order written; the
// outgoing pipeline's Send stage; XEP-0198 acks turn Queued into Sent) and the incoming pipeline's
// Origin, Dedup and Store stages, the catch-all message handler and the persisting of what the
// pipeline decided.
#include <memory>
#include <set>
#include <string>

#include "core/im/dedup_index.h"
#include "core/modules/module.h"

namespace starling::modules {

class ChatModule : public Module {
public:
    explicit ChatModule(Core& core);
    const char* name() const override { return "chat"; }
    void onEstablished() override;
    void onOnline() override { flushQueued(); }
    void onResumed() override { flushQueued(); }

    // `from`: what the message shows as its sender ("" = our own JID; a room's: room@service/nick).
    void sendMessage(const std::string& bare, const std::string& text, const std::string& from = {});
    // Sends `message` (body, from and e.g. replyTo filled; id, direction, status and time set here).
    void send(const std::string& bare, model::Message message);
    void resendMessage(const std::string& bare, const std::string& messageId);
    void flushQueued();
    // Our message went out on this session and waits for the server's ack (XEP-0198): still Queued, but
    // on the wire — a correction or retraction of it must follow it, not replace it.
    bool inFlight(const std::string& id) const { return m_awaitingAck.count(id) > 0; }
    // XEP-0198: the server acknowledged this stanza (Session::onAcked).
    void acked(const xml::Element& stanza);
    // The chat's message list changed outside the pipeline (history loaded or trimmed).
    void reindex(const std::string& bare) { m_dedup->forget(bare); }
    std::shared_ptr<im::DedupIndex> dedup() { return m_dedup; }

private:
    void flushChat(const std::string& peer, model::Conversation& conv);
    void transmit(const std::string& peer, model::Message& m);
    im::OutFlow sendStage(im::Outgoing& out);
    im::Flow storeStage(im::Incoming& in);
    im::Flow notifyStage(im::Incoming& in);

    std::shared_ptr<im::DedupIndex> m_dedup = std::make_shared<im::DedupIndex>();
    // Ids of messages written on this session and not yet acknowledged by the server; they stay Queued
    // and are not flushed again while in flight.
    std::set<std::string> m_awaitingAck;
};

}  // namespace starling::modules
