#include "core/crypto/drbg.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <vector>

using namespace starling;
using namespace starling::crypto;

namespace {

using Bytes = std::vector<std::uint8_t>;

// Deterministic "entropy" that records how it was asked.
struct ScriptedEntropy {
    std::uint8_t seed = 0;
    std::vector<std::size_t> requests;
    bool fail = false;
    EntropySource source() {
        return [this](std::uint8_t* out, std::size_t len) {
            requests.push_back(len);
            if (fail) return false;
            for (std::size_t i = 0; i < len; ++i) out[i] = static_cast<std::uint8_t>(seed + i);
            return true;
        };
    }
};

Bytes draw(Drbg& drbg, std::size_t n) {
    Bytes out(n);
    EXPECT_TRUE(drbg.generate(out.data(), out.size()).ok());
    return out;
}

TEST(CryptoDrbg, SameSeedSameStreamDifferentSeedDifferentStream) {
    ScriptedEntropy e1, e2, e3;
    e3.seed = 1;
    auto a = Drbg::create(e1.source(), "label");
    auto b = Drbg::create(e2.source(), "label");
    auto c = Drbg::create(e3.source(), "label");
    ASSERT_TRUE(a.ok() && b.ok() && c.ok());
    Bytes x = draw(**a, 64), y = draw(**b, 64), z = draw(**c, 64);
    EXPECT_EQ(x, y);
    EXPECT_NE(x, z);
    EXPECT_NE(draw(**a, 64), x);  // the stream moves on
}

TEST(CryptoDrbg, PersonalizationChangesTheStream) {
    ScriptedEntropy e1, e2;
    auto a = Drbg::create(e1.source(), "one");
    auto b = Drbg::create(e2.source(), "two");
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_NE(draw(**a, 32), draw(**b, 32));
}

TEST(CryptoDrbg, EntropyIsRequestedInChunksOfAtMost256) {
    ScriptedEntropy e;
    auto d = Drbg::create(e.source());
    ASSERT_TRUE(d.ok());
    ASSERT_FALSE(e.requests.empty());
    for (std::size_t n : e.requests) EXPECT_LE(n, 256u);
    const std::size_t afterSeed = e.requests.size();
    draw(**d, 5000);  // larger than one CTR_DRBG request: split internally, no new entropy needed
    EXPECT_EQ(e.requests.size(), afterSeed);
    ASSERT_TRUE((*d)->reseed().ok());
    EXPECT_GT(e.requests.size(), afterSeed);
}

TEST(CryptoDrbg, FailingEntropyIsAnError) {
    ScriptedEntropy e;
    e.fail = true;
    auto d = Drbg::create(e.source());
    ASSERT_FALSE(d.ok());
    EXPECT_EQ(d.error().code, "entropy-failed");
    EXPECT_FALSE(Drbg::create(EntropySource{}).ok());

    ScriptedEntropy later;
    auto ok = Drbg::create(later.source());
    ASSERT_TRUE(ok.ok());
    later.fail = true;
    EXPECT_FALSE((*ok)->reseed().ok());
}

TEST(CryptoDrbg, GetentropySeededOutputLooksRandom) {
    auto d = Drbg::create([](std::uint8_t* out, std::size_t len) { return getentropy(out, len) == 0; });
    ASSERT_TRUE(d.ok());
    DrbgRandom random(std::move(d.value()));
    Bytes a(4096), b(4096);
    random.fill(a.data(), a.size());
    random.fill(b.data(), b.size());
    EXPECT_NE(a, b);
    // Crude sanity: every byte value appears in 8 KiB of output, and no long runs of zeros.
    std::vector<int> counts(256);
    for (auto v : a) ++counts[v];
    for (auto v : b) ++counts[v];
    for (int c : counts) EXPECT_GT(c, 0);
}

}  // namespace
