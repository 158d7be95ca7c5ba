// The call state machine (src/core/calls/call_session.h) driven by hand, with injected time: XEP-0353
// calls both ways (all devices ring, the first proceed wins, our other device's answer stops our
// ringing), direct Jingle calls to and from a full JID (StanzaJS), busy, decline, no answer, the peer's
// session-terminate and unavailable presence, timeouts, and Jingle from anyone but the peer refused.
#include "core/calls/call_session.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/calls/jingle_sdp.h"
#include "xep_fixture.h"

namespace starling {
namespace {

using model::CallState;
using Kind = model::CallMediaEvent::Kind;

constexpr const char* kOwn = "romeo@montague.lit/orchard";
constexpr const char* kJuliet = "juliet@capulet.lit";
constexpr const char* kPhone = "juliet@capulet.lit/phone";
constexpr const char* kTablet = "juliet@capulet.lit/tablet";
constexpr const char* kCandidate =
    "candidate:842163049 1 udp 1677729535 203.0.113.7 46154 typ srflx raddr 192.168.1.20 rport 46154 generation 0";

std::string sdpFixture(const std::string& name) {
    std::ifstream in(std::string(STARLING_FIXTURES_DIR) + "/sdp/" + name, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

xep::Jmi jmi(xep::JmiAction action, const std::string& id, std::optional<std::string> reason = std::nullopt) {
    xep::Jmi j;
    j.action = action;
    j.id = id;
    if (action == xep::JmiAction::Propose) j.media = {"audio", "video"};
    if (reason) j.reason = xep::JingleReason{*reason, ""};
    return j;
}

// A Jingle action of `sdp` (as Chromium wrote it) for session `sid`.
xep::Jingle jingleOf(xep::JingleAction action, const std::string& sid, const std::string& sdp, bool byInitiator) {
    xep::Jingle j;
    j.action = action;
    j.sid = sid;
    auto t = calls::jingleFromSdp(sdp, byInitiator);
    EXPECT_TRUE(t);
    if (t) {
        j.contents = t->contents;
        j.groups = t->groups;
    }
    return j;
}

xep::Jingle candidateInfo(const std::string& sid, const std::string& mid) {
    xep::Jingle j;
    j.action = xep::JingleAction::TransportInfo;
    j.sid = sid;
    xep::JingleContent c;
    c.name = mid;
    c.transport = xep::IceUdpTransport{"u", "p", {*calls::candidateFromSdp(kCandidate, "k")}, std::nullopt};
    j.contents.push_back(c);
    return j;
}

xep::Jingle terminate(const std::string& sid, const std::string& condition) {
    xep::Jingle j;
    j.action = xep::JingleAction::SessionTerminate;
    j.sid = sid;
    j.reason = xep::JingleReason{condition, ""};
    return j;
}

class CallSession : public ::testing::Test {
protected:
    int ids = 0;
    calls::CallSession s{{[] { return std::string(kOwn); }, [this] { return "id" + std::to_string(++ids); },
                          [](const std::string& bare) { return bare == kJuliet; }}};

    std::vector<calls::OutStanza> sent() { return s.takeStanzas(); }
    std::vector<model::CallMediaEvent> events() { return s.takeMediaEvents(); }
    const model::Call& call() const { return s.call(); }

    // The one stanza sent: its JMI (or nothing).
    static std::optional<xep::Jmi> jmiOf(const calls::OutStanza& out) { return xep::parseJmi(out.stanza); }
    static std::optional<xep::Jingle> jingleSent(const calls::OutStanza& out) {
        const xml::Element* j = out.stanza.child(ns::kJingle, "jingle");
        return j ? xep::parseJingle(*j) : std::nullopt;
    }

    // Juliet rings (our proposal) and her phone proceeds: Connecting, the browser asked for an offer.
    void callJulietAndPhoneProceeds() {
        ASSERT_TRUE(s.start(kJuliet, true, 0));
        sent();
        s.onJmi(kPhone, kOwn, jmi(xep::JmiAction::Proceed, "id1"), false, 1000);
        ASSERT_EQ(call().state, CallState::Connecting);
        auto e = events();
        ASSERT_EQ(e.size(), 1u);
        EXPECT_EQ(e[0].kind, Kind::CreateOffer);
        EXPECT_TRUE(e[0].video);
    }

    // Romeo's proposal rings here (we are Juliet's device for these tests, but the JIDs are the same).
    void proposalFrom(const std::string& from, const std::string& id) {
        s.onJmi(from, kJuliet, jmi(xep::JmiAction::Propose, id), false, 0);
    }
};

TEST_F(CallSession, OurProposalRingsEveryDeviceAndTheFirstProceedWins) {
    ASSERT_TRUE(s.start(kJuliet, true, 0));
    EXPECT_EQ(call().state, CallState::Outgoing);
    EXPECT_TRUE(call().jmi);
    EXPECT_EQ(call().peer, kJuliet);
    auto out = sent();
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].stanza.attr("to"), kJuliet);  // the bare JID: every device rings
    EXPECT_EQ(out[0].stanza.attr("type"), "chat");
    EXPECT_TRUE(out[0].stanza.child(ns::kHints, "store"));
    auto propose = jmiOf(out[0]);
    ASSERT_TRUE(propose);
    EXPECT_EQ(propose->action, xep::JmiAction::Propose);
    EXPECT_EQ(propose->media, (std::vector<std::string>{"audio", "video"}));
    EXPECT_TRUE(events().empty());  // no media before someone answers
    EXPECT_FALSE(s.start("mercutio@verona.lit", false, 0)) << "one call at a time";

    s.onJmi(kTablet, kOwn, jmi(xep::JmiAction::Ringing, "id1"), false, 500);
    EXPECT_TRUE(call().peerRinging);
    s.onJmi(kPhone, kOwn, jmi(xep::JmiAction::Proceed, "id1"), false, 1000);
    EXPECT_EQ(call().state, CallState::Connecting);
    EXPECT_EQ(call().peer, kPhone);
    s.onJmi(kTablet, kOwn, jmi(xep::JmiAction::Proceed, "id1"), false, 1100);  // too late
    EXPECT_EQ(call().peer, kPhone);
    auto e = events();
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0].kind, Kind::CreateOffer);

