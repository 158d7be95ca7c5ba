// XEP-0454 OMEMO Media Sharing: the aesgcm:// link of the XEP's example (12-byte IV, as Conversations
// writes it), 16-byte IVs of older clients read too, a strict parser, and the file cipher against a GCM
// test vector (McGrew & Viega, test case 15: AES-256, 96-bit IV, no AAD); a wrong tag gives no bytes.
#include "core/xep/xep0454_aesgcm.h"

#include <gtest/gtest.h>

#include <string>

namespace starling {
namespace {

crypto::Bytes hex(std::string_view h) {
    crypto::Bytes b;
    for (std::size_t i = 0; i + 1 < h.size(); i += 2) b.push_back(static_cast<std::uint8_t>(std::stoi(std::string(h.substr(i, 2)), nullptr, 16)));
    return b;
}
std::string str(const crypto::Bytes& b) { return std::string(b.begin(), b.end()); }

constexpr const char* kGet = "https://download.montague.tld/4a771ac1-f0b2-4a4a-9700-f2a26fa2bb67/tr%C3%A8s%20cool.jpg";
constexpr const char* kIv = "8c3d050e9386ec173861778f";
constexpr const char* kKey = "68e9af38a97aaf82faa4063b4d0878a61261534410c8a84331eaac851759f587";
constexpr const char* kLink =
    "aesgcm://download.montague.tld/4a771ac1-f0b2-4a4a-9700-f2a26fa2bb67/tr%C3%A8s%20cool.jpg#"
    "8c3d050e9386ec173861778f68e9af38a97aaf82faa4063b4d0878a61261534410c8a84331eaac851759f587";

TEST(Xep0454AesGcm, FormatsTheXepsExampleLink) {
    auto link = xep::formatAesGcmLink(kGet, hex(kIv), hex(kKey));
    ASSERT_TRUE(link);
    EXPECT_EQ(*link, kLink);
}

TEST(Xep0454AesGcm, ParsesTheXepsExampleLink) {
    auto link = xep::parseAesGcmLink(kLink);
    ASSERT_TRUE(link);
    EXPECT_EQ(link->httpsUrl, kGet);
    EXPECT_EQ(link->iv, hex(kIv));
    EXPECT_EQ(link->key, hex(kKey));
}

TEST(Xep0454AesGcm, Accepts16ByteIvsOfOlderClients) {
    const std::string iv16 = "000102030405060708090a0b0c0d0e0f";
    auto link = xep::parseAesGcmLink(std::string("aesgcm://h.example/f.jpg#") + iv16 + kKey);
    ASSERT_TRUE(link);
    EXPECT_EQ(link->iv.size(), 16u);
    // and such a file decrypts
    auto c = xep::aesGcmEncrypt("hello", link->iv, link->key);
    ASSERT_TRUE(c);
    auto p = xep::aesGcmDecrypt(*c, link->iv, link->key);
    ASSERT_TRUE(p);
    EXPECT_EQ(*p, "hello");
}

TEST(Xep0454AesGcm, RefusesWhatIsNotStrictlyALink) {
    const std::string frag = std::string(kIv) + kKey;
    for (const std::string& bad : {std::string("https://h.example/f#") + frag, std::string("aesgcm://h.example/f"),
                                   std::string("aesgcm://h.example/f#") + frag.substr(2),  // 86 digits
                                   std::string("aesgcm://h.example/f#") + frag + "00",     // 90
                                   std::string("aesgcm://h.example/f#") + frag.substr(0, 87) + "g",
                                   std::string("aesgcm:///f#") + frag, std::string("aesgcm://h.example/a b#") + frag,
                                   std::string("see aesgcm://h.example/f#") + frag}) {
        EXPECT_FALSE(xep::parseAesGcmLink(bad)) << bad;
    }
    EXPECT_FALSE(xep::formatAesGcmLink("ftp://h.example/f", hex(kIv), hex(kKey)));
    EXPECT_FALSE(xep::formatAesGcmLink(kGet, hex("0011"), hex(kKey)));
}

TEST(Xep0454AesGcm, BodyIsTheLinkAloneOrWithADataThumbnail) {
    EXPECT_TRUE(xep::aesGcmLinkInBody(kLink));
    const std::string body = std::string(kLink) + "\ndata:image/jpeg,/9j/4AAQSkZJRgABAQEBLAEsAAD";
    auto withThumb = xep::aesGcmLinkInBody(body);
    ASSERT_TRUE(withThumb);
    EXPECT_EQ(*withThumb, kLink);
    EXPECT_FALSE(xep::aesGcmLinkInBody(std::string(kLink) + "\nlook at this"));
    EXPECT_FALSE(xep::aesGcmLinkInBody(std::string("look: ") + kLink));
}

TEST(Xep0454AesGcm, CipherMatchesGcmTestCase15) {
    const auto key = hex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
    const auto iv = hex("cafebabefacedbaddecaf888");
    const auto plain = hex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                           "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255");
    const auto expected = hex("522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                              "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad"
                              "b094dac5d93471bdec1a502270e3cc6c");
    auto c = xep::aesGcmEncrypt(str(plain), iv, key);
    ASSERT_TRUE(c);
    EXPECT_EQ(*c, str(expected));
    auto p = xep::aesGcmDecrypt(str(expected), iv, key);
    ASSERT_TRUE(p);
    EXPECT_EQ(*p, str(plain));
}

TEST(Xep0454AesGcm, AWrongTagOrChangedByteGivesNothing) {
    const auto key = hex(kKey);
    const auto iv = hex(kIv);
    auto c = xep::aesGcmEncrypt("a kitten, in pixels", iv, key);
    ASSERT_TRUE(c);
    std::string tagBroken = *c;
    tagBroken.back() ^= 1;
    auto r = xep::aesGcmDecrypt(tagBroken, iv, key);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "aesgcm-tag");
    std::string bodyBroken = *c;
    bodyBroken[0] ^= 1;
    EXPECT_EQ(xep::aesGcmDecrypt(bodyBroken, iv, key).error().code, "aesgcm-tag");
    EXPECT_EQ(xep::aesGcmDecrypt(c->substr(0, c->size() - 1), iv, key).error().code, "aesgcm-tag");  // truncated
    EXPECT_EQ(xep::aesGcmDecrypt("short", iv, key).error().code, "aesgcm-short");
}

}  // namespace
}  // namespace starling
