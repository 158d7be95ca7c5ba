#pragma once
// The local history window of each chat (Conversation::messages / localBefore) over the segmented
// store (storage/history_store.h): scrolling back and search hits bring older segments in, leaving a
// chat trims it back, an archive result older than the window first brings in what it may repeat, and
// so does a receipt, read marker or message action (correction, retraction, reaction) for a message no
// longer in memory (a Signals stage, before the receipts, markers and actions apply). Every change of a
// message list re-indexes the chat for de-duplication.
#include <map>
#include <string>

#include "core/modules/chat.h"
#include "core/modules/module.h"

namespace starling::xep { struct MamResult; }

namespace starling::modules {

class HistoryModule : public Module {
public:
    HistoryModule(Core& core, ChatModule& chat);
    const char* name() const override { return "history"; }

    bool loadOlderLocal(const std::string& bare);  // one older segment in; false when none
    void coverStored(const xep::MamResult& result);
    void trim(const std::string& bare);
    bool reveal(const std::string& bare, const std::string& messageId);

private:
    static constexpr std::int64_t kArchiveSlackMs = 5 * 60 * 1000;  // archive vs stored timestamps
    static constexpr int kSignalReachSegments = 2;  // how far back receipts and markers bring history in
    void coverSignalTarget(const xml::Element& message);

    ChatModule& m_chat;
    std::map<std::string, int> m_signalLoads;  // per chat, since it was last trimmed
};

}  // namespace starling::modules
