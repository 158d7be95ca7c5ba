// The archive module's session side: the account's features, the catch-up's start and end, the
// durable cursor, and the hold of encrypted live messages. Pages and results: xep0313_archive_results.cpp.
#include "core/modules/xep0313_archive_module.h"

#include "core/xep/xep0030_disco.h"
#include "core/xep/xep0313_mam.h"
#include "core/xep/xep0359_stanza_id.h"
#include "core/xep/xep0280_carbons.h"
#include "core/xml/ns.h"

namespace starling::modules {

using im::ArchiveJob;
using im::Flow;
using im::Stage;

ArchiveModule::ArchiveModule(Core& core, HistoryModule& history, ChatMarkersModule& markers)
    : Module(core), m_history(history), m_markers(markers) {
    m_core.incoming.add(Stage::Unwrap, name(), [this](im::Incoming& in) { return unwrapStage(in); });
    m_core.incoming.add(Stage::Hold, name(), [this](im::Incoming& in) { return holdStage(in); });
    m_core.incoming.add(Stage::Notify, name(), [this](im::Incoming& in) {
        return in.source == im::Source::Archive ? resultStage(in) : cursorStage(in);
    });
}

void ArchiveModule::onAccount() {
    m_held.clear();  // another account's messages
    m_holdEncrypted = false;
    m_previews.clear();
    m_previewAtMs.reset();
    m_recentAsked.clear();
}

void ArchiveModule::onOnline() {
    ++m_epoch;
    m_catchUp.reset();
    for (const auto& [chat, j] : m_chats)
        if (j.kind == ArchiveJob::Kind::Preview) m_previews.push_front(chat);  // its answer is lost: again
    m_chats.clear();
    m_recentAsked.clear();
    for (auto& [jid, conv] : m_core.state.conversations) conv.loadingOlder = false;
    // Read again each time: local data may have been removed since (logout with "forget").
    m_cursor.reset();
    if (auto text = m_core.p.store.read(im::archiveCursorPath(m_core.account))) m_cursor = im::decodeArchiveCursor(*text);
    m_core.state.sync = model::Sync::Idle;
    // Until the catch-up (or the answer that there is none) is over. Not on a first login (no cursor):
    // that fetches only the newest page, older messages were not encrypted for this new device anyway,
    // and live messages held back would end up after that page although older than it.
    m_holdEncrypted = m_cursor.has_value();
    askAccountFeatures(m_epoch, 1);
}

// Without the answer there is no catch-up this session, so a query that timed out (the reply lost
// with a cut connection, a very slow server) is asked again, up to three times.
void ArchiveModule::askAccountFeatures(std::uint64_t epoch, int attempt) {
    xml::Element disco(ns::kClient, "iq");
    disco.setAttr("type", "get");
    disco.setAttr("to", m_core.account);
    disco.add(ns::kDiscoInfo, "query");
    m_core.session.sendIq(std::move(disco), [this, epoch, attempt](const Result<xml::Element>& r) {
        if (epoch != m_epoch) return;
        const xml::Element* query = r ? r->child(ns::kDiscoInfo, "query") : nullptr;
        if (!query) {
            if (!r && r.error().code == "timeout" && attempt < 3) {
                m_core.log("disco#info of our account timed out; asking again");
                askAccountFeatures(epoch, attempt + 1);
                return;
            }
            if (!r && r.error().code == "disconnected") return;  // the next session asks again
            m_core.log("disco#info of our account failed: " + (r ? std::string("no query") : r.error().code));
            releaseHeld();
            return;
        }
        const xep::DiscoInfo info = xep::parseDiscoInfo(*query);
        m_core.trustStanzaIds = info.hasFeature(xep::kStanzaIdFeature);
        m_archive = info.hasFeature(xep::kMamFeature);
        if (m_archive) startCatchUp();
        else releaseHeld();
    });
}

void ArchiveModule::startCatchUp() {
    ArchiveJob j;
    if (m_cursor) {
        j.kind = ArchiveJob::Kind::CatchUp;
        j.after = m_cursor->lastId;  // empty (ArchiveCursor::archiveStart): from the archive's beginning
    } else {
        j.kind = ArchiveJob::Kind::Latest;  // first login: the newest page, not the whole archive
        j.before = std::string();
    }
    m_catchUp = std::move(j);
    m_core.state.sync = model::Sync::CatchingUp;
    m_core.touch();
    requestPage({});
}

void ArchiveModule::caughtUp() {
    const bool firstLogin = m_catchUp && m_catchUp->kind == ArchiveJob::Kind::Latest;
    m_catchUp.reset();
    m_core.state.sync = model::Sync::Done;
    for (auto& [jid, conv] : m_core.state.conversations) conv.gap = false;
    m_core.touch();
    releaseHeld();
    if (!m_core.state.openChat.empty()) m_markers.sendDisplayed(m_core.state.openChat);
    ensureRecent(m_core.state.openChat);
    if (firstLogin) queuePreviews();
    if (!m_previews.empty()) m_previewAtMs = m_core.p.clock.nowMs() + kPreviewDelayMs;
}

void ArchiveModule::saveCursor() {
    if (!m_cursor || m_core.account.empty()) return;
    auto written = m_core.p.store.writeAtomic(im::archiveCursorPath(m_core.account), im::encodeArchiveCursor(*m_cursor));
    if (!written) m_core.log("archive cursor not saved: " + written.error().code);
    else m_core.p.persistence.requestFlush();
}

// The first live stanza-id bounds a running catch-up; once everything before the session was caught
// up, a message that came live moves the cursor past it.
Flow ArchiveModule::cursorStage(im::Incoming& in) {
    const im::IncomingResult& r = in.result;
    if (r.liveStanzaId.empty()) return Flow::Next;
    if (m_catchUp && m_catchUp->kind == ArchiveJob::Kind::CatchUp) {
        if (m_catchUp->stopAt.empty()) m_catchUp->stopAt = r.liveStanzaId;
    } else if (!m_catchUp && m_core.state.sync == model::Sync::Done) {
        m_cursor = im::ArchiveCursor{r.liveStanzaId, r.message.timestampMs ? r.message.timestampMs
                                                                           : m_core.p.clock.wallTimeMs()};
        saveCursor();
    }
    return Flow::Next;
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
Flow ArchiveModule::holdStage(im::Incoming& in) {
    if (!m_holdEncrypted || m_held.size() >= kMaxHeld || in.source == im::Source::Archive) return Flow::Next;
    if (!in.message->child(ns::kOmemoLegacy, "encrypted")) return Flow::Next;
    m_held.push_back(im::HeldMessage{m_core.account, *in.stanza, in.options.nowMs});
    return Flow::Stop;
}

void ArchiveModule::releaseHeld() {
    m_holdEncrypted = false;
    std::vector<im::HeldMessage> held = std::move(m_held);
    m_held.clear();
    for (const auto& h : held) {
        if (h.account != m_core.account) continue;  // another account's session: never applied here
        im::IncomingOptions options = m_core.incomingOptions();
        options.nowMs = h.receivedAtMs;
        m_core.receive(h.stanza, options);
    }
}

}  // namespace starling::modules
