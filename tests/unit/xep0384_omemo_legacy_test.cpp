// XEP-0384 v0.3 wire format on the XEP's own examples (with real base64 where the XEP writes
// "BASE64ENCODED..."), round trips, and hostile input.
#include "core/xep/xep0384_omemo_legacy.h"

#include <gtest/gtest.h>

#include "core/crypto/hash.h"
#include "core/xep/xep0060_pubsub.h"
#include "core/xml/ns.h"
#include "core/xml/parser.h"
#include <algorithm>

using namespace starling;

namespace {

xml::Element parse(const std::string& text) {
    auto e = xml::parseFrame(text);
    EXPECT_TRUE(e.ok()) << (e.ok() ? "" : e.error().message);
    return e.ok() ? *e : xml::Element();
}

// Canonical form for comparison: attributes sorted, whitespace-only text (pretty-printing) dropped.
std::string canon(const xml::Element& e) {
    std::string out = "<{" + e.ns() + "}" + e.name();
    auto attrs = e.attrs();
    std::sort(attrs.begin(), attrs.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    for (const auto& a : attrs) out += " " + a.name + "='" + a.value + "'";
    out += ">";
    if (e.text().find_first_not_of(" \n\r\t") != std::string::npos) out += e.text();
    for (const auto& c : e.children()) out += canon(c);
    return out + "</>";
}

std::string b64(std::size_t n, std::uint8_t first, std::uint8_t fill) {
    omemo::Bytes b(n, fill);
    if (n) b[0] = first;
    return crypto::base64Encode(b);
}

}  // namespace

TEST(Xep0384, DeviceListUpdateExample) {
    const xml::Element m = parse(R"(<message xmlns='jabber:client' from='juliet@capulet.lit' to='romeo@montague.lit' type='headline' id='update_01'>
  <event xmlns='http://jabber.org/protocol/pubsub#event'>
    <items node='eu.siacs.conversations.axolotl.devicelist'>
      <item id='current'>
        <list xmlns='eu.siacs.conversations.axolotl'>
          <device id='12345' />
          <device id='4223' />
        </list>
      </item>
    </items>
  </event>
</message>)");
    const xml::Element* list = xep::pubsubFirstPayload(m, xep::kOmemoDeviceListNode);
    ASSERT_NE(list, nullptr);
    EXPECT_EQ(xep::parseOmemoDeviceList(*list), (std::vector<std::uint32_t>{12345, 4223}));
}

TEST(Xep0384, AnnounceExampleRoundTripsAndCarriesPublishOptions) {
    const xml::Element expected = parse(R"(<iq xmlns='jabber:client' type='set'>
  <pubsub xmlns='http://jabber.org/protocol/pubsub'>
    <publish node='eu.siacs.conversations.axolotl.devicelist'>
      <item id='current'>
        <list xmlns='eu.siacs.conversations.axolotl'><device id='12345'/><device id='4223'/><device id='31415'/></list>
      </item>
    </publish>
  </pubsub>
</iq>)");
    const xml::Element built =
        xep::pubsubPublish(xep::kOmemoDeviceListNode, "current", xep::omemoDeviceList({12345, 4223, 31415}), false);
    EXPECT_EQ(canon(built), canon(expected));
    const xml::Element open =
        xep::pubsubPublish(xep::kOmemoDeviceListNode, "current", xep::omemoDeviceList({31415}), true);
    const std::string text = canon(open);
    EXPECT_NE(text.find("publish-options"), std::string::npos);
    EXPECT_NE(text.find("pubsub#access_model"), std::string::npos);
    EXPECT_NE(text.find(">open<"), std::string::npos);
    EXPECT_NE(text.find(ns::kPubsubPublishOptions), std::string::npos);
}

TEST(Xep0384, DeviceListBoundsAndBadIds) {
    const xml::Element list = parse(
        "<list xmlns='eu.siacs.conversations.axolotl'><device id='0'/><device id='-4'/><device id='2147483648'/>"
        "<device id='2147483647'/><device id='1'/><device id='1'/><device id='x'/><device/><device id='07'/></list>");
    EXPECT_EQ(xep::parseOmemoDeviceList(list), (std::vector<std::uint32_t>{2147483647, 1, 7}));
    std::string many = "<list xmlns='eu.siacs.conversations.axolotl'>";
    for (int i = 1; i <= 500; ++i) many += "<device id='" + std::to_string(i) + "'/>";
    many += "</list>";
    EXPECT_EQ(xep::parseOmemoDeviceList(parse(many)).size(), xep::kOmemoMaxDevices);
    EXPECT_TRUE(xep::parseOmemoDeviceList(parse("<list xmlns='urn:other'><device id='5'/></list>")).empty());
}

TEST(Xep0384, BundleExampleParsesWithWhitespaceInBase64) {
    const std::string key = b64(33, 0x05, 0x11), sig = b64(64, 0x22, 0x22), raw = b64(32, 0x33, 0x33);
    const xml::Element bundle = parse(
        "<bundle xmlns='eu.siacs.conversations.axolotl'>\n"
        "  <signedPreKeyPublic signedPreKeyId='1'>\n    " + key + "\n  </signedPreKeyPublic>\n"
        "  <signedPreKeySignature>\n    " + sig.substr(0, 40) + "\n    " + sig.substr(40) + "\n  </signedPreKeySignature>\n"
        "  <identityKey>\n    " + key + "\n  </identityKey>\n"
        "  <prekeys>\n"
        "    <preKeyPublic preKeyId='1'>" + key + "</preKeyPublic>\n"
        "    <preKeyPublic preKeyId='2'>" + raw + "</preKeyPublic>\n"
        "    <preKeyPublic preKeyId='3'>!!notbase64</preKeyPublic>\n"
        "  </prekeys>\n</bundle>");
    auto parsed = xep::parseOmemoBundle(bundle);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    EXPECT_EQ(parsed->signedPreKeyId, 1u);
    EXPECT_EQ(parsed->signedPreKeySignature.size(), 64u);
    ASSERT_EQ(parsed->preKeys.size(), 2u);  // the broken one is skipped
    EXPECT_EQ(parsed->preKeys[1].publicKey.size(), 33u);  // 32-byte key gets its type byte
    EXPECT_EQ(parsed->preKeys[1].publicKey[0], 0x05);
    auto again = xep::parseOmemoBundle(xep::omemoBundle(*parsed));
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->identityKey, parsed->identityKey);
    EXPECT_EQ(again->preKeys.size(), 2u);
    EXPECT_EQ(xep::omemoBundleNode(31415), "eu.siacs.conversations.axolotl.bundles:31415");
}

