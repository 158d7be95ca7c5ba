// Client: archive synchronisation (XEP-0313) and carbons (XEP-0280). On every new session: enable
// carbons, ask our account's disco#info (urn:xmpp:sid:0, urn:xmpp:mam:2), then catch up page by page
// from the durable cursor (first login: only the newest page). A failed or timed-out page stops the
// catch-up and shows a gap (Client::loadMissing), never a retry loop. Live messages never move the
// cursor while a catch-up runs; the first live stanza-id bounds it (from there on, all came live).
// Encrypted live messages wait until a new session's catch-up is over (holdForCatchUp, below).
#include <algorithm>

#include "core/client_impl.h"
#include "core/im/delay.h"
#include "core/im/jid_util.h"
#include "core/xep/xep0030_disco.h"
#include "core/xep/xep0280_carbons.h"
#include "core/xep/xep0313_mam.h"
#include "core/xep/xep0359_stanza_id.h"
#include "core/xml/ns.h"

namespace starling {

using im::ArchiveJob;

namespace {

// The chat an archive result belongs to (as the pipeline decides it): the peer of our own message, or
// the sender.
std::string archivePeer(const xep::MamResult& result, const std::string& account) {
    const std::string from = im::normalizedBare(result.message->attr("from"));
    return from == account ? im::normalizedBare(result.message->attr("to")) : from;
}

}  // namespace

im::IncomingOptions Client::Impl::incomingOptions(bool countUnread) const {
    im::IncomingOptions o;
    o.ownBareJid = account;
    o.nowMs = p.clock.wallTimeMs();
    o.trustStanzaIds = sync.trustStanzaIds;
    o.countUnread = countUnread;
    return o;
}

void Client::Impl::syncOnline() {
    ++sync.epoch;
    sync.catchUp.reset();
    sync.chats.clear();
    for (auto& [jid, conv] : state.conversations) conv.loadingOlder = false;
    if (sync.cursorAccount != account) {
        sync.cursorAccount = account;
        sync.markable.clear();
        sync.sentStates.clear();
    }
    // Read again each time: local data may have been removed since (logout with "forget").
    sync.cursor.reset();
    if (auto text = p.store.read(im::archiveCursorPath(account))) sync.cursor = im::decodeArchiveCursor(*text);
    state.sync = model::Sync::Idle;
    // Until the catch-up (or the answer that there is none) is over. Not on a first login (no cursor):
    // that fetches only the newest page, older messages were not encrypted for this new device anyway,
    // and live messages held back would end up after that page although older than it.
    sync.holdEncrypted = sync.cursor.has_value();
    if (!sync.active && csiAdvertised()) sendCsi(false);  // a new session starts active
    session.sendIq(xep::carbonsEnableIq(), [this](const Result<xml::Element>& r) {
        if (!r && r.error().code != "disconnected") log("carbons not enabled: " + r.error().code);
    });
    askAccountFeatures(sync.epoch, 1);
}

// Without the answer there is no catch-up this session, so a query that timed out (the reply lost
// with a cut connection, a very slow server) is asked again, up to three times.
void Client::Impl::askAccountFeatures(std::uint64_t epoch, int attempt) {
    xml::Element disco(ns::kClient, "iq");
    disco.setAttr("type", "get");
    disco.setAttr("to", account);
    disco.add(ns::kDiscoInfo, "query");
    session.sendIq(std::move(disco), [this, epoch, attempt](const Result<xml::Element>& r) {
        if (epoch != sync.epoch) return;
        const xml::Element* query = r ? r->child(ns::kDiscoInfo, "query") : nullptr;
        if (!query) {
            if (!r && r.error().code == "timeout" && attempt < 3) {
                log("disco#info of our account timed out; asking again");
                askAccountFeatures(epoch, attempt + 1);
                return;
            }
            if (!r && r.error().code == "disconnected") return;  // the next session asks again
            log("disco#info of our account failed: " + (r ? std::string("no query") : r.error().code));
            releaseHeld();
            return;
        }
        const xep::DiscoInfo info = xep::parseDiscoInfo(*query);
        sync.trustStanzaIds = info.hasFeature(xep::kStanzaIdFeature);
        sync.archive = info.hasFeature(xep::kMamFeature);
        if (sync.archive) startCatchUp();
        else releaseHeld();
    });
}

void Client::Impl::startCatchUp() {
    ArchiveJob job;
    if (sync.cursor) {
        job.kind = ArchiveJob::Kind::CatchUp;
        job.after = sync.cursor->lastId;
    } else {
        job.kind = ArchiveJob::Kind::Latest;  // first login: the newest page, not the whole archive
        job.before = std::string();
    }
    sync.catchUp = std::move(job);
    state.sync = model::Sync::CatchingUp;
    touch();
    requestArchivePage({});
}

ArchiveJob* Client::Impl::archiveJob(const std::string& chat) {
    if (chat.empty()) return sync.catchUp ? &*sync.catchUp : nullptr;
    auto it = sync.chats.find(chat);
    return it == sync.chats.end() ? nullptr : &it->second;
}

void Client::Impl::requestArchivePage(const std::string& chat) {
    ArchiveJob* job = archiveJob(chat);
    if (!job) return;
    xep::MamQuery q;
    q.queryId = "q" + std::to_string(sync.nextQuery++) + "-" + uuid().substr(0, 8);
    q.with = job->with;
    q.max = im::SyncData::kPageSize;
    q.startMs = job->startMs;
    q.endMs = job->endMs;
    q.before = job->before;
    if (job->kind == ArchiveJob::Kind::CatchUp || job->kind == ArchiveJob::Kind::Missing)
        q.after = job->lastAccepted.empty() ? job->after : job->lastAccepted;
    job->queryId = q.queryId;
    job->pageResults = 0;
    ++job->pages;
    const std::uint64_t epoch = sync.epoch;
    session.sendIq(
        xep::mamQueryIq(q),
        [this, chat, epoch](const Result<xml::Element>& reply) { handleArchiveFin(chat, epoch, reply); },
        im::SyncData::kPageTimeoutMs);
}

bool Client::Impl::routeArchiveResult(const xml::Element& message) {
    if (!xep::isMamResult(message)) return false;
    auto res = xep::parseMamResult(message, account);
    if (!res) {
        log("dropped archive result (" + res.error().code + ")");
        return true;
    }
    std::string chat;
    ArchiveJob* job = nullptr;
    if (sync.catchUp && !res->queryId.empty() && sync.catchUp->queryId == res->queryId) {
        job = &*sync.catchUp;
    } else {
        for (auto& [with, j] : sync.chats)
            if (!res->queryId.empty() && j.queryId == res->queryId) {
                chat = with;
                job = &j;
            }
    }
    if (!job) {
        log("dropped archive result for no query of ours");
        return true;
    }
    if (job->reachedStop) return true;
    ++job->pageResults;
    const bool toStop = !job->stopAt.empty() && res->archiveId == job->stopAt;
    const bool unread = job->kind == ArchiveJob::Kind::CatchUp || job->kind == ArchiveJob::Kind::Missing;
    im::IncomingOptions options = incomingOptions(unread);
    if (unread && sync.cursor) options.minArchiveStampMs = std::max(sync.cursor->stampMs, job->lastStampMs);
    coverStored(*res);  // a copy of a message stored but not in memory must meet it in the de-dup
    // Placed after the chat's previous result (archive order), whatever its own whole-second stamp says;
    // only the placement: the cursor keeps archive times.
    im::IncomingOptions placement = options;
    if (unread) {
        auto floor = job->chatFloorMs.find(archivePeer(*res, account));
        if (floor != job->chatFloorMs.end())
            placement.minArchiveStampMs = std::max(placement.minArchiveStampMs, floor->second);
    }
    im::IncomingResult r = pipeline.processArchived(state, *res, placement);
    if (unread && !r.peer.empty() &&
        (r.outcome == im::IncomingOutcome::Stored || r.outcome == im::IncomingOutcome::Duplicate)) {
        std::int64_t& floor = job->chatFloorMs[r.peer];
        floor = std::max(floor, r.message.timestampMs);
    }
    job->lastAccepted = res->archiveId;
    job->lastStampMs = std::max({job->lastStampMs, options.minArchiveStampMs,
                                 im::delayStamp(*res->forwarded).value_or(0)});
    if (toStop) job->reachedStop = true;  // received live already; what follows came live too
    applyIncoming(r, *res->message);
    return true;
}

void Client::Impl::saveCursor() {
    if (!sync.cursor || account.empty()) return;
    auto written = p.store.writeAtomic(im::archiveCursorPath(account), im::encodeArchiveCursor(*sync.cursor));
    if (!written) log("archive cursor not saved: " + written.error().code);
    else p.persistence.requestFlush();
}

void Client::Impl::handleArchiveFin(const std::string& chat, std::uint64_t epoch, const Result<xml::Element>& reply) {
    if (epoch != sync.epoch) return;  // a query of an earlier session
    ArchiveJob* job = archiveJob(chat);
    if (!job) return;
    if (!reply) {
        archiveJobFailed(chat, reply.error().code);
        return;
    }
    auto fin = xep::parseMamFin(*reply);
    if (!fin) {
        archiveJobFailed(chat, "malformed");
        return;
    }
    job->queryId.clear();
    const bool last = fin->complete || job->reachedStop || job->pageResults == 0 || fin->last.empty();
    switch (job->kind) {
        case ArchiveJob::Kind::CatchUp:
        case ArchiveJob::Kind::Latest:
            if (!job->lastAccepted.empty()) {
                sync.cursor = im::ArchiveCursor{job->lastAccepted, job->lastStampMs};
                saveCursor();
            }
            if (job->kind == ArchiveJob::Kind::Latest || last) {
                sync.catchUp.reset();
                state.sync = model::Sync::Done;
                for (auto& [jid, conv] : state.conversations) conv.gap = false;
                touch();
                releaseHeld();
                if (sync.active && !state.openChat.empty()) sendDisplayed(state.openChat);
            } else if (job->pages >= im::SyncData::kMaxCatchUpPages) {
                archiveJobFailed(chat, "page limit");
            } else {
                requestArchivePage(chat);
            }
            return;
        case ArchiveJob::Kind::Older: {
            model::Conversation& conv = state.conversations[chat];
            conv.loadingOlder = false;
            if (fin->complete || job->pageResults == 0) conv.archiveStart = true;
            sync.chats.erase(chat);
            touch();
            return;
        }
        case ArchiveJob::Kind::Missing:
            if (last || job->before) {  // without a cursor: one page (the newest) only
                state.conversations[chat].gap = false;
                sync.chats.erase(chat);
                touch();
            } else if (job->pages >= im::SyncData::kMaxCatchUpPages) {
                archiveJobFailed(chat, "page limit");
            } else {
                requestArchivePage(chat);
            }
            return;
    }
}

void Client::Impl::archiveJobFailed(const std::string& chat, const std::string& why) {
    ArchiveJob* job = archiveJob(chat);
    if (!job) return;
    if (why == "disconnected") {  // the next session starts over from the cursor
        if (chat.empty()) {
            sync.catchUp.reset();
            if (state.sync == model::Sync::CatchingUp) state.sync = model::Sync::Idle;
        } else {
            state.conversations[chat].loadingOlder = false;
            sync.chats.erase(chat);
        }
        touch();
        return;
    }
    log("archive query failed (" + why + ")" + (chat.empty() ? std::string() : " for " + chat));
    if (chat.empty()) {
        // Pages already processed moved the cursor; what is after it is missing: a visible gap.
        sync.catchUp.reset();
        state.sync = model::Sync::Gap;
        for (auto& [jid, conv] : state.conversations) conv.gap = true;
        releaseHeld();
    } else {
        state.conversations[chat].loadingOlder = false;
        sync.chats.erase(chat);  // a Missing chat keeps its gap
    }
    touch();
}

// OMEMO decrypts a contact's messages only roughly in the order they were encrypted: the double
// ratchet keeps the receiving chains of its last few turns (libsignal: 5), and a message of an older
// chain can never be decrypted. A new session's catch-up brings from the archive what came while we
// were away or went to a session that ended before handling it, while newer messages come live; in a
// lively chat each answer turns the ratchet, so a catch-up slowed down by a bad network would find
// its messages undecryptable. So from a new session's start until its catch-up is over, an encrypted
// live message waits here, in memory, with the time it arrived, and then goes through the pipeline
// after everything the catch-up brought (the archive's copy, if it had one, made it a duplicate).
// Nothing is lost if the page ends meanwhile: the message is in the archive after the cursor. At most
// kMaxHeld wait (a flood goes through at once rather than fill memory).
bool Client::Impl::holdForCatchUp(const xml::Element& message) {
    if (!sync.holdEncrypted || sync.held.size() >= im::SyncData::kMaxHeld) return false;
    if (message.attr("type") == "error" || message.attr("type") == "groupchat") return false;
    const xml::Element* inner = &message;
    if (xep::isCarbon(message)) {
        auto carbon = xep::parseCarbon(message, account);
        if (!carbon) return false;  // the pipeline says why it is dropped
        inner = carbon->message;
    }
    if (!inner->child(ns::kOmemoLegacy, "encrypted")) return false;
    sync.held.push_back(im::HeldMessage{account, message, p.clock.wallTimeMs()});
    return true;
}

void Client::Impl::releaseHeld() {
    sync.holdEncrypted = false;
    std::vector<im::HeldMessage> held = std::move(sync.held);
    sync.held.clear();
    for (const auto& h : held) {
        if (h.account != account) continue;  // another account's session: never applied here
        im::IncomingOptions options = incomingOptions();
        options.nowMs = h.receivedAtMs;
        coverSignalTarget(h.stanza);
        applyIncoming(pipeline.process(state, h.stanza, options), h.stanza);
    }
}

void Client::loadOlder(const std::string& jid) {
    Impl& d = *m_impl;
    const std::string bare = im::normalizedAccount(jid);
    if (bare.empty()) return;
    if (d.loadOlderLocal(bare)) return;  // local history first (offline too); the archive only after it
    if (!d.online() || !d.sync.archive || d.sync.chats.count(bare)) return;
    model::Conversation& conv = d.state.conversations[bare];
    conv.jid = bare;
    if (conv.archiveStart) return;
    ArchiveJob job;
    job.kind = ArchiveJob::Kind::Older;
    job.with = bare;
    job.before = std::string();  // the newest page …
    for (const auto& m : conv.messages) {
        if (!m.stanzaId.empty()) {
            job.before = m.stanzaId;  // … before the oldest message we know the archive id of
            break;
        }
    }
    if (job.before->empty() && !conv.messages.empty()) job.endMs = conv.messages.front().timestampMs;
    conv.loadingOlder = true;
    d.sync.chats[bare] = std::move(job);
    d.touch();
    d.requestArchivePage(bare);
}

void Client::loadMissing(const std::string& jid) {
    Impl& d = *m_impl;
    if (!d.online() || !d.sync.archive) return;
    // After an account-wide gap only the catch-up moves the cursor and ends the gap (State::sync), so a
    // chat's "load missing messages" runs it too: one fill for every chat, and the marker goes away.
    if (jid.empty() || d.state.sync == model::Sync::Gap) {
        if (!d.sync.catchUp) d.startCatchUp();
        return;
    }
    const std::string bare = im::normalizedAccount(jid);
    if (bare.empty() || d.sync.chats.count(bare)) return;
    ArchiveJob job;
    job.with = bare;
    job.kind = ArchiveJob::Kind::Missing;
    if (d.sync.cursor) job.startMs = d.sync.cursor->stampMs;
    else job.before = std::string();  // no cursor: the newest page of that chat
    d.sync.chats[bare] = std::move(job);
    d.requestArchivePage(bare);
}

}  // namespace starling
