#pragma once
// Reconnect back-off: 1 s, 2 s, 4 s, ... capped at 60 s, each with ±25% jitter, never above 60 s.
#include <cstdint>

#include "platform/random.h"

namespace starling::stream {

inline constexpr std::int64_t kBackoffBaseMs = 1000;
inline constexpr std::int64_t kBackoffCapMs = 60000;

// `attempt` counts from 0 (the first reconnect after a loss).
std::int64_t reconnectDelayMs(int attempt, platform::Random& random);

}  // namespace starling::stream
