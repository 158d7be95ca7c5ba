#include "core/site_config.h"

#include "core/jid/jid.h"
#include "core/util/json.h"
#include "core/util/strings.h"

namespace starling {
namespace {

std::string boundedNote(std::string_view text) {
    text = util::trim(text);
    if (text.size() <= kMaxServerNoteBytes) return std::string(text);
    std::size_t cut = kMaxServerNoteBytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return std::string(text.substr(0, cut)) + "…";
}

bool plausibleWebsocket(std::string_view url) {
    return (url.rfind("wss://", 0) == 0 || url.rfind("ws://", 0) == 0) && url.size() < 2048;
}

// A domain as a JID domainpart (no localpart, no resource), normalized; "" when it is not one.
std::string domainOf(std::string_view text) {
    auto j = jid::Jid::parse(util::trim(text));
    return j && j->isDomainOnly() ? j->domain() : std::string();
}

}  // namespace

SiteConfig parseSiteConfig(std::string_view text) {
    SiteConfig out;
    auto parsed = Json::parse(text, Json::Limits{16, 1u << 20});
    if (!parsed) {
        out.problems.push_back("config.json is not JSON: " + parsed.error().message);
        return out;
    }
    const Json& root = *parsed;
    if (!root.isObject()) {
        out.problems.push_back("config.json is not a JSON object");
        return out;
    }
    ClientConfig& c = out.config;
    if (const Json* d = root.find("defaultDomain"); d && !d->asString().empty()) {
        c.defaultDomain = domainOf(d->asString());
        if (c.defaultDomain.empty()) out.problems.push_back("defaultDomain is not a domain");
    }
    if (const Json* w = root.find("defaultWebsocket"); w && !w->asString().empty()) {
        if (plausibleWebsocket(w->asString())) c.defaultWebsocket = w->asString();
        else out.problems.push_back("defaultWebsocket is not a ws:// or wss:// URL");
    }
    const Json* servers = root.find("servers");
    if (servers && !servers->isArray()) out.problems.push_back("servers is not a list");
    static const Json::Array kNoServers;
    for (const Json& s : servers && servers->isArray() ? servers->items() : kNoServers) {
        if (c.servers.size() >= kMaxServerChoices) {
            out.problems.push_back("servers: more than " + std::to_string(kMaxServerChoices) + ", the rest left out");
            break;
        }
        ServerChoice choice;
        choice.domain = domainOf(s.getString("domain"));
        if (choice.domain.empty()) {
            out.problems.push_back("servers: an entry without a valid domain left out");
            continue;
        }
        bool duplicate = false;
        for (const auto& other : c.servers) duplicate |= other.domain == choice.domain;
        if (duplicate) continue;
        const std::string ws = s.getString("websocket");
        if (!ws.empty() && !plausibleWebsocket(ws)) out.problems.push_back("servers: " + choice.domain + ": websocket is not a ws:// or wss:// URL");
        else choice.websocket = ws;
        const Json& note = s["note"];
        if (note.isString()) {
            choice.notes[""] = boundedNote(note.asString());
        } else if (note.isObject()) {
            for (const auto& [lang, value] : note.members())
                if (value.isString() && lang.size() <= 8) choice.notes[lang] = boundedNote(value.asString());
        }
        c.servers.push_back(std::move(choice));
    }
    if (!c.defaultDomain.empty()) {
        ServerChoice first{c.defaultDomain, c.defaultWebsocket, {}};
        for (auto it = c.servers.begin(); it != c.servers.end(); ++it) {
            if (it->domain != c.defaultDomain) continue;
            first = std::move(*it);
            if (first.websocket.empty()) first.websocket = c.defaultWebsocket;
            c.servers.erase(it);
            break;
        }
        c.servers.insert(c.servers.begin(), std::move(first));
    }
    return out;
}

const std::string& serverNote(const ServerChoice& server, const std::string& lang) {
    static const std::string kNone;
    for (const std::string& key : {lang, std::string(), std::string("en")}) {
        auto it = server.notes.find(key);
        if (it != server.notes.end()) return it->second;
    }
    return kNone;
}

}  // namespace starling
