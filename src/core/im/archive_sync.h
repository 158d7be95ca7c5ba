#pragma once
// Archive (XEP-0313) synchronisation state of the client: the durable cursor (the last archive id
// processed, per account) and the page-by-page query jobs that are running.
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/state.h"
#include "core/xml/element.h"

namespace starling::im {

struct ArchiveCursor {
    std::string lastId;        // archive (stanza-)id of the last message processed
    std::int64_t stampMs = 0;  // its archive time
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
    };
    Kind kind = Kind::CatchUp;
    std::string with;                      // Older / Missing: the chat
    std::string queryId;                   // of the page in flight
    std::string after;                     // RSM after (CatchUp, Missing)
    std::optional<std::string> before;     // RSM before (Latest, Older)
    std::optional<std::int64_t> startMs;   // Missing: the cursor's time
    std::optional<std::int64_t> endMs;     // Older without a known archive id
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
};

struct Markable {
    std::string id;    // message id to mark displayed
    bool sent = false;  // our <displayed/> for it went out
};

// An encrypted live message waiting for the catch-up (client_sync.cpp), with the time it arrived.
struct HeldMessage {
    std::string account;
    xml::Element stanza;
    std::int64_t receivedAtMs = 0;
};

struct SentChatState {
    model::ChatState state = model::ChatState::None;
    std::int64_t atMs = 0;
};

struct SyncData {
    static constexpr int kPageSize = 100;
    static constexpr int kMaxCatchUpPages = 100;   // beyond: a visible gap, never an endless chase
    static constexpr std::int64_t kPageTimeoutMs = 20000;
    static constexpr std::size_t kMaxHeld = 2000;  // encrypted live messages waiting for the catch-up

    std::uint64_t epoch = 0;      // per session: answers from an older session are ignored
    bool trustStanzaIds = false;  // disco#info of our account lists urn:xmpp:sid:0
    bool archive = false;         // ... and urn:xmpp:mam:2
    bool active = true;           // the person sees the page (Client::setActive)
    std::optional<ArchiveCursor> cursor;
    std::string cursorAccount;    // whose markers and chat states are below
    std::optional<ArchiveJob> catchUp;       // CatchUp or Latest
    std::map<std::string, ArchiveJob> chats;  // Older / Missing by chat
    std::map<std::string, Markable> markable;             // last markable incoming message per chat
    std::map<std::string, SentChatState> sentStates;       // our last chat state per chat
    bool holdEncrypted = false;       // a new session's catch-up is not over yet
    std::vector<HeldMessage> held;    // encrypted live messages that came meanwhile, in order
    std::uint32_t nextQuery = 1;
};

}  // namespace starling::im