    // A candidate the browser found before we sent the offer waits for it.
    EXPECT_TRUE(s.localCandidate("0", kCandidate));
    EXPECT_TRUE(sent().empty());
    ASSERT_TRUE(s.localDescription(sdpFixture("chromium120-offer.sdp"), 1200));
    out = sent();
    ASSERT_EQ(out.size(), 2u);
    EXPECT_TRUE(out[0].iq);
    EXPECT_EQ(out[0].stanza.attr("to"), kPhone);
    auto initiate = jingleSent(out[0]);
    ASSERT_TRUE(initiate);
    EXPECT_EQ(initiate->action, xep::JingleAction::SessionInitiate);
    EXPECT_EQ(initiate->sid, "id1");  // the proposal's id
    EXPECT_EQ(initiate->initiator, kOwn);
    EXPECT_EQ(initiate->contents.size(), 2u);
    EXPECT_EQ(initiate->groups.at(0).semantics, "BUNDLE");
    auto info = jingleSent(out[1]);
    ASSERT_TRUE(info);
    EXPECT_EQ(info->action, xep::JingleAction::TransportInfo);
    EXPECT_EQ(info->contents.at(0).name, "0");
    EXPECT_EQ(info->contents.at(0).transport->ufrag, "Zx3q");
    EXPECT_EQ(info->contents.at(0).transport->candidates.at(0).ip, "203.0.113.7");

    // Her candidate comes before her answer: it waits for the answer.
    EXPECT_TRUE(s.onJingle(kPhone, candidateInfo("id1", "0"), 1300).ok());
    EXPECT_TRUE(events().empty());
    auto accept = jingleOf(xep::JingleAction::SessionAccept, "id1", sdpFixture("chromium120-answer.sdp"), false);
    EXPECT_TRUE(s.onJingle(kPhone, accept, 1400).ok());
    e = events();
    ASSERT_EQ(e.size(), 2u);
    EXPECT_EQ(e[0].kind, Kind::RemoteAnswer);
    EXPECT_NE(e[0].sdp.find("a=setup:active"), std::string::npos);
    EXPECT_NE(e[0].sdp.find("a=recvonly"), std::string::npos);
    EXPECT_EQ(e[1].kind, Kind::RemoteCandidate);
    EXPECT_EQ(e[1].mid, "0");
    EXPECT_EQ(e[1].candidate, kCandidate);

