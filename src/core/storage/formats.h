#pragma once
// The on-disk formats of the file store: settings.json, accounts/<bare>/credentials.json,
// accounts/<bare>/roster.json and accounts/<bare>/history/<peer>.log (JSON lines: one "msg" record per
// message, "upd" records for later status changes; a truncated last line is skipped).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/state.h"
#include "core/stream/session.h"

namespace starling::storage {

struct Settings {
    std::string language;  // "en", "ru" or empty (browser default)
    std::string account;   // remembered bare JID, or empty
};

// What remember-me keeps: never the password.
struct Credentials {
    std::string jid;  // bare
    std::string url;  // WebSocket endpoint that worked
    std::string pinnedMechanism;
    stream::ScramCache scram;
};

// An "upd" record that matched no earlier "msg" record of the same text (in a history segment: it
// concerns a message of an older segment).
struct HistoryUpdate {
    std::string id;
    model::Direction direction = model::Direction::Outgoing;
    model::MessageStatus status = model::MessageStatus::Sent;
    std::string stanzaId;  // "" when the record has none
    std::string error;
    bool encrypted = false;  // the message went out encrypted (an update never removes the lock)
    // An "act" record: the message's body and action state (edit, retraction, reactions) as they are now.
    std::optional<model::Message> actions;
};

struct History {
    std::string peer;                      // from a "peer" record (files with hashed names), else ""
    std::vector<model::Message> messages;  // file order (oldest first as written)
    std::vector<HistoryUpdate> unresolved;  // file order
    std::size_t skippedLines = 0;          // unparsable lines (e.g. a truncated last line)
    bool endsWithoutNewline = false;       // the last write was cut short
};

// A bare JID as a single safe file name (percent-encoding outside [A-Za-z0-9@._+-] and a leading dot).
// Names that would exceed kMaxFileName are cut and end in "~" + a SHA-256 prefix: not reversible, so
// such history files start with a "peer" record (see encodePeerRecord).
inline constexpr std::size_t kMaxFileName = 180;
std::string fileNameFor(std::string_view bareJid);
bool isHashedFileName(std::string_view fileName);
std::optional<std::string> bareFromFileName(std::string_view fileName);  // nullopt for hashed names

std::string accountDir(std::string_view account);
std::string rosterPath(std::string_view account);
std::string credentialsPath(std::string_view account);
// accounts/<bare>/pinned: the strongest SASL mechanism that worked (kept across logouts: a later
// password login is never downgraded).
std::string pinnedPath(std::string_view account);
std::string historyDir(std::string_view account);
std::string historyPath(std::string_view account, std::string_view peer);
inline constexpr const char* kSettingsPath = "settings.json";

std::string encodeSettings(const Settings& settings);
Settings decodeSettings(std::string_view text);  // tolerant: defaults on damage

std::string encodeCredentials(const Credentials& credentials);
std::optional<Credentials> decodeCredentials(std::string_view text);

std::string encodeRoster(const std::vector<model::RosterItem>& roster);
std::optional<std::vector<model::RosterItem>> decodeRoster(std::string_view text);

// One line each, '\n'-terminated.
std::string encodeMessageRecord(const model::Message& message);
std::string encodeUpdateRecord(const model::Message& message);  // id, status, stanzaId, error
// An "upd" record that also carries the message's action state ("act": body, edit, retraction, reactions)
// as it is now; older readers apply its status and skip "act". Message records carry the same fields
// (absent when unset: records written before them read as messages without actions).
std::string encodeActionRecord(const model::Message& message);
// Copies the action state (body, edit, retraction, reactions; not the reply) from `from` to `to`.
void copyActions(const model::Message& from, model::Message& to);
std::string encodePeerRecord(std::string_view bareJid);
History decodeHistory(std::string_view text);

const char* statusName(model::MessageStatus status);
std::optional<model::MessageStatus> statusFromName(std::string_view name);

}  // namespace starling::storage