TEST(Xep0384, BundleMissingPartsRefused) {
    EXPECT_FALSE(xep::parseOmemoBundle(parse("<bundle xmlns='eu.siacs.conversations.axolotl'/>")).ok());
    const std::string key = b64(33, 0x05, 1);
    EXPECT_EQ(xep::parseOmemoBundle(parse("<bundle xmlns='eu.siacs.conversations.axolotl'><signedPreKeyPublic "
                                          "signedPreKeyId='1'>" + key + "</signedPreKeyPublic><signedPreKeySignature>" +
                                          b64(10, 1, 1) + "</signedPreKeySignature><identityKey>" + key +
                                          "</identityKey><prekeys/></bundle>"))
                  .error()
                  .code,
              "bad-bundle");
}

TEST(Xep0384, SendingMessageExample) {
    const std::string k1 = b64(40, 1, 2), k2 = b64(90, 3, 4), iv = b64(12, 5, 6), payload = b64(7, 8, 9);
    const xml::Element m = parse(
        "<message xmlns='jabber:client' to='juliet@capulet.lit' from='romeo@montague.lit' id='send1'>"
        "<encrypted xmlns='eu.siacs.conversations.axolotl'><header sid='27183'>"
        "<key rid='31415'>" + k1 + "</key><key prekey=\"true\" rid='12321'>" + k2 + "</key>"
        "<iv>" + iv + "</iv></header><payload>" + payload + "</payload></encrypted>"
        "<store xmlns='urn:xmpp:hints'/></message>");
    auto e = xep::parseOmemoEncrypted(*m.child(ns::kOmemoLegacy, "encrypted"));
    ASSERT_TRUE(e.ok()) << e.error().message;
    EXPECT_EQ(e->sid, 27183u);
    ASSERT_EQ(e->keys.size(), 2u);
    EXPECT_FALSE(e->keyFor(31415)->preKey);
    EXPECT_TRUE(e->keyFor(12321)->preKey);
    EXPECT_EQ(e->keyFor(12321)->data.size(), 90u);
    EXPECT_EQ(e->iv.size(), 12u);
    ASSERT_TRUE(e->payload.has_value());
    EXPECT_EQ(e->payload->size(), 7u);
    EXPECT_EQ(canon(xep::omemoEncrypted(*e)), canon(*m.child(ns::kOmemoLegacy, "encrypted")));
}

