// The archive module's jobs: one query page by page (the catch-up, a chat's older page, a chat's gap),
// its results through the pipeline (Unwrap and Notify stages) and its <fin/>.
#include <algorithm>
#include <optional>
#include <string>

#include "core/im/delay.h"
#include "core/im/jid_util.h"
#include "core/modules/xep0313_archive_module.h"
#include "core/xep/xep0313_mam.h"

namespace starling::modules {

using im::ArchiveJob;
using im::Flow;

namespace {

// The chat an archive result belongs to (as the pipeline decides it): the peer of our own message, or
// the sender.
std::string archivePeer(const xep::MamResult& result, const std::string& account) {
    const std::string from = im::normalizedBare(result.message->attr("from"));
    return from == account ? im::normalizedBare(result.message->attr("to")) : from;
}

// Where the next older page of a chat ends: before the oldest message we know the archive id of, or
// (none known) before the oldest message's time; an empty chat: the newest page ("" = RSM <before/>).
struct OlderBound {
    std::string before;
    std::optional<std::int64_t> endMs;
    bool operator==(const OlderBound&) const = default;
};

OlderBound olderBound(const model::Conversation& conv) {
    OlderBound b;
    for (const auto& m : conv.messages) {
        if (!m.stanzaId.empty()) {
            b.before = m.stanzaId;
            return b;
        }
    }
    if (!conv.messages.empty()) b.endMs = conv.messages.front().timestampMs;
    return b;
}

}  // namespace

ArchiveJob* ArchiveModule::job(const std::string& chat) {
    if (chat.empty()) return m_catchUp ? &*m_catchUp : nullptr;
    auto it = m_chats.find(chat);
    return it == m_chats.end() ? nullptr : &it->second;
}

void ArchiveModule::requestPage(const std::string& chat) {
    ArchiveJob* j = job(chat);
    if (!j) return;
    xep::MamQuery q;
    q.queryId = "q" + std::to_string(m_nextQuery++) + "-" + m_core.uuid().substr(0, 8);
    q.with = j->with;
    q.max = j->kind == ArchiveJob::Kind::Preview ? 1 : kPageSize;
    q.startMs = j->startMs;
    q.endMs = j->endMs;
    q.before = j->before;
    if (j->kind == ArchiveJob::Kind::CatchUp || j->kind == ArchiveJob::Kind::Missing)
        q.after = j->lastAccepted.empty() ? j->after : j->lastAccepted;
    j->queryId = q.queryId;
    j->pageResults = 0;
    j->pageNew = 0;
    ++j->pages;
    const std::uint64_t epoch = m_epoch;
    m_core.session.sendIq(
        xep::mamQueryIq(q),
        [this, chat, epoch](const Result<xml::Element>& reply) { handleFin(chat, epoch, reply); }, kPageTimeoutMs);
}

// Unwrap: a result of one of our queries becomes the archived message, placed after the chat's previous
// result (archive order), whatever its own whole-second stamp says; a result of an older page, before
// the message that page ends at.
Flow ArchiveModule::unwrapStage(im::Incoming& in) {
    if (in.source != im::Source::Live || !xep::isMamResult(*in.stanza)) return Flow::Next;
    m_current.reset();
    auto res = xep::parseMamResult(*in.stanza, m_core.account);
    if (!res) {
        m_core.log("dropped archive result (" + res.error().code + ")");
        return Flow::Stop;
    }
    std::string chat;
    ArchiveJob* j = nullptr;
    if (m_catchUp && !res->queryId.empty() && m_catchUp->queryId == res->queryId) {
        j = &*m_catchUp;
    } else {
        for (auto& [with, candidate] : m_chats)
            if (!res->queryId.empty() && candidate.queryId == res->queryId) {
                chat = with;
                j = &candidate;
            }
    }
    if (!j) {
        m_core.log("dropped archive result for no query of ours");
        return Flow::Stop;
    }
    if (j->reachedStop) return Flow::Stop;  // received live already
    ++j->pageResults;
    Current c;
    c.chat = chat;
    c.toStop = !j->stopAt.empty() && res->archiveId == j->stopAt;
    c.unread = j->kind == ArchiveJob::Kind::CatchUp || j->kind == ArchiveJob::Kind::Missing;
    in.options = m_core.incomingOptions(c.unread);
    if (c.unread && m_cursor) in.options.minArchiveStampMs = std::max(m_cursor->stampMs, j->lastStampMs);
    c.minStampMs = in.options.minArchiveStampMs;
    // A stamp from the future never reaches the cursor (loadMissing would ask the archive from there).
    c.forwardedStampMs = im::plausibleDelayStamp(*res->forwarded, m_core.p.clock.wallTimeMs()).value_or(0);
    m_history.coverStored(*res);  // a copy of a message stored but not in memory must meet it in the de-dup
    // Only the placement: the cursor keeps archive times.
    if (c.unread) {
        auto floor = j->chatFloorMs.find(archivePeer(*res, m_core.account));
        if (floor != j->chatFloorMs.end())
            in.options.minArchiveStampMs = std::max(in.options.minArchiveStampMs, floor->second);
    }
    in.message = res->message;
    in.source = im::Source::Archive;
    in.stamp = im::delayStamp(*res->forwarded);
    if (j->ceilingMs && (!in.stamp || *in.stamp > *j->ceilingMs)) in.stamp = j->ceilingMs;
    in.archiveId = res->archiveId;
    in.archiveQuery = res->queryId;
    m_current = c;
    return Flow::Next;
}

// Notify, for an archive result: the job moves past it.
Flow ArchiveModule::resultStage(im::Incoming& in) {
    if (!m_current) return Flow::Next;
    const Current c = *m_current;
    m_current.reset();
    ArchiveJob* j = job(c.chat);
    if (!j || j->queryId != in.archiveQuery) return Flow::Next;
    const im::IncomingResult& r = in.result;
    if (c.unread && !r.peer.empty() &&
        (r.outcome == im::IncomingOutcome::Stored || r.outcome == im::IncomingOutcome::Duplicate)) {
        std::int64_t& floor = j->chatFloorMs[r.peer];
        floor = std::max(floor, r.message.timestampMs);
    }
    if (j->seen.insert(in.archiveId).second) ++j->pageNew;
    j->lastAccepted = in.archiveId;
    j->lastStampMs = std::max({j->lastStampMs, c.minStampMs, c.forwardedStampMs});
    if (c.toStop) j->reachedStop = true;  // received live already; what follows came live too
    return Flow::Next;
}

void ArchiveModule::handleFin(const std::string& chat, std::uint64_t epoch, const Result<xml::Element>& reply) {
    if (epoch != m_epoch) return;  // a query of an earlier session
    ArchiveJob* j = job(chat);
    if (!j) return;
    if (!reply) {
        jobFailed(chat, reply.error().code);
        return;
    }
    auto fin = xep::parseMamFin(*reply);
    if (!fin) {
        jobFailed(chat, "malformed");
        return;
    }
    j->queryId.clear();
    // What the page says about the rest: nothing more (complete, or the catch-up reached what came
    // live), more to ask for (a <last/> to page on, and the page brought something new), or neither: a
    // complete='false' that gives no <last/> or brought nothing new is a stall, never the end.
    const bool complete = fin->complete || j->reachedStop;
    const char* stall = complete ? nullptr
                        : fin->last.empty() ? "no progress: an incomplete page without <last/>"
                        : j->pageNew == 0 || fin->last == j->previousLast ? "no progress: the page brought nothing new"
                                                                         : nullptr;
    j->previousLast = fin->last;
    switch (j->kind) {
        case ArchiveJob::Kind::CatchUp:
            if (j->pageNew > 0 && !j->lastAccepted.empty()) {  // never back to an id processed before
                m_cursor = im::ArchiveCursor{j->lastAccepted, j->lastStampMs};
                saveCursor();
            }
            if (complete) caughtUp();
            else if (stall) jobFailed(chat, stall);
            else if (j->pages >= kMaxCatchUpPages) jobFailed(chat, "page limit");
            else requestPage(chat);
            return;
        case ArchiveJob::Kind::Latest:  // the newest page only; older ones come per chat (loadOlder)
            if (!complete && j->pageNew == 0) {  // no cursor from it: the retry asks for the newest page again
                jobFailed(chat, "no progress: an empty newest page that says there is more");
                return;
            }
            if (!j->lastAccepted.empty()) m_cursor = im::ArchiveCursor{j->lastAccepted, j->lastStampMs};
            // A page with nothing for us: its newest id still bounds the next catch-up.
            else if (!fin->last.empty()) m_cursor = im::ArchiveCursor{fin->last, m_core.p.clock.wallTimeMs()};
            else m_cursor = im::ArchiveCursor{{}, 0, true};  // an empty archive: all it holds next time is new
            saveCursor();
            caughtUp();
            return;
        case ArchiveJob::Kind::Older: {
            model::Conversation& conv = m_core.state.conversations[chat];
            conv.loadingOlder = false;
            if (fin->complete) conv.archiveStart = true;
            else if (olderBound(conv) == OlderBound{j->before.value_or(std::string()), j->endMs})
                m_core.log("archive query made no progress (older page) for " + chat);  // scrolling up asks again
            m_chats.erase(chat);
            m_core.touch();
            chatJobEnded(chat, ArchiveJob::Kind::Older, false);
            return;
        }
        case ArchiveJob::Kind::Preview:  // one page of one message
            if (fin->complete) m_core.state.conversations[chat].archiveStart = true;  // nothing before it
            m_chats.erase(chat);
            m_core.touch();
            chatJobEnded(chat, ArchiveJob::Kind::Preview, false);
            return;
        case ArchiveJob::Kind::Missing:
            if (complete || (j->before && j->pageNew > 0)) {  // without a cursor: the newest page only
                m_core.state.conversations[chat].gap = false;
                m_chats.erase(chat);
                m_core.touch();
            } else if (stall) {
                jobFailed(chat, stall);
            } else if (j->pages >= kMaxCatchUpPages) {
                jobFailed(chat, "page limit");
            } else {
                requestPage(chat);
            }
            return;
    }
}

void ArchiveModule::jobFailed(const std::string& chat, const std::string& why) {
    const ArchiveJob* failed = job(chat);
    if (!failed) return;
    const ArchiveJob::Kind kind = failed->kind;
    if (why == "disconnected") {  // the next session starts over from the cursor
        if (chat.empty()) {
            m_catchUp.reset();
            if (m_core.state.sync == model::Sync::CatchingUp) m_core.state.sync = model::Sync::Idle;
        } else {
            m_core.state.conversations[chat].loadingOlder = false;
            m_chats.erase(chat);
            if (kind == ArchiveJob::Kind::Preview) m_previews.push_front(chat);  // asked again next session
        }
        m_core.touch();
        return;
    }
    m_core.log("archive query failed (" + why + ")" + (chat.empty() ? std::string() : " for " + chat));
    if (chat.empty()) {
        // Pages already processed moved the cursor; what is after it is missing: a visible gap.
        m_catchUp.reset();
        m_core.state.sync = model::Sync::Gap;
        for (auto& [jid, conv] : m_core.state.conversations) conv.gap = true;
        releaseHeld();
    } else {
        model::Conversation& conv = m_core.state.conversations[chat];
        conv.loadingOlder = false;
        if (kind == ArchiveJob::Kind::Missing) conv.gap = true;  // "load missing messages" asks again
        m_chats.erase(chat);
        chatJobEnded(chat, kind, true);
    }
    m_core.touch();
}

void ArchiveModule::loadOlder(const std::string& bare) {
    if (m_history.loadOlderLocal(bare)) return;  // local history first (offline too); the archive only after it
    if (!m_core.online() || !m_archive || m_chats.count(bare)) return;
    model::Conversation& conv = m_core.state.conversations[bare];
    conv.jid = bare;
    if (conv.archiveStart) return;
    ArchiveJob j;
    j.kind = ArchiveJob::Kind::Older;
    j.with = bare;
    const OlderBound bound = olderBound(conv);
    j.before = bound.before;
    j.endMs = bound.endMs;
    for (const auto& m : conv.messages) {
        if (!bound.before.empty() && m.stanzaId == bound.before) {
            j.ceilingMs = m.timestampMs - 1;
            break;
        }
    }
    conv.loadingOlder = true;
    m_recentAsked.insert(bare);  // the chat's page is asked: ensureRecent has nothing to add this session
    m_chats[bare] = std::move(j);
    m_core.touch();
    requestPage(bare);
}

void ArchiveModule::loadMissing(const std::string& bare) {
    if (!m_core.online() || !m_archive) return;
    // After an account-wide gap only the catch-up moves the cursor and ends the gap (State::sync), so a
    // chat's "load missing messages" runs it too: one fill for every chat, and the marker goes away.
    if (bare.empty() || m_core.state.sync == model::Sync::Gap) {
        if (!m_catchUp) startCatchUp();
        return;
    }
    if (m_chats.count(bare)) return;
    ArchiveJob j;
    j.with = bare;
    j.kind = ArchiveJob::Kind::Missing;
    if (m_cursor) j.startMs = m_cursor->stampMs;
    else j.before = std::string();  // no cursor: the newest page of that chat
    m_chats[bare] = std::move(j);
    requestPage(bare);
}

}  // namespace starling::modules
