#include "core/storage/account_store.h"

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

std::string AccountStore::loadAccountFile(const std::string& account, const std::string& name) {
    auto text = m_store.read(accountDir(account) + "/" + name);
    if (!text) {
        if (text.error().code != "not-found") fail(text.error().code + ": " + text.error().message);
        return {};
    }
    return *text;
}

bool AccountStore::saveAccountFile(const std::string& account, const std::string& name, const std::string& text) {
    return check(m_store.writeAtomic(accountDir(account) + "/" + name, text));
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
    return m_history.load(account);
}

bool AccountStore::appendMessage(const std::string& account, const std::string& peer, const model::Message& message) {
    return m_history.appendMessage(account, peer, message);
}

bool AccountStore::appendUpdate(const std::string& account, const std::string& peer, const model::Message& message,
                                bool withActions) {
    return m_history.appendUpdate(account, peer, message, withActions);
}

bool AccountStore::removeAccount(const std::string& account) {
    m_history.forget();  // old one-file chats and segment directories alike are under accountDir
    return check(m_store.removeTree(accountDir(account)));
}

}  // namespace starling::storage
