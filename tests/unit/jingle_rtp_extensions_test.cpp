// The RTP extensions inside a Jingle <description/> the browsers need, on the XEPs' own XML:
// XEP-0293 rtcp-fb, XEP-0294 rtp-hdrext, XEP-0339 source/ssrc-group (§2, §3 examples) and XEP-0338
// grouping (§3 example); each parsed and written back as it was.
#include <gtest/gtest.h>

#include "core/xep/xep0166_jingle.h"
#include "xep_fixture.h"

namespace starling {
namespace {

TEST(JingleRtpExtensions, FeedbackHeaderExtensionsAndSourcesRoundTrip) {
    const xml::Element d = test::parseStanza(
        "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='video'>"
        "<payload-type id='96' name='VP8' clockrate='90000'>"
        "<rtcp-fb xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' type='nack'/>"
        "<rtcp-fb xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' type='nack' subtype='pli'/>"
        "<rtcp-fb-trr-int xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' value='100'/></payload-type>"
        "<payload-type id='97' name='rtx' clockrate='90000'><parameter name='apt' value='96'/></payload-type>"
        "<rtcp-fb xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' type='ccm' subtype='fir'/>"
        "<rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0' id='1' uri='urn:ietf:params:rtp-hdrext:toffset'/>"
        "<rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0' id='2' uri='urn:3gpp:video-orientation' senders='initiator'/>"
        "<extmap-allow-mixed xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0'/>"
        // XEP-0339 §2 and §3
        "<source xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' ssrc='1656081975'>"
        "<parameter name='cname' value='Yv/wvbCdsDW2Prgd'/>"
        "<parameter name='msid' value='MLTJKIHilGn71fNQoszkQ4jlPTuS5vJyKVIv MLTJKIHilGn71fNQoszkQ4jlPTuS5vJyKVIva0'/></source>"
        "<ssrc-group xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' semantics='FID'>"
        "<source ssrc='2301230316'/><source ssrc='386328120'/></ssrc-group>"
        "<bandwidth type='AS'>2000</bandwidth><rtcp-mux/></description>");
    auto r = xep::parseRtpDescription(d);
    ASSERT_TRUE(r);
    ASSERT_EQ(r->payloadTypes.size(), 2u);
    EXPECT_EQ(r->payloadTypes[0].feedback.fb, (std::vector<xep::RtcpFb>{{"nack", ""}, {"nack", "pli"}}));
    EXPECT_EQ(r->payloadTypes[0].feedback.trrInt, "100");
    EXPECT_EQ(r->feedback.fb, (std::vector<xep::RtcpFb>{{"ccm", "fir"}}));
    ASSERT_EQ(r->hdrext.extensions.size(), 2u);
    EXPECT_EQ(r->hdrext.extensions[1].senders, "initiator");
    EXPECT_TRUE(r->hdrext.allowMixed);
    ASSERT_EQ(r->sources.sources.size(), 1u);
    EXPECT_EQ(r->sources.sources[0].parameters.at(0), (std::pair<std::string, std::string>{"cname", "Yv/wvbCdsDW2Prgd"}));
    EXPECT_EQ(r->sources.groups.at(0).ssrcs, (std::vector<std::string>{"2301230316", "386328120"}));
    EXPECT_TRUE(r->rtcpMux);
    EXPECT_EQ(r->bandwidthType, "AS");
    EXPECT_EQ(r->bandwidth, "2000");
    const xml::Element back = xep::rtpDescriptionElement(*r);
    EXPECT_TRUE(xml::equivalent(back, d)) << xml::serialize(back);
    // Namespaces decide, never a lookalike: an rtcp-fb in the RTP namespace is no feedback.
    auto other = xep::parseRtpDescription(test::parseStanza(
        "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'><rtcp-fb type='nack'/></description>"));
    ASSERT_TRUE(other);
    EXPECT_TRUE(other->feedback.empty());
}

TEST(JingleRtpExtensions, BundleGroupOfXep0338) {
    const xml::Element j = test::parseStanza(
        "<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' initiator='a@b/c' sid='s'>"
        "<group xmlns='urn:xmpp:jingle:apps:grouping:0' semantics='BUNDLE'>"
        "<content name='voice'/><content name='webcam'/></group></jingle>");
    auto parsed = xep::parseJingle(j);
    ASSERT_TRUE(parsed);
    ASSERT_EQ(parsed->groups.size(), 1u);
    EXPECT_EQ(parsed->groups[0].semantics, "BUNDLE");
    EXPECT_EQ(parsed->groups[0].contents, (std::vector<std::string>{"voice", "webcam"}));
    EXPECT_TRUE(xml::equivalent(xep::jingleElement(*parsed), j));
}

}  // namespace
}  // namespace starling
