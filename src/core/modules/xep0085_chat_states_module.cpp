#include "core/modules/xep0085_chat_states_module.h"

#include "core/im/message_signals.h"
#include "core/xep/xep0085_chat_states.h"
#include "core/xep/xep0280_carbons.h"

namespace starling::modules {

ChatStatesModule::ChatStatesModule(Core& core) : Module(core) {
    m_core.incoming.add(im::Stage::Signals, name(), im::applyChatState);
}

std::vector<std::string> ChatStatesModule::features() const { return {xep::kChatStatesFeature}; }

void ChatStatesModule::typed(const std::string& bare, bool typing) {
    if (bare.empty() || !m_core.online() || !im::sharesPresenceWith(m_core.state, bare)) return;
    Sent& sent = m_sent[bare];
    // A message sent since our last state implies <active/> (XEP-0085 §5.4).
    auto conv = m_core.state.conversations.find(bare);
    if (conv != m_core.state.conversations.end() && !conv->second.messages.empty()) {
        const model::Message& newest = conv->second.messages.back();
        if (newest.direction == model::Direction::Outgoing && newest.timestampMs >= sent.atMs)
            sent.state = model::ChatState::Active;
    }
    if (typing) sent.lastEditMs = m_core.p.clock.nowMs();
    const model::ChatState next = typing ? model::ChatState::Composing : model::ChatState::Paused;
    if (sent.state == next || (!typing && sent.state != model::ChatState::Composing)) return;
    send(bare, sent, next);
}

void ChatStatesModule::onTimer(std::int64_t nowMs) {
    for (auto& [bare, sent] : m_sent) {
        if (sent.state != model::ChatState::Composing || nowMs - sent.lastEditMs < kPausedAfterMs) continue;
        if (!m_core.online()) continue;
        // A message went out since "composing": that said active, nothing to pause.
        auto conv = m_core.state.conversations.find(bare);
        if (conv != m_core.state.conversations.end() && !conv->second.messages.empty()) {
            const model::Message& newest = conv->second.messages.back();
            if (newest.direction == model::Direction::Outgoing && newest.timestampMs >= sent.atMs) {
                sent.state = model::ChatState::Active;
                continue;
            }
        }
        send(bare, sent, model::ChatState::Paused);
    }
}

void ChatStatesModule::send(const std::string& bare, Sent& sent, model::ChatState next) {
    xml::Element m = xep::chatStateMessage(bare, next, m_core.uuid());
    xep::addPrivate(m);  // our other devices need no copy
    m_core.session.send(m);
    sent.state = next;
    sent.atMs = m_core.p.clock.wallTimeMs();
}

}  // namespace starling::modules
