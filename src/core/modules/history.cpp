#include "core/modules/history.h"

#include "core/im/delay.h"
#include "core/im/jid_util.h"
#include "core/im/messages.h"
#include "core/xep/xep0184_receipts.h"
#include "core/xep/xep0308_correction.h"
#include "core/xep/xep0313_mam.h"
#include "core/xep/xep0333_chat_markers.h"
#include "core/xep/xep0424_retraction.h"
#include "core/xep/xep0444_reactions.h"

namespace starling::modules {

HistoryModule::HistoryModule(Core& core, ChatModule& chat) : Module(core), m_chat(chat) {
    m_core.incoming.add(im::Stage::Signals, name(), [this](im::Incoming& in) {
        if (!in.outgoing && !in.groupchat && in.source != im::Source::Archive) coverSignalTarget(*in.message);
        return im::Flow::Next;
    });
}

bool HistoryModule::loadOlderLocal(const std::string& bare) {
    auto it = m_core.state.conversations.find(bare);
    if (it == m_core.state.conversations.end() || m_core.account.empty()) return false;
    if (!m_core.data.history().loadOlder(m_core.account, it->second)) return false;
    m_chat.reindex(bare);
    m_core.touch();
    return true;
}

void HistoryModule::coverStored(const xep::MamResult& result) {
    const std::optional<std::int64_t> stamp = im::plausibleDelayStamp(*result.forwarded, m_core.p.clock.wallTimeMs());
    if (!stamp || m_core.account.empty()) return;
    const std::string from = im::normalizedBare(result.message->attr("from"));
    const std::string peer = from == m_core.account ? im::normalizedBare(result.message->attr("to")) : from;
    auto it = m_core.state.conversations.find(peer);
    if (it == m_core.state.conversations.end() || it->second.localBefore == 0) return;
    if (m_core.data.history().cover(m_core.account, it->second, *stamp - kArchiveSlackMs) > 0) {
        m_chat.reindex(peer);
        m_core.touch();
    }
}

// A delivery receipt or read marker for one of our messages that left memory when its chat was trimmed
// (leaving a chat keeps its newest segment): the segments just before are brought back so that the new
// state reaches the message and its file instead of being dropped. At most kSignalReachSegments per
// chat until it is trimmed again: receipts with made-up ids must not pull a whole history into memory.
void HistoryModule::coverSignalTarget(const xml::Element& message) {
    std::string id = xep::receiptFor(message);
    if (id.empty()) id = xep::displayedMarkerFor(message);
    // Message actions name a message the same way (a correction, a retraction, reactions).
    if (id.empty()) id = xep::correctionOf(message);
    if (id.empty()) id = xep::retractionOf(message);
    if (id.empty())
        if (auto r = xep::parseReactions(message)) id = r->id;
    if (id.empty() || m_core.account.empty()) return;
    const std::string peer = im::normalizedBare(message.attr("from"));
    auto it = m_core.state.conversations.find(peer);
    if (it == m_core.state.conversations.end()) return;
    int& loads = m_signalLoads[peer];
    while (loads < kSignalReachSegments && it->second.localBefore > 0 && !im::findMessage(it->second, id)) {
        if (!loadOlderLocal(peer)) return;
        ++loads;
    }
}

void HistoryModule::trim(const std::string& bare) {
    auto it = m_core.state.conversations.find(bare);
    if (it == m_core.state.conversations.end() || m_core.account.empty()) return;
    if (!m_core.data.history().trim(m_core.account, it->second)) return;
    m_signalLoads.erase(bare);
    m_chat.reindex(bare);
    m_core.touch();
}

bool HistoryModule::reveal(const std::string& bare, const std::string& messageId) {
    auto it = m_core.state.conversations.find(bare);
    if (it == m_core.state.conversations.end()) return false;
    while (im::findMessage(it->second, messageId) == nullptr)
        if (!loadOlderLocal(bare)) return false;
    return true;
}

}  // namespace starling::modules
