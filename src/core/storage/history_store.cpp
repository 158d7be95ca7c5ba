#include "core/storage/history_store.h"

#include <algorithm>

#include "core/util/json.h"

namespace starling::storage {
namespace {

bool isQueuedOutgoing(const model::Message& m) {
    return m.direction == model::Direction::Outgoing && m.status == model::MessageStatus::Queued;
}
bool mayGoOut(const model::Message& m) {
    return m.direction == model::Direction::Outgoing &&
           (m.status == model::MessageStatus::Queued || m.status == model::MessageStatus::Failed);
}

SegmentInfo describe(std::uint32_t seq, const History& h) {
    SegmentInfo info;
    info.seq = seq;
    info.messages = h.messages.size();
    for (const auto& m : h.messages) {
        info.maxTs = std::max(info.maxTs, m.timestampMs);
        if (isQueuedOutgoing(m)) ++info.queued;
    }
    return info;
}

void apply(model::Message& m, const HistoryUpdate& u) {
    m.status = u.status;
    if (!u.stanzaId.empty()) m.stanzaId = u.stanzaId;
    m.error = u.error;
    m.encrypted = m.encrypted || u.encrypted;
    if (u.actions) copyActions(*u.actions, m);
}

bool byTime(const model::Message& a, const model::Message& b) { return a.timestampMs < b.timestampMs; }

// A read marker covers the marked message and every earlier one of ours (XEP-0333 §4), but it reaches
// only the messages in memory when it arrives. Older segments loaded later get the same: each of our
// messages the contact received (Sent or Delivered) before our newest read one is read. Not recorded
// on disk: it is derived again on every load.
void readBeforeNewestRead(std::vector<model::Message>& messages) {
    auto read = std::find_if(messages.rbegin(), messages.rend(), [](const model::Message& m) {
        return m.direction == model::Direction::Outgoing && m.status == model::MessageStatus::Displayed;
    });
    for (auto m = read; m != messages.rend(); ++m)
        if (m->direction == model::Direction::Outgoing &&
            (m->status == model::MessageStatus::Sent || m->status == model::MessageStatus::Delivered))
            m->status = model::MessageStatus::Displayed;
}

}  // namespace

std::string historyIndexPath(std::string_view account, std::string_view peer) {
    return historyChatDir(account, peer) + "/index.json";
}

std::string encodeSegmentIndex(const std::vector<SegmentInfo>& sealed) {
    Json segs = Json::array();
    for (const auto& s : sealed) {
        Json e = Json::array();
        e.push(Json(static_cast<std::int64_t>(s.seq)));
        e.push(Json(static_cast<std::int64_t>(s.messages)));
        e.push(Json(s.maxTs));
        e.push(Json(static_cast<std::int64_t>(s.queued)));
        segs.push(std::move(e));
    }
    Json root = Json::object();
    root.set("v", Json(static_cast<std::int64_t>(1)));
    root.set("segs", std::move(segs));
    return root.dump() + "\n";
}

std::vector<SegmentInfo> decodeSegmentIndex(std::string_view text) {
    std::vector<SegmentInfo> out;
    auto v = Json::parse(text);
    if (!v || !v->isObject()) return out;
    const Json* segs = v->find("segs");
    if (!segs || !segs->isArray()) return out;
    for (const auto& e : segs->items()) {
        if (!e.isArray() || e.items().size() < 4) continue;
        const auto& f = e.items();
        if (!f[0].isInteger() || !f[1].isInteger() || !f[2].isInteger() || !f[3].isInteger()) continue;
        if (f[0].asInt() < 0 || f[0].asInt() > 0xFFFFFFFFll || f[1].asInt() < 0 || f[3].asInt() < 0) continue;
        out.push_back(SegmentInfo{static_cast<std::uint32_t>(f[0].asInt()), static_cast<std::size_t>(f[1].asInt()),
                                  f[2].asInt(), static_cast<std::size_t>(f[3].asInt())});
    }
    return out;
}

bool HistoryStore::check(const Result<void>& r) {
    if (!r) {
        if (m_fail) m_fail(r.error().code + ": " + r.error().message);
        return false;
    }
    m_persistence.requestFlush();
    return true;
}

std::size_t HistoryStore::localBefore(const Chat& c) const {
    std::size_t n = 0;
    for (std::size_t i = 0; i < c.loadedFrom && i < c.segs.size(); ++i) n += c.segs[i].messages;
    return n;
}

std::optional<History> HistoryStore::parseSegment(const std::string& account, const std::string& peer,
                                                  std::uint32_t seq, std::size_t* bytes) {
    const std::string path = historyChatDir(account, peer) + "/" + segmentName(seq);
    auto text = m_store.read(path);
    if (!text) {
        if (text.error().code == "not-found") return History{};
        if (m_fail) m_fail(text.error().code + ": " + text.error().message);
        return std::nullopt;
    }
    History h = decodeHistory(*text);
    if (bytes) *bytes = text->size();
    if (h.endsWithoutNewline && check(m_store.append(path, "\n")) && bytes) ++*bytes;  // the tab closed mid-write
    return h;
}

void HistoryStore::writeIndex(const std::string& account, const std::string& peer,
                              const std::vector<SegmentInfo>& sealed) {
    if (sealed.empty()) return;
    check(m_store.writeAtomic(historyIndexPath(account, peer), encodeSegmentIndex(sealed)));
}

void HistoryStore::writeIndex(const std::string& account, const std::string& peer, const Chat& c) {
    if (c.segs.size() >= 2) writeIndex(account, peer, std::vector<SegmentInfo>(c.segs.begin(), c.segs.end() - 1));
}

// An old one-file chat becomes segments, crash-safely (see the header).
void HistoryStore::migrate(const std::string& account, const std::string& peer, bool hashed) {
    const std::string oldPath = historyPath(account, peer);
    auto text = m_store.read(oldPath);
    if (!text) {
        if (text.error().code != "not-found" && m_fail) m_fail(text.error().code + ": " + text.error().message);
        return;
    }
    const std::string head = hashed ? encodePeerRecord(peer) : std::string();
    std::vector<std::string> segments;
    std::size_t inCurrent = 0;
    std::size_t start = 0;
    const std::string_view all(*text);
    while (start < all.size()) {
        std::size_t end = all.find('\n', start);
        if (end == std::string_view::npos) break;  // a cut-off last record: never complete
        const std::string_view line = all.substr(start, end - start + 1);
        start = end + 1;
        auto v = Json::parse(line.substr(0, line.size() - 1));
        if (!v || !v->isObject()) continue;
        const std::string type = v->getString("t");
        if (type != "msg" && type != "upd") continue;
        if (segments.empty() || (type == "msg" && inCurrent >= kSegmentMessages)) {
            segments.push_back(head);
            inCurrent = 0;
        }
        if (type == "msg") ++inCurrent;
        segments.back().append(line);
    }
    const std::string dir = historyChatDir(account, peer);
    bool complete = true;
    std::vector<SegmentInfo> sealed;
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const std::string path = dir + "/" + segmentName(static_cast<std::uint32_t>(i));
        auto existing = m_store.read(path);
        if (existing && existing->compare(0, segments[i].size(), segments[i]) == 0) {
            // written by an earlier, interrupted run (and maybe appended to since)
        } else if (!existing && existing.error().code == "not-found") {
            if (!check(m_store.writeAtomic(path, segments[i]))) return;  // the old file stays
        } else {
            complete = false;  // never overwrite something else
            if (m_fail) m_fail("history of " + peer + ": segment " + segmentName(static_cast<std::uint32_t>(i)) +
                               " differs from the old file; the old file is kept");
            continue;
        }
        if (i + 1 < segments.size())
            sealed.push_back(describe(static_cast<std::uint32_t>(i), decodeHistory(segments[i])));
    }
    if (!complete) return;
    if (!sealed.empty() &&
        !check(m_store.writeAtomic(historyIndexPath(account, peer), encodeSegmentIndex(sealed))))
        return;
    check(m_store.remove(oldPath));
}