    s.mediaConnected(2000);
    EXPECT_EQ(call().state, CallState::Connected);
    EXPECT_EQ(call().connectedMs, 2000);
    ASSERT_TRUE(s.hangUp(62000));
    out = sent();
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(jingleSent(out[0])->reason->condition, "success");
    auto finish = jmiOf(out[1]);
    ASSERT_TRUE(finish);
    EXPECT_EQ(finish->action, xep::JmiAction::Finish);
    EXPECT_EQ(out[1].stanza.attr("to"), kPhone);
    EXPECT_EQ(call().state, CallState::Ended);
    EXPECT_EQ(call().reason, "success");
    EXPECT_FALSE(call().endedByPeer);
    e = events();
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0].kind, Kind::Close);
}

TEST_F(CallSession, NobodyAnswersAndTheProposalIsRetractedAfter45Seconds) {
    ASSERT_TRUE(s.start(kJuliet, false, 1000));
    sent();
    s.onTimer(1000 + calls::kRingTimeoutMs - 1);
    EXPECT_EQ(call().state, CallState::Outgoing);
    EXPECT_TRUE(sent().empty());
    s.onTimer(1000 + calls::kRingTimeoutMs);
    EXPECT_EQ(call().state, CallState::Ended);
    EXPECT_EQ(call().reason, "timeout");
    auto out = sent();
    ASSERT_EQ(out.size(), 1u);
    auto retract = jmiOf(out[0]);
    ASSERT_TRUE(retract);
    EXPECT_EQ(retract->action, xep::JmiAction::Retract);
    EXPECT_EQ(retract->reason->condition, "cancel");
    EXPECT_EQ(out[0].stanza.attr("to"), kJuliet);
}

TEST_F(CallSession, HerRejectEndsOurCallWithHerReason) {
    ASSERT_TRUE(s.start(kJuliet, false, 0));
    sent();
    s.onJmi("mallory@evil.lit/x", kOwn, jmi(xep::JmiAction::Reject, "id1", "busy"), false, 10);
    EXPECT_EQ(call().state, CallState::Outgoing) << "someone else cannot reject our call";
    s.onJmi(kTablet, kOwn, jmi(xep::JmiAction::Reject, "id1", "busy"), false, 20);
    EXPECT_EQ(call().state, CallState::Ended);
    EXPECT_EQ(call().reason, "busy");
    EXPECT_TRUE(call().endedByPeer);
    EXPECT_TRUE(s.start(kJuliet, false, 30)) << "a new call after the end";
}

TEST_F(CallSession, HangingUpBeforeAnAnswerRetracts) {
    ASSERT_TRUE(s.start(kJuliet, false, 0));
    sent();
    ASSERT_TRUE(s.hangUp(5));
    auto out = sent();
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(jmiOf(out[0])->action, xep::JmiAction::Retract);
    EXPECT_EQ(call().reason, "cancel");
}

