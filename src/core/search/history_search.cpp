#include "core/search/history_search.h"

#include <algorithm>
#include <limits>
#include <optional>
#include <tuple>

#include "core/search/casefold.h"
#include "core/storage/formats.h"
#include "core/storage/history_files.h"
#include "core/util/json.h"

namespace starling::search {
namespace {

constexpr std::int64_t kNotScanned = std::numeric_limits<std::int64_t>::max();

// Newest first, then by chat and id: a total order, so results do not depend on the order of work.
bool newerThan(const model::SearchHit& a, const model::SearchHit& b) {
    return std::tie(b.timestampMs, a.peer, a.messageId) < std::tie(a.timestampMs, b.peer, b.messageId);
}

// What a line of a segment shows without parsing it, relying on the one JSON fact that a quote inside a
// string is always escaped: `"name":` outside a string can only be a member name. Lines are parsed in
// full (storage::decodeHistory) before they become hits; this only decides which lines can be skipped.
struct RawRecord {
    bool message = false;        // a "msg" record
    bool plainBody = false;      // `body` is the body's exact text (no escapes in it)
    std::string_view body;       // the string's contents as written (escapes not decoded)
    std::optional<std::int64_t> timestampMs;
};

std::optional<std::int64_t> rawInteger(std::string_view line, std::string_view key) {
    std::size_t at = line.find(key);
    if (at == std::string_view::npos) return std::nullopt;
    at += key.size();
    const bool negative = at < line.size() && line[at] == '-';
    if (negative) ++at;
    std::int64_t v = 0;
    std::size_t digits = 0;
    for (; at < line.size() && line[at] >= '0' && line[at] <= '9' && digits < 18; ++at, ++digits) v = v * 10 + (line[at] - '0');
    if (digits == 0 || (at < line.size() && line[at] >= '0' && line[at] <= '9')) return std::nullopt;
    return negative ? -v : v;
}

RawRecord rawRecord(std::string_view line) {
    RawRecord r;
    // The encoder writes "t" first; other writers may not.
    r.message = line.starts_with("{\"t\":\"msg\",") || line.find("\"t\":\"msg\"") != std::string_view::npos;
    if (!r.message) return r;
    r.timestampMs = rawInteger(line, "\"ts\":");
    constexpr std::string_view kBody = "\"body\":\"";
    const std::size_t start = line.find(kBody);
    if (start == std::string_view::npos) return r;
    const std::size_t from = start + kBody.size();
    // The closing quote: the first one not escaped by a backslash.
    bool escapes = false;
    std::size_t end = line.find_first_of("\"\\", from);
    while (end != std::string_view::npos && line[end] == '\\') {
        escapes = true;
        end = line.find_first_of("\"\\", end + 2);  // past the escaped character
    }
    if (end == std::string_view::npos) return r;
    r.body = line.substr(from, end - from);
    r.plainBody = !escapes;  // a JSON string without escapes decodes to itself
    return r;
}

}  // namespace

HistorySearch::HistorySearch(const storage::Store& store, std::string account, std::string_view query)
    : m_store(store), m_account(std::move(account)), m_matcher(parseQuery(query)) {
    m_done = m_matcher.query().empty() || m_account.empty();
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
        // Lines newest (last) first: hits then mostly go to the end of the sorted list, and once it is
        // full the rest of the segment is older than all of them.
        const std::size_t nl = m_pos == 0 ? std::string::npos : m_segment.rfind('\n', m_pos - 1);
        const std::size_t start = nl == std::string::npos ? 0 : nl + 1;
        if (scanLine(std::string_view(m_segment).substr(start, m_pos - start))) spent += kParseCost;
        spent += m_pos - start + 1;
        m_pos = nl == std::string::npos ? 0 : nl;
        if (nl == std::string::npos) {
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
    m_pos = m_segment.size();
    m_segmentOldest = kNotScanned;
    m_inSegment = !m_segment.empty();
    spent += kListingCost;
    return true;
}

bool HistorySearch::scanLine(std::string_view line) {
    const RawRecord raw = rawRecord(line);
    if (!raw.message) return false;
    ++m_scanned;
    if (raw.timestampMs) m_segmentOldest = std::min(m_segmentOldest, *raw.timestampMs);
    // Full of hits and older than all of them: it could only be dropped again.
    if (m_truncated && m_hits.size() >= model::Search::kMaxHits && raw.timestampMs &&
        *raw.timestampMs < m_hits.back().timestampMs)
        return false;
    if (raw.plainBody && !m_matcher.matches(raw.body)) return false;
    if (!raw.plainBody && !raw.body.empty()) {
        // Decode just the body string (line breaks, quotes, \u escapes) before parsing the whole line.
        const std::size_t at = static_cast<std::size_t>(raw.body.data() - line.data());
        auto decoded = Json::parse(line.substr(at - 1, raw.body.size() + 2));
        if (decoded && decoded->isString() && !m_matcher.matches(decoded->asString())) return false;
    }
    storage::History h = storage::decodeHistory(line);
    if (h.messages.empty()) {
        ++m_skippedLines;  // damaged, cut off, or without id/status
        return true;
    }
    const model::Message& m = h.messages.front();
    m_segmentOldest = std::min(m_segmentOldest, m.timestampMs);
    if (!m_matcher.matches(m.body)) return true;
    model::SearchHit hit;
    hit.peer = m_chats[m_current].peer;
    hit.messageId = m.id;
    hit.timestampMs = m.timestampMs;
    hit.outgoing = m.direction == model::Direction::Outgoing;
    if (m_hits.size() >= model::Search::kMaxHits && !newerThan(hit, m_hits.back())) {
        m_truncated = true;
        return true;
    }
    Snippet s = makeSnippet(m.body, m_matcher.locate(m.body));
    hit.snippet = std::move(s.text);
    hit.matchStart = s.matchStart;
    hit.matchLength = s.matchLength;
    addHit(std::move(hit));
    return true;
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
