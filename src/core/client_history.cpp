// The local history window of each chat (Conversation::messages / localBefore).
// Placeholder until the segmented history store lands: everything is in memory.
#include "core/client.h"
#include "core/client_impl.h"
#include "core/im/messages.h"

namespace starling {

bool Client::revealMessage(const std::string& jid, const std::string& messageId) {
    auto it = m_impl->state.conversations.find(jid);
    return it != m_impl->state.conversations.end() && im::findMessage(it->second, messageId) != nullptr;
}

}  // namespace starling