TEST_F(CallSession, AProposalRingsHereAndAcceptingProceedsThenAnswersTheOffer) {
    proposalFrom(kPhone, "p1");
    EXPECT_EQ(call().state, CallState::Ringing);
    EXPECT_TRUE(call().incoming);
    EXPECT_TRUE(call().video);
    EXPECT_FALSE(call().stranger);
    auto out = sent();
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(jmiOf(out[0])->action, xep::JmiAction::Ringing);
    EXPECT_EQ(out[0].stanza.attr("to"), kPhone);  // 0.8: the answers go to the caller's full JID
    EXPECT_TRUE(events().empty()) << "nothing starts without the person's click";

    ASSERT_TRUE(s.accept(100));
    out = sent();
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(jmiOf(out[0])->action, xep::JmiAction::Proceed);
    EXPECT_EQ(call().state, CallState::Connecting);

    auto initiate = jingleOf(xep::JingleAction::SessionInitiate, "p1", sdpFixture("chromium120-offer.sdp"), true);
    initiate.initiator = kPhone;
    EXPECT_FALSE(s.onJingle(kTablet, initiate, 150).ok()) << "only the device we proceeded with";
    EXPECT_TRUE(s.onJingle(kPhone, initiate, 200).ok());
    auto e = events();
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0].kind, Kind::AnswerOffer);
    EXPECT_NE(e[0].sdp.find("a=mid:1"), std::string::npos);
    EXPECT_NE(e[0].sdp.find("a=setup:actpass"), std::string::npos);
    ASSERT_TRUE(s.localDescription(sdpFixture("chromium120-answer.sdp"), 300));
    out = sent();
    ASSERT_EQ(out.size(), 1u);
    auto accept = jingleSent(out[0]);
    ASSERT_TRUE(accept);
    EXPECT_EQ(accept->action, xep::JingleAction::SessionAccept);
    EXPECT_EQ(accept->initiator, kPhone);
    EXPECT_EQ(accept->responder, kOwn);
    EXPECT_EQ(accept->contents.at(1).senders, "initiator");
    s.mediaConnected(400);
    EXPECT_EQ(call().state, CallState::Connected);

    // She hangs up: her reason, and our finish for the archive of every device.
    EXPECT_TRUE(s.onJingle(kPhone, terminate("p1", "success"), 9000).ok());
    EXPECT_EQ(call().state, CallState::Ended);
    EXPECT_EQ(call().reason, "success");
    EXPECT_TRUE(call().endedByPeer);
    out = sent();
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(jmiOf(out[0])->action, xep::JmiAction::Finish);
}

TEST_F(CallSession, OurOtherDeviceTakingOrDecliningTheCallStopsOurRinging) {
    proposalFrom(kPhone, "p1");
    sent();
    // The carbon of what our desktop sent to the caller.
    s.onJmi("romeo@montague.lit/desktop", kPhone, jmi(xep::JmiAction::Proceed, "other"), true, 10);
    EXPECT_EQ(call().state, CallState::Ringing) << "another call's";
    s.onJmi("romeo@montague.lit/desktop", kPhone, jmi(xep::JmiAction::Proceed, "p1"), true, 20);
    EXPECT_EQ(call().state, CallState::Ended);
    EXPECT_TRUE(call().elsewhere);
    EXPECT_EQ(call().reason, "success");
    EXPECT_TRUE(sent().empty());

    proposalFrom(kPhone, "p2");
    sent();
    s.onJmi("romeo@montague.lit/desktop", kPhone, jmi(xep::JmiAction::Reject, "p2", "decline"), true, 30);
    EXPECT_EQ(call().state, CallState::Ended);
    EXPECT_TRUE(call().elsewhere);
    EXPECT_EQ(call().reason, "decline");
}

TEST_F(CallSession, TheCallerRetractingEndsTheRingingAsMissed) {
    proposalFrom(kPhone, "p1");
    sent();
    s.onJmi(kPhone, kJuliet, jmi(xep::JmiAction::Retract, "p1", "cancel"), false, 5000);
    EXPECT_EQ(call().state, CallState::Ended);
    EXPECT_EQ(call().reason, "cancel");
    EXPECT_TRUE(call().endedByPeer);
    EXPECT_FALSE(call().connectedMs);
}

TEST_F(CallSession, DecliningAProposalRejectsIt) {
    proposalFrom(kPhone, "p1");
    sent();
    ASSERT_TRUE(s.decline(10));
    auto out = sent();
    ASSERT_EQ(out.size(), 1u);
    auto reject = jmiOf(out[0]);
    EXPECT_EQ(reject->action, xep::JmiAction::Reject);
    EXPECT_EQ(reject->reason->condition, "decline");
    EXPECT_EQ(out[0].stanza.attr("to"), kPhone);
    EXPECT_EQ(call().reason, "decline");
    EXPECT_FALSE(s.accept(20));
}

TEST_F(CallSession, ACallFromSomeoneNotInTheRosterIsMarked) {
    proposalFrom("mallory@evil.lit/x", "p1");
    EXPECT_EQ(call().state, CallState::Ringing);
    EXPECT_TRUE(call().stranger);
}

