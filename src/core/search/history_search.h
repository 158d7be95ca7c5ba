#pragma once
// An incremental full-text search over an account's local history (storage/history_files.h): all
// chats, every segment, "msg" records only, message bodies only (never ids or JIDs). The files are the
// truth: a message is appended to them as soon as the client has it.
//
// Work is cut into steps with a byte budget, so a caller can spread a search over UI frames. Order of
// work: the newest segment of every chat first, then always the next older segment of the chat whose
// scanned part reaches furthest forward in time — so the newest hits show up within the first steps —
// until every segment has been read; each segment's lines last to first. A line is parsed in full only
// when its raw body (decoded alone if it has escapes) matches, and lines older than every hit are not
// looked at once kMaxHits is exceeded. Hits are kept sorted newest first (then by chat, then id), at most
// model::Search::kMaxHits of them; `truncated` says older matches were dropped. Damaged lines (cut off,
// not JSON, missing fields) and unreadable segments are skipped and counted. A chat still stored as one
// file from an older Starling (<peer>.log, not yet split) is read as a single segment. Messages written
// to a segment after it was scanned are not found by the running search.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/state.h"
#include "core/search/text_match.h"
#include "core/storage/store.h"

namespace starling::search {

// The step budget the client uses (client_search.cpp): chosen with bench/search_bench.cpp so that one
// step stays at a few ms in Wasm on the project machine (numbers in bench/README.md).
inline constexpr std::size_t kStepBytes = 256 * 1024;

class HistorySearch {
public:
    // `store` must outlive the search. A blank query finds nothing and is done at once.
    HistorySearch(const storage::Store& store, std::string account, std::string_view query);

    // Reads about `budgetBytes` of history (at least one line; a directory listing or opening a
    // segment counts kListingCost bytes, parsing a line that may be a hit kParseCost).
    // Returns true when the hits changed.
    bool step(std::size_t budgetBytes);

    bool done() const { return m_done; }
    const std::string& account() const { return m_account; }
    const std::vector<model::SearchHit>& hits() const { return m_hits; }
    bool truncated() const { return m_truncated; }
    std::size_t scanned() const { return m_scanned; }            // "msg" records looked at
    std::size_t skippedLines() const { return m_skippedLines; }  // damaged lines
    std::size_t unreadable() const { return m_unreadable; }      // segments that could not be read
    std::size_t bytesRead() const { return m_bytesRead; }

private:
    struct Chat {
        std::string peer;
        std::vector<std::string> segments;  // oldest first; consumed from the back
        bool listed = false;
        std::int64_t reach = 0;             // oldest timestamp seen in its last scanned segment
    };
    static constexpr std::size_t kListingCost = 256;
    // A line parsed in full (a possible hit) costs this much on top of its bytes: it takes about as
    // long as scanning that many bytes does.
    static constexpr std::size_t kParseCost = 2048;

    bool startNextSegment(std::size_t& spent);
    bool scanLine(std::string_view line);  // true: it was parsed
    void addHit(model::SearchHit hit);

    const storage::Store& m_store;
    std::string m_account;
    Matcher m_matcher;
    bool m_peersListed = false;
    std::vector<Chat> m_chats;
    std::size_t m_current = 0;      // chat of the segment being scanned
    std::string m_segment;          // its text
    std::size_t m_pos = 0;          // end of the part not yet scanned (lines go last to first)
    bool m_inSegment = false;
    std::int64_t m_segmentOldest = 0;
    bool m_changed = false;

    std::vector<model::SearchHit> m_hits;
    bool m_truncated = false;
    bool m_done = false;
    std::size_t m_scanned = 0, m_skippedLines = 0, m_unreadable = 0, m_bytesRead = 0;
};

}  // namespace starling::search
