#pragma once
// Archive (XEP-0313) synchronisation state of the client: the durable cursor (the last archive id
// processed, per account) and the page-by-page query jobs that are running.
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/state.h"
#include "core/xml/element.h"

namespace starling::im {

struct ArchiveCursor {
    std::string lastId;        // archive (stanza-)id of the last message processed
    std::int64_t stampMs = 0;  // its archive time
    // No lastId: the archive held nothing when we looked (stampMs 0), so all it holds now is new to
    // us and the next catch-up starts at its beginning. Without this, a new account that received nothing
    // live (a stream that dropped right after registration) went back to "newest page only" next time.
    bool archiveStart = false;
};

// accounts/<bare>/archive.json
std::string archiveCursorPath(std::string_view account);
std::string encodeArchiveCursor(const ArchiveCursor& cursor);
std::optional<ArchiveCursor> decodeArchiveCursor(std::string_view text);  // nullopt when damaged/empty

// One archive query running page by page.
struct ArchiveJob {
    enum class Kind {
        CatchUp,  // everything after the cursor, account-wide (moves the cursor)
        Latest,   // first login: the newest page overall (sets the cursor)
        Older,    // one chat, the page before its oldest known message (scrolling back)
        Missing,  // one chat, from the cursor's time on (fills that chat's gap)
        Preview,  // one chat, its newest message only (a new device's chat list)
    };
    Kind kind = Kind::CatchUp;
    std::string with;                      // Older / Missing / Preview: the chat
    std::string queryId;                   // of the page in flight
    std::string after;                     // RSM after (CatchUp, Missing)
    std::optional<std::string> before;     // RSM before (Latest, Older, Preview)
    std::optional<std::int64_t> startMs;   // Missing: the cursor's time
    std::optional<std::int64_t> endMs;     // Older without a known archive id
    // Older: results go before the message the page ends at (`before`), whose whole-second archive
    // stamp they may share: placed no later than just before it.
    std::optional<std::int64_t> ceilingMs;
    std::string lastAccepted;              // archive id of the last result processed
    std::int64_t lastStampMs = 0;
    // CatchUp / Missing, per chat: the time in our chat of the last result (new or already known).
    // The archive is ordered, so the next result of that chat goes after it, even when the known one
    // came live after newer ones (a resumption re-sending it late) and so stands later than its stamp.
    std::map<std::string, std::int64_t> chatFloorMs;
    std::string stopAt;                    // CatchUp: first live stanza-id; from it on, all came live
    bool reachedStop = false;
    int pages = 0;
    int pageResults = 0;
    // Progress: a page moves the job on only when it brings an archive id this job has not processed
    // yet and a <last/> other than the previous page's. A server that answers the same page again (or
    // goes round in a circle) is not asked again and again.
    std::set<std::string> seen;            // archive ids processed by this job
    int pageNew = 0;                       // results of the page in flight not seen before
    std::string previousLast;              // <last/> of the previous page
};

// An encrypted live message waiting for the catch-up (the archive module's Hold stage), with the time
// it arrived.
struct HeldMessage {
    std::string account;
    xml::Element stanza;
    std::int64_t receivedAtMs = 0;
};

}  // namespace starling::im
