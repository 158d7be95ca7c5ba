#include "core/modules/xep0333_chat_markers_module.h"

#include "core/im/message_signals.h"
#include "core/xep/xep0333_chat_markers.h"

namespace starling::modules {

ChatMarkersModule::ChatMarkersModule(Core& core) : Module(core) {
    m_core.outgoing.add(im::OutStage::Decorate, name(), [](im::Outgoing& out) {
        xep::addMarkable(out.stanza);
        return im::OutFlow::Next;
    });
    m_core.incoming.add(im::Stage::Signals, name(), im::applyDisplayedMarker);
    m_core.incoming.add(im::Stage::Notify, name(), [this](im::Incoming& in) {
        const im::IncomingResult& r = in.result;
        if (!r.markable) return im::Flow::Next;
        Markable& mark = m_markable[r.peer];
        const model::Conversation& conv = m_core.state.conversations[r.peer];
        // Only the newest message of the chat is worth marking (scrolling back fetches older ones).
        if (!conv.messages.empty() && conv.messages.back().id == r.message.id && mark.id != r.message.id)
            mark = Markable{r.message.id, false};
        if (r.source != im::Source::Archive && m_core.active && m_core.state.openChat == r.peer) sendDisplayed(r.peer);
        return im::Flow::Next;
    });
}

std::vector<std::string> ChatMarkersModule::features() const { return {xep::kChatMarkersFeature}; }

void ChatMarkersModule::sendDisplayed(const std::string& peer) {
    if (onSeen) onSeen(peer);
    auto it = m_markable.find(peer);
    if (it == m_markable.end() || it->second.sent || !m_core.online() || !m_core.active) return;
    if (!im::sharesPresenceWith(m_core.state, peer)) return;
    m_core.session.send(xep::displayedMessage(peer, it->second.id, "chat", m_core.uuid()));
    it->second.sent = true;
}

}  // namespace starling::modules
