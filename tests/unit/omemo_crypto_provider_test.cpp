// Known-answer tests of the mbedTLS crypto provider given to libsignal: NIST SP 800-38A (AES-256 CBC/CTR),
// FIPS 180 (SHA-512), RFC 4231 (HMAC-SHA256). Symmetric bugs (encrypt and decrypt wrong the same way)
// would pass the Alice/Bob test; these would not.
#include "core/omemo/signal_crypto_provider.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/crypto/hash.h"
#include "core/omemo/signal_wrappers.h"

using namespace starling;
using namespace starling::omemo;

namespace {

Bytes unhex(std::string_view hex) {
    Bytes out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) out.push_back(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
    return out;
}

std::string hexOf(const signal_buffer* b) { return crypto::hexEncode(toBytes(b)); }

// Counts bytes; fills with a pattern so the test can see they came from here.
class CountingRandom final : public platform::Random {
public:
    void fill(std::uint8_t* out, std::size_t len) override {
        for (std::size_t i = 0; i < len; ++i) out[i] = static_cast<std::uint8_t>(0xA0 + i);
        total += len;
    }
    std::size_t total = 0;
};

const char* kKey = "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4";
const char* kPlain =
    "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
    "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";

class CryptoProvider : public ::testing::Test {
protected:
    CountingRandom random;
    signal_crypto_provider p = makeCryptoProvider(random);
};

TEST_F(CryptoProvider, RandomComesFromPlatformRandom) {
    std::uint8_t buf[5] = {};
    ASSERT_EQ(p.random_func(buf, sizeof buf, p.user_data), 0);
    EXPECT_EQ(random.total, 5u);
    EXPECT_EQ(buf[4], 0xA4);
}

TEST_F(CryptoProvider, AesCbcSp800_38a) {
    const Bytes key = unhex(kKey), iv = unhex("000102030405060708090a0b0c0d0e0f"), plain = unhex(kPlain);
    BufferPtr out;
    ASSERT_EQ(p.encrypt_func(OutPtr(out), SG_CIPHER_AES_CBC_PKCS5, key.data(), key.size(), iv.data(), iv.size(),
                             plain.data(), plain.size(), p.user_data),
              0);
    ASSERT_EQ(signal_buffer_len(out.get()), 80u);  // 64 bytes + one block of PKCS#7 padding
    EXPECT_EQ(hexOf(out.get()).substr(0, 128),
              "f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d"
              "39f23369a9d9bacfa530e26304231461b2eb05e2c39be9fcda6c19078c6a9d1b");

    BufferPtr back;
    ASSERT_EQ(p.decrypt_func(OutPtr(back), SG_CIPHER_AES_CBC_PKCS5, key.data(), key.size(), iv.data(), iv.size(),
                             signal_buffer_data(out.get()), signal_buffer_len(out.get()), p.user_data),
              0);
    EXPECT_EQ(toBytes(back.get()), plain);
}

TEST_F(CryptoProvider, AesCbcRejectsBadPaddingAndBadSizes) {
    const Bytes key = unhex(kKey), iv(16, 0), plain = {1, 2, 3};
    BufferPtr out;
    ASSERT_EQ(p.encrypt_func(OutPtr(out), SG_CIPHER_AES_CBC_PKCS5, key.data(), key.size(), iv.data(), iv.size(),
                             plain.data(), plain.size(), p.user_data),
              0);
    ASSERT_EQ(signal_buffer_len(out.get()), 16u);
    Bytes wrongKey = key;
    wrongKey[0] ^= 1;  // decrypting with another key yields garbage padding (almost surely)
    BufferPtr back;
    EXPECT_LT(p.decrypt_func(OutPtr(back), SG_CIPHER_AES_CBC_PKCS5, wrongKey.data(), wrongKey.size(), iv.data(),
                             iv.size(), signal_buffer_data(out.get()), 16, p.user_data),
              0);
    EXPECT_LT(p.decrypt_func(OutPtr(back), SG_CIPHER_AES_CBC_PKCS5, key.data(), key.size(), iv.data(), iv.size(),
                             signal_buffer_data(out.get()), 15, p.user_data),
              0);
    EXPECT_LT(p.encrypt_func(OutPtr(back), SG_CIPHER_AES_CBC_PKCS5, key.data(), 20, iv.data(), iv.size(),
                             plain.data(), plain.size(), p.user_data),
              0);
    EXPECT_LT(p.encrypt_func(OutPtr(back), 99, key.data(), key.size(), iv.data(), iv.size(), plain.data(),
                             plain.size(), p.user_data),
              0);
}

TEST_F(CryptoProvider, AesCtrSp800_38a) {
    const Bytes key = unhex(kKey), ctr = unhex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff"), plain = unhex(kPlain);
    BufferPtr out;
    ASSERT_EQ(p.encrypt_func(OutPtr(out), SG_CIPHER_AES_CTR_NOPADDING, key.data(), key.size(), ctr.data(),
                             ctr.size(), plain.data(), plain.size(), p.user_data),
              0);
    EXPECT_EQ(hexOf(out.get()),
              "601ec313775789a5b7a7f504bbf3d228f443e3ca4d62b59aca84e990cacaf5c5"
              "2b0930daa23de94ce87017ba2d84988ddfc9c58db67aada613c2dd08457941a6");
    BufferPtr back;
    ASSERT_EQ(p.decrypt_func(OutPtr(back), SG_CIPHER_AES_CTR_NOPADDING, key.data(), key.size(), ctr.data(),
                             ctr.size(), signal_buffer_data(out.get()), 13, p.user_data),
              0);
    EXPECT_EQ(toBytes(back.get()), Bytes(plain.begin(), plain.begin() + 13));
}

TEST_F(CryptoProvider, Sha512FipsAndReuseAfterFinal) {
    void* ctx = nullptr;
    ASSERT_EQ(p.sha512_digest_init_func(&ctx, p.user_data), 0);
    const std::string abc = "abc";
    const std::string expected =
        "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
        "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f";
    for (int round = 0; round < 2; ++round) {  // the library reuses a context after final
        ASSERT_EQ(p.sha512_digest_update_func(ctx, reinterpret_cast<const std::uint8_t*>(abc.data()), 1, p.user_data), 0);
        ASSERT_EQ(p.sha512_digest_update_func(ctx, reinterpret_cast<const std::uint8_t*>(abc.data()) + 1, 2,
                                              p.user_data),
                  0);
        BufferPtr out;
        ASSERT_EQ(p.sha512_digest_final_func(ctx, OutPtr(out), p.user_data), 0);
        EXPECT_EQ(hexOf(out.get()), expected) << "round " << round;
    }
    p.sha512_digest_cleanup_func(ctx, p.user_data);
}

TEST_F(CryptoProvider, HmacSha256Rfc4231) {
    const std::string key = "Jefe", data = "what do ya want for nothing?";
    void* ctx = nullptr;
    ASSERT_EQ(p.hmac_sha256_init_func(&ctx, reinterpret_cast<const std::uint8_t*>(key.data()), key.size(),
                                      p.user_data),
              0);
    ASSERT_EQ(p.hmac_sha256_update_func(ctx, reinterpret_cast<const std::uint8_t*>(data.data()), data.size(),
                                        p.user_data),
              0);
    BufferPtr out;
    ASSERT_EQ(p.hmac_sha256_final_func(ctx, OutPtr(out), p.user_data), 0);
    p.hmac_sha256_cleanup_func(ctx, p.user_data);
    EXPECT_EQ(hexOf(out.get()), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

}  // namespace
