// The room's own archive (XEP-0313 queried at the room JID, XEP-0045 + muc_mam): after each join, the
// pages after the newest room stanza-id we have (the first join: the newest page only). Results are
// unwrapped here (before the account archive's Unwrap stage, which takes only its own queries), then
// go through the room's Origin stage and the usual de-duplication by the room's stanza-id.
#include "core/im/delay.h"
#include "core/modules/xep0045_muc_module.h"
#include "core/xep/xep0313_mam.h"
#include "core/xml/ns.h"

namespace starling::modules {

namespace {
constexpr int kPageSize = 50;
constexpr int kMaxPages = 40;  // 2,000 messages per join; more is a gap ("load missing messages")
}  // namespace

void MucModule::catchUp(const std::string& room) {
    const model::Conversation& conv = m_core.state.conversations[room];
    std::string newest;
    std::int64_t floorMs = 0;
    for (auto m = conv.messages.rbegin(); m != conv.messages.rend() && newest.empty(); ++m) {
        newest = m->stanzaId;
        floorMs = m->timestampMs;
    }
    queryPage(room, newest, 0, !newest.empty(), newest.empty() ? 0 : floorMs);
}

void MucModule::queryPage(const std::string& room, const std::string& after, int page, bool countUnread,
                          std::int64_t floorMs) {
    if (!m_core.online()) return;
    xep::MamQuery q;
    q.queryId = m_core.uuid();
    q.max = kPageSize;
    if (after.empty()) q.before = "";  // the newest page
    else q.after = after;
    xml::Element iq = xep::mamQueryIq(q);
    iq.setAttr("to", room);
    m_queries[q.queryId] = RoomQuery{room, page, countUnread, floorMs};
    const std::uint64_t epoch = m_epoch;
    const std::string queryId = q.queryId;
    m_core.session.sendIq(std::move(iq), [this, epoch, queryId, room, after](const Result<xml::Element>& r) {
        if (epoch != m_epoch) return;
        auto query = m_queries.find(queryId);
        if (query == m_queries.end()) return;
        const RoomQuery q = query->second;
        m_queries.erase(query);
        auto fin = r ? xep::parseMamFin(*r) : Result<xep::MamFin>(r.error());
        auto conv = m_core.state.conversations.find(room);
        if (!fin) {
            m_core.log("room archive of " + room + ": " + fin.error().code);
            if (conv != m_core.state.conversations.end() && !after.empty()) conv->second.gap = true;
            m_core.touch();
            return;
        }
        // Paging forward from our newest: on until the archive says complete.
        if (after.empty() || fin->complete || fin->last.empty()) return;
        if (q.page + 1 >= kMaxPages) {
            if (conv != m_core.state.conversations.end()) conv->second.gap = true;
            m_core.touch();
            return;
        }
        queryPage(room, fin->last, q.page + 1, q.countUnread, q.floorMs);
    });
}

im::Flow MucModule::unwrapStage(im::Incoming& in) {
    if (in.source != im::Source::Live || m_queries.empty() || !xep::isMamResult(*in.stanza)) return im::Flow::Next;
    const xml::Element* result = in.stanza->child(ns::kMam, "result");
    auto query = result ? m_queries.find(std::string(result->attr("queryid"))) : m_queries.end();
    if (query == m_queries.end()) return im::Flow::Next;  // the account archive's
    auto parsed = xep::parseMamResult(*in.stanza, query->second.room);  // from the room's archive only
    if (!parsed) {
        m_core.log("dropped room archive result (" + parsed.error().code + ")");
        return im::Flow::Stop;
    }
    in.message = parsed->message;
    in.source = im::Source::Archive;
    in.archiveId = parsed->archiveId;
    in.archiveQuery = parsed->queryId;
    in.stamp = im::delayStamp(*parsed->forwarded);
    in.options.countUnread = query->second.countUnread;
    in.options.minArchiveStampMs = query->second.floorMs;
    return im::Flow::Next;
}

}  // namespace starling::modules
