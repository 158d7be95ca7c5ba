#include "core/stream/backoff.h"

#include <algorithm>

namespace starling::stream {

std::int64_t reconnectDelayMs(int attempt, platform::Random& random) {
    std::int64_t base = kBackoffBaseMs;
    for (int i = 0; i < attempt && base < kBackoffCapMs; ++i) base *= 2;
    base = std::min(base, kBackoffCapMs);
    std::uint8_t bytes[4];
    random.fill(bytes, sizeof bytes);
    std::uint32_t r = (std::uint32_t(bytes[0]) << 24) | (std::uint32_t(bytes[1]) << 16) |
                      (std::uint32_t(bytes[2]) << 8) | std::uint32_t(bytes[3]);
    // factor in [0.75, 1.25): base * 3/4 + base/2 * r / 2^32
    std::int64_t delay = base * 3 / 4 + static_cast<std::int64_t>((static_cast<std::uint64_t>(base / 2) * r) >> 32);
    return std::min(delay, kBackoffCapMs);
}

}  // namespace starling::stream
