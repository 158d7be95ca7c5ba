// XEP-0115 Entity Capabilities on the XEP's own examples: the verification string and SHA-1 ver of
// Exodus (§5.2), identity sorting by category/type/xml:lang (§5.3), and the <c/> element of §1.
#include "core/xep/xep0115_caps.h"

#include <gtest/gtest.h>

#include "core/xml/ns.h"
#include "core/xml/parser.h"

namespace starling::xep {
namespace {

DiscoInfo exodus() {
    DiscoInfo info;
    info.identities.push_back({"client", "pc", "Exodus 0.9.1", ""});
    // Added out of order on purpose: the verification string sorts them.
    info.addFeature("http://jabber.org/protocol/muc");
    info.addFeature("http://jabber.org/protocol/disco#items");
    info.addFeature("http://jabber.org/protocol/caps");
    info.addFeature("http://jabber.org/protocol/disco#info");
    return info;
}

TEST(Xep0115, SimpleGenerationExample) {
    EXPECT_EQ(capsVerificationString(exodus()),
              "client/pc//Exodus 0.9.1<http://jabber.org/protocol/caps<http://jabber.org/protocol/disco#info<"
              "http://jabber.org/protocol/disco#items<http://jabber.org/protocol/muc<");
    EXPECT_EQ(capsVer(exodus()), "QgayPKawpkPSDYmwT/WM94uAlu0=");
}

TEST(Xep0115, IdentitiesSortedByCategoryTypeLang) {
    // §5.3's two identities (en first as given, el sorts first).
    DiscoInfo info;
    info.identities.push_back({"client", "pc", "Psi 0.11", "en"});
    info.identities.push_back({"client", "pc", "\xCE\xA8\xC2\xA0" "0.11", "el"});
    EXPECT_EQ(capsVerificationString(info), "client/pc/el/\xCE\xA8\xC2\xA0" "0.11<client/pc/en/Psi 0.11<");
    // Another identity of a lower category goes first whatever its order of insertion.
    info.identities.push_back({"account", "registered", "", ""});
    EXPECT_EQ(capsVerificationString(info).rfind("account/registered//<", 0), 0u);
}

TEST(Xep0115, CapsElementAsInThePresenceExample) {
    auto expected = xml::parseFrame("<presence from='romeo@montague.lit/orchard'><c xmlns='http://jabber.org/protocol/caps' "
                                    "hash='sha-1' node='http://code.google.com/p/exodus' ver='QgayPKawpkPSDYmwT/WM94uAlu0='/>"
                                    "</presence>",
                                    {}, ns::kClient);
    ASSERT_TRUE(expected.ok());
    xml::Element presence(ns::kClient, "presence");
    presence.setAttr("from", "romeo@montague.lit/orchard");
    presence.add(capsElement("http://code.google.com/p/exodus", capsVer(exodus())));
    EXPECT_TRUE(xml::equivalent(presence, *expected)) << xml::serialize(presence, ns::kClient);
}

TEST(Xep0115, VerChangesWithFeatures) {
    DiscoInfo a = exodus();
    DiscoInfo b = exodus();
    b.addFeature("eu.siacs.conversations.axolotl.devicelist+notify");
    EXPECT_NE(capsVer(a), capsVer(b));
    EXPECT_EQ(capsVer(a).size(), 28u);  // base64 of 20 bytes
}

}  // namespace
}  // namespace starling::xep