void HistoryStore::open(const std::string& account, const std::string& peer, Chat& c) {
    c.hashed = isHashedFileName(fileNameFor(peer));
    if (m_store.exists(historyPath(account, peer))) migrate(account, peer, c.hashed);
    const std::vector<std::string> paths = segmentPaths(m_store, account, peer);
    if (paths.empty()) return;
    std::vector<SegmentInfo> index;
    if (auto text = m_store.read(historyIndexPath(account, peer))) index = decodeSegmentIndex(*text);
    bool indexStale = false;
    for (std::size_t i = 0; i < paths.size(); ++i) {
        const std::string name = paths[i].substr(paths[i].find_last_of('/') + 1);
        const auto seq = static_cast<std::uint32_t>(segmentSequence(name));
        if (i + 1 < paths.size()) {
            auto known = std::find_if(index.begin(), index.end(), [&](const SegmentInfo& s) { return s.seq == seq; });
            if (known != index.end()) {
                c.segs.push_back(*known);
                continue;
            }
            indexStale = true;
            auto h = parseSegment(account, peer, seq);
            c.segs.push_back(h ? describe(seq, *h) : SegmentInfo{seq, 0, 0, 0});
        } else {
            c.newest = parseSegment(account, peer, seq, &c.newestBytes);
            c.segs.push_back(c.newest ? describe(seq, *c.newest) : SegmentInfo{seq, 0, 0, 0});
            if (!c.newest) c.writeFailed = true;  // unreadable: never trim over it
        }
    }
    if (indexStale) writeIndex(account, peer, c);
}

