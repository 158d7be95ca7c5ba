#pragma once
// XEP-0313 archive synchronisation. On every new session: ask our account's disco#info (urn:xmpp:sid:0,
// urn:xmpp:mam:2), then catch up page by page from the durable cursor (first login: only the newest
// page). A failed or timed-out page stops the catch-up and shows a gap (loadMissing), never a retry
// loop; so does a page that makes no progress (nothing new, or "incomplete" without a <last/>). Live messages never move the cursor while a catch-up runs; the first live stanza-id bounds it
// (from there on, all came live). Per chat: older pages when scrolling back (loadOlder), a gap filled
// (loadMissing). Pipeline: archive results are unwrapped (Unwrap), encrypted live messages wait for a
// new session's catch-up (Hold), and the cursor follows what came (Notify).
// A new device knows only the account's newest page: a chat opened with fewer than kFillMessages asks
// for its own newest page (ensureRecent), and after a first login the roster contacts that page missed
// get their last message in the background, one query of one message at a time, at most kMaxPreviews
// (XEP-0313 has no list of conversations; the chat list shows what was said last).
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/im/archive_sync.h"
#include "core/modules/history.h"
#include "core/modules/module.h"
#include "core/modules/xep0333_chat_markers_module.h"

namespace starling::modules {

class ArchiveModule : public Module {
public:
    static constexpr int kPageSize = 100;
    static constexpr int kMaxCatchUpPages = 100;  // beyond: a visible gap, never an endless chase
    static constexpr std::int64_t kPageTimeoutMs = 20000;
    static constexpr std::size_t kMaxHeld = 2000;  // encrypted live messages waiting for the catch-up
    static constexpr std::size_t kFillMessages = 30;  // a chat opened with fewer asks the archive (ensureRecent)
    static constexpr std::size_t kMaxPreviews = 50;   // first login: contacts whose last message is fetched
    static constexpr std::int64_t kPreviewDelayMs = 2000;  // after the newest page, before the first of them

    ArchiveModule(Core& core, HistoryModule& history, ChatMarkersModule& markers);
    const char* name() const override { return "xep0313-archive"; }
    void onAccount() override;
    void onOnline() override;
    void onTimer(std::int64_t nowMs) override;

    bool available() const { return m_archive; }
    void loadOlder(const std::string& bare);
    void loadMissing(const std::string& bare);  // "" = the account-wide catch-up
    // A chat was opened: with fewer than kFillMessages messages and nothing older stored here, its
    // archive page before them (its newest page when it has none), once a session, after the catch-up.
    void ensureRecent(const std::string& bare);

private:
    // xep0313_archive_module.cpp: the session's catch-up, the cursor, the hold.
    void askAccountFeatures(std::uint64_t epoch, int attempt);
    void startCatchUp();
    void caughtUp();
    // xep0313_archive_recent.cpp: the last message of contacts a first login's newest page missed.
    void queuePreviews();
    void nextPreview();
    void chatJobEnded(const std::string& chat, im::ArchiveJob::Kind kind, bool failed);
    void saveCursor();
    im::Flow holdStage(im::Incoming& in);
    void releaseHeld();
    im::Flow cursorStage(im::Incoming& in);
    // xep0313_archive_results.cpp: the jobs, page by page.
    im::ArchiveJob* job(const std::string& chat);  // "" = the account-wide one
    void requestPage(const std::string& chat);
    im::Flow unwrapStage(im::Incoming& in);
    im::Flow resultStage(im::Incoming& in);
    // A page's <fin/>: the job goes on, ends, or stops with a gap (an error, or no progress).
    void handleFin(const std::string& chat, std::uint64_t epoch, const Result<xml::Element>& reply);
    void jobFailed(const std::string& chat, const std::string& why);

    HistoryModule& m_history;
    ChatMarkersModule& m_markers;
    std::uint64_t m_epoch = 0;  // per session: answers from an older session are ignored
    bool m_archive = false;     // our account's disco#info lists urn:xmpp:mam:2
    std::optional<im::ArchiveCursor> m_cursor;
    std::optional<im::ArchiveJob> m_catchUp;    // CatchUp or Latest
    std::map<std::string, im::ArchiveJob> m_chats;  // Older / Missing / Preview by chat
    bool m_holdEncrypted = false;               // a new session's catch-up is not over yet
    std::vector<im::HeldMessage> m_held;        // encrypted live messages that came meanwhile, in order
    std::uint32_t m_nextQuery = 1;
    std::set<std::string> m_recentAsked;        // chats whose archive page was asked this session
    std::deque<std::string> m_previews;         // contacts whose last message is still to be fetched
    std::optional<std::int64_t> m_previewAtMs;  // when the first of them is asked
    // The archive result on its way through the pipeline (from Unwrap to Notify).
    struct Current {
        std::string chat;                 // its job ("" = the catch-up)
        std::int64_t minStampMs = 0;      // the cursor's floor it was placed by
        std::int64_t forwardedStampMs = 0;
        bool unread = false;
        bool toStop = false;
    };
    std::optional<Current> m_current;
};

}  // namespace starling::modules
