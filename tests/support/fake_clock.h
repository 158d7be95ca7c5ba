#pragma once
// A settable Clock for tests: time moves only when the test says so.
#include <cstdint>

#include "platform/clock.h"

namespace starling::test {

class FakeClock : public platform::Clock {
public:
    std::int64_t nowMs() const override { return now; }
    std::int64_t wallTimeMs() const override { return wall + now; }
    void advance(std::int64_t ms) { now += ms; }

    std::int64_t now = 1000;                  // monotonic ms
    std::int64_t wall = 1767225600000;        // 2026-01-01T00:00:00Z, added to `now`
};

}  // namespace starling::test
