#pragma once
// platform::Clock on std::chrono: steady clock for timeouts, system clock for timestamps.
#include <chrono>
#include <cstdint>

#include "platform/clock.h"

namespace starling::native {

class NativeClock : public platform::Clock {
public:
    std::int64_t nowMs() const override {
        using namespace std::chrono;
        return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
    }
    std::int64_t wallTimeMs() const override {
        using namespace std::chrono;
        return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
    }
};

}  // namespace starling::native
