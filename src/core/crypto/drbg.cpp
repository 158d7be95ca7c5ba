#include "core/crypto/drbg.h"

#include <cstdlib>

#include <mbedtls/ctr_drbg.h>

namespace starling::crypto {
namespace {
constexpr std::size_t kMaxEntropyChunk = 256;  // getentropy's per-call limit
}

struct Drbg::Impl {
    Impl() { mbedtls_ctr_drbg_init(&ctx); }
    ~Impl() { mbedtls_ctr_drbg_free(&ctx); }  // zeroizes the state
    mbedtls_ctr_drbg_context ctx;
};

Drbg::Drbg(EntropySource entropy) : m_entropy(std::move(entropy)), m_impl(std::make_unique<Impl>()) {}
Drbg::~Drbg() = default;

int Drbg::entropyCallback(void* self, unsigned char* out, std::size_t len) {
    auto* drbg = static_cast<Drbg*>(self);
    while (len > 0) {
        std::size_t chunk = len < kMaxEntropyChunk ? len : kMaxEntropyChunk;
        if (!drbg->m_entropy(out, chunk)) return MBEDTLS_ERR_CTR_DRBG_ENTROPY_SOURCE_FAILED;
        out += chunk;
        len -= chunk;
    }
    return 0;
}

Result<std::unique_ptr<Drbg>> Drbg::create(EntropySource entropy, std::string_view personalization) {
    if (!entropy) return makeError("no-entropy", "no entropy source");
    std::unique_ptr<Drbg> drbg(new Drbg(std::move(entropy)));
    // The context keeps a pointer to the Drbg for reseeding: Drbg never moves (heap, non-copyable).
    int rc = mbedtls_ctr_drbg_seed(&drbg->m_impl->ctx, &Drbg::entropyCallback, drbg.get(),
                                   reinterpret_cast<const unsigned char*>(personalization.data()),
                                   personalization.size());
    if (rc != 0) return makeError("entropy-failed", "CTR_DRBG seeding failed: " + std::to_string(rc));
    mbedtls_ctr_drbg_set_prediction_resistance(&drbg->m_impl->ctx, MBEDTLS_CTR_DRBG_PR_OFF);
    return drbg;
}

Result<void> Drbg::generate(std::uint8_t* out, std::size_t len) {
    while (len > 0) {
        std::size_t chunk = len < MBEDTLS_CTR_DRBG_MAX_REQUEST ? len : MBEDTLS_CTR_DRBG_MAX_REQUEST;
        int rc = mbedtls_ctr_drbg_random(&m_impl->ctx, out, chunk);
        if (rc != 0) return makeError("entropy-failed", "CTR_DRBG generate failed: " + std::to_string(rc));
        out += chunk;
        len -= chunk;
    }
    return {};
}

Result<void> Drbg::reseed() {
    int rc = mbedtls_ctr_drbg_reseed(&m_impl->ctx, nullptr, 0);
    if (rc != 0) return makeError("entropy-failed", "CTR_DRBG reseed failed: " + std::to_string(rc));
    return {};
}

void DrbgRandom::fill(std::uint8_t* out, std::size_t len) {
    if (!m_drbg || !m_drbg->generate(out, len)) std::abort();
}

}  // namespace starling::crypto
