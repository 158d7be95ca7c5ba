// The local history window of each chat (Conversation::messages / localBefore) over the segmented
// store (storage/history_store.h): scrolling back and search hits bring older segments in, leaving a
// chat trims it back, an archive result older than the window first brings in what it may repeat, and
// so does a receipt or read marker for a message no longer in memory.
// Every change of a message list re-indexes the chat for de-duplication.
#include "core/client.h"
#include "core/client_impl.h"
#include "core/im/delay.h"
#include "core/im/jid_util.h"
#include "core/im/messages.h"
#include "core/xep/xep0184_receipts.h"
#include "core/xep/xep0333_chat_markers.h"

namespace starling {

bool Client::Impl::loadOlderLocal(const std::string& bare) {
    auto it = state.conversations.find(bare);
    if (it == state.conversations.end() || account.empty()) return false;
    if (!data.history().loadOlder(account, it->second)) return false;
    pipeline.dedup->forget(bare);
    touch();
    return true;
}

void Client::Impl::coverStored(const xep::MamResult& result) {
    const std::optional<std::int64_t> stamp = im::delayStamp(*result.forwarded);
    if (!stamp || account.empty()) return;
    const std::string from = im::normalizedBare(result.message->attr("from"));
    const std::string peer = from == account ? im::normalizedBare(result.message->attr("to")) : from;
    auto it = state.conversations.find(peer);
    if (it == state.conversations.end() || it->second.localBefore == 0) return;
    if (data.history().cover(account, it->second, *stamp - kArchiveSlackMs) > 0) {
        pipeline.dedup->forget(peer);
        touch();
    }
}

// A delivery receipt or read marker for one of our messages that left memory when its chat was trimmed
// (leaving a chat keeps its newest segment): the segments just before are brought back so that the new
// state reaches the message and its file instead of being dropped. At most kSignalReachSegments per
// chat until it is trimmed again: receipts with made-up ids must not pull a whole history into memory.
void Client::Impl::coverSignalTarget(const xml::Element& message) {
    std::string id = xep::receiptFor(message);
    if (id.empty()) id = xep::displayedMarkerFor(message);
    if (id.empty() || account.empty()) return;
    const std::string peer = im::normalizedBare(message.attr("from"));
    auto it = state.conversations.find(peer);
    if (it == state.conversations.end()) return;
    int& loads = signalLoads[peer];
    while (loads < kSignalReachSegments && it->second.localBefore > 0 && !im::findMessage(it->second, id)) {
        if (!loadOlderLocal(peer)) return;
        ++loads;
    }
}

void Client::Impl::trimHistory(const std::string& bare) {
    auto it = state.conversations.find(bare);
    if (it == state.conversations.end() || account.empty()) return;
    if (!data.history().trim(account, it->second)) return;
    signalLoads.erase(bare);
    pipeline.dedup->forget(bare);
    touch();
}

bool Client::revealMessage(const std::string& jid, const std::string& messageId) {
    Impl& d = *m_impl;
    const std::string bare = im::normalizedAccount(jid);
    auto it = d.state.conversations.find(bare);
    if (it == d.state.conversations.end()) return false;
    while (im::findMessage(it->second, messageId) == nullptr)
        if (!d.loadOlderLocal(bare)) return false;
    return true;
}

}  // namespace starling
