#pragma once
// The history window of each chat over its segments (layout in history_files.h): what is in memory
// (model::Conversation::messages) is always the newest segments of the chat, [loadedFrom, newest];
// Conversation::localBefore counts the messages of the older segments, which stay on disk.
//
// - Appends go to the newest segment; the message that would be its kSegmentMessages+1st "msg" record,
//   or that would take it over kSegmentBytes, starts the next one ("sealing" it). "upd" records always go to the newest segment. When a segment
//   is loaded later, the updates seen in newer segments that found no message there (kept per chat,
//   newest first) are applied to it.
// - A read marker reaches only the messages in memory (im::applySignals), so in every window our
//   messages that went out (Sent, Delivered) before our newest read one show as read too, however old.
// - index.json in the chat's directory describes every sealed segment (message count, newest
//   timestamp, outgoing messages still Queued), written on sealing. Start-up reads it instead of the
//   sealed segments: it parses only the newest segment (plus the one before when the newest holds
//   fewer than kNearlyEmpty messages, plus back to the oldest sealed segment with Queued messages, so
//   the outbox sees them). The index is a cache: segments it does not name are parsed once and it is
//   rewritten; entries for segments that no longer exist are ignored; counts are corrected whenever a
//   segment is loaded.
// - A chat in the old one-file form (<name>.log) is split into segments on first access: segments are
//   written first (temp + rename, skipped when an identical one exists, so a re-run after a crash
//   writes nothing twice), the index next, and the old file is removed last.
// - trim() (a chat was left): a window of more than kTrimAbove segments is re-read from disk as at
//   start-up (newest segment, and back to any Queued message of ours). Not when a write of this chat
//   failed this session (memory then holds what the disk does not).
// - cover() (de-duplication): an archive result stamped T may repeat a stored message; loading older
//   segments until no unloaded segment has a message at T - slack or later brings it into the window.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/model/state.h"
#include "core/storage/formats.h"
#include "core/storage/history_files.h"
#include "core/storage/store.h"
#include "platform/persistence.h"

namespace starling::storage {

struct SegmentInfo {
    std::uint32_t seq = 0;
    std::size_t messages = 0;  // "msg" records
    std::int64_t maxTs = 0;    // newest message timestamp in it (0: none)
    std::size_t queued = 0;    // outgoing messages still Queued (when last counted)
};

std::string historyIndexPath(std::string_view account, std::string_view peer);  // …/<name>.d/index.json
std::string encodeSegmentIndex(const std::vector<SegmentInfo>& sealed);
std::vector<SegmentInfo> decodeSegmentIndex(std::string_view text);  // tolerant: bad entries dropped

class HistoryStore {
public:
    static constexpr std::size_t kNearlyEmpty = kSegmentMessages / 5;
    static constexpr std::size_t kTrimAbove = 2;

    HistoryStore(Store& store, platform::Persistence& persistence, std::function<void(const std::string&)> fail)
        : m_store(store), m_persistence(persistence), m_fail(std::move(fail)) {}

    // The window of every chat of the account (old one-file chats are migrated first).
    std::map<std::string, model::Conversation> load(const std::string& account);
    bool appendMessage(const std::string& account, const std::string& peer, const model::Message& message);
    // withActions: the record also carries the message's action state (formats.h encodeActionRecord).
    bool appendUpdate(const std::string& account, const std::string& peer, const model::Message& message,
                      bool withActions = false);
    // Merges the next older segment into conv.messages (timestamp order; on equal stamps the older
    // segment first); false when nothing older is stored (or it could not be read).
    bool loadOlder(const std::string& account, model::Conversation& conv);
    // Loads older segments until none left out may hold a message stamped sinceMs or later; how many.
    std::size_t cover(const std::string& account, model::Conversation& conv, std::int64_t sinceMs);
    // Back to the newest segment (see above); true when conv.messages was replaced.
    bool trim(const std::string& account, model::Conversation& conv);
    // Segments of the chat currently in the window (tests, bench).
    std::size_t windowSegments(const std::string& account, const std::string& peer);
    void forget() { m_chats.clear(); }  // the account's files were removed

private:
    struct Retry {  // an outgoing message that may still go out (Queued) or be resent (Failed)
        std::uint32_t seq = 0;
        bool queued = false;
    };
    struct Chat {
        bool hashed = false;
        std::vector<SegmentInfo> segs;  // oldest first; back(): the newest (live counts)
        std::size_t loadedFrom = 0;     // segs[loadedFrom, size) are in the window
        bool freshSegment = false;      // opened without its window: the next message starts a segment
        bool writeFailed = false;
        std::size_t newestBytes = 0;    // size of the newest segment's file
        std::optional<History> newest;  // parsed by open(), handed to the window load
        std::map<std::pair<int, std::string>, HistoryUpdate> pending;  // unresolved updates, by (dir, id)
        std::unordered_map<std::string, Retry> retry;                    // by id, window only
    };

    Chat& chat(const std::string& account, const std::string& peer);  // opens lazily
    void open(const std::string& account, const std::string& peer, Chat& c);
    void migrate(const std::string& account, const std::string& peer, bool hashed);
    std::optional<History> parseSegment(const std::string& account, const std::string& peer, std::uint32_t seq,
                                        std::size_t* bytes = nullptr);
    void merge(Chat& c, model::Conversation& conv, History&& h, std::size_t segIndex);
    void loadWindow(const std::string& account, const std::string& peer, Chat& c, model::Conversation& conv,
                    std::size_t from);
    std::size_t startIndex(const Chat& c) const;
    void writeIndex(const std::string& account, const std::string& peer, const Chat& c);  // all but the newest
    void writeIndex(const std::string& account, const std::string& peer, const std::vector<SegmentInfo>& sealed);
    std::size_t localBefore(const Chat& c) const;
    bool check(const Result<void>& r);

    Store& m_store;
    platform::Persistence& m_persistence;
    std::function<void(const std::string&)> m_fail;
    std::string m_account;
    std::map<std::string, Chat> m_chats;
};

}  // namespace starling::storage
