// XEP-0215 External Service Discovery on the XEP's example 2: the services with their credentials, and
// the ICE server URLs the browser gets from them.
#include "core/xep/xep0215_external_services.h"

#include <gtest/gtest.h>

#include "xep_fixture.h"

namespace starling {
namespace {

TEST(Xep0215ExternalServices, ServicesOfExample2) {
    auto services = xep::parseExternalServices(test::fixture("xep0215/02.xml"));
    ASSERT_TRUE(services);
    ASSERT_EQ(services->size(), 5u);
    const xep::ExternalService& turn = (*services)[1];
    EXPECT_EQ(turn.type, "turn");
    EXPECT_EQ(turn.host, "relay.shakespeare.lit");
    EXPECT_EQ(turn.username, "nb78932lkjlskjfdb7g8");
    EXPECT_EQ(turn.password, "jj929jkj5sadjfj93v3n");
    EXPECT_EQ(xep::iceServerUrl((*services)[0]), "stun:stun.shakespeare.lit:9998");
    EXPECT_EQ(xep::iceServerUrl(turn), "turn:relay.shakespeare.lit:9999?transport=udp");
    EXPECT_EQ(xep::iceServerUrl((*services)[4]), "");  // ftp is no ICE server
    xep::ExternalService v6;
    v6.type = "stun", v6.host = "2001:db8::1", v6.port = "3478";
    EXPECT_EQ(xep::iceServerUrl(v6), "stun:[2001:db8::1]:3478");
}

TEST(Xep0215ExternalServices, RequestAndWhatIsNoAnswer) {
    const xml::Element iq = xep::externalServicesIq("shakespeare.lit");
    EXPECT_TRUE(xml::equivalent(iq, test::parseStanza(
        "<iq type='get' to='shakespeare.lit'><services xmlns='urn:xmpp:extdisco:2'/></iq>"))) << xml::serialize(iq);
    EXPECT_FALSE(xep::parseExternalServices(test::parseStanza("<iq type='result'/>")));
    EXPECT_FALSE(xep::parseExternalServices(test::parseStanza(
        "<iq type='result'><services xmlns='urn:xmpp:extdisco:1'/></iq>")));
    auto partial = xep::parseExternalServices(test::parseStanza(
        "<iq type='result'><services xmlns='urn:xmpp:extdisco:2'><service type='stun'/>"
        "<service host='h' type='turn' restricted='true'/></services></iq>"));
    ASSERT_TRUE(partial);
    ASSERT_EQ(partial->size(), 1u);
    EXPECT_TRUE((*partial)[0].restricted);
}

}  // namespace
}  // namespace starling