TEST(Xep0384, KeyTransportHasNoPayload) {
    const xml::Element e = parse("<encrypted xmlns='eu.siacs.conversations.axolotl'><header sid='27183'>"
                                 "<key rid='31415'>" + b64(40, 1, 2) + "</key><iv>" + b64(16, 1, 1) +
                                 "</iv></header></encrypted>");
    auto parsed = xep::parseOmemoEncrypted(e);
    ASSERT_TRUE(parsed.ok());
    EXPECT_FALSE(parsed->payload.has_value());
}

// A long message (60 KB, as a person may paste) is as readable encrypted as in plaintext: the payload is
// bounded by the frame (1 MiB), not by a smaller limit the sender does not know of.
TEST(Xep0384, ALongMessagesPayloadParses) {
    for (std::size_t bytes : {std::size_t(60'000), std::size_t(700'000)}) {
        xep::OmemoEncrypted e;
        e.sid = 27183;
        e.iv = omemo::Bytes(12, 7);
        e.keys.push_back(xep::OmemoKey{31415, false, omemo::Bytes(40, 1)});
        e.payload = omemo::Bytes(bytes, 0x5A);
        auto parsed = xep::parseOmemoEncrypted(parse(xml::serialize(xep::omemoEncrypted(e))));
        ASSERT_TRUE(parsed.ok()) << bytes << ": " << parsed.error().message;
        EXPECT_EQ(parsed->payload, e.payload);
    }
}

TEST(Xep0384, HostileEncryptedRefused) {
    for (const std::string& text : std::vector<std::string>{
             std::string("<encrypted xmlns='eu.siacs.conversations.axolotl'/>"),
             "<encrypted xmlns='eu.siacs.conversations.axolotl'><header sid='0'><iv>" + b64(12, 1, 1) + "</iv></header></encrypted>",
             "<encrypted xmlns='eu.siacs.conversations.axolotl'><header sid='9'><iv>" + b64(4, 1, 1) + "</iv></header></encrypted>",
             "<encrypted xmlns='eu.siacs.conversations.axolotl'><header sid='9'/></encrypted>",
             "<encrypted xmlns='eu.siacs.conversations.axolotl'><header sid='9'><iv>" + b64(12, 1, 1) +
                 "</iv></header><payload>%%%</payload></encrypted>",
         })
        EXPECT_FALSE(xep::parseOmemoEncrypted(parse(text)).ok()) << text;
}

TEST(Xep0060, EmptyMeansNoDevices) {
    EXPECT_TRUE(xep::pubsubMeansEmpty(makeError("item-not-found", "")));
    EXPECT_TRUE(xep::pubsubMeansEmpty(makeError("forbidden", "")));
    EXPECT_FALSE(xep::pubsubMeansEmpty(makeError("timeout", "")));
    const xml::Element get = xep::pubsubItems("juliet@capulet.lit", xep::omemoBundleNode(31415));
    EXPECT_EQ(canon(get), canon(parse(R"(<iq xmlns='jabber:client' type='get' to='juliet@capulet.lit'>
  <pubsub xmlns='http://jabber.org/protocol/pubsub'>
    <items node='eu.siacs.conversations.axolotl.bundles:31415'/>
  </pubsub>
</iq>)")));
}
