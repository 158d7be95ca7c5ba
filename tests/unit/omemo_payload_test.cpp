// The OMEMO 0.3 payload: AES-128-GCM known answers (McGrew & Viega's GCM test cases 2 and 3, 96-bit IV),
// the key||tag layout of the key material, the old 16-byte layout, and tampering.
#include "core/omemo/payload_cipher.h"

#include <gtest/gtest.h>

#include "core/crypto/hash.h"
#include "support/fake_random.h"

using namespace starling;
using namespace starling::omemo;

namespace {

Bytes hex(std::string_view h) {
    Bytes out;
    for (std::size_t i = 0; i + 1 < h.size(); i += 2) out.push_back(static_cast<std::uint8_t>(std::stoi(std::string(h.substr(i, 2)), nullptr, 16)));
    return out;
}

}  // namespace

TEST(OmemoPayload, GcmTestCase2ZeroKey) {
    auto sealed = sealPayload(Bytes(16, 0), Bytes(12, 0), Bytes(16, 0));
    ASSERT_TRUE(sealed.ok());
    EXPECT_EQ(crypto::hexEncode(sealed->ciphertext), "0388dace60b6a392f328c2b971b2fe78");
    ASSERT_EQ(sealed->keyMaterial.size(), 32u);
    EXPECT_EQ(crypto::hexEncode(Bytes(sealed->keyMaterial.begin() + 16, sealed->keyMaterial.end())),
              "ab6e47d42cec13bdf53a67b21257bddf");
    EXPECT_EQ(Bytes(sealed->keyMaterial.begin(), sealed->keyMaterial.begin() + 16), Bytes(16, 0));
}

TEST(OmemoPayload, GcmTestCase3) {
    const Bytes key = hex("feffe9928665731c6d6a8f9467308308");
    const Bytes iv = hex("cafebabefacedbaddecaf888");
    const Bytes plain = hex(
        "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba"
        "637b391aafd255");
    auto sealed = sealPayload(key, iv, plain);
    ASSERT_TRUE(sealed.ok());
    EXPECT_EQ(crypto::hexEncode(sealed->ciphertext),
              "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b39"
              "6a0aac973d58e091473f5985");
    EXPECT_EQ(crypto::hexEncode(Bytes(sealed->keyMaterial.begin() + 16, sealed->keyMaterial.end())),
              "4d5c2af327cd64a62cf35abd2ba6fab4");
    auto opened = openPayload(sealed->keyMaterial, iv, sealed->ciphertext);
    ASSERT_TRUE(opened.ok());
    EXPECT_EQ(*opened, plain);
}

TEST(OmemoPayload, OldLayoutWithTagAfterThePayload) {
    const Bytes key = hex("feffe9928665731c6d6a8f9467308308");
    const Bytes iv = hex("cafebabefacedbaddecaf888cafebabe");  // 16-byte IVs of old senders
    auto sealed = sealPayload(key, iv, Bytes{'h', 'i'});
    ASSERT_TRUE(sealed.ok());
    Bytes payload = sealed->ciphertext;
    payload.insert(payload.end(), sealed->keyMaterial.begin() + 16, sealed->keyMaterial.end());
    auto opened = openPayload(key, iv, payload);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    EXPECT_EQ(*opened, (Bytes{'h', 'i'}));
}

TEST(OmemoPayload, FreshKeysAndTamperingRejected) {
    test::FakeRandom random;
    const Bytes plain{'s', 'e', 'c', 'r', 'e', 't'};
    auto a = sealPayload(random, plain);
    auto b = sealPayload(random, plain);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(a->iv.size(), 12u);
    EXPECT_NE(a->keyMaterial, b->keyMaterial);
    EXPECT_NE(a->iv, b->iv);
    Bytes flipped = a->ciphertext;
    flipped[0] ^= 1;
    auto bad = openPayload(a->keyMaterial, a->iv, flipped);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, "auth-failed");
    Bytes wrongTag = a->keyMaterial;
    wrongTag[31] ^= 0x80;
    EXPECT_FALSE(openPayload(wrongTag, a->iv, a->ciphertext).ok());
    EXPECT_EQ(openPayload(Bytes(5, 1), a->iv, a->ciphertext).error().code, "bad-key-material");
    EXPECT_EQ(openPayload(a->keyMaterial, {}, a->ciphertext).error().code, "bad-iv");
}