HistoryStore::Chat& HistoryStore::chat(const std::string& account, const std::string& peer) {
    if (account != m_account) {
        m_chats.clear();
        m_account = account;
    }
    auto found = m_chats.find(peer);
    if (found != m_chats.end()) return found->second;
    Chat& c = m_chats[peer];
    open(account, peer, c);
    // Opened without loading its window: what is on disk stays out of memory, new messages go to a
    // segment of their own so the window is exactly the segments from there on.
    c.freshSegment = !c.segs.empty() && c.segs.back().messages > 0;
    c.loadedFrom = c.segs.size();
    c.newest.reset();
    return c;
}

void HistoryStore::merge(Chat& c, model::Conversation& conv, History&& h, std::size_t segIndex) {
    const std::uint32_t seq = c.segs[segIndex].seq;
    // Updates from newer segments: each concerns the latest earlier message with its id and direction.
    if (!c.pending.empty()) {
        for (auto it = h.messages.rbegin(); it != h.messages.rend(); ++it) {
            auto u = c.pending.find({static_cast<int>(it->direction), it->id});
            if (u == c.pending.end()) continue;
            apply(*it, u->second);
            c.pending.erase(u);
        }
    }
    // This segment's own unresolved updates concern older segments. Newer ones win: those already
    // pending, then within the segment the later record (the stanza-id: the latest one given).
    for (auto it = h.unresolved.rbegin(); it != h.unresolved.rend(); ++it) {
        auto [known, inserted] = c.pending.try_emplace({static_cast<int>(it->direction), it->id}, *it);
        if (!inserted && known->second.stanzaId.empty()) known->second.stanzaId = it->stanzaId;
        if (!inserted && !known->second.actions && it->actions) known->second.actions = it->actions;
    }
    const SegmentInfo actual = describe(seq, h);
    c.segs[segIndex].messages = actual.messages;
    c.segs[segIndex].maxTs = actual.maxTs;
    c.segs[segIndex].queued = actual.queued;
    for (const auto& m : h.messages)
        if (mayGoOut(m)) c.retry.try_emplace(m.id, Retry{seq, isQueuedOutgoing(m)});
    std::stable_sort(h.messages.begin(), h.messages.end(), byTime);
    std::vector<model::Message> merged;
    merged.reserve(h.messages.size() + conv.messages.size());
    std::merge(std::make_move_iterator(h.messages.begin()), std::make_move_iterator(h.messages.end()),
               std::make_move_iterator(conv.messages.begin()), std::make_move_iterator(conv.messages.end()),
               std::back_inserter(merged), byTime);
    conv.messages = std::move(merged);
    readBeforeNewestRead(conv.messages);
}

