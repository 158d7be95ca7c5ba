#include "core/xep/xep0030_disco.h"

#include <gtest/gtest.h>

#include "core/xml/ns.h"
#include "xep_fixture.h"

namespace starling::xep {
namespace {

using test::parseStanza;

TEST(Xep0030, AnswersInfoRequestWithIdentityAndFeatures) {
    // XEP-0030 Example 1, addressed to us.
    auto request = parseStanza("<iq type='get' from='romeo@montague.net/orchard' to='juliet@capulet.com/balcony' "
                               "id='info1'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
    ASSERT_TRUE(isDiscoInfoRequest(request));
    DiscoInfo info = starlingDiscoInfo();
    info.addFeature("urn:xmpp:ping");
    info.addFeature("urn:xmpp:ping");  // once only
    auto reply = discoInfoResult(request, info);
    auto expected = parseStanza(
        "<iq type='result' to='romeo@montague.net/orchard' id='info1'>"
        "<query xmlns='http://jabber.org/protocol/disco#info'>"
        "<identity category='client' type='web' name='Starling'/>"
        "<feature var='http://jabber.org/protocol/disco#info'/><feature var='urn:xmpp:ping'/>"
        "</query></iq>");
    EXPECT_TRUE(xml::equivalent(reply, expected)) << xml::serialize(reply, ns::kClient);
}

TEST(Xep0030, EchoesNodeAndParsesInfo) {
    auto request = parseStanza("<iq type='get' from='a@b/c' id='n1'><query xmlns='http://jabber.org/protocol/disco#info' "
                               "node='https://starling.example#abc='/></iq>");
    auto reply = discoInfoResult(request, starlingDiscoInfo());
    const xml::Element* query = reply.child(ns::kDiscoInfo, "query");
    ASSERT_NE(query, nullptr);
    EXPECT_EQ(query->attr("node"), "https://starling.example#abc=");
    DiscoInfo parsed = parseDiscoInfo(*query);
    ASSERT_EQ(parsed.identities.size(), 1u);
    EXPECT_EQ(parsed.identities[0].name, "Starling");
    EXPECT_TRUE(parsed.hasFeature(ns::kDiscoInfo));
    EXPECT_FALSE(isDiscoInfoRequest(parseStanza("<iq type='set' id='x'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>")));
    EXPECT_FALSE(isDiscoInfoRequest(parseStanza("<iq type='get' id='x'><query xmlns='http://jabber.org/protocol/disco#items'/></iq>")));
}

}  // namespace
}  // namespace starling::xep
