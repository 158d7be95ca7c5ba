#pragma once
// A deterministic Random for tests: a counter-seeded xorshift stream, or a fixed byte when `fixed` is set.
#include <cstddef>
#include <cstdint>
#include <optional>

#include "platform/random.h"

namespace starling::test {

class FakeRandom : public platform::Random {
public:
    explicit FakeRandom(std::uint64_t seed = 0x9E3779B97F4A7C15ull) : m_state(seed ? seed : 1) {}
    void fill(std::uint8_t* out, std::size_t len) override {
        for (std::size_t i = 0; i < len; ++i) {
            if (fixed) {
                out[i] = *fixed;
                continue;
            }
            m_state ^= m_state << 13;
            m_state ^= m_state >> 7;
            m_state ^= m_state << 17;
            out[i] = static_cast<std::uint8_t>(m_state >> 24);
        }
        bytesServed += len;
    }

    std::optional<std::uint8_t> fixed;  // when set, every byte is this value
    std::size_t bytesServed = 0;

private:
    std::uint64_t m_state;
};

}  // namespace starling::test
