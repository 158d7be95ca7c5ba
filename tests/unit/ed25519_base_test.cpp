// a * B as libsignal signs with it (src/core/crypto/ed25519_scalarmult_base.c, built in place of ref10's
// table-driven one): the RFC 8032 §7.1 test keys come out of their secrets, and for random scalars the
// result equals ref10's own double-scalar multiplication 0 * A + b * B (a different code path: sliding
// windows over a table of odd multiples).
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <random>
#include <string>

extern "C" {
// ref10 (libsignal-protocol-c/src/curve25519/ed25519): ge_p2 is 3 field elements, ge_p3 4, each 10 × int32.
void crypto_sign_ed25519_ref10_ge_scalarmult_base(void* h, const unsigned char* a);
void crypto_sign_ed25519_ref10_ge_double_scalarmult_vartime(void* r, const unsigned char* a, const void* A,
                                                            const unsigned char* b);
void crypto_sign_ed25519_ref10_ge_p3_tobytes(unsigned char* s, const void* h);
void crypto_sign_ed25519_ref10_ge_tobytes(unsigned char* s, const void* h);
int crypto_hash_sha512(unsigned char* out, const unsigned char* in, unsigned long long inlen);
}

namespace {

using Bytes32 = std::array<unsigned char, 32>;

Bytes32 fromHex(const std::string& hex) {
    Bytes32 out{};
    for (std::size_t i = 0; i < 32; ++i) out[i] = static_cast<unsigned char>(std::stoi(hex.substr(2 * i, 2), nullptr, 16));
    return out;
}

Bytes32 baseMult(const Bytes32& scalar) {
    std::int32_t p3[40];
    crypto_sign_ed25519_ref10_ge_scalarmult_base(p3, scalar.data());
    Bytes32 out{};
    crypto_sign_ed25519_ref10_ge_p3_tobytes(out.data(), p3);
    return out;
}

// RFC 8032 §5.1.5: the public key is the encoding of s * B, s = the clamped first half of SHA-512(secret).
Bytes32 publicKeyOf(const Bytes32& secret) {
    unsigned char h[64];
    crypto_hash_sha512(h, secret.data(), secret.size());
    Bytes32 s{};
    std::copy(h, h + 32, s.begin());
    s[0] &= 248;
    s[31] &= 127;
    s[31] |= 64;
    return baseMult(s);
}

TEST(Ed25519Base, Rfc8032TestKeys) {
    EXPECT_EQ(publicKeyOf(fromHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")),
              fromHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
    EXPECT_EQ(publicKeyOf(fromHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb")),
              fromHex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"));
    EXPECT_EQ(publicKeyOf(fromHex("c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7")),
              fromHex("fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025"));
}

TEST(Ed25519Base, AgreesWithTheDoubleScalarMultiplication) {
    std::mt19937 rng(20261207);
    std::int32_t anyPoint[40];
    Bytes32 seven{};
    seven[0] = 7;
    crypto_sign_ed25519_ref10_ge_scalarmult_base(anyPoint, seven.data());
    const Bytes32 zero{};
    for (int n = 0; n < 200; ++n) {
        Bytes32 b{};
        for (auto& byte : b) byte = static_cast<unsigned char>(rng());
        b[31] &= 127;  // both functions' precondition
        if (n == 0) b = Bytes32{};                 // 0 * B: the neutral point
        if (n == 1) { b = Bytes32{}; b[0] = 1; }   // B itself
        if (n == 2) { b.fill(0xff); b[31] = 127; } // every bit set
        std::int32_t p2[30];
        crypto_sign_ed25519_ref10_ge_double_scalarmult_vartime(p2, zero.data(), anyPoint, b.data());
        Bytes32 expected{};
        crypto_sign_ed25519_ref10_ge_tobytes(expected.data(), p2);
        ASSERT_EQ(baseMult(b), expected) << "scalar #" << n;
    }
}

}  // namespace
