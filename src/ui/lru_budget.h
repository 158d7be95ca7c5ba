#pragma once
// What the browser holds for what was drawn — decoded pictures (textures, costed in bytes), audio players
// (costed 1 each) — under a cap: each drawing marks its key used in that frame; over the cap, the least
// recently drawn go first, never one drawn in the current frame nor one `keep` holds on to (a player
// playing). The host lets go of what over() returns; drawn again, it is made again.
#include <cstddef>
#include <cstdint>
#include <map>
#include <vector>

namespace starling::ui {

template <class Key>
class LruBudget {
public:
    explicit LruBudget(std::size_t cap) : m_cap(cap) {}

    void add(const Key& key, std::size_t cost, std::uint64_t frame) {
        remove(key);
        m_items[key] = Item{cost, frame};
        m_total += cost;
    }
    void use(const Key& key, std::uint64_t frame) {
        if (auto it = m_items.find(key); it != m_items.end()) it->second.frame = frame;
    }
    void remove(const Key& key) {
        auto it = m_items.find(key);
        if (it == m_items.end()) return;
        m_total -= it->second.cost;
        m_items.erase(it);
    }
    bool contains(const Key& key) const { return m_items.count(key) != 0; }
    // The keys to let go (removed here), least recently drawn first, until the total is within the cap.
    template <class Keep>
    std::vector<Key> over(std::uint64_t frame, Keep keep) {
        std::vector<Key> out;
        while (m_total > m_cap) {
            auto oldest = m_items.end();
            for (auto it = m_items.begin(); it != m_items.end(); ++it) {
                if (it->second.frame >= frame || keep(it->first)) continue;
                if (oldest == m_items.end() || it->second.frame < oldest->second.frame) oldest = it;
            }
            if (oldest == m_items.end()) break;  // all on screen (or kept): over the cap until they scroll away
            out.push_back(oldest->first);
            m_total -= oldest->second.cost;
            m_items.erase(oldest);
        }
        return out;
    }
    std::vector<Key> over(std::uint64_t frame) {
        return over(frame, [](const Key&) { return false; });
    }

    void setCap(std::size_t cap) { m_cap = cap; }
    std::size_t cap() const { return m_cap; }
    std::size_t total() const { return m_total; }
    std::size_t size() const { return m_items.size(); }

private:
    struct Item {
        std::size_t cost = 0;
        std::uint64_t frame = 0;
    };
    std::map<Key, Item> m_items;
    std::size_t m_cap;
    std::size_t m_total = 0;
};

}  // namespace starling::ui
