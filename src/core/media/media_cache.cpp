#include "core/media/media_cache.h"

#include <string_view>

namespace starling::media {
namespace {

bool sending(const std::string& key) { return std::string_view(key).starts_with("local:"); }  // model::localMediaKey

}  // namespace

MediaCache::Bytes MediaCache::find(const std::string& key) const {
    auto it = m_entries.find(key);
    if (it == m_entries.end()) return nullptr;
    it->second.used = ++m_clock;
    return it->second.bytes;
}

MediaCache::Bytes MediaCache::at(const std::string& key) const {
    auto it = m_entries.find(key);
    return it == m_entries.end() ? nullptr : it->second.bytes;
}

void MediaCache::put(const std::string& key, Bytes bytes) {
    if (!bytes) return;
    erase(key);
    m_evicted.erase(key);
    m_bytes += bytes->size();
    m_entries[key] = Entry{std::move(bytes), ++m_clock};
    trim(key);
}

void MediaCache::erase(const std::string& key) {
    auto it = m_entries.find(key);
    if (it == m_entries.end()) return;
    m_bytes -= it->second.bytes->size();
    m_entries.erase(it);
}

void MediaCache::clear() {
    m_entries.clear();
    m_evicted.clear();
    m_bytes = 0;
}

void MediaCache::setCap(std::size_t bytes) {
    m_cap = bytes;
    trim("");
}

// The least recently used first, never `keep` (the one just put) nor a file being sent. A linear scan
// per eviction: a few hundred files at most are held.
void MediaCache::trim(const std::string& keep) {
    while (m_bytes > m_cap) {
        auto oldest = m_entries.end();
        for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
            if (it->first == keep || sending(it->first)) continue;
            if (oldest == m_entries.end() || it->second.used < oldest->second.used) oldest = it;
        }
        if (oldest == m_entries.end()) return;
        m_evicted.insert(oldest->first);
        m_bytes -= oldest->second.bytes->size();
        m_entries.erase(oldest);
        ++m_evictions;
    }
}

}  // namespace starling::media