std::size_t HistoryStore::startIndex(const Chat& c) const {
    if (c.segs.empty()) return 0;
    std::size_t from = c.segs.size() - 1;
    if (from > 0 && c.segs[from].messages < kNearlyEmpty) --from;
    for (std::size_t i = 0; i < from; ++i)
        if (c.segs[i].queued > 0) return i;  // the outbox must see it
    return from;
}

void HistoryStore::loadWindow(const std::string& account, const std::string& peer, Chat& c,
                              model::Conversation& conv, std::size_t from) {
    conv.messages.clear();
    c.pending.clear();
    c.retry.clear();
    c.loadedFrom = c.segs.size();
    std::vector<std::size_t> counted;  // sealed segments whose Queued count changed
    while (c.loadedFrom > from) {
        const std::size_t i = c.loadedFrom - 1;
        std::optional<History> h;
        if (i + 1 == c.segs.size() && c.newest) h = std::move(c.newest);
        else h = parseSegment(account, peer, c.segs[i].seq);
        c.newest.reset();
        if (!h) break;  // unreadable (reported): the window ends above it
        const std::size_t queuedBefore = c.segs[i].queued;
        merge(c, conv, std::move(*h), i);
        if (i + 1 < c.segs.size() && c.segs[i].queued != queuedBefore) counted.push_back(i);
        c.loadedFrom = i;
    }
    if (!counted.empty()) writeIndex(account, peer, c);
    conv.localBefore = localBefore(c);
}

std::map<std::string, model::Conversation> HistoryStore::load(const std::string& account) {
    m_chats.clear();
    m_account = account;
    std::map<std::string, model::Conversation> out;
    for (const auto& peer : historyPeers(m_store, account)) {
        Chat& c = m_chats[peer];
        open(account, peer, c);
        model::Conversation& conv = out[peer];
        conv.jid = peer;
        loadWindow(account, peer, c, conv, startIndex(c));
    }
    return out;
}

bool HistoryStore::appendMessage(const std::string& account, const std::string& peer, const model::Message& m) {
    Chat& c = chat(account, peer);
    std::string record = encodeMessageRecord(m);
    bool started = false;
    if (c.segs.empty() || c.freshSegment || c.segs.back().messages >= kSegmentMessages ||
        (c.segs.back().messages > 0 && c.newestBytes + record.size() > kSegmentBytes)) {
        if (!c.segs.empty()) writeIndex(account, peer, c.segs);  // every present segment is sealed now
        c.segs.push_back(SegmentInfo{c.segs.empty() ? 0 : c.segs.back().seq + 1, 0, 0, 0});
        c.freshSegment = false;
        c.newestBytes = 0;
        started = true;
    }
    SegmentInfo& seg = c.segs.back();
    const std::string path = historyChatDir(account, peer) + "/" + segmentName(seg.seq);
    if (started && c.hashed) record.insert(0, encodePeerRecord(peer));
    if (!check(m_store.append(path, record))) {
        c.writeFailed = true;
        if (started && !m_store.exists(path)) {
            c.segs.pop_back();
            if (c.loadedFrom > c.segs.size()) c.loadedFrom = c.segs.size();
        }
        return false;
    }
    c.newestBytes += record.size();
    ++seg.messages;
    seg.maxTs = std::max(seg.maxTs, m.timestampMs);
    if (isQueuedOutgoing(m)) ++seg.queued;
    if (mayGoOut(m)) c.retry[m.id] = Retry{seg.seq, isQueuedOutgoing(m)};
    return true;
}

