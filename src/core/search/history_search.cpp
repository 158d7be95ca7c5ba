#include "core/search/history_search.h"

#include <algorithm>
#include <limits>
#include <tuple>

#include "core/search/casefold.h"
#include "core/storage/formats.h"
#include "core/storage/history_files.h"

namespace starling::search {
namespace {

constexpr std::int64_t kNotScanned = std::numeric_limits<std::int64_t>::max();

// Newest first, then by chat and id: a total order, so results do not depend on the order of work.
bool newerThan(const model::SearchHit& a, const model::SearchHit& b) {
    return std::tie(b.timestampMs, a.peer, a.messageId) < std::tie(a.timestampMs, b.peer, b.messageId);
}

// Whether a match of `word` in a decoded body must also show in the raw JSON line: true when the word
// has no character the encoder escapes (", \, /, controls) and the line has no \u escape. Then a line
// whose folded text lacks the word cannot match, and it is skipped without being parsed.
bool literalInJson(std::string_view word) {
    for (char c : word)
        if (c == '"' || c == '\\' || c == '/' || static_cast<unsigned char>(c) < 0x20) return false;
    return true;
}

}  // namespace

HistorySearch::HistorySearch(const storage::Store& store, std::string account, std::string_view query)
    : m_store(store), m_account(std::move(account)), m_matcher(parseQuery(query)) {
    m_done = m_matcher.query().empty() || m_account.empty();
    m_prefilter = std::all_of(m_matcher.query().words.begin(), m_matcher.query().words.end(), literalInJson);
}

bool HistorySearch::step(std::size_t budgetBytes) {
    m_changed = false;
    std::size_t spent = 0;
    if (!m_done && !m_peersListed) {
        for (auto& peer : storage::historyPeers(m_store, m_account)) {
            Chat chat;
            chat.peer = std::move(peer);
            m_chats.push_back(std::move(chat));
        }
        m_peersListed = true;
        spent += kListingCost;
    }
    while (!m_done && spent < std::max<std::size_t>(budgetBytes, 1)) {
        if (!m_inSegment) {
            if (!startNextSegment(spent)) m_done = true;
            continue;
        }
        std::size_t end = m_segment.find('\n', m_pos);
        if (end == std::string::npos) end = m_segment.size();
        scanLine(std::string_view(m_segment).substr(m_pos, end - m_pos));
        spent += end - m_pos + 1;
        m_pos = end + 1;
        if (m_pos >= m_segment.size()) {
            Chat& chat = m_chats[m_current];
            if (m_segmentOldest != kNotScanned) chat.reach = m_segmentOldest;
            m_inSegment = false;
            m_segment = std::string();
        }
    }
    return m_changed;
}

// Lists the next unlisted chat, or opens the next segment to scan; false when nothing is left.
bool HistorySearch::startNextSegment(std::size_t& spent) {
    std::size_t best = m_chats.size();
    for (std::size_t i = 0; i < m_chats.size(); ++i) {
        Chat& chat = m_chats[i];
        if (!chat.listed) {
            chat.segments = storage::segmentPaths(m_store, m_account, chat.peer);
            if (chat.segments.empty()) {
                // Not yet split into segments (an older Starling's one file).
                const std::string single = storage::historyPath(m_account, chat.peer);
                if (m_store.exists(single)) chat.segments.push_back(single);
            }
            chat.listed = true;
            chat.reach = kNotScanned;
            spent += kListingCost;
            return true;
        }
        if (!chat.segments.empty() && (best == m_chats.size() || chat.reach > m_chats[best].reach)) best = i;
    }
    if (best == m_chats.size()) return false;
    Chat& chat = m_chats[best];
    const std::string path = std::move(chat.segments.back());
    chat.segments.pop_back();
    auto text = m_store.read(path);
    if (!text) {
        ++m_unreadable;
        spent += kListingCost;
        return true;
    }
    m_current = best;
    m_segment = std::move(*text);
    m_bytesRead += m_segment.size();
    m_pos = 0;
    m_segmentOldest = kNotScanned;
    m_inSegment = !m_segment.empty();
    spent += kListingCost;
    return true;
}

void HistorySearch::scanLine(std::string_view line) {
    // Only "msg" records can match. In JSON a quote inside a string is escaped, so this exact text is
    // only ever the record's own type member.
    if (line.find("\"t\":\"msg\"") == std::string_view::npos) return;
    ++m_scanned;
    const bool reachKnown = m_segmentOldest != kNotScanned;
    // The segment's first message gives the chat's reach (messages are appended in time order): parse it
    // even when the prefilter would skip it.
    if (reachKnown && m_prefilter && line.find("\\u") == std::string_view::npos) {
        foldInto(line, m_lineFolded);
        for (const auto& w : m_matcher.query().words)
            if (m_lineFolded.find(w) == std::string::npos) return;
    }
    storage::History h = storage::decodeHistory(line);
    if (h.messages.empty()) {
        ++m_skippedLines;  // damaged, cut off, or without id/status
        return;
    }
    const model::Message& m = h.messages.front();
    m_segmentOldest = std::min(m_segmentOldest, m.timestampMs);
    if (!m_matcher.matches(m.body)) return;
    model::SearchHit hit;
    hit.peer = m_chats[m_current].peer;
    hit.messageId = m.id;
    hit.timestampMs = m.timestampMs;
    hit.outgoing = m.direction == model::Direction::Outgoing;
    if (m_hits.size() >= model::Search::kMaxHits && !newerThan(hit, m_hits.back())) {
        m_truncated = true;
        return;
    }
    Snippet s = makeSnippet(m.body, m_matcher.locate(m.body));
    hit.snippet = std::move(s.text);
    hit.matchStart = s.matchStart;
    hit.matchLength = s.matchLength;
    addHit(std::move(hit));
}

void HistorySearch::addHit(model::SearchHit hit) {
    m_hits.insert(std::upper_bound(m_hits.begin(), m_hits.end(), hit, newerThan), std::move(hit));
    if (m_hits.size() > model::Search::kMaxHits) {
        m_hits.pop_back();
        m_truncated = true;
    }
    m_changed = true;
}

}  // namespace starling::search
