// XEP-0166 Jingle with XEP-0167 RTP descriptions, XEP-0176 ICE-UDP transports and XEP-0320 DTLS
// fingerprints, on the XEPs' own examples: parsed into values, and those values written back give the
// example's <jingle/> again.
#include "core/xep/xep0166_jingle.h"

#include <gtest/gtest.h>

#include "xep_fixture.h"

namespace starling {
namespace {

using test::fixture;

const xml::Element& jingleOf(const xml::Element& iq) {
    static const xml::Element none;
    const xml::Element* j = iq.child(ns::kJingle, "jingle");
    EXPECT_TRUE(j) << xml::serialize(iq);
    return j ? *j : none;
}

void expectRoundTrip(const char* name) {
    const xml::Element iq = fixture(name);
    auto j = xep::parseJingle(jingleOf(iq));
    ASSERT_TRUE(j) << name;
    const xml::Element back = xep::jingleElement(*j);
    EXPECT_TRUE(xml::equivalent(back, jingleOf(iq))) << name << "\n" << xml::serialize(back);
}

TEST(Xep0166Jingle, SessionInitiateOfExample4) {
    auto j = xep::parseJingle(jingleOf(fixture("xep0166/04.xml")));
    ASSERT_TRUE(j);
    EXPECT_EQ(j->action, xep::JingleAction::SessionInitiate);
    EXPECT_EQ(j->sid, "a73sjjvkla37jfea");
    EXPECT_EQ(j->initiator, "romeo@montague.lit/orchard");
    ASSERT_EQ(j->contents.size(), 1u);
    const auto& c = j->contents[0];
    EXPECT_EQ(c.name, "voice");
    EXPECT_EQ(c.creator, "initiator");
    ASSERT_TRUE(c.description);
    EXPECT_EQ(c.description->media, "audio");
    ASSERT_EQ(c.description->payloadTypes.size(), 6u);
    EXPECT_EQ(c.description->payloadTypes[4].name, "L16");
    EXPECT_EQ(c.description->payloadTypes[4].channels, "2");
    EXPECT_EQ(c.description->payloadTypes[2].clockrate, "");
    ASSERT_TRUE(c.transport);
    EXPECT_EQ(c.transport->ufrag, "8hhy");
    EXPECT_EQ(c.transport->pwd, "asd88fgpdd777uzjYhagZg");
    ASSERT_EQ(c.transport->candidates.size(), 2u);
    EXPECT_EQ(c.transport->candidates[1].type, "srflx");
    EXPECT_EQ(c.transport->candidates[1].relAddr, "10.0.1.1");
    EXPECT_EQ(c.transport->candidates[1].relPort, "8998");
    EXPECT_FALSE(c.transport->fingerprint);
    expectRoundTrip("xep0166/04.xml");
}

TEST(Xep0166Jingle, TerminateWithReasonOfExample20) {
    auto j = xep::parseJingle(jingleOf(fixture("xep0166/20.xml")));
    ASSERT_TRUE(j);
    EXPECT_EQ(j->action, xep::JingleAction::SessionTerminate);
    ASSERT_TRUE(j->reason);
    EXPECT_EQ(j->reason->condition, "busy");
    expectRoundTrip("xep0166/20.xml");
}

TEST(Xep0166Jingle, RtpSessionInfoAndParametersOfXep0167) {
    auto ringing = xep::parseJingle(jingleOf(fixture("xep0167/13.xml")));
    ASSERT_TRUE(ringing);
    EXPECT_EQ(ringing->action, xep::JingleAction::SessionInfo);
    EXPECT_EQ(ringing->info, "ringing");
    expectRoundTrip("xep0167/13.xml");
    auto params = xep::parseJingle(jingleOf(fixture("xep0167/14.xml")));
    ASSERT_TRUE(params);
    const auto& pt = params->contents.at(0).description->payloadTypes.at(0);
    EXPECT_EQ(pt.parameters, (std::vector<std::pair<std::string, std::string>>{{"height", "768"}, {"width", "1024"}}));
    expectRoundTrip("xep0167/14.xml");
}

TEST(Xep0166Jingle, TrickledCandidateOfXep0176) {
    auto j = xep::parseJingle(jingleOf(fixture("xep0176/05.xml")));
    ASSERT_TRUE(j);
    EXPECT_EQ(j->action, xep::JingleAction::TransportInfo);
    const auto& k = j->contents.at(0).transport->candidates.at(0);
    EXPECT_EQ(k.ip, "2001:db8::9:1");
    EXPECT_EQ(k.network, "0");
    EXPECT_FALSE(j->contents[0].description);
    expectRoundTrip("xep0176/05.xml");
}

TEST(Xep0166Jingle, DtlsFingerprintsOfXep0320) {
    auto offer = xep::parseJingle(jingleOf(fixture("xep0320/01.xml")));
    ASSERT_TRUE(offer);
    const auto& f = offer->contents.at(0).transport->fingerprint;
    ASSERT_TRUE(f);
    EXPECT_EQ(f->hash, "sha-256");
    EXPECT_EQ(f->setup, "actpass");
    EXPECT_EQ(f->value, "02:1A:CC:54:27:AB:EB:9C:53:3F:3E:4B:65:2E:7D:46:3F:54:42:CD:54:F1:7A:03:A2:7D:F9:B0:7F:46:19:B2");
    expectRoundTrip("xep0320/01.xml");
    auto answer = xep::parseJingle(jingleOf(fixture("xep0320/02.xml")));
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->responder, "juliet@capulet.lit/balcony");
    EXPECT_EQ(answer->contents.at(0).transport->fingerprint->setup, "active");
    expectRoundTrip("xep0320/02.xml");
}

TEST(Xep0166Jingle, RefusesWhatIsNotASessionAndMarksForeignContent) {
    EXPECT_FALSE(xep::parseJingle(test::parseStanza("<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate'/>")));
    EXPECT_FALSE(xep::parseJingle(test::parseStanza("<jingle xmlns='urn:xmpp:jingle:1' action='dance' sid='s'/>")));
    EXPECT_FALSE(xep::parseJingle(test::parseStanza("<jingle xmlns='urn:xmpp:jingle:0' action='session-initiate' sid='s'/>")));
    EXPECT_FALSE(xep::parseJingle(test::parseStanza(
        "<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='s'><content creator='initiator'/></jingle>")));
    auto files = xep::parseJingle(test::parseStanza(
        "<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='s'><content creator='initiator' name='f'>"
        "<description xmlns='urn:xmpp:jingle:apps:file-transfer:5'/>"
        "<transport xmlns='urn:xmpp:jingle:transports:s5b:1'/></content></jingle>"));
    ASSERT_TRUE(files);
    EXPECT_TRUE(files->contents.at(0).otherApplication);
    EXPECT_TRUE(files->contents.at(0).otherTransport);
    // A candidate without an address is dropped, the others kept.
    auto t = xep::parseIceUdpTransport(test::parseStanza(
        "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='u' pwd='p'>"
        "<candidate component='1' foundation='1' port='1' priority='1' id='a' type='host'/>"
        "<candidate component='1' foundation='1' ip='10.0.0.1' port='1' priority='1' id='b' type='host'/></transport>"));
    ASSERT_TRUE(t);
    ASSERT_EQ(t->candidates.size(), 1u);
    EXPECT_EQ(t->candidates[0].id, "b");
}

}  // namespace
}  // namespace starling
