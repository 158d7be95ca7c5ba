#pragma once
// A DRBG seeded from the OS, for tests that need real key material (libsignal refuses a predictable
// stream); `label` is the personalization string, so each party draws its own stream.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <utility>

#include <gtest/gtest.h>

#include "core/crypto/drbg.h"

namespace starling::test {

inline std::unique_ptr<crypto::DrbgRandom> makeDrbgRandom(std::string_view label = {}) {
    auto drbg = crypto::Drbg::create([](std::uint8_t* out, std::size_t len) { return getentropy(out, len) == 0; },
                                     label);
    EXPECT_TRUE(drbg.ok());
    return std::make_unique<crypto::DrbgRandom>(std::move(drbg.value()));
}

}  // namespace starling::test
