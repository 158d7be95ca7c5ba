#pragma once
// CTR_DRBG (AES-256, mbedTLS) seeded from an injected entropy source. The web layer passes getentropy
// (which reaches crypto.getRandomValues); natively getentropy works too. The source is asked for at most
// 256 bytes per call (getentropy's limit), only when seeding and reseeding.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>

#include "core/util/result.h"
#include "platform/random.h"

namespace starling::crypto {

// Fills `out` with `len` (<= 256) bytes of entropy; false on failure.
using EntropySource = std::function<bool(std::uint8_t* out, std::size_t len)>;

class Drbg {
public:
    // `personalization` is mixed into the seed (e.g. a per-instance label); it need not be secret.
    static Result<std::unique_ptr<Drbg>> create(EntropySource entropy, std::string_view personalization = {});
    ~Drbg();
    Drbg(const Drbg&) = delete;
    Drbg& operator=(const Drbg&) = delete;

    // Any length; reseeds from the entropy source as the DRBG's reseed interval requires.
    Result<void> generate(std::uint8_t* out, std::size_t len);
    // Forces a reseed now (e.g. after a long idle period).
    Result<void> reseed();

private:
    struct Impl;
    explicit Drbg(EntropySource entropy);
    static int entropyCallback(void* self, unsigned char* out, std::size_t len);

    EntropySource m_entropy;
    std::unique_ptr<Impl> m_impl;
};

// platform::Random on top of a Drbg. A failing DRBG aborts: predictable bytes are worse than a crash.
class DrbgRandom final : public platform::Random {
public:
    explicit DrbgRandom(std::unique_ptr<Drbg> drbg) : m_drbg(std::move(drbg)) {}
    void fill(std::uint8_t* out, std::size_t len) override;

private:
    std::unique_ptr<Drbg> m_drbg;
};

}  // namespace starling::crypto