TEST_F(CallSession, ASecondCallWhileBusyIsAnsweredBusy) {
    proposalFrom(kPhone, "p1");
    sent();
    proposalFrom(kPhone, "p1");  // the same proposal again (direct and as a carbon): nothing
    EXPECT_TRUE(sent().empty());
    proposalFrom("benvolio@montague.lit/x", "p2");
    auto out = sent();
    ASSERT_EQ(out.size(), 1u);
    auto reject = jmiOf(out[0]);
    EXPECT_EQ(reject->action, xep::JmiAction::Reject);
    EXPECT_EQ(reject->id, "p2");
    EXPECT_EQ(reject->reason->condition, "busy");
    EXPECT_EQ(out[0].stanza.attr("to"), "benvolio@montague.lit/x");
    // A direct session-initiate too: acknowledged, then terminated busy.
    auto other = jingleOf(xep::JingleAction::SessionInitiate, "j3", sdpFixture("chromium120-offer.sdp"), true);
    EXPECT_TRUE(s.onJingle("benvolio@montague.lit/x", other, 10).ok());
    out = sent();
    ASSERT_EQ(out.size(), 1u);
    auto t = jingleSent(out[0]);
    EXPECT_EQ(t->action, xep::JingleAction::SessionTerminate);
    EXPECT_EQ(t->sid, "j3");
    EXPECT_EQ(t->reason->condition, "busy");
    EXPECT_EQ(call().sid, "p1");
    EXPECT_EQ(call().state, CallState::Ringing);
}

TEST_F(CallSession, WhenWeBothProposeAtOnceTheLowerIdWins) {
    ASSERT_TRUE(s.start(kJuliet, false, 0));  // our session id is "id1"
    sent();
    // Hers is higher: rejected with a tie-break, ours goes on.
    proposalFrom(kPhone, "zz");
    auto out = sent();
    ASSERT_EQ(out.size(), 1u);
    auto reject = jmiOf(out[0]);
    EXPECT_EQ(reject->action, xep::JmiAction::Reject);
    EXPECT_EQ(reject->id, "zz");
    EXPECT_TRUE(reject->tieBreak);
    EXPECT_EQ(reject->reason->condition, "expired");
    EXPECT_EQ(call().state, CallState::Outgoing);
    EXPECT_EQ(call().sid, "id1");
    // Hers is lower: ours is retracted with a tie-break and hers taken (we both wanted this call).
    proposalFrom(kPhone, "aa");
    out = sent();
    ASSERT_EQ(out.size(), 2u);
    auto retract = jmiOf(out[0]);
    EXPECT_EQ(retract->action, xep::JmiAction::Retract);
    EXPECT_EQ(retract->id, "id1");
    EXPECT_TRUE(retract->tieBreak);
    EXPECT_EQ(out[0].stanza.attr("to"), kJuliet);
    EXPECT_EQ(jmiOf(out[1])->action, xep::JmiAction::Proceed);
    EXPECT_EQ(out[1].stanza.attr("to"), kPhone);
    EXPECT_EQ(call().state, CallState::Connecting);
    EXPECT_EQ(call().sid, "aa");
    EXPECT_TRUE(call().incoming);
    EXPECT_TRUE(call().video);  // her proposal has video
    // Her reject of our (higher) proposal changes nothing now.
    s.onJmi(kPhone, kOwn, jmi(xep::JmiAction::Reject, "id1", "expired"), false, 10);
    EXPECT_EQ(call().state, CallState::Connecting);
}

