#pragma once
#include <cstddef>
#include <cstdint>

namespace starling::platform {

// Cryptographically secure random bytes (web: getentropy in <=256-byte chunks seeding a DRBG).
class Random {
public:
    virtual ~Random() = default;
    virtual void fill(std::uint8_t* out, std::size_t len) = 0;
};

}  // namespace starling::platform
