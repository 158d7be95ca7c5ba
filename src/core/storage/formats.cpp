#include "core/storage/formats.h"

#include <algorithm>

#include "core/crypto/hash.h"
#include "core/util/json.h"
#include "core/util/strings.h"

namespace starling::storage {
namespace {

bool safeChar(char c, bool first) {
    if (c >= 'a' && c <= 'z') return true;
    if (c >= 'A' && c <= 'Z') return true;
    if (c >= '0' && c <= '9') return true;
    if (c == '.') return !first;
    return c == '@' || c == '_' || c == '+' || c == '-';
}

using util::hexValue;

}  // namespace

std::string fileNameFor(std::string_view bareJid) {
    static const char* kHex = "0123456789ABCDEF";
    std::string out;
    const auto hashed = [&] {
        const std::string digest = crypto::hexEncode(crypto::hash(crypto::HashAlgo::Sha256, bareJid)).substr(0, 40);
        out.resize(std::min<std::size_t>(out.size(), kMaxFileName - 41));
        while (!out.empty() && out.back() == '%') out.pop_back();  // no cut escape
        if (out.size() >= 2 && out[out.size() - 2] == '%') out.resize(out.size() - 2);
        out += "~" + digest;
        return out;
    };
    for (std::size_t i = 0; i < bareJid.size(); ++i) {
        const char c = bareJid[i];
        if (safeChar(c, i == 0)) {
            out += c;
        } else {
            const auto u = static_cast<unsigned char>(c);
            out += '%';
            out += kHex[u >> 4];
            out += kHex[u & 15];
        }
        if (out.size() > kMaxFileName) return hashed();
    }
    return out;
}

bool isHashedFileName(std::string_view fileName) { return fileName.find('~') != std::string_view::npos; }

std::optional<std::string> bareFromFileName(std::string_view fileName) {
    if (isHashedFileName(fileName)) return std::nullopt;
    std::string out;
    for (std::size_t i = 0; i < fileName.size(); ++i) {
        if (fileName[i] != '%') {
            out += fileName[i];
            continue;
        }
        if (i + 2 >= fileName.size()) return std::nullopt;
        const int hi = hexValue(fileName[i + 1]);
        const int lo = hexValue(fileName[i + 2]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    if (out.empty()) return std::nullopt;
    return out;
}

std::string accountDir(std::string_view account) { return "accounts/" + fileNameFor(account); }
std::string rosterPath(std::string_view account) { return accountDir(account) + "/roster.json"; }
std::string credentialsPath(std::string_view account) { return accountDir(account) + "/credentials.json"; }
std::string pinnedPath(std::string_view account) { return accountDir(account) + "/pinned"; }
std::string historyDir(std::string_view account) { return accountDir(account) + "/history"; }
std::string historyPath(std::string_view account, std::string_view peer) {
    return historyDir(account) + "/" + fileNameFor(peer) + ".log";
}

std::string encodeSettings(const Settings& settings) {
    Json v = Json::object();
    v.set("language", settings.language);
    v.set("account", settings.account);
    return v.dump() + "\n";
}

Settings decodeSettings(std::string_view text) {
    Settings s;
    auto v = Json::parse(text);
    if (!v || !v->isObject()) return s;
    s.language = v->getString("language");
    s.account = v->getString("account");
    return s;
}

std::string encodeCredentials(const Credentials& c) {
    Json v = Json::object();
    v.set("jid", c.jid);
    v.set("url", c.url);
    v.set("pinned", c.pinnedMechanism);
    v.set("mechanism", c.scram.mechanism);
    v.set("salt", crypto::base64Encode(c.scram.salt));
    v.set("iterations", Json(static_cast<std::int64_t>(c.scram.iterations)));
    v.set("clientKey", crypto::base64Encode(c.scram.clientKey));
    v.set("serverKey", crypto::base64Encode(c.scram.serverKey));
    return v.dump() + "\n";
}

std::optional<Credentials> decodeCredentials(std::string_view text) {
    auto v = Json::parse(text);
    if (!v || !v->isObject()) return std::nullopt;
    Credentials c;
    c.jid = v->getString("jid");
    c.url = v->getString("url");
    c.pinnedMechanism = v->getString("pinned");
    c.scram.mechanism = v->getString("mechanism");
    const std::int64_t iterations = v->getInt("iterations");
    if (iterations <= 0 || iterations > 100000000) return std::nullopt;
    c.scram.iterations = static_cast<std::uint32_t>(iterations);
    if (!crypto::base64Decode(v->getString("salt"), c.scram.salt) ||
        !crypto::base64Decode(v->getString("clientKey"), c.scram.clientKey) ||
        !crypto::base64Decode(v->getString("serverKey"), c.scram.serverKey))
        return std::nullopt;
    if (c.jid.empty() || c.url.empty() || c.scram.mechanism.empty() || c.scram.clientKey.empty() ||
        c.scram.serverKey.empty())
        return std::nullopt;
    return c;
}

std::string encodeRoster(const std::vector<model::RosterItem>& roster) {
    Json items = Json::array();
    for (const auto& item : roster) {
        Json v = Json::object();
        v.set("jid", item.jid);
        v.set("name", item.name);
        v.set("subscription", item.subscription);
        v.set("ask", Json(static_cast<bool>(item.askSubscribe)));
        Json groups = Json::array();
        for (const auto& g : item.groups) groups.push(Json(g));
        v.set("groups", std::move(groups));
        items.push(std::move(v));
    }
    Json root = Json::object();
    root.set("items", std::move(items));
    return root.dump() + "\n";
}

std::optional<std::vector<model::RosterItem>> decodeRoster(std::string_view text) {
    auto v = Json::parse(text);
    if (!v || !v->isObject()) return std::nullopt;
    const Json* items = v->find("items");
    if (!items || !items->isArray()) return std::nullopt;
    std::vector<model::RosterItem> out;
    for (const auto& it : items->items()) {
        if (!it.isObject() || it.getString("jid").empty()) continue;
        model::RosterItem item;
        item.jid = it.getString("jid");
        item.name = it.getString("name");
        item.subscription = it.getString("subscription");
        item.askSubscribe = it.getBool("ask");
        if (const Json* groups = it.find("groups"); groups && groups->isArray())
            for (const auto& g : groups->items())
                if (g.isString()) item.groups.push_back(g.asString());
        out.push_back(std::move(item));
    }
    return out;
}

const char* statusName(model::MessageStatus status) {
    switch (status) {
        case model::MessageStatus::Queued: return "queued";
        case model::MessageStatus::Sent: return "sent";
        case model::MessageStatus::Delivered: return "delivered";
        case model::MessageStatus::Displayed: return "displayed";
        case model::MessageStatus::Failed: return "failed";
        case model::MessageStatus::Received: return "received";
    }
    return "received";
}

std::optional<model::MessageStatus> statusFromName(std::string_view name) {
    using S = model::MessageStatus;
    for (S s : {S::Queued, S::Sent, S::Delivered, S::Displayed, S::Failed, S::Received})
        if (name == statusName(s)) return s;
    return std::nullopt;
}

namespace {

// Action fields, written only when set (old records have none and read as no action).
void encodeActionFields(Json& v, const model::Message& m) {
    if (m.edited) {
        v.set("ed", Json(true));
        v.set("ob", m.originalBody);
        if (!m.editId.empty()) v.set("eid", m.editId);
        v.set("ets", Json(static_cast<std::int64_t>(m.editedMs)));
    }
    if (m.retracted) v.set("rt", Json(true));
    if (!m.reactions.empty()) {
        Json rx = Json::object();
        for (const auto& [emoji, who] : m.reactions) {
            Json list = Json::array();
            for (const auto& jid : who) list.push(Json(jid));
            rx.set(emoji, std::move(list));
        }
        v.set("rx", std::move(rx));
    }
}

void decodeActionFields(const Json& v, model::Message& m) {
    m.edited = v.getBool("ed");
    m.originalBody = v.getString("ob");
    m.editId = v.getString("eid");
    m.editedMs = v.getInt("ets");
    m.retracted = v.getBool("rt");
    m.reactions.clear();
    if (const Json* rx = v.find("rx"); rx && rx->isObject())
        for (const auto& [emoji, who] : rx->members()) {
            if (emoji.empty() || !who.isArray()) continue;
            std::set<std::string> jids;
            for (const auto& j : who.items())
                if (j.isString() && !j.asString().empty()) jids.insert(j.asString());
            if (!jids.empty()) m.reactions[emoji] = std::move(jids);
        }
}

}  // namespace

void copyActions(const model::Message& from, model::Message& to) {
    to.body = from.body;
    to.edited = from.edited;
    to.originalBody = from.originalBody;
    to.editId = from.editId;
    to.editedMs = from.editedMs;
    to.retracted = from.retracted;
    to.reactions = from.reactions;
}

std::string encodeActionRecord(const model::Message& m) {
    Json v = Json::object();
    v.set("t", "upd");
    v.set("id", m.id);
    v.set("st", statusName(m.status));
    if (m.direction == model::Direction::Incoming) v.set("dir", "in");
    if (!m.stanzaId.empty()) v.set("sid", m.stanzaId);
    if (!m.error.empty()) v.set("err", m.error);
    if (m.encrypted) v.set("enc", Json(true));
    Json act = Json::object();
    act.set("body", m.body);
    encodeActionFields(act, m);
    v.set("act", std::move(act));
    return v.dump() + "\n";
}

std::string encodeMessageRecord(const model::Message& m) {
    Json v = Json::object();
    v.set("t", "msg");
    v.set("id", m.id);
    if (!m.stanzaId.empty()) v.set("sid", m.stanzaId);
    if (!m.originId.empty()) v.set("oid", m.originId);
    v.set("from", m.from);
    v.set("dir", m.direction == model::Direction::Outgoing ? "out" : "in");
    v.set("st", statusName(m.status));
    v.set("enc", Json(static_cast<bool>(m.encrypted)));
    v.set("ts", Json(static_cast<std::int64_t>(m.timestampMs)));
    if (!m.error.empty()) v.set("err", m.error);
    if (!m.omemoWarning.empty()) v.set("ow", m.omemoWarning);
    if (m.unstyled) v.set("ns", Json(true));
    encodeActionFields(v, m);
    if (!m.replyTo.empty()) {
        v.set("rto", m.replyTo);
        if (!m.replyToJid.empty()) v.set("rtj", m.replyToJid);
    }
    if (m.attachment && !m.attachment->url.empty()) {  // a shared file: what brings it back after a reload
        Json a = Json::object();
        a.set("url", m.attachment->url);
        a.set("name", m.attachment->name);
        if (!m.attachment->mime.empty()) a.set("mime", m.attachment->mime);
        a.set("size", Json(static_cast<std::int64_t>(m.attachment->size)));
        if (m.attachment->encrypted) a.set("enc", Json(true));
        v.set("att", std::move(a));
    }
    std::string record;
    // Room for the fields and a little escaping, in one allocation: a huge body is copied once, escaped.
    record.reserve(m.body.size() + m.body.size() / 16 + m.from.size() + m.error.size() + m.omemoWarning.size() + 256);
    v.dumpTo(record);
    record.pop_back();  // the object's '}': the body comes last, escaped straight from the message
    record += ",\"body\":";
    Json::dumpString(record, m.body);
    record += "}\n";
    return record;
}

std::string encodeUpdateRecord(const model::Message& m) {
    Json v = Json::object();
    v.set("t", "upd");
    v.set("id", m.id);
    v.set("st", statusName(m.status));
    if (m.direction == model::Direction::Incoming) v.set("dir", "in");  // absent: one of our own messages
    if (!m.stanzaId.empty()) v.set("sid", m.stanzaId);
    if (!m.error.empty()) v.set("err", m.error);
    // Our message is stored (Queued) before it is encrypted on the way out: the lock comes with an update.
    if (m.encrypted) v.set("enc", Json(true));
    return v.dump() + "\n";
}

std::string encodePeerRecord(std::string_view bareJid) {
    Json v = Json::object();
    v.set("t", "peer");
    v.set("jid", std::string(bareJid));
    return v.dump() + "\n";
}

History decodeHistory(std::string_view text) {
    History h;
    h.endsWithoutNewline = !text.empty() && text.back() != '\n';
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view line = text.substr(start, end - start);
        start = end + 1;
        if (line.empty()) continue;
        auto v = Json::parse(line);
        if (!v || !v->isObject()) {
            ++h.skippedLines;
            continue;
        }
        const std::string type = v->getString("t");
        const auto status = statusFromName(v->getString("st"));
        if (type == "peer" && h.peer.empty()) {
            h.peer = v->getString("jid");
        } else if (type == "msg" && status && !v->getString("id").empty()) {
            model::Message m;
            m.id = v->getString("id");
            m.stanzaId = v->getString("sid");
            m.originId = v->getString("oid");
            m.from = v->getString("from");
            m.body = v->getString("body");
            m.direction = v->getString("dir") == "out" ? model::Direction::Outgoing : model::Direction::Incoming;
            m.status = *status;
            m.encrypted = v->getBool("enc");
            m.timestampMs = v->getInt("ts");
            m.error = v->getString("err");
            m.omemoWarning = v->getString("ow");
            m.unstyled = v->getBool("ns");
            decodeActionFields(*v, m);
            m.replyTo = v->getString("rto");
            m.replyToJid = v->getString("rtj");
            if (const Json* a = v->find("att"); a && a->isObject() && !a->getString("url").empty()) {
                model::Attachment att;
                att.url = a->getString("url");
                att.name = a->getString("name");
                att.mime = a->getString("mime");
                att.size = static_cast<std::uint64_t>(std::max<std::int64_t>(0, a->getInt("size")));
                att.encrypted = a->getBool("enc");
                att.state = m.direction == model::Direction::Outgoing ? model::AttachmentState::Sent : model::AttachmentState::Available;
                m.attachment = std::move(att);
            }
            h.messages.push_back(std::move(m));
        } else if (type == "upd" && status) {
            const std::string id = v->getString("id");
            // Latest message with that id and direction: ids of our own messages are unique uuids, but a
            // peer learns them (origin-id) and may reuse one on a message of its own.
            const auto dir = v->getString("dir") == "in" ? model::Direction::Incoming : model::Direction::Outgoing;
            std::optional<model::Message> actions;
            if (const Json* act = v->find("act"); act && act->isObject()) {
                actions.emplace();
                actions->body = act->getString("body");
                decodeActionFields(*act, *actions);
            }
            bool found = false;
            for (auto it = h.messages.rbegin(); it != h.messages.rend() && !found; ++it) {
                if (it->id != id || it->direction != dir) continue;
                it->status = *status;
                if (const std::string sid = v->getString("sid"); !sid.empty()) it->stanzaId = sid;
                it->error = v->getString("err");
                it->encrypted = it->encrypted || v->getBool("enc");
                if (actions) copyActions(*actions, *it);
                found = true;
            }
            if (!found && !id.empty())
                h.unresolved.push_back(HistoryUpdate{id, dir, *status, v->getString("sid"), v->getString("err"),
                                                     v->getBool("enc"), std::move(actions)});
        } else {
            ++h.skippedLines;
        }
    }
    return h;
}

}  // namespace starling::storage