TEST_F(CallSession, ADirectSessionInitiateRingsAndIsAnsweredWithoutJmi) {
    auto initiate = jingleOf(xep::JingleAction::SessionInitiate, "j1", sdpFixture("chromium120-offer.sdp"), true);
    initiate.initiator = kPhone;
    EXPECT_TRUE(s.onJingle(kPhone, initiate, 0).ok());
    EXPECT_EQ(call().state, CallState::Ringing);
    EXPECT_FALSE(call().jmi);
    EXPECT_TRUE(call().video);
    auto ringing = sent();
    ASSERT_EQ(ringing.size(), 1u);  // XEP-0167 session-info: it rings here
    EXPECT_EQ(jingleSent(ringing[0])->action, xep::JingleAction::SessionInfo);
    EXPECT_EQ(jingleSent(ringing[0])->info, "ringing");
    EXPECT_EQ(ringing[0].stanza.attr("to"), kPhone);
    EXPECT_TRUE(s.onJingle(kPhone, candidateInfo("j1", "0"), 10).ok());
    EXPECT_TRUE(events().empty()) << "nothing reaches the browser before the click";
    ASSERT_TRUE(s.accept(20));
    auto e = events();
    ASSERT_EQ(e.size(), 2u);
    EXPECT_EQ(e[0].kind, Kind::AnswerOffer);
    EXPECT_EQ(e[1].kind, Kind::RemoteCandidate);
    EXPECT_TRUE(sent().empty()) << "no proceed without JMI";
    ASSERT_TRUE(s.localDescription(sdpFixture("chromium120-answer.sdp"), 30));
    auto out = sent();
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(jingleSent(out[0])->action, xep::JingleAction::SessionAccept);
    EXPECT_EQ(out[0].stanza.attr("to"), kPhone);
}

TEST_F(CallSession, DecliningADirectCallTerminatesIt) {
    auto initiate = jingleOf(xep::JingleAction::SessionInitiate, "j1", sdpFixture("chromium120-offer.sdp"), true);
    EXPECT_TRUE(s.onJingle(kPhone, initiate, 0).ok());
    sent();  // its ringing
    ASSERT_TRUE(s.decline(5));
    auto out = sent();
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(jingleSent(out[0])->reason->condition, "decline");
    EXPECT_EQ(call().state, CallState::Ended);
}

TEST_F(CallSession, ACallToAFullJidIsADirectSessionInitiate) {
    ASSERT_TRUE(s.start(kPhone, false, 0));
    EXPECT_FALSE(call().jmi);
    EXPECT_TRUE(sent().empty()) << "no proposal";
    auto e = events();
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0].kind, Kind::CreateOffer);
    ASSERT_TRUE(s.localDescription(sdpFixture("chromium120-offer.sdp"), 10));
    auto out = sent();
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].stanza.attr("to"), kPhone);
    EXPECT_EQ(jingleSent(out[0])->action, xep::JingleAction::SessionInitiate);
    // Its ringing (XEP-0167 session-info), then its accept.
    xep::Jingle ringing;
    ringing.action = xep::JingleAction::SessionInfo;
    ringing.sid = call().sid;
    ringing.info = "ringing";
    EXPECT_TRUE(s.onJingle(kPhone, ringing, 20).ok());
    EXPECT_TRUE(call().peerRinging);
    auto accept = jingleOf(xep::JingleAction::SessionAccept, call().sid, sdpFixture("chromium120-answer.sdp"), false);
    EXPECT_TRUE(s.onJingle(kPhone, accept, 30).ok());
    EXPECT_EQ(call().state, CallState::Connecting);
    EXPECT_FALSE(s.start(kJuliet, false, 40));
}

TEST_F(CallSession, ThePeerGoingOfflineEndsTheCall) {
    callJulietAndPhoneProceeds();
    s.onUnavailable(kTablet, 2000);
    EXPECT_EQ(call().state, CallState::Connecting) << "another device of hers";
    s.onUnavailable(kPhone, 2100);
    EXPECT_EQ(call().state, CallState::Ended);
    EXPECT_EQ(call().reason, "gone");
    EXPECT_TRUE(call().endedByPeer);
}

TEST_F(CallSession, ThePeersTerminateEndsWithItsReason) {
    callJulietAndPhoneProceeds();
    ASSERT_TRUE(s.localDescription(sdpFixture("chromium120-offer.sdp"), 1100));
    sent();
    EXPECT_TRUE(s.onJingle(kPhone, terminate("id1", "decline"), 1200).ok());
    EXPECT_EQ(call().reason, "decline");
    EXPECT_TRUE(call().endedByPeer);
}

