// XEP-0352 Client State Indication on the XEP's examples.
#include "core/xep/xep0352_csi.h"

#include <gtest/gtest.h>

#include "core/stream/framing.h"
#include "xep_fixture.h"

namespace starling::xep {
namespace {

TEST(Xep0352Csi, NonzasAreExamples2And3) {
    EXPECT_TRUE(xml::equivalent(csiNonza(false), test::fixture("xep0352/02.xml")));
    EXPECT_TRUE(xml::equivalent(csiNonza(true), test::fixture("xep0352/03.xml")));
    EXPECT_EQ(xml::serialize(csiNonza(false), ns::kClient), "<inactive xmlns=\"urn:xmpp:csi:0\"/>");
}

TEST(Xep0352Csi, AdvertisedInStreamFeaturesOfExample1) {
    // Example 1 uses the stream: prefix; the same features as a framed (RFC 7395) element.
    auto features = xml::parseFrame(
        "<stream:features xmlns:stream='http://etherx.jabber.org/streams'><bind "
        "xmlns='urn:ietf:params:xml:ns:xmpp-bind'/><csi xmlns='urn:xmpp:csi:0'/></stream:features>",
        {}, ns::kClient);
    ASSERT_TRUE(features.ok());
    EXPECT_TRUE(csiAdvertised(*features));
    EXPECT_TRUE(stream::parseFeatures(*features).csi);
    features->removeChildren(ns::kCsi, "csi");
    EXPECT_FALSE(csiAdvertised(*features));
    EXPECT_FALSE(stream::parseFeatures(*features).csi);
}

}  // namespace
}  // namespace starling::xep
