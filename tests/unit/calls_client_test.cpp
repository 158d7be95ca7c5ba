// Calls through a whole Client (the calls module behind the router): a proposal from a contact's device
// rings, the ringing and proceed go to that device, its session-initiate is acknowledged and reaches the
// browser as an offer to answer, our answer goes out as session-accept; the carbon of our other
// device's proceed stops our ringing; the contact's unavailable presence ends the call and still reaches
// the presence module; a call we place proposes to the bare JID; disco#info advertises what calls need.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "client_test_harness.h"
#include "core/calls/jingle_sdp.h"
#include "core/xep/xep0166_jingle.h"
#include "core/xep/xep0353_jingle_message.h"
#include "core/xml/ns.h"

namespace starling {
namespace {

using model::CallState;
using test::stanza;

std::string sdpFixture(const std::string& name) {
    std::ifstream in(std::string(STARLING_FIXTURES_DIR) + "/sdp/" + name, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

const char* kProposal =
    R"(<message from="bob@localhost/phone" to="user@localhost" type="chat" id="m1">)"
    R"(<propose xmlns="urn:xmpp:jingle-message:0" id="s1"><description xmlns="urn:xmpp:jingle:apps:rtp:1" media="audio"/>)"
    R"(<description xmlns="urn:xmpp:jingle:apps:rtp:1" media="video"/></propose><store xmlns="urn:xmpp:hints"/></message>)";

class CallsClient : public test::LoggedInClientTest {
protected:
    // A page that can make calls (ClientConfig::calls).
    void SetUp() override {
        h = std::make_unique<test::ClientHarness>(dir.path);
        h->config.calls = true;
        h->make();
        test::ScramServer server("SCRAM-SHA-256", test::kPassword);
        h->login(server, test::kBobRoster);
    }

    // The JMI of the one message sent now, to `to`.
    xep::Jmi sentJmi(const std::string& to) {
        const xml::Element m = h->sentOne();
        EXPECT_EQ(m.attr("to"), to) << xml::serialize(m);
        auto j = xep::parseJmi(m);
        EXPECT_TRUE(j) << xml::serialize(m);
        return j ? *j : xep::Jmi{};
    }

    // Bob's session-initiate for session `sid`, as his Chromium-shaped offer.
    std::string initiateIq(const std::string& sid) {
        auto t = calls::jingleFromSdp(sdpFixture("chromium120-offer.sdp"), true);
        EXPECT_TRUE(t);
        xep::Jingle j;
        j.action = xep::JingleAction::SessionInitiate;
        j.sid = sid;
        j.initiator = "bob@localhost/phone";
        j.contents = t->contents;
        j.groups = t->groups;
        xml::Element iq = xep::jingleIq(h->boundJid, j);
        iq.setAttr("from", "bob@localhost/phone").setAttr("id", "ji1");
        return xml::serialize(iq, "");
    }
};

TEST_F(CallsClient, AProposalRingsAndIsAnsweredThroughTheBrowser) {
    h->feed(stanza(R"(<presence from="bob@localhost/phone"/>)"));
    ASSERT_EQ(h->state().presence.count("bob@localhost"), 1u);
    h->feed(stanza(kProposal));
    EXPECT_EQ(sentJmi("bob@localhost/phone").action, xep::JmiAction::Ringing);
    const model::Call& call = h->state().call;
    EXPECT_EQ(call.state, CallState::Ringing);
    EXPECT_EQ(call.peer, "bob@localhost/phone");
    EXPECT_TRUE(call.video);
    EXPECT_FALSE(call.stranger);
    auto conv = h->state().conversations.find("bob@localhost");
    EXPECT_TRUE(conv == h->state().conversations.end() || conv->second.messages.empty()) << "a call signal is no chat message";
    EXPECT_TRUE(h->client->takeCallEvents().empty());

    ASSERT_TRUE(h->client->acceptCall());
    EXPECT_EQ(sentJmi("bob@localhost/phone").action, xep::JmiAction::Proceed);
    h->feed(initiateIq("s1"));
    const xml::Element ack = h->sentOne();
    EXPECT_EQ(ack.attr("type"), "result");
    EXPECT_EQ(ack.attr("id"), "ji1");
    auto events = h->client->takeCallEvents();
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].kind, model::CallMediaEvent::Kind::AnswerOffer);
    EXPECT_NE(events[0].sdp.find("a=group:BUNDLE 0 1"), std::string::npos);

    ASSERT_TRUE(h->client->callLocalDescription(sdpFixture("chromium120-answer.sdp")));
    const xml::Element accept = h->sentOne();
    EXPECT_EQ(accept.attr("to"), "bob@localhost/phone");
    const xml::Element* j = accept.child(ns::kJingle, "jingle");
    ASSERT_TRUE(j);
    EXPECT_EQ(j->attr("action"), "session-accept");
    EXPECT_EQ(j->attr("responder"), h->boundJid);
    h->client->callMediaState(true);
    EXPECT_EQ(h->state().call.state, CallState::Connected);

    h->feed(stanza(R"(<presence from="bob@localhost/phone" type="unavailable"/>)"));
    EXPECT_EQ(h->state().call.state, CallState::Ended);
    EXPECT_EQ(h->state().call.reason, "gone");
    EXPECT_EQ(h->state().presence.count("bob@localhost"), 0u) << "the presence module still saw it";
}

TEST_F(CallsClient, AProposalTheServerKeptWhileWeWereOfflineDoesNotRing) {
    std::string delayed = kProposal;
    delayed.insert(delayed.find("</message>"), R"(<delay xmlns="urn:xmpp:delay" from="localhost" stamp="2026-01-01T10:00:00Z"/>)");
    h->feed(stanza(delayed));
    EXPECT_EQ(h->state().call.state, CallState::Idle);
    EXPECT_TRUE(h->takeSent().empty());
    EXPECT_TRUE(h->logged("delayed call proposal"));
}

TEST_F(CallsClient, TheCarbonOfOurOtherDevicesProceedStopsOurRinging) {
    h->feed(stanza(kProposal));
    h->takeSent();
    h->feed(stanza(
        R"(<message from="user@localhost" to=")" + h->boundJid + R"(" type="chat">)"
        R"(<sent xmlns="urn:xmpp:carbons:2"><forwarded xmlns="urn:xmpp:forward:0">)"
        R"(<message xmlns="jabber:client" from="user@localhost/desktop" to="bob@localhost/phone" type="chat">)"
        R"(<proceed xmlns="urn:xmpp:jingle-message:0" id="s1"/><store xmlns="urn:xmpp:hints"/></message>)"
        R"(</forwarded></sent></message>)"));
    EXPECT_EQ(h->state().call.state, CallState::Ended);
    EXPECT_TRUE(h->state().call.elsewhere);
    EXPECT_TRUE(h->takeSent().empty());
    auto events = h->client->takeCallEvents();
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].kind, model::CallMediaEvent::Kind::Close);
}

