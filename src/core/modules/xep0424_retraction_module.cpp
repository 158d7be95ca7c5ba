#include "core/modules/xep0424_retraction_module.h"

#include "core/im/message_refs.h"
#include "core/im/occupant_chat.h"
#include "core/xep/xep0359_stanza_id.h"
#include "core/xep/xep0424_retraction.h"
#include "core/xml/ns.h"

namespace starling::modules {

im::Flow appliedAction(im::Incoming& in, bool changed, std::string reason) {
    in.applied = true;
    in.result.outcome = changed ? im::IncomingOutcome::Updated : im::IncomingOutcome::Dropped;
    in.result.reason = std::move(reason);
    return in.message->child(ns::kOmemoLegacy, "encrypted") ? im::Flow::Next : im::Flow::Done;
}

RetractionModule::RetractionModule(Core& core, ChatModule& chat) : Module(core), m_chat(chat) {
    m_core.incoming.add(im::Stage::Signals, name(), [this](im::Incoming& in) { return signalsStage(in); });
    m_core.incoming.add(im::Stage::Store, name(), [](im::Incoming& in) {
        return in.applied ? im::Flow::Done : im::Flow::Next;
    });
}

std::vector<std::string> RetractionModule::features() const { return {xep::kRetractionFeature}; }

namespace {
void empty(model::Message& m) {
    m.retracted = true;
    m.body.clear();
    m.originalBody.clear();
    m.edited = false;
    m.reactions.clear();
}
}  // namespace

im::Flow RetractionModule::signalsStage(im::Incoming& in) {
    if (in.applied) return im::Flow::Next;
    const std::string id = xep::retractionOf(*in.message);
    if (id.empty()) return im::Flow::Next;
    auto conv = in.state.conversations.find(in.result.peer);
    model::Message* target = conv == in.state.conversations.end()
                                 ? nullptr
                                 : im::findReferenced(conv->second, id, in.groupchat,
                                                      [&](const model::Message& m) { return im::sameAuthor(m, in); });
    if (!target) return appliedAction(in, false, "retraction of " + id + ": no message of its author we have");
    if (target->retracted) return appliedAction(in, false, "retraction of " + id + " again");
    empty(*target);
    m_core.data.appendUpdate(m_core.account, in.result.peer, *target, true);
    in.result.message = *target;
    return appliedAction(in, true, "retraction");
}

bool RetractionModule::retract(const std::string& bare, const std::string& messageId) {
    auto conv = m_core.state.conversations.find(bare);
    if (conv == m_core.state.conversations.end()) return false;
    const bool groupchat = m_core.state.rooms.count(bare) > 0;
    model::Message* target = im::findReferenced(conv->second, messageId, groupchat, [](const model::Message& m) {
        return m.direction == model::Direction::Outgoing;
    });
    if (!target || target->retracted) return false;
    // Never sent (offline, keys on the way, failed): it goes out as it is now, or not at all. Queued but
    // on the wire (waiting for the server's ack): what follows it must go out too.
    const bool unsent = (target->status == model::MessageStatus::Queued && !m_chat.inFlight(target->id)) ||
                        target->status == model::MessageStatus::Failed;
    if (!unsent) {
        if (m_core.session.state() != stream::SessionState::Established) return false;
        const std::string id = m_core.uuid();
        xml::Element stanza = xep::retractionMessage(bare, groupchat ? "groupchat" : "chat", id,
                                                     im::referenceId(*target, groupchat));
        xep::addOriginId(stanza, id);
        im::markPrivate(stanza, bare);
        m_core.session.send(stanza);
    }
    empty(*target);  // never sent: the outbox skips it now
    m_core.data.appendUpdate(m_core.account, bare, *target, true);
    m_core.touch();
    return true;
}

}  // namespace starling::modules
