#include "core/storage/history_files.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "core/storage/formats.h"

namespace starling::storage {
namespace {

bool endsWith(std::string_view s, std::string_view suffix) {
    return s.size() > suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The peer a hashed chat directory belongs to: the "peer" record of its first segment, checked
// against the name (a record that does not hash to its directory is not trusted).
std::string hashedPeer(const Store& store, const std::string& dir, std::string_view stem) {
    auto names = store.list(dir);
    if (!names) return {};
    for (const auto& name : *names) {
        if (segmentSequence(name) < 0) continue;
        auto text = store.read(dir + "/" + name);
        if (!text) return {};
        const std::size_t end = text->find('\n');
        History h = decodeHistory(std::string_view(*text).substr(0, end == std::string::npos ? text->size() : end + 1));
        return !h.peer.empty() && fileNameFor(h.peer) == stem ? h.peer : std::string();
    }
    return {};
}

}  // namespace

std::string historyChatDir(std::string_view account, std::string_view peer) {
    return historyDir(account) + "/" + fileNameFor(peer) + ".d";
}

std::string segmentName(std::uint32_t sequence) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "s%08u.log", static_cast<unsigned>(sequence));
    return buf;
}

std::int64_t segmentSequence(std::string_view fileName) {
    if (fileName.size() < 6 || fileName.front() != 's' || !endsWith(fileName, ".log")) return -1;
    const std::string_view digits = fileName.substr(1, fileName.size() - 5);
    if (digits.size() < 8 || digits.size() > 10) return -1;
    std::int64_t v = 0;
    for (char c : digits) {
        if (c < '0' || c > '9') return -1;
        v = v * 10 + (c - '0');
    }
    return v <= 0xFFFFFFFFll ? v : -1;
}

std::vector<std::string> historyPeers(const Store& store, std::string_view account) {
    std::set<std::string> peers;
    auto names = store.list(historyDir(account));
    if (!names) return {};
    for (const auto& name : *names) {
        std::string stem;
        if (endsWith(name, ".d")) stem = name.substr(0, name.size() - 2);
        else if (endsWith(name, ".log")) stem = name.substr(0, name.size() - 4);
        else continue;
        if (isHashedFileName(stem)) {
            const std::string dir = historyDir(account) + "/" + name;
            std::string peer;
            if (endsWith(name, ".d")) {
                peer = hashedPeer(store, dir, stem);
            } else if (auto text = store.read(dir)) {
                History h = decodeHistory(std::string_view(*text).substr(0, text->find('\n') + 1));
                if (!h.peer.empty() && fileNameFor(h.peer) == stem) peer = h.peer;
            }
            if (!peer.empty()) peers.insert(peer);
        } else if (auto bare = bareFromFileName(stem)) {
            peers.insert(*bare);
        }
    }
    return {peers.begin(), peers.end()};
}

std::vector<std::string> segmentPaths(const Store& store, std::string_view account, std::string_view peer) {
    const std::string dir = historyChatDir(account, peer);
    auto names = store.list(dir);
    std::vector<std::string> out;
    if (!names) return out;
    std::vector<std::pair<std::int64_t, std::string>> segs;
    for (const auto& name : *names)
        if (std::int64_t seq = segmentSequence(name); seq >= 0) segs.emplace_back(seq, name);
    std::sort(segs.begin(), segs.end());
    for (const auto& [seq, name] : segs) out.push_back(dir + "/" + name);
    return out;
}

}  // namespace starling::storage