TEST_F(CallSession, JingleFromAnyoneButThePeerOrForAnotherSessionIsRefused) {
    callJulietAndPhoneProceeds();
    ASSERT_TRUE(s.localDescription(sdpFixture("chromium120-offer.sdp"), 1100));
    auto fromTablet = s.onJingle(kTablet, terminate("id1", "success"), 1200);
    EXPECT_FALSE(fromTablet.ok());
    EXPECT_EQ(fromTablet.stanzaError().condition, "item-not-found");
    EXPECT_FALSE(s.onJingle(kPhone, terminate("other", "success"), 1200).ok());
    EXPECT_FALSE(s.onJingle("mallory@evil.lit/x", candidateInfo("id1", "0"), 1200).ok());
    EXPECT_EQ(call().state, CallState::Connecting);
    EXPECT_TRUE(events().empty());
}

TEST_F(CallSession, NoMediaWithin30SecondsOfTheAnswerEndsTheCall) {
    callJulietAndPhoneProceeds();
    ASSERT_TRUE(s.localDescription(sdpFixture("chromium120-offer.sdp"), 1100));
    sent();
    s.onTimer(1000 + calls::kConnectTimeoutMs - 1);
    EXPECT_EQ(call().state, CallState::Connecting);
    s.onTimer(1000 + calls::kConnectTimeoutMs);
    EXPECT_EQ(call().state, CallState::Ended);
    EXPECT_EQ(call().reason, "connectivity-error");
    auto out = sent();
    ASSERT_EQ(out.size(), 2u);  // session-terminate and finish
    EXPECT_EQ(jingleSent(out[0])->reason->condition, "connectivity-error");
}

// The browser refused the peer's description, or had no microphone: the peer is told why; a reason
// the media layer may not give (received text, a typo) becomes connectivity-error.
TEST_F(CallSession, TheMediaLayerFailingEndsTheCallWithItsReason) {
    callJulietAndPhoneProceeds();
    ASSERT_TRUE(s.localDescription(sdpFixture("chromium120-offer.sdp"), 1100));
    sent();
    s.mediaFailed(1200, "failed-application");
    EXPECT_EQ(call().state, CallState::Ended);
    EXPECT_EQ(call().reason, "failed-application");
    EXPECT_FALSE(call().endedByPeer);
    auto out = sent();
    ASSERT_EQ(out.size(), 2u);  // session-terminate and finish
    EXPECT_EQ(jingleSent(out[0])->reason->condition, "failed-application");
    EXPECT_EQ(events().back().kind, Kind::Close);

    ASSERT_TRUE(s.start(kPhone, true, 2000));
    ASSERT_TRUE(s.localDescription(sdpFixture("chromium120-offer.sdp"), 2100));
    sent();
    s.mediaFailed(2200, "<b>%n");
    EXPECT_EQ(call().reason, "connectivity-error");
    ASSERT_TRUE(s.start(kPhone, true, 3000));
    s.mediaFailed(3100, "media-error");
    EXPECT_EQ(call().reason, "media-error");
}

TEST_F(CallSession, AnUnansweredIqOrANewXmppSessionEndsTheCall) {
    callJulietAndPhoneProceeds();
    ASSERT_TRUE(s.localDescription(sdpFixture("chromium120-offer.sdp"), 1100));
    sent();
    s.onIqFailed("other", "service-unavailable", 1200);
    EXPECT_EQ(call().state, CallState::Connecting);
    s.onIqFailed("id1", "service-unavailable", 1200);
    EXPECT_EQ(call().state, CallState::Ended);
    EXPECT_EQ(call().reason, "general-error");

    proposalFrom(kPhone, "p2");
    s.onDisconnected(1300);
    EXPECT_EQ(call().state, CallState::Ended);
    EXPECT_EQ(call().reason, "connectivity-error");
}

TEST_F(CallSession, AnUnansweredProposalHereEndsAsMissed) {
    proposalFrom(kPhone, "p1");
    s.onTimer(calls::kIncomingRingTimeoutMs - 1);
    EXPECT_EQ(call().state, CallState::Ringing);
    s.onTimer(calls::kIncomingRingTimeoutMs);
    EXPECT_EQ(call().state, CallState::Ended);
    EXPECT_EQ(call().reason, "timeout");
    EXPECT_FALSE(call().endedByPeer);
}

}  // namespace
}  // namespace starling
