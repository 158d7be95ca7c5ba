// SCRAM client against the RFC 5802 (SHA-1) and RFC 7677 (SHA-256) test vectors, plus rejections.
#include "core/stream/scram.h"

#include <gtest/gtest.h>

namespace starling::stream {
namespace {

constexpr const char* kSha1Nonce = "fyko+d2lbbFgONRv9qkxdawL";
constexpr const char* kSha1ServerFirst = "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096";
constexpr const char* kSha1ClientFinal =
    "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=";
constexpr const char* kSha1ServerFinal = "v=rmF9pqV8S7suAoZWja4dJRkFsKQ=";

constexpr const char* kSha256Nonce = "rOprNGfwEbeRWgbNEkqO";
constexpr const char* kSha256ServerFirst =
    "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
constexpr const char* kSha256ClientFinal =
    "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
constexpr const char* kSha256ServerFinal = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

TEST(ScramTest, Rfc5802Sha1Vector) {
    ScramClient c("SCRAM-SHA-1", "user", "pencil", std::nullopt, kSha1Nonce);
    EXPECT_EQ(c.clientFirst(), "n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL");
    auto final = c.handleServerFirst(kSha1ServerFirst);
    ASSERT_TRUE(final.ok()) << final.error().message;
    EXPECT_EQ(*final, kSha1ClientFinal);
    EXPECT_TRUE(c.handleServerFinal(kSha1ServerFinal).ok());
    EXPECT_TRUE(c.verified());
}

TEST(ScramTest, Rfc7677Sha256Vector) {
    ScramClient c("SCRAM-SHA-256", "user", "pencil", std::nullopt, kSha256Nonce);
    EXPECT_EQ(c.clientFirst(), "n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
    auto final = c.handleServerFirst(kSha256ServerFirst);
    ASSERT_TRUE(final.ok()) << final.error().message;
    EXPECT_EQ(*final, kSha256ClientFinal);
    EXPECT_TRUE(c.handleServerFinal(kSha256ServerFinal).ok());
}

TEST(ScramTest, CachedKeysReproduceTheProofWithoutPassword) {
    std::optional<ScramCache> cache;
    {
        ScramClient c("SCRAM-SHA-256", "user", "pencil", std::nullopt, kSha256Nonce);
        ASSERT_TRUE(c.handleServerFirst(kSha256ServerFirst).ok());
        cache = c.cache();
    }
    ASSERT_TRUE(cache);
    EXPECT_EQ(cache->mechanism, "SCRAM-SHA-256");
    EXPECT_EQ(cache->iterations, 4096u);
    EXPECT_EQ(cache->clientKey.size(), 32u);
    ScramClient c("SCRAM-SHA-256", "user", "", cache, kSha256Nonce);
    auto final = c.handleServerFirst(kSha256ServerFirst);
    ASSERT_TRUE(final.ok()) << final.error().message;
    EXPECT_EQ(*final, kSha256ClientFinal);
    EXPECT_TRUE(c.handleServerFinal(kSha256ServerFinal).ok());
}

TEST(ScramTest, CacheWithOtherSaltOrIterationsNeedsPassword) {
    std::optional<ScramCache> cache;
    {
        ScramClient c("SCRAM-SHA-1", "user", "pencil", std::nullopt, kSha1Nonce);
        ASSERT_TRUE(c.handleServerFirst(kSha1ServerFirst).ok());
        cache = c.cache();
    }
    ScramClient other("SCRAM-SHA-1", "user", "", cache, kSha1Nonce);
    auto r = other.handleServerFirst("r=fyko+d2lbbFgONRv9qkxdawLX,s=QSXCR+Q6sek8bf92,i=4097");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "need-password");
    // With the password as well, the new parameters are simply used.
    ScramClient withPw("SCRAM-SHA-1", "user", "pencil", cache, kSha1Nonce);
    auto r2 = withPw.handleServerFirst("r=fyko+d2lbbFgONRv9qkxdawLX,s=QSXCR+Q6sek8bf92,i=4097");
    ASSERT_TRUE(r2.ok());
    EXPECT_EQ(withPw.cache()->iterations, 4097u);
}

TEST(ScramTest, EscapesSaslname) {
    EXPECT_EQ(scramEscapeName("a=b,c"), "a=3Db=2Cc");
    ScramClient c("SCRAM-SHA-1", "we,ird=", "x", std::nullopt, "abc");
    EXPECT_EQ(c.clientFirst(), "n,,n=we=2Cird=3D,r=abc");
}

struct Rejection {
    const char* name;
    const char* serverFirst;
};

class ScramRejectionTest : public ::testing::TestWithParam<Rejection> {};

TEST_P(ScramRejectionTest, RejectsServerFirst) {
    ScramClient c("SCRAM-SHA-1", "user", "pencil", std::nullopt, kSha1Nonce);
    auto r = c.handleServerFirst(GetParam().serverFirst);
    ASSERT_FALSE(r.ok()) << GetParam().name;
    EXPECT_EQ(r.error().code, "bad-challenge") << GetParam().name;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ScramRejectionTest,
    ::testing::Values(
        Rejection{"nonce-mismatch", "r=XXXX+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096"},
        Rejection{"nonce-not-extended", "r=fyko+d2lbbFgONRv9qkxdawL,s=QSXCR+Q6sek8bf92,i=4096"},
        Rejection{"nonce-prefix-only", "r=fyko+d2lbb,s=QSXCR+Q6sek8bf92,i=4096"},
        Rejection{"iterations-zero", "r=fyko+d2lbbFgONRv9qkxdawL3rfc,s=QSXCR+Q6sek8bf92,i=0"},
        Rejection{"iterations-1e9", "r=fyko+d2lbbFgONRv9qkxdawL3rfc,s=QSXCR+Q6sek8bf92,i=1000000000"},
        Rejection{"iterations-overflow", "r=fyko+d2lbbFgONRv9qkxdawL3rfc,s=QSXCR+Q6sek8bf92,i=99999999999999999999"},
        Rejection{"iterations-negative", "r=fyko+d2lbbFgONRv9qkxdawL3rfc,s=QSXCR+Q6sek8bf92,i=-1"},
        Rejection{"bad-base64-salt", "r=fyko+d2lbbFgONRv9qkxdawL3rfc,s=!!notbase64!!,i=4096"},
        Rejection{"empty-salt", "r=fyko+d2lbbFgONRv9qkxdawL3rfc,s=,i=4096"},
        Rejection{"mandatory-extension", "m=ext,r=fyko+d2lbbFgONRv9qkxdawL3rfc,s=QSXCR+Q6sek8bf92,i=4096"},
        Rejection{"out-of-order", "s=QSXCR+Q6sek8bf92,r=fyko+d2lbbFgONRv9qkxdawL3rfc,i=4096"},
        Rejection{"missing-iterations", "r=fyko+d2lbbFgONRv9qkxdawL3rfc,s=QSXCR+Q6sek8bf92"},
        Rejection{"garbage", "hello"}),
    [](const auto& info) {
        std::string n = info.param.name;
        for (auto& ch : n) if (ch == '-') ch = '_';
        return n;
    });

TEST(ScramTest, AcceptsIterationBounds) {
    ScramClient c("SCRAM-SHA-1", "user", "pencil", std::nullopt, kSha1Nonce);
    EXPECT_TRUE(c.handleServerFirst("r=fyko+d2lbbFgONRv9qkxdawLz,s=QSXCR+Q6sek8bf92,i=4096").ok());
    // A man in the middle lowering the count to make the captured proof cheap to crack (RFC 7677 §4: >= 4096).
    ScramClient weak("SCRAM-SHA-1", "user", "pencil", std::nullopt, kSha1Nonce);
    auto r = weak.handleServerFirst("r=fyko+d2lbbFgONRv9qkxdawLz,s=QSXCR+Q6sek8bf92,i=4095");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "bad-challenge");
}

TEST(ScramTest, WrongServerSignatureIsRejected) {
    ScramClient c("SCRAM-SHA-1", "user", "pencil", std::nullopt, kSha1Nonce);
    ASSERT_TRUE(c.handleServerFirst(kSha1ServerFirst).ok());
    auto r = c.handleServerFinal("v=rmF9pqV8S7suAoZWja4dJRkFsKA=");  // last byte differs
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "server-signature");
    EXPECT_FALSE(c.verified());
}

TEST(ScramTest, ServerFinalErrorAndGarbage) {
    ScramClient c("SCRAM-SHA-1", "user", "pencil", std::nullopt, kSha1Nonce);
    ASSERT_TRUE(c.handleServerFirst(kSha1ServerFirst).ok());
    auto e = c.handleServerFinal("e=invalid-proof");
    ASSERT_FALSE(e.ok());
    EXPECT_EQ(e.error().code, "server-error");
    EXPECT_EQ(c.handleServerFinal("v=@@@").error().code, "server-signature");
    EXPECT_EQ(c.handleServerFinal("").error().code, "server-signature");
}

TEST(ScramTest, ServerFinalBeforeServerFirstIsRejected) {
    ScramClient c("SCRAM-SHA-1", "user", "pencil", std::nullopt, kSha1Nonce);
    EXPECT_FALSE(c.handleServerFinal(kSha1ServerFinal).ok());
}

}  // namespace
}  // namespace starling::stream
