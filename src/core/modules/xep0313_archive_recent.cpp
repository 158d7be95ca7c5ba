// The archive module on a new device: a chat opened with few messages fills from its own archive page,
// and a first login fetches the last message of each roster contact the account's newest page missed.
// XEP-0313 offers no list of conversations (XEP-0430 Inbox is not in Prosody 0.12), so the chat list
// learns them contact by contact: a query with `with` and <max>1</max>, one at a time, a moment after the
// newest page is in (the person's own first clicks go first), online contacts first, at most
// kMaxPreviews. People outside the roster are known only from the newest page (or live messages).
#include "core/modules/xep0313_archive_module.h"

namespace starling::modules {

using im::ArchiveJob;

namespace {

bool known(const model::State& state, const std::string& bare) {
    auto it = state.conversations.find(bare);
    return it != state.conversations.end() &&
           (!it->second.messages.empty() || it->second.localBefore > 0 || it->second.archiveStart);
}

}  // namespace

void ArchiveModule::ensureRecent(const std::string& bare) {
    if (bare.empty() || !m_core.online() || !m_archive || m_catchUp) return;  // caughtUp() asks again
    if (m_recentAsked.count(bare) || m_chats.count(bare)) return;  // once; or after its job (chatJobEnded)
    auto it = m_core.state.conversations.find(bare);
    if (it != m_core.state.conversations.end()) {
        const model::Conversation& conv = it->second;
        if (conv.messages.size() >= kFillMessages || conv.localBefore > 0 || conv.archiveStart) return;
    }
    loadOlder(bare);  // marks it asked
}

void ArchiveModule::onTimer(std::int64_t nowMs) {
    if (!m_previewAtMs || nowMs < *m_previewAtMs) return;
    m_previewAtMs.reset();
    nextPreview();
}

void ArchiveModule::queuePreviews() {
    m_previews.clear();
    std::vector<std::string> online, offline;
    for (const auto& item : m_core.state.roster) {
        if (item.jid == m_core.account || known(m_core.state, item.jid)) continue;
        (model::bestShow(m_core.state, item.jid) != model::Show::Offline ? online : offline).push_back(item.jid);
    }
    for (const auto* list : {&online, &offline})
        for (const auto& jid : *list)
            if (m_previews.size() < kMaxPreviews) m_previews.push_back(jid);
}

void ArchiveModule::nextPreview() {
    if (!m_core.online() || !m_archive || m_catchUp) return;
    for (const auto& [chat, j] : m_chats)
        if (j.kind == ArchiveJob::Kind::Preview) return;  // one at a time
    while (!m_previews.empty()) {
        const std::string bare = m_previews.front();
        m_previews.pop_front();
        if (m_chats.count(bare) || known(m_core.state, bare)) continue;  // a message came, or it was opened
        ArchiveJob j;
        j.kind = ArchiveJob::Kind::Preview;
        j.with = bare;
        j.before = std::string();
        m_chats[bare] = std::move(j);
        requestPage(bare);
        return;
    }
}

// A chat's job is over (erased): the chat opened meanwhile gets its page, the next preview goes out.
// Not after a failure: an archive that fails is not asked again by itself (the gap marker and the
// person's scrolling do), nor for fifty more previews.
void ArchiveModule::chatJobEnded(const std::string& chat, ArchiveJob::Kind kind, bool failed) {
    if (failed) {
        if (kind == ArchiveJob::Kind::Preview) m_previews.clear();
        return;
    }
    if (chat == m_core.state.openChat) ensureRecent(chat);
    if (kind == ArchiveJob::Kind::Preview) nextPreview();
}

}  // namespace starling::modules
