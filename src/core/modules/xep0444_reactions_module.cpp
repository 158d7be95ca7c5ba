#include "core/modules/xep0444_reactions_module.h"

#include "core/im/message_refs.h"
#include "core/im/occupant_chat.h"
#include "core/modules/xep0424_retraction_module.h"
#include "core/xep/xep0359_stanza_id.h"
#include "core/xep/xep0444_reactions.h"
#include "core/xml/ns.h"

namespace starling::modules {

bool setReactions(model::Message& m, const std::string& who, const std::vector<std::string>& emoji,
                  std::size_t maxEmoji) {
    const auto before = m.reactions;
    for (auto it = m.reactions.begin(); it != m.reactions.end();) {
        it->second.erase(who);
        it = it->second.empty() ? m.reactions.erase(it) : std::next(it);
    }
    for (const auto& e : emoji) {
        if (!m.reactions.count(e) && m.reactions.size() >= maxEmoji) continue;
        m.reactions[e].insert(who);
    }
    return m.reactions != before;
}

ReactionsModule::ReactionsModule(Core& core) : Module(core) {
    m_core.incoming.add(im::Stage::Signals, name(), [this](im::Incoming& in) { return signalsStage(in); });
    m_core.incoming.add(im::Stage::Store, name(), [](im::Incoming& in) {
        return in.applied ? im::Flow::Done : im::Flow::Next;
    });
}

std::vector<std::string> ReactionsModule::features() const { return {xep::kReactionsFeature}; }

im::Flow ReactionsModule::signalsStage(im::Incoming& in) {
    if (in.applied) return im::Flow::Next;
    auto reactions = xep::parseReactions(*in.message);
    if (!reactions) return im::Flow::Next;
    if (reactions->truncated) m_core.log("reactions from " + in.from + ": only the first ones kept");
    auto conv = in.state.conversations.find(in.result.peer);
    model::Message* target =
        conv == in.state.conversations.end() ? nullptr : im::findReferenced(conv->second, reactions->id, in.groupchat);
    if (!target || target->retracted)
        return appliedAction(in, false, "reactions to " + reactions->id + ": no such message");
    const std::string who = im::authorKey(in);
    if (who.empty()) return appliedAction(in, false, "reactions from nobody");
    if (!setReactions(*target, who, reactions->emoji, kMaxEmojiPerMessage))
        return appliedAction(in, false, "reactions unchanged");
    m_core.data.appendUpdate(m_core.account, in.result.peer, *target, true);
    in.result.message = *target;
    return appliedAction(in, true, "reactions");
}

bool ReactionsModule::react(const std::string& bare, const std::string& messageId, const std::vector<std::string>& emoji) {
    auto conv = m_core.state.conversations.find(bare);
    if (conv == m_core.state.conversations.end()) return false;
    if (m_core.session.state() != stream::SessionState::Established) return false;
    auto room = m_core.state.rooms.find(bare);
    const bool groupchat = room != m_core.state.rooms.end();
    model::Message* target = im::findReferenced(conv->second, messageId, groupchat);
    if (!target || target->retracted) return false;
    std::vector<std::string> mine;
    for (const auto& e : emoji) {
        std::string n = xep::normalizedReaction(e);
        if (!n.empty() && std::find(mine.begin(), mine.end(), n) == mine.end()) mine.push_back(std::move(n));
        if (mine.size() == xep::kMaxReactionsPerSender) break;
    }
    const std::string who = groupchat ? bare + "/" + room->second.nick : m_core.account;
    const std::string id = m_core.uuid();
    xml::Element stanza = xep::reactionsMessage(bare, groupchat ? "groupchat" : "chat", id,
                                                im::referenceId(*target, groupchat), mine);
    xep::addOriginId(stanza, id);
    im::markPrivate(stanza, bare);
    m_core.session.send(stanza);
    if (setReactions(*target, who, mine, kMaxEmojiPerMessage)) {
        m_core.data.appendUpdate(m_core.account, bare, *target, true);
        m_core.touch();
    }
    return true;
}

}  // namespace starling::modules
