#pragma once
// Reconnect back-off: 1 s, 2 s, 4 s, ... capped at 60 s, each with ±25% jitter, never above 60 s.
#include <cstdint>

#include "platform/random.h"

namespace starling::stream {

inline constexpr std::int64_t kBackoffBaseMs = 1000;
inline constexpr std::int64_t kBackoffCapMs = 60000;

// A link that drops after the server answered our stream (a flaky network, not a server that is down or
// refuses us): the next attempt waits at most this step (4 s), however many attempts came before. Back-off
// is there not to hammer a server that does not answer; this one does. (A busy page behind a link cut
// every 1 to 3 s waited 60 s between attempts and never got back within 90 s.)
inline constexpr int kAnsweredLinkLostMaxAttempt = 2;

// `attempt` counts from 0 (the first reconnect after a loss).
std::int64_t reconnectDelayMs(int attempt, platform::Random& random);

}  // namespace starling::stream
