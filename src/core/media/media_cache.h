#pragma once
// The plaintext bytes of shared files held in memory (State::media), by Attachment::url (or the local key
// of a file being sent), capped by size: putting one over the cap lets go of the least recently used
// others. find() is a use (the UI finds what it draws each frame, so what is on screen is used last).
// A file let go is remembered as evicted and fetched again when it is drawn again
// (Client::attachmentDrawn). Files being sent (local keys) are never let go: they have no URL yet.
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>

namespace starling::media {

class MediaCache {
public:
    using Bytes = std::shared_ptr<const std::string>;
    static constexpr std::size_t kDefaultCap = 48u * 1024 * 1024;

    Bytes find(const std::string& key) const;  // null when not held; marks it used
    bool count(const std::string& key) const { return m_entries.count(key) != 0; }  // not a use
    Bytes at(const std::string& key) const;    // for tests: not a use
    void put(const std::string& key, Bytes bytes);
    void erase(const std::string& key);
    void clear();
    void setCap(std::size_t bytes);
    bool evicted(const std::string& key) const { return m_evicted.count(key) != 0; }

    std::size_t cap() const { return m_cap; }
    std::size_t bytes() const { return m_bytes; }
    std::size_t size() const { return m_entries.size(); }
    std::uint64_t evictions() const { return m_evictions; }

private:
    struct Entry {
        Bytes bytes;
        mutable std::uint64_t used = 0;
    };
    void trim(const std::string& keep);
    std::map<std::string, Entry> m_entries;
    std::set<std::string> m_evicted;
    std::size_t m_cap = kDefaultCap;
    std::size_t m_bytes = 0;
    std::uint64_t m_evictions = 0;
    mutable std::uint64_t m_clock = 0;
};

}  // namespace starling::media
