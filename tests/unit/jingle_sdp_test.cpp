// The Jingle ⇄ SDP translation (src/core/calls/jingle_sdp.h): on a Chromium 120 offer and answer
// (tests/fixtures/sdp/, written in Chromium 120's form: see the README there), on the XEPs' own Jingle
// examples, and on trickled candidates both ways; what a peer's Jingle holds never adds an SDP line.
#include "core/calls/jingle_sdp.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "core/calls/sdp_lines.h"
#include "xep_fixture.h"

namespace starling {
namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

std::string sdpFixture(const std::string& name) {
    std::ifstream in(std::string(STARLING_FIXTURES_DIR) + "/sdp/" + name, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    EXPECT_FALSE(ss.str().empty()) << name;
    return ss.str();
}

// The SDP's lines split into the session part and one part per m= section.
std::vector<std::vector<std::string>> sections(const std::string& sdp) {
    std::vector<std::vector<std::string>> out(1);
    for (auto line : calls::sdpLines(sdp)) {
        if (line.substr(0, 2) == "m=") out.emplace_back();
        out.back().emplace_back(line);
    }
    return out;
}

// SDP → Jingle (as XML and back, as it crosses the wire) → SDP keeps every line the browser wrote in the
// section it wrote it, and adds only what it may: o= (ours), msid-semantic, and a source's msid.
void expectRoundTrip(const std::string& sdp, bool byInitiator) {
    auto jingle = calls::jingleFromSdp(sdp, byInitiator);
    ASSERT_TRUE(jingle) << jingle.error().message;
    xep::Jingle j;
    j.action = xep::JingleAction::SessionInitiate;
    j.sid = "s1";
    j.contents = jingle->contents;
    j.groups = jingle->groups;
    auto wire = xep::parseJingle(test::parseStanza(xml::serialize(xep::jingleElement(j))));
    ASSERT_TRUE(wire);
    auto back = calls::sdpFromJingle(wire->contents, wire->groups, byInitiator, "s1");
    ASSERT_TRUE(back) << back.error().message;
    const auto before = sections(sdp), after = sections(*back);
    ASSERT_EQ(before.size(), after.size()) << *back;
    for (std::size_t i = 0; i < before.size(); ++i) {
        const std::set<std::string> had(before[i].begin(), before[i].end()), has(after[i].begin(), after[i].end());
        for (const auto& line : before[i]) {
            if (line.starts_with("o=") || line.starts_with("a=msid-semantic")) continue;
            EXPECT_TRUE(has.count(line)) << "section " << i << " lost: " << line << "\n" << *back;
        }
        for (const auto& line : after[i]) {
            if (line.starts_with("o=") || line.starts_with("a=msid-semantic")) continue;
            if (line.starts_with("a=ssrc:") && line.find(" msid:") != std::string::npos) continue;
            EXPECT_TRUE(had.count(line)) << "section " << i << " gained: " << line;
        }
    }
}

TEST(JingleSdp, ChromiumOfferBecomesJingleContents) {
    auto j = calls::jingleFromSdp(sdpFixture("chromium120-offer.sdp"), true);
    ASSERT_TRUE(j) << j.error().message;
    ASSERT_EQ(j->groups.size(), 1u);
    EXPECT_EQ(j->groups[0].semantics, "BUNDLE");
    EXPECT_EQ(j->groups[0].contents, (std::vector<std::string>{"0", "1"}));
    ASSERT_EQ(j->contents.size(), 2u);
    const auto& audio = j->contents[0];
    EXPECT_EQ(audio.name, "0");
    EXPECT_EQ(audio.creator, "initiator");
    EXPECT_EQ(audio.senders, "");  // both
    ASSERT_TRUE(audio.description && audio.transport);
    EXPECT_EQ(audio.description->media, "audio");
    EXPECT_TRUE(audio.description->rtcpMux);
    EXPECT_TRUE(audio.description->hdrext.allowMixed);
    ASSERT_EQ(audio.description->payloadTypes.size(), 8u);
    const auto& opus = audio.description->payloadTypes[0];
    EXPECT_EQ(opus.id, "111");
    EXPECT_EQ(opus.name, "opus");
    EXPECT_EQ(opus.clockrate, "48000");
    EXPECT_EQ(opus.channels, "2");
    EXPECT_EQ(opus.parameters, (Params{{"minptime", "10"}, {"useinbandfec", "1"}}));
    EXPECT_EQ(opus.feedback.fb, (std::vector<xep::RtcpFb>{{"transport-cc", ""}}));
    EXPECT_EQ(audio.description->payloadTypes[1].parameters, (Params{{"", "111/111"}}));  // red
    EXPECT_EQ(audio.description->hdrext.extensions.size(), 4u);
    EXPECT_EQ(audio.transport->ufrag, "Zx3q");
    EXPECT_EQ(audio.transport->pwd, "Vb8Gm5rT2kLqW9yN0pHs4dEf");
    ASSERT_TRUE(audio.transport->fingerprint);
    EXPECT_EQ(audio.transport->fingerprint->hash, "sha-256");
    EXPECT_EQ(audio.transport->fingerprint->setup, "actpass");
    ASSERT_EQ(audio.description->sources.sources.size(), 1u);
    EXPECT_EQ(audio.description->sources.sources[0].ssrc, "2718281828");

    const auto& video = j->contents[1];
    EXPECT_EQ(video.description->media, "video");
    ASSERT_EQ(video.description->payloadTypes.size(), 19u);
    const auto& rtx = video.description->payloadTypes[1];
    EXPECT_EQ(rtx.name, "rtx");
    EXPECT_EQ(rtx.parameters, (Params{{"apt", "96"}}));
    EXPECT_EQ(video.description->payloadTypes[0].feedback.fb.size(), 5u);
    EXPECT_EQ(video.description->payloadTypes[6].parameters,
              (Params{{"level-asymmetry-allowed", "1"}, {"packetization-mode", "1"}, {"profile-level-id", "42001f"}}));
    ASSERT_EQ(video.description->sources.groups.size(), 1u);
    EXPECT_EQ(video.description->sources.groups[0].semantics, "FID");
    EXPECT_EQ(video.description->sources.groups[0].ssrcs, (std::vector<std::string>{"1414213562", "1732050807"}));
    EXPECT_EQ(video.description->sources.sources.size(), 2u);
}

TEST(JingleSdp, ChromiumAnswerMapsDirectionAndMsidForTheResponder) {
    auto j = calls::jingleFromSdp(sdpFixture("chromium120-answer.sdp"), false);
    ASSERT_TRUE(j) << j.error().message;
    ASSERT_EQ(j->contents.size(), 2u);
    EXPECT_EQ(j->contents[0].transport->fingerprint->setup, "active");
    // recvonly in the responder's answer: only the initiator sends video.
    EXPECT_EQ(j->contents[1].senders, "initiator");
    // The answer's a=msid reaches the source (Conversations and Dino read the track from there).
    const auto& params = j->contents[0].description->sources.sources.at(0).parameters;
    EXPECT_EQ(params, (Params{{"cname", "Hs5Lr8Pq2Vx0Nw7c"},
                              {"msid", "8a7b6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c2d 0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"}}));
}

TEST(JingleSdp, ChromiumOfferRoundTripKeepsEveryLine) { expectRoundTrip(sdpFixture("chromium120-offer.sdp"), true); }
TEST(JingleSdp, ChromiumAnswerRoundTripKeepsEveryLine) { expectRoundTrip(sdpFixture("chromium120-answer.sdp"), false); }

TEST(JingleSdp, Xep0320SessionInitiateBecomesAnOfferTheBrowserTakes) {
    auto j = xep::parseJingle(*test::fixture("xep0320/01.xml").child(ns::kJingle, "jingle"));
    ASSERT_TRUE(j);
    auto sdp = calls::sdpFromJingle(j->contents, j->groups, true, j->sid);
    ASSERT_TRUE(sdp) << sdp.error().message;
    const auto s = sections(*sdp);
    ASSERT_EQ(s.size(), 2u);
    const std::vector<std::string> expected = {
        "m=audio 9 UDP/TLS/RTP/SAVPF 96 97 18 103 98",
        "a=candidate:1 1 udp 2130706431 10.0.1.1 8998 typ host generation 0 network-id 1",
        "a=candidate:2 1 udp 1694498815 192.0.2.3 45664 typ srflx raddr 10.0.1.1 rport 8998 generation 0 network-id 1",
        "a=ice-ufrag:8hhy",
        "a=ice-pwd:asd88fgpdd777uzjYhagZg",
        "a=fingerprint:sha-256 02:1A:CC:54:27:AB:EB:9C:53:3F:3E:4B:65:2E:7D:46:3F:54:42:CD:54:F1:7A:03:A2:7D:F9:B0:7F:46:19:B2",
        "a=setup:actpass",
        "a=mid:voice",
        "a=sendrecv",
        "a=rtpmap:96 speex/16000",
        "a=rtpmap:18 G729/8000",
        "a=rtpmap:103 L16/16000/2",
    };
    for (const auto& line : expected)
        EXPECT_NE(std::find(s[1].begin(), s[1].end(), line), s[1].end()) << line << "\n" << *sdp;
    EXPECT_EQ(s[0].at(0), "v=0");
}

TEST(JingleSdp, CandidatesBothWays) {
    const std::string chromium =
        "candidate:842163049 1 udp 1677729535 203.0.113.7 46154 typ srflx raddr 192.168.1.20 rport 46154 "
        "generation 0 ufrag Zx3q network-id 1 network-cost 10";
    auto k = calls::candidateFromSdp(chromium, "k1");
    ASSERT_TRUE(k);
    EXPECT_EQ(k->foundation, "842163049");
    EXPECT_EQ(k->component, "1");
    EXPECT_EQ(k->protocol, "udp");
    EXPECT_EQ(k->priority, "1677729535");
    EXPECT_EQ(k->ip, "203.0.113.7");
    EXPECT_EQ(k->port, "46154");
    EXPECT_EQ(k->type, "srflx");
    EXPECT_EQ(k->relAddr, "192.168.1.20");
    EXPECT_EQ(k->relPort, "46154");
    EXPECT_EQ(k->network, "1");
    EXPECT_EQ(k->id, "k1");
    EXPECT_EQ(calls::candidateToSdp(*k),
              "candidate:842163049 1 udp 1677729535 203.0.113.7 46154 typ srflx raddr 192.168.1.20 rport 46154 "
              "generation 0 network-id 1");
    auto tcp = calls::candidateFromSdp("a=candidate:3 1 TCP 1518280447 192.168.1.20 9 typ host tcptype active generation 0", "k2");
    ASSERT_TRUE(tcp);
    EXPECT_EQ(tcp->protocol, "tcp");
    EXPECT_EQ(tcp->tcptype, "active");
    // XEP-0176 example 5's trickled IPv6 candidate.
    auto j = xep::parseJingle(*test::fixture("xep0176/05.xml").child(ns::kJingle, "jingle"));
    ASSERT_TRUE(j);
    EXPECT_EQ(calls::candidateToSdp(j->contents.at(0).transport->candidates.at(0)),
              "candidate:1 1 udp 21149780477 2001:db8::9:1 9001 typ host generation 0");
    EXPECT_FALSE(calls::candidateFromSdp("candidate:1 1 udp 1 10.0.0.1 9", "x"));
    EXPECT_FALSE(calls::candidateFromSdp("a=mid:0", "x"));
    EXPECT_FALSE(calls::candidateFromSdp("candidate:1 1 udp 1 10.0.0.1 port typ host", "x"));
}

TEST(JingleSdp, WhatThePeerSendsNeverAddsALine) {
    auto j = calls::jingleFromSdp(sdpFixture("chromium120-answer.sdp"), false);
    ASSERT_TRUE(j);
    auto contents = j->contents;
    contents[0].description->payloadTypes[0].name = "opus/48000\r\na=evil";
    contents[0].description->payloadTypes[0].parameters.emplace_back("x", "1\r\na=evil");
    contents[0].description->hdrext.extensions.push_back({"9", "urn:x a=evil", ""});
    contents[0].description->sources.sources.push_back({"5", {{"cname", "c\na=evil"}}});
    xep::IceCandidate bad;
    bad.component = "1", bad.foundation = "1", bad.ip = "10.0.0.1\na=evil", bad.port = "1", bad.priority = "1", bad.type = "host";
    contents[0].transport->candidates.push_back(bad);
    auto sdp = calls::sdpFromJingle(contents, j->groups, false, "s");
    ASSERT_TRUE(sdp) << sdp.error().message;
    EXPECT_EQ(sdp->find("evil"), std::string::npos) << *sdp;
    EXPECT_EQ(sdp->find("a=rtpmap:111 "), std::string::npos);  // that payload type is left out
    EXPECT_NE(sdp->find("a=rtpmap:63 red/48000/2"), std::string::npos);
    auto noUfrag = contents;
    noUfrag[1].transport->ufrag = "u\r\na=evil";
    EXPECT_FALSE(calls::sdpFromJingle(noUfrag, j->groups, false, "s"));
    auto noFingerprint = contents;
    noFingerprint[1].transport->fingerprint.reset();
    EXPECT_FALSE(calls::sdpFromJingle(noFingerprint, j->groups, false, "s"));
    EXPECT_FALSE(calls::jingleFromSdp("v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 0\r\na=mid:0\r\n", true));  // no ICE, no DTLS
}

// StanzaJS 12.22's session-accept for video (as it crossed Prosody): one <source> with a CNAME only, and an
// FID group naming the retransmission SSRC it never lists. Chromium refuses a group naming an unknown SSRC
// ("Failed to add remote stream ssrc"): the SSRC gets a line with the group's CNAME. A group with nothing
// to take a CNAME from is left out.
TEST(JingleSdp, AGroupNamingAnUnlistedSsrcGetsItsLineOrIsLeftOut) {
    const std::string xmlText =
        R"(<jingle xmlns="urn:xmpp:jingle:1" action="session-accept" sid="s1" initiator="a@x/1" responder="b@x/stanza">)"
        R"(<content creator="initiator" name="1"><description xmlns="urn:xmpp:jingle:apps:rtp:1" media="video">)"
        R"(<payload-type id="96" name="VP8" clockrate="90000"/><payload-type id="97" name="rtx" clockrate="90000"><parameter name="apt" value="96"/></payload-type>)"
        R"(<source xmlns="urn:xmpp:jingle:apps:rtp:ssma:0" ssrc="3903260851"><parameter name="cname" value="XXOZIxAryKYRLSVw"/></source>)"
        R"(<ssrc-group xmlns="urn:xmpp:jingle:apps:rtp:ssma:0" semantics="FID"><source ssrc="3903260851"/><source ssrc="2875036064"/></ssrc-group>)"
        R"(<ssrc-group xmlns="urn:xmpp:jingle:apps:rtp:ssma:0" semantics="SIM"><source ssrc="11"/><source ssrc="12"/></ssrc-group>)"
        R"(<rtcp-mux/></description>)"
        R"(<transport xmlns="urn:xmpp:jingle:transports:ice-udp:1" ufrag="DaSH" pwd="QXNoVUf6AovKsBqcZc64HM0h">)"
        R"(<fingerprint xmlns="urn:xmpp:jingle:apps:dtls:0" hash="sha-256" setup="active">35:89:0D</fingerprint></transport></content></jingle>)";
    auto j = xep::parseJingle(test::parseStanza(xmlText));
    ASSERT_TRUE(j);
    auto sdp = calls::sdpFromJingle(j->contents, j->groups, false, j->sid);
    ASSERT_TRUE(sdp) << sdp.error().message;
    const auto s = sections(*sdp);
    ASSERT_EQ(s.size(), 2u);
    for (const std::string line : {"a=ssrc-group:FID 3903260851 2875036064", "a=ssrc:3903260851 cname:XXOZIxAryKYRLSVw",
                                   "a=ssrc:2875036064 cname:XXOZIxAryKYRLSVw"})
        EXPECT_NE(std::find(s[1].begin(), s[1].end(), line), s[1].end()) << line << "\n" << *sdp;
    EXPECT_EQ(sdp->find("SIM"), std::string::npos) << "no CNAME to give 11 and 12: the group is left out";
    EXPECT_EQ(sdp->find("a=ssrc:11"), std::string::npos);
}

}  // namespace
}  // namespace starling
