#pragma once
// config.json, the host's settings for the page (docs/deploy.md §2): the default server, its WebSocket,
// and the servers offered for creating an account. Whatever the file holds, this gives a usable
// ClientConfig: what is malformed is left out and said in `problems` (for the log).
#include <string>
#include <string_view>
#include <vector>

#include "core/client.h"

namespace starling {

inline constexpr std::size_t kMaxServerChoices = 50;
inline constexpr std::size_t kMaxServerNoteBytes = 300;

struct SiteConfig {
    ClientConfig config;
    std::vector<std::string> problems;
};

// The default server (defaultDomain) is always the first choice: taken from `servers` when it is
// listed there (its websocket defaulting to defaultWebsocket), else added in front.
SiteConfig parseSiteConfig(std::string_view json);

// The note of a server in `lang`, else its language-neutral note, else English; "" when none.
const std::string& serverNote(const ServerChoice& server, const std::string& lang);

}  // namespace starling
