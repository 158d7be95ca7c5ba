// Known-answer tests: FIPS 180 (SHA), RFC 2202 / RFC 4231 (HMAC), RFC 6070 / RFC 7914 (PBKDF2),
// RFC 4648 (base64).
#include "core/crypto/hash.h"

#include <gtest/gtest.h>

#include <string>

using namespace starling::crypto;

namespace {
std::string hex(const Bytes& b) { return hexEncode(b); }
Bytes repeat(std::uint8_t byte, std::size_t n) { return Bytes(n, byte); }
Bytes bytes(std::string_view s) { return Bytes(s.begin(), s.end()); }
}  // namespace

TEST(CryptoHash, DigestSizes) {
    EXPECT_EQ(digestSize(HashAlgo::Sha1), 20u);
    EXPECT_EQ(digestSize(HashAlgo::Sha256), 32u);
}

TEST(CryptoHash, Sha1Fips) {
    EXPECT_EQ(hex(hash(HashAlgo::Sha1, "abc")), "a9993e364706816aba3e25717850c26c9cd0d89d");
    EXPECT_EQ(hex(hash(HashAlgo::Sha1, "")), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    EXPECT_EQ(hex(hash(HashAlgo::Sha1, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
              "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
}

TEST(CryptoHash, Sha256Fips) {
    EXPECT_EQ(hex(hash(HashAlgo::Sha256, "abc")),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(hex(hash(HashAlgo::Sha256, "")),
              "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(hex(hash(HashAlgo::Sha256, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(CryptoHash, HmacSha1Rfc2202) {
    EXPECT_EQ(hex(hmac(HashAlgo::Sha1, repeat(0x0b, 20), "Hi There")),
              "b617318655057264e28bc0b6fb378c8ef146be00");
    EXPECT_EQ(hex(hmac(HashAlgo::Sha1, bytes("Jefe"), "what do ya want for nothing?")),
              "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
}

TEST(CryptoHash, HmacSha256Rfc4231) {
    EXPECT_EQ(hex(hmac(HashAlgo::Sha256, repeat(0x0b, 20), "Hi There")),
              "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    EXPECT_EQ(hex(hmac(HashAlgo::Sha256, bytes("Jefe"), "what do ya want for nothing?")),
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    // Test case 6: a key longer than the block size is hashed first.
    EXPECT_EQ(hex(hmac(HashAlgo::Sha256, repeat(0xaa, 131), "Test Using Larger Than Block-Size Key - Hash Key First")),
              "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(CryptoHash, Pbkdf2Sha1Rfc6070) {
    EXPECT_EQ(hex(pbkdf2(HashAlgo::Sha1, "password", bytes("salt"), 1)), "0c60c80f961f0e71f3a9b524af6012062fe037a6");
    EXPECT_EQ(hex(pbkdf2(HashAlgo::Sha1, "password", bytes("salt"), 2)), "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957");
    EXPECT_EQ(hex(pbkdf2(HashAlgo::Sha1, "password", bytes("salt"), 4096)),
              "4b007901b765489abead49d926f721d065a429c1");
}

TEST(CryptoHash, Pbkdf2Sha256) {
    EXPECT_EQ(hex(pbkdf2(HashAlgo::Sha256, "password", bytes("salt"), 1)),
              "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b");
    EXPECT_EQ(hex(pbkdf2(HashAlgo::Sha256, "password", bytes("salt"), 4096)),
              "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a");
}

TEST(CryptoHash, Pbkdf2RejectsZeroIterations) {
    EXPECT_TRUE(pbkdf2(HashAlgo::Sha1, "password", bytes("salt"), 0).empty());
}

TEST(CryptoHash, Base64Rfc4648) {
    const std::pair<std::string, std::string> cases[] = {
        {"", ""},          {"f", "Zg=="},         {"fo", "Zm8="},        {"foo", "Zm9v"},
        {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"},
    };
    for (const auto& [plain, encoded] : cases) {
        EXPECT_EQ(base64Encode(bytes(plain)), encoded);
        Bytes decoded{1, 2, 3};
        ASSERT_TRUE(base64Decode(encoded, decoded)) << encoded;
        EXPECT_EQ(decoded, bytes(plain));
    }
}

TEST(CryptoHash, Base64BinaryRoundTrip) {
    Bytes all;
    for (int i = 0; i < 256; ++i) all.push_back(static_cast<std::uint8_t>(i));
    Bytes back;
    ASSERT_TRUE(base64Decode(base64Encode(all), back));
    EXPECT_EQ(back, all);
}

TEST(CryptoHash, Base64RejectsMalformed) {
    Bytes out{9};
    for (const char* bad : {"Zg=", "Zg", "Z===", "====", "Zm9v\n", "Zm 9v", "Zm9v!A==", "Zg==Zg==", "=Zg="}) {
        EXPECT_FALSE(base64Decode(bad, out)) << bad;
    }
    EXPECT_EQ(out, Bytes{9});  // untouched on failure
}

TEST(CryptoHash, HexEncode) {
    EXPECT_EQ(hexEncode({}), "");
    EXPECT_EQ(hexEncode({0x00, 0x0f, 0xa0, 0xff}), "000fa0ff");
}

TEST(CryptoHash, SecureZero) {
    std::uint8_t buf[16];
    for (auto& b : buf) b = 0x5a;
    secureZero(buf, sizeof buf);
    for (auto b : buf) EXPECT_EQ(b, 0);
}
