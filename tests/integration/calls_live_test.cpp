// Call signalling against the real Prosody: our server's STUN/TURN services (XEP-0215, TURN credentials
// from mod_external_services' shared secret) reach State::iceServers; a call proposed to a contact's bare
// JID rings both of his devices (XEP-0353 through Prosody's routing), the one that answers gets the
// Jingle session and the other stops ringing (the carbon of the proceed); offer, answer and a trickled
// candidate cross as Jingle (the browser's SDP is the Chromium 120 fixture); his hang-up ends ours. And
// a direct call to a full JID (no JMI): it rings there (XEP-0167 session-info), declined.
#include <gtest/gtest.h>

#include <string>

#include "integration/client_harness.h"

namespace starling::integration {
namespace {

using model::CallState;
using Kind = model::CallMediaEvent::Kind;

std::string sdpFixture(const std::string& name) { return readFile(std::string(STARLING_FIXTURES_DIR) + "/sdp/" + name); }

// Waits for the next media event of `kind` on `c` (others before it are dropped).
bool nextEvent(std::vector<LiveClient*> all, LiveClient& c, Kind kind, model::CallMediaEvent& out) {
    return pumpAll(all, [&] {
        for (auto& e : c.client().takeCallEvents())
            if (e.kind == kind) {
                out = e;
                return true;
            }
        return false;
    });
}

TEST(CallsLive, IceServersComeFromOurServer) {
    TempDir dir;
    LiveClient alice(dir.path(), true);
    const std::string user = uniqueName("ice");
    ASSERT_TRUE(logIn(alice, loginRequest(user, "p-" + user, true, false)));
    ASSERT_TRUE(pumpAll({&alice}, [&] { return alice.state().iceServers.size() >= 2; })) << describe(alice);
    const auto& servers = alice.state().iceServers;
    EXPECT_EQ(servers[0].urls.at(0), "stun:127.0.0.1:3478");
    EXPECT_EQ(servers[1].urls.at(0), "turn:127.0.0.1:3478?transport=udp");
    EXPECT_FALSE(servers[1].username.empty());
    EXPECT_FALSE(servers[1].credential.empty());
}

TEST(CallsLive, BothDevicesRingTheOneThatAnswersTakesTheCall) {
    TempDir dirA, dirP, dirL;
    LiveClient alice(dirA.path(), true), phone(dirP.path(), true), laptop(dirL.path(), true);
    const std::string a = uniqueName("ca"), b = uniqueName("cb");
    ASSERT_TRUE(logIn(alice, loginRequest(a, "p-" + a, true, false)));
    ASSERT_TRUE(logIn(phone, loginRequest(b, "p-" + b, true, false)));
    ASSERT_TRUE(befriend(alice, phone));
    ASSERT_TRUE(logIn(laptop, loginRequest(b, "p-" + b, false, false)));
    std::vector<LiveClient*> all{&alice, &phone, &laptop};
    pumpAll(all, [] { return false; }, 500);  // carbons enabled on the laptop

    ASSERT_TRUE(alice.client().startCall(phone.bareJid(), true));
    ASSERT_TRUE(pumpAll(all, [&] {
        return phone.state().call.state == CallState::Ringing && laptop.state().call.state == CallState::Ringing &&
               alice.state().call.peerRinging;
    })) << describe(phone) << "\n" << describe(laptop);
    EXPECT_FALSE(phone.state().call.stranger);
    EXPECT_EQ(phone.state().call.peer, alice.state().ownJid);

    ASSERT_TRUE(phone.client().acceptCall());
    ASSERT_TRUE(pumpAll(all, [&] { return laptop.state().call.state == CallState::Ended; })) << describe(laptop);
    EXPECT_TRUE(laptop.state().call.elsewhere);
    model::CallMediaEvent e;
    ASSERT_TRUE(nextEvent(all, alice, Kind::CreateOffer, e)) << describe(alice);
    EXPECT_TRUE(e.video);
    EXPECT_EQ(alice.state().call.peer, phone.state().ownJid);
    ASSERT_TRUE(alice.client().callLocalDescription(sdpFixture("chromium120-offer.sdp")));
    ASSERT_TRUE(nextEvent(all, phone, Kind::AnswerOffer, e)) << describe(phone);
    EXPECT_NE(e.sdp.find("a=fingerprint:sha-256 3E:9A:41"), std::string::npos);
    ASSERT_TRUE(phone.client().callLocalDescription(sdpFixture("chromium120-answer.sdp")));
    ASSERT_TRUE(nextEvent(all, alice, Kind::RemoteAnswer, e)) << describe(alice);
    EXPECT_NE(e.sdp.find("a=setup:active"), std::string::npos);
    const std::string candidate = "candidate:1 1 udp 2122260223 192.168.1.20 50001 typ host generation 0 network-id 1";
    ASSERT_TRUE(alice.client().callLocalCandidate("0", candidate));
    ASSERT_TRUE(nextEvent(all, phone, Kind::RemoteCandidate, e)) << describe(phone);
    EXPECT_EQ(e.candidate, candidate);
    EXPECT_EQ(e.mid, "0");
    alice.client().callMediaState(true);
    phone.client().callMediaState(true);
    EXPECT_EQ(alice.state().call.state, CallState::Connected);

    ASSERT_TRUE(phone.client().hangUp());
    ASSERT_TRUE(pumpAll(all, [&] { return alice.state().call.state == CallState::Ended; })) << describe(alice);
    EXPECT_EQ(alice.state().call.reason, "success");
    EXPECT_TRUE(alice.state().call.endedByPeer);
}

TEST(CallsLive, ADirectCallToOneDeviceIsDeclined) {
    TempDir dirA, dirB;
    LiveClient alice(dirA.path(), true), bob(dirB.path(), true);
    const std::string a = uniqueName("da"), b = uniqueName("db");
    ASSERT_TRUE(logIn(alice, loginRequest(a, "p-" + a, true, false)));
    ASSERT_TRUE(logIn(bob, loginRequest(b, "p-" + b, true, false)));
    ASSERT_TRUE(befriend(alice, bob));
    std::vector<LiveClient*> all{&alice, &bob};
    ASSERT_TRUE(alice.client().startCall(bob.state().ownJid, false));
    model::CallMediaEvent e;
    ASSERT_TRUE(nextEvent(all, alice, Kind::CreateOffer, e));
    ASSERT_TRUE(alice.client().callLocalDescription(sdpFixture("chromium120-offer.sdp")));
    ASSERT_TRUE(pumpAll(all, [&] { return bob.state().call.state == CallState::Ringing; })) << describe(bob);
    EXPECT_FALSE(bob.state().call.jmi);
    ASSERT_TRUE(pumpAll(all, [&] { return alice.state().call.peerRinging; })) << "his XEP-0167 ringing";
    ASSERT_TRUE(bob.client().declineCall());
    ASSERT_TRUE(pumpAll(all, [&] { return alice.state().call.state == CallState::Ended; })) << describe(alice);
    EXPECT_EQ(alice.state().call.reason, "decline");
    EXPECT_TRUE(alice.state().call.endedByPeer);
}

}  // namespace
}  // namespace starling::integration