TEST_F(CallsClient, ASecondProposalWhileRingingIsAnsweredBusy) {
    h->feed(stanza(kProposal));
    h->takeSent();
    h->feed(stanza(R"(<message from="carol@localhost/x" to="user@localhost" type="chat">)"
                   R"(<propose xmlns="urn:xmpp:jingle-message:0" id="s2"><description xmlns="urn:xmpp:jingle:apps:rtp:1" media="audio"/>)"
                   R"(</propose></message>)"));
    const xep::Jmi reject = sentJmi("carol@localhost/x");
    EXPECT_EQ(reject.action, xep::JmiAction::Reject);
    EXPECT_EQ(reject.reason->condition, "busy");
    EXPECT_EQ(h->state().call.sid, "s1");
}

TEST_F(CallsClient, OurCallProposesToTheBareJid) {
    ASSERT_TRUE(h->client->startCall("bob@localhost", false));
    const xep::Jmi propose = sentJmi("bob@localhost");
    EXPECT_EQ(propose.action, xep::JmiAction::Propose);
    EXPECT_EQ(propose.media, std::vector<std::string>{"audio"});
    EXPECT_EQ(h->state().call.state, CallState::Outgoing);
    EXPECT_FALSE(h->client->startCall("carol@localhost", false));
    ASSERT_TRUE(h->client->hangUp());
    EXPECT_EQ(sentJmi("bob@localhost").action, xep::JmiAction::Retract);
    EXPECT_FALSE(h->client->startCall("not a jid", false));
}

// A page that cannot (no RTCPeerConnection, or no media layer yet): nothing advertised, a proposal left
// alone (another device of ours may take it), a session-initiate refused as by a client without Jingle.
TEST(CallsClientOff, NothingAdvertisedNothingTaken) {
    test::TempDir dir;
    test::ClientHarness h(dir.path);
    test::ScramServer server("SCRAM-SHA-256", test::kPassword);
    h.login(server, test::kBobRoster);
    for (const auto& m : h.client->modules()) {
        if (m.name == "calls" || m.name == "xep0215-external-services") {
            EXPECT_TRUE(m.features.empty()) << m.name;
        }
    }
    for (const auto& e : h.extraAfterLogin) EXPECT_FALSE(e.child(ns::kExtDisco, "services")) << "no XEP-0215 query";
    h.feed(stanza(kProposal));
    EXPECT_EQ(h.state().call.state, CallState::Idle);
    EXPECT_TRUE(h.takeSent().empty());
    h.feed(R"(<iq xmlns="jabber:client" type="set" id="j1" from="bob@localhost/phone" to=")" + h.boundJid +
           R"("><jingle xmlns="urn:xmpp:jingle:1" action="session-initiate" sid="x"/></iq>)");
    const xml::Element reply = h.sentOne();
    EXPECT_EQ(reply.attr("type"), "error");
    EXPECT_TRUE(reply.child(ns::kClient, "error") && reply.child(ns::kClient, "error")->child(ns::kStanzaErrors, "service-unavailable"));
    EXPECT_FALSE(h.client->startCall("bob@localhost", false));
}

TEST_F(CallsClient, DiscoInfoAdvertisesJingleRtpAndJmi) {
    h->feed(stanza(R"(<iq type="get" id="d1" from="bob@localhost/phone" to=")" + h->boundJid +
                   R"("><query xmlns="http://jabber.org/protocol/disco#info"/></iq>)"));
    const xml::Element reply = h->sentOne();
    std::set<std::string> features;
    if (const xml::Element* q = reply.child(ns::kDiscoInfo, "query")) {
        for (const auto* f : q->childrenNamed(ns::kDiscoInfo, "feature")) features.emplace(f->attr("var"));
    }
    for (const char* f : {ns::kJingle, ns::kJingleRtp, ns::kJingleRtpAudio, ns::kJingleRtpVideo, ns::kJingleIceUdp,
                          ns::kJingleDtls, ns::kJingleMessage})
        EXPECT_TRUE(features.count(f)) << f;
}

}  // namespace
}  // namespace starling
