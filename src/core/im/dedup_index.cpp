#include "core/im/dedup_index.h"

#include "core/im/jid_util.h"
#include "core/im/messages.h"

namespace starling::im {
namespace {

std::string originKey(model::Direction direction, std::string_view from, std::string_view originId) {
    std::string key = direction == model::Direction::Outgoing ? "o\n" : "i\n";
    key += normalizedBare(from);
    key += '\n';
    key += originId;
    return key;
}

bool sameStanzaId(const model::Message& known, const model::Message& m) {
    return !m.stanzaId.empty() && known.stanzaId == m.stanzaId;
}

bool sameOrigin(const model::Message& known, const model::Message& m) {
    return !m.originId.empty() && originIdOf(known) == m.originId && known.direction == m.direction &&
           normalizedBare(known.from) == normalizedBare(m.from);
}

}  // namespace

void DedupIndex::index(Entry& e, const model::Message& m, std::size_t pos) {
    if (!m.stanzaId.empty()) e.stanzaIds[m.stanzaId] = pos;
    if (std::string_view origin = originIdOf(m); !origin.empty())
        e.originKeys[originKey(m.direction, m.from, origin)] = pos;
}

DedupIndex::Entry& DedupIndex::sync(model::Conversation& conv) {
    Entry& e = m_entries[conv.jid];
    const auto& list = conv.messages;
    if (e.data != list.data() || list.size() < e.indexed || e.positionsStale) {
        e.stanzaIds.clear();
        e.originKeys.clear();
        e.indexed = 0;
        e.positionsStale = false;
    }
    for (; e.indexed < list.size(); ++e.indexed) index(e, list[e.indexed], e.indexed);
    e.data = list.data();
    return e;
}

model::Message* DedupIndex::find(model::Conversation& conv, const model::Message& m, bool trustStanzaIds) {
    for (int attempt = 0; attempt < 2; ++attempt) {
        Entry& e = sync(conv);
        auto& list = conv.messages;
        bool stale = false;
        model::Message* best = nullptr;
        auto consider = [&](const auto& map, const std::string& key, bool (*same)(const model::Message&,
                                                                                 const model::Message&)) {
            auto it = map.find(key);
            if (it == map.end()) return;
            if (it->second >= list.size() || !same(list[it->second], m)) {
                stale = true;
                return;
            }
            if (!best || &list[it->second] > best) best = &list[it->second];
        };
        if (trustStanzaIds && !m.stanzaId.empty()) consider(e.stanzaIds, m.stanzaId, sameStanzaId);
        if (!m.originId.empty()) consider(e.originKeys, originKey(m.direction, m.from, m.originId), sameOrigin);
        if (!stale) return best;
        e.positionsStale = true;  // a message changed behind our back: rebuild and look again
    }
    return nullptr;
}

void DedupIndex::inserted(model::Conversation& conv, std::size_t pos) {
    auto found = m_entries.find(conv.jid);
    if (found == m_entries.end()) return;  // indexed from scratch on the next find
    Entry& e = found->second;
    const auto& list = conv.messages;
    if (e.indexed + 1 != list.size() || pos + 1 != list.size()) {
        e.positionsStale = true;  // inserted before the end (archive page): positions moved
        return;
    }
    index(e, list[pos], pos);
    e.indexed = list.size();
    e.data = list.data();
}

void DedupIndex::changed(model::Conversation& conv, std::size_t pos) {
    auto found = m_entries.find(conv.jid);
    if (found == m_entries.end() || pos >= found->second.indexed) return;
    index(found->second, conv.messages[pos], pos);
}

}  // namespace starling::im
