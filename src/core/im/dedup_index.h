#pragma once
// De-duplication index of the incoming pipeline: per conversation, the trusted stanza-ids and the
// sender + direction + origin-id keys of its messages, so a new message is checked in O(1) instead of
// by scanning the whole chat. A cache beside model::State, never the truth: it re-syncs with a
// conversation's message list whenever that list was replaced (history load, logout) or grew outside
// the pipeline (our own sends), and every hit is checked against the message it points at.
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/model/state.h"

namespace starling::im {

class DedupIndex {
public:
    // The latest message of `conv` that `m` duplicates (same trusted stanza-id, or same origin-id from
    // the same sender in the same direction), or null.
    model::Message* find(model::Conversation& conv, const model::Message& m, bool trustStanzaIds);
    // The pipeline just inserted `conv.messages[pos]`.
    void inserted(model::Conversation& conv, std::size_t pos);
    // The pipeline just set the stanza-id of `conv.messages[pos]`.
    void changed(model::Conversation& conv, std::size_t pos);
    // The conversation's list was rebuilt (older history merged in, window trimmed): index it afresh.
    void forget(const std::string& jid) { m_entries.erase(jid); }

private:
    struct Entry {
        const model::Message* data = nullptr;  // conv.messages.data() when last synced
        std::size_t indexed = 0;               // messages [0, indexed) are in the maps
        bool positionsStale = false;           // an insertion before the end shifted positions
        std::unordered_map<std::string, std::size_t> stanzaIds;   // stanza-id → position
        std::unordered_map<std::string, std::size_t> originKeys;  // originKey → position
    };
    Entry& sync(model::Conversation& conv);
    static void index(Entry& e, const model::Message& m, std::size_t pos);

    std::unordered_map<std::string, Entry> m_entries;  // by conversation JID
};

}  // namespace starling::im