bool HistoryStore::appendUpdate(const std::string& account, const std::string& peer, const model::Message& m,
                                bool withActions) {
    Chat& c = chat(account, peer);
    bool started = false;
    if (c.segs.empty()) {
        c.segs.push_back(SegmentInfo{});
        c.freshSegment = false;
        started = true;
    }
    const std::uint32_t newest = c.segs.back().seq;
    if (m.direction == model::Direction::Outgoing) {
        auto r = c.retry.find(m.id);
        if (r != c.retry.end()) {
            const bool queuedNow = m.status == model::MessageStatus::Queued;
            auto seg = std::find_if(c.segs.begin(), c.segs.end(), [&](const SegmentInfo& s) { return s.seq == r->second.seq; });
            if (seg != c.segs.end()) {
                const std::size_t before = seg->queued;
                if (queuedNow && !r->second.queued) ++seg->queued;
                if (!queuedNow && r->second.queued && seg->queued > 0) --seg->queued;
                // In a sealed segment (rare): the index decides how far back start-up reads.
                if (r->second.seq != newest && (before == 0) != (seg->queued == 0)) writeIndex(account, peer, c);
            }
            if (mayGoOut(m)) r->second.queued = queuedNow;
            else c.retry.erase(r);
        }
    }
    const std::string path = historyChatDir(account, peer) + "/" + segmentName(newest);
    std::string record = started && c.hashed ? encodePeerRecord(peer) : std::string();
    record += withActions ? encodeActionRecord(m) : encodeUpdateRecord(m);
    if (!check(m_store.append(path, record))) {
        c.writeFailed = true;
        if (started && !m_store.exists(path)) c.segs.pop_back();
        return false;
    }
    c.newestBytes += record.size();
    return true;
}

bool HistoryStore::loadOlder(const std::string& account, model::Conversation& conv) {
    Chat& c = chat(account, conv.jid);
    if (c.loadedFrom == 0 || c.loadedFrom > c.segs.size()) {
        conv.localBefore = 0;
        return false;
    }
    const std::size_t i = c.loadedFrom - 1;
    auto h = parseSegment(account, conv.jid, c.segs[i].seq);
    if (!h) return false;  // reported; the window stays
    merge(c, conv, std::move(*h), i);
    c.loadedFrom = i;
    conv.localBefore = localBefore(c);
    return true;
}

std::size_t HistoryStore::cover(const std::string& account, model::Conversation& conv, std::int64_t sinceMs) {
    Chat& c = chat(account, conv.jid);
    std::size_t loaded = 0;
    for (;;) {
        std::int64_t newestLeftOut = 0;
        bool any = false;
        for (std::size_t i = 0; i < c.loadedFrom && i < c.segs.size(); ++i) {
            newestLeftOut = std::max(newestLeftOut, c.segs[i].maxTs);
            any = true;
        }
        if (!any || newestLeftOut < sinceMs || !loadOlder(account, conv)) return loaded;
        ++loaded;
    }
}

bool HistoryStore::trim(const std::string& account, model::Conversation& conv) {
    Chat& c = chat(account, conv.jid);
    if (c.writeFailed || c.freshSegment || c.segs.size() - std::min(c.loadedFrom, c.segs.size()) <= kTrimAbove)
        return false;
    std::size_t from = startIndex(c);
    // Every Queued message of ours stays in memory (the outbox resends from there).
    for (const auto& m : conv.messages) {
        if (!isQueuedOutgoing(m)) continue;
        auto r = c.retry.find(m.id);
        if (r == c.retry.end()) return false;  // not known where it is stored: keep everything
        for (std::size_t i = 0; i < from; ++i)
            if (c.segs[i].seq == r->second.seq) from = i;
    }
    from = std::max(from, c.loadedFrom);
    if (c.segs.size() - from >= c.segs.size() - c.loadedFrom) return false;
    loadWindow(account, conv.jid, c, conv, from);
    return true;
}

std::size_t HistoryStore::windowSegments(const std::string& account, const std::string& peer) {
    Chat& c = chat(account, peer);
    return c.segs.size() - std::min(c.loadedFrom, c.segs.size());
}

}  // namespace starling::storage
