#pragma once
#include <cstdint>

namespace starling::platform {

// Injected time. The core never reads a wall clock itself; tests use a fake.
class Clock {
public:
    virtual ~Clock() = default;
    virtual std::int64_t nowMs() const = 0;      // monotonic, for timeouts and back-off
    virtual std::int64_t wallTimeMs() const = 0;  // Unix epoch ms, for message timestamps
};

}  // namespace starling::platform
