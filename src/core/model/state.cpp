#include "core/model/state.h"

#include <algorithm>

namespace starling::model {
namespace {

// Higher is more available.
int availability(Show show) {
    switch (show) {
        case Show::Chat: return 5;
        case Show::Available: return 4;
        case Show::Away: return 3;
        case Show::ExtendedAway: return 2;
        case Show::DoNotDisturb: return 1;
        case Show::Offline: return 0;
    }
    return 0;
}

}  // namespace

int totalUnread(const State& state) {
    int total = 0;
    for (const auto& [jid, conv] : state.conversations) total += conv.unread;
    return total;
}

int unmutedUnread(const State& state) {
    int total = 0;
    for (const auto& [jid, conv] : state.conversations)
        if (!state.alerts.muted.count(jid)) total += conv.unread;
    return total;
}

Show bestShow(const State& state, const std::string& bareJid) {
    auto it = state.presence.find(bareJid);
    if (it == state.presence.end() || it->second.empty()) return Show::Offline;
    const ResourcePresence* best = nullptr;
    for (const auto& r : it->second) {
        if (!best || r.priority > best->priority ||
            (r.priority == best->priority && availability(r.show) > availability(best->show)))
            best = &r;
    }
    return best->show;
}

bool isBlocked(const State& state, std::string_view bareJid) {
    auto listed = [&](std::string_view jid) { return std::binary_search(state.blocked.begin(), state.blocked.end(), jid); };
    const std::size_t at = bareJid.find('@');
    return !bareJid.empty() && (listed(bareJid) || (at != std::string_view::npos && listed(bareJid.substr(at + 1))));
}

}  // namespace starling::model
