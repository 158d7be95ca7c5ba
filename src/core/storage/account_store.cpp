#include "core/storage/account_store.h"

#include <algorithm>

#include "core/util/strings.h"

namespace starling::storage {

void AccountStore::fail(const std::string& message) {
    if (onError) onError(message);
}

bool AccountStore::check(const Result<void>& result) {
    if (!result) {
        fail(result.error().code + ": " + result.error().message);
        return false;
    }
    m_persistence.requestFlush();
    return true;
}

Settings AccountStore::loadSettings() {
    auto text = m_store.read(kSettingsPath);
    if (!text) {
        if (text.error().code != "not-found") fail(text.error().code + ": " + text.error().message);
        return {};
    }
    return decodeSettings(*text);
}

bool AccountStore::saveSettings(const Settings& settings) {
    return check(m_store.writeAtomic(kSettingsPath, encodeSettings(settings)));
}

std::optional<Credentials> AccountStore::loadCredentials(const std::string& account) {
    auto text = m_store.read(credentialsPath(account));
    if (!text) {
        if (text.error().code != "not-found") fail(text.error().code + ": " + text.error().message);
        return std::nullopt;
    }
    auto creds = decodeCredentials(*text);
    if (creds && creds->jid != account) return std::nullopt;
    return creds;
}

bool AccountStore::saveCredentials(const Credentials& credentials) {
    return check(m_store.writeAtomic(credentialsPath(credentials.jid), encodeCredentials(credentials)));
}

bool AccountStore::forgetCredentials(const std::string& account) {
    return check(m_store.remove(credentialsPath(account)));
}

std::string AccountStore::loadPinnedMechanism(const std::string& account) {
    auto text = m_store.read(pinnedPath(account));
    if (!text) return {};
    return std::string(util::trim(*text));
}

bool AccountStore::savePinnedMechanism(const std::string& account, const std::string& mechanism) {
    return check(m_store.writeAtomic(pinnedPath(account), mechanism + "\n"));
}

std::vector<model::RosterItem> AccountStore::loadRoster(const std::string& account) {
    auto text = m_store.read(rosterPath(account));
    if (!text) {
        if (text.error().code != "not-found") fail(text.error().code + ": " + text.error().message);
        return {};
    }
    auto roster = decodeRoster(*text);
    if (!roster) {
        fail("roster.json is damaged; it will be replaced from the server");
        return {};
    }
    return *roster;
}

bool AccountStore::saveRoster(const std::string& account, const std::vector<model::RosterItem>& roster) {
    return check(m_store.writeAtomic(rosterPath(account), encodeRoster(roster)));
}

std::map<std::string, model::Conversation> AccountStore::loadHistory(const std::string& account) {
    std::map<std::string, model::Conversation> out;
    auto names = m_store.list(historyDir(account));
    if (!names) {
        fail(names.error().code + ": " + names.error().message);
        return out;
    }
    for (const auto& name : *names) {
        if (name.size() <= 4 || name.compare(name.size() - 4, 4, ".log") != 0) continue;
        const std::string stem = name.substr(0, name.size() - 4);
        const bool hashed = isHashedFileName(stem);
        auto peer = bareFromFileName(stem);
        if (!peer && !hashed) continue;
        const std::string path = historyDir(account) + "/" + name;
        auto text = m_store.read(path);
        if (!text) {
            fail(text.error().code + ": " + text.error().message);
            continue;
        }
        History h = decodeHistory(*text);
        if (hashed) {
            if (h.peer.empty() || fileNameFor(h.peer) != stem) continue;  // not ours to trust
            peer = h.peer;
        }
        if (h.endsWithoutNewline) check(m_store.append(path, "\n"));  // the tab closed mid-write
        model::Conversation conv;
        conv.jid = *peer;
        conv.messages = std::move(h.messages);
        std::stable_sort(conv.messages.begin(), conv.messages.end(),
                         [](const model::Message& a, const model::Message& b) { return a.timestampMs < b.timestampMs; });
        out[*peer] = std::move(conv);
    }
    return out;
}

bool AccountStore::appendMessage(const std::string& account, const std::string& peer, const model::Message& message) {
    const std::string path = historyPath(account, peer);
    if (isHashedFileName(fileNameFor(peer)) && !m_store.exists(path))
        return check(m_store.append(path, encodePeerRecord(peer) + encodeMessageRecord(message)));
    return check(m_store.append(path, encodeMessageRecord(message)));
}

bool AccountStore::appendUpdate(const std::string& account, const std::string& peer, const model::Message& message) {
    return check(m_store.append(historyPath(account, peer), encodeUpdateRecord(message)));
}

bool AccountStore::removeAccount(const std::string& account) {
    return check(m_store.removeTree(accountDir(account)));
}

}  // namespace starling::storage
