#pragma once
// The client's view of the file store: settings, remember-me credentials, roster and history per
// account. Every write asks the platform to flush; every failure is reported through onError (the
// client shows it) and never deletes what is in memory or on disk.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/model/state.h"
#include "core/storage/formats.h"
#include "core/storage/history_store.h"
#include "core/storage/store.h"
#include "platform/persistence.h"

namespace starling::storage {

class AccountStore {
public:
    AccountStore(Store& store, platform::Persistence& persistence)
        : m_store(store), m_persistence(persistence), m_history(store, persistence, [this](const std::string& e) {
              fail(e);
          }) {}

    std::function<void(const std::string& message)> onError;

    Settings loadSettings();
    bool saveSettings(const Settings& settings);

    std::optional<Credentials> loadCredentials(const std::string& account);
    bool saveCredentials(const Credentials& credentials);
    bool forgetCredentials(const std::string& account);

    std::string loadPinnedMechanism(const std::string& account);  // "" when none
    bool savePinnedMechanism(const std::string& account, const std::string& mechanism);

    // A small file of a module's own (e.g. "rooms.json") in the account's directory, whole: "" when
    // absent (a read error is reported), written via temp file + rename.
    std::string loadAccountFile(const std::string& account, const std::string& name);
    bool saveAccountFile(const std::string& account, const std::string& name, const std::string& text);

    std::vector<model::RosterItem> loadRoster(const std::string& account);
    bool saveRoster(const std::string& account, const std::vector<model::RosterItem>& roster);

    // Every conversation of the account with its history window (history_store.h: the newest segment,
    // Conversation::localBefore older messages left on disk), messages oldest first. Repairs a cut-off
    // last line so the next append starts on a fresh line.
    std::map<std::string, model::Conversation> loadHistory(const std::string& account);
    bool appendMessage(const std::string& account, const std::string& peer, const model::Message& message);
    bool appendUpdate(const std::string& account, const std::string& peer, const model::Message& message,
                      bool withActions = false);
    // The windows over the account's segments (loadOlder, cover, trim).
    HistoryStore& history() { return m_history; }

    bool removeAccount(const std::string& account);  // all local data of the account

private:
    bool check(const Result<void>& result);
    void fail(const std::string& message);

    Store& m_store;
    platform::Persistence& m_persistence;
    HistoryStore m_history;
};

}  // namespace starling::storage
