#include "core/modules/xep0308_correction_module.h"

#include "core/im/message_refs.h"
#include "core/xep/xep0308_correction.h"
#include "core/xml/ns.h"

namespace starling::modules {

CorrectionModule::CorrectionModule(Core& core, ChatModule& chat) : Module(core), m_chat(chat) {
    m_core.incoming.add(im::Stage::Store, name(), [this](im::Incoming& in) { return storeStage(in); });
}

std::vector<std::string> CorrectionModule::features() const { return {xep::kCorrectionFeature}; }

im::Flow CorrectionModule::storeStage(im::Incoming& in) {
    const std::string replaced = xep::correctionOf(*in.message);
    if (replaced.empty()) return im::Flow::Next;
    const model::Message& c = in.built;
    if (!c.error.empty()) return im::Flow::Next;  // undecryptable: shown as such
    if (replaced == c.id || replaced == c.originId || replaced == std::string(in.message->attr("id"))) {
        m_core.log("correction " + c.id + " names itself: shown as a message");
        return im::Flow::Next;
    }
    auto conv = in.state.conversations.find(in.result.peer);
    model::Message* target = conv == in.state.conversations.end()
                                 ? nullptr
                                 : im::findReferenced(conv->second, replaced, in.groupchat,
                                                      [&](const model::Message& m) { return im::sameAuthor(m, in); });
    if (!target) {
        m_core.log("correction of " + replaced + " by " + in.from + ": not a message of theirs we have, shown as a message");
        return im::Flow::Next;
    }
    in.result.outcome = im::IncomingOutcome::Updated;
    in.result.reason = "correction";
    if (target->retracted || c.timestampMs < target->editedMs || (target->edited && target->editId == c.id)) {
        in.result.message = *target;
        return im::Flow::Done;  // deleted, or an older (or the same) correction arriving again
    }
    if (!target->edited) target->originalBody = target->body;
    target->body = c.body;
    target->edited = true;
    target->editId = c.id;
    target->editedMs = c.timestampMs;
    target->encrypted = c.encrypted;
    target->omemoWarning = c.omemoWarning;
    m_core.data.appendUpdate(m_core.account, in.result.peer, *target, true);
    in.result.message = *target;
    return im::Flow::Done;
}

bool CorrectionModule::correct(const std::string& bare, const std::string& messageId, const std::string& text) {
    if (text.empty()) return false;
    auto conv = m_core.state.conversations.find(bare);
    if (conv == m_core.state.conversations.end()) return false;
    const bool groupchat = m_core.state.rooms.count(bare) > 0;
    model::Message* target = im::findReferenced(conv->second, messageId, groupchat, [](const model::Message& m) {
        return m.direction == model::Direction::Outgoing;
    });
    if (!target || target->retracted) return false;
    if (target->body == text) return true;
    // Never sent (offline, keys on the way, failed): it goes out as it is now, or not at all. Queued but
    // on the wire (waiting for the server's ack): what follows it must go out too.
    const bool unsent = (target->status == model::MessageStatus::Queued && !m_chat.inFlight(target->id)) ||
                        target->status == model::MessageStatus::Failed;
    model::Message c;
    c.id = m_core.uuid();
    c.body = text;
    c.from = target->from;
    c.direction = model::Direction::Outgoing;
    c.timestampMs = m_core.p.clock.wallTimeMs();
    if (!unsent) {
        // It went out: the correction follows it (never sent: it goes out with the new text itself).
        if (m_core.session.state() != stream::SessionState::Established) return false;
        xml::Element stanza(ns::kClient, "message");
        stanza.setAttr("to", bare);
        stanza.setAttr("type", groupchat ? "groupchat" : "chat");
        stanza.setAttr("id", c.id);
        stanza.addText(ns::kClient, "body", text);
        xep::addCorrection(stanza, im::referenceId(*target, groupchat));
        im::Outgoing out(bare, c, std::move(stanza));
        out.action = true;
        if (!m_core.outgoing.run(out)) {
            m_core.log("correction of " + messageId + " not sent (" + (c.error.empty() ? "keys on the way" : c.error) + ")");
            return false;
        }
    }
    if (!target->edited) target->originalBody = target->body;
    target->body = text;
    target->edited = true;
    target->editId = c.id;
    target->editedMs = c.timestampMs;
    m_core.data.appendUpdate(m_core.account, bare, *target, true);
    m_core.touch();
    return true;
}

}  // namespace starling::modules
