// XEP-0410 MUC self-ping through a whole Client: after 15 minutes of silence from a room we ping our own
// occupant JID (the XEP's example 1); the room's not-acceptable (example 2) means we were dropped and the
// room is joined again; a result, service-unavailable or item-not-found mean we are in; no answer means
// "ask again later", never a rejoin; anything heard from the room postpones the ping.
#include <gtest/gtest.h>

#include <string>

#include "client_test_harness.h"
#include "core/modules/xep0410_self_ping_module.h"
#include "core/xml/ns.h"
#include "xep_fixture.h"

namespace starling {
namespace {

using modules::SelfPingModule;
using test::fixture;
using test::stanza;

constexpr const char* kRoom = "characters@chat.shakespeare.lit";
constexpr std::int64_t kSilence = SelfPingModule::kSilenceMs;

class SelfPingClient : public test::LoggedInClientTest {
protected:
    void SetUp() override {
        logIn();
        ASSERT_TRUE(h->client->joinRoom(kRoom, "JuliC"));
        h->feed(stanza("<presence from='" + std::string(kRoom) + "/JuliC' to='" + h->boundJid +
                       "'><x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='member' role='participant'/>"
                       "<status code='110'/></x></presence>"));
        tick(0);
        h->takeSent();
    }
    void tick(std::int64_t ms) {
        h->clock.advance(ms);
        h->client->onTimer();
    }
    // The self-pings sent since the last call (not the keepalive pings to our server, XEP-0199).
    std::vector<xml::Element> pings() {
        std::vector<xml::Element> out;
        for (auto& e : h->takeSent()) {
            if (!e.is(ns::kClient, "iq") || !e.child(ns::kPing, "ping")) continue;
            if (e.attr("to") == std::string(kRoom) + "/JuliC") out.push_back(std::move(e));
            else  // our server is there
                h->feed(stanza("<iq type='result'" + (e.hasAttr("to") ? " from='" + std::string(e.attr("to")) + "'" : std::string()) +
                               " id='" + std::string(e.attr("id")) + "'/>"));
        }
        return out;
    }
    void answer(const xml::Element& ping, const std::string& condition) {
        const std::string id(ping.attr("id"));
        if (condition.empty()) {
            h->feed(stanza("<iq type='result' from='" + std::string(ping.attr("to")) + "' id='" + id + "'/>"));
            return;
        }
        h->feed(stanza("<iq type='error' from='" + std::string(ping.attr("to")) + "' id='" + id + "'><error type='cancel' by='" +
                       kRoom + "'><" + condition + " xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"));
    }
    bool joinSent() {
        for (const auto& e : h->takeSent())
            if (e.is(ns::kClient, "presence") && e.child(ns::kMuc, "x") && e.attr("to") == std::string(kRoom) + "/JuliC") return true;
        return false;
    }
};

TEST_F(SelfPingClient, AfterSilenceThePingIsExample1AndNotAcceptableRejoins) {
    tick(kSilence - 1000);
    EXPECT_TRUE(pings().empty());
    tick(1000);
    auto sent = pings();
    ASSERT_EQ(sent.size(), 1u);
    xml::Element ours = sent[0];
    ours.removeAttr("id");
    xml::Element example = fixture("xep0410/01.xml");
    example.removeAttr("id");
    example.removeAttr("from");
    EXPECT_TRUE(xml::equivalent(ours, example)) << xml::serialize(ours, ns::kClient);
    tick(1000);
    EXPECT_TRUE(pings().empty());  // one in flight at a time
    answer(sent[0], "not-acceptable");  // example 2
    EXPECT_TRUE(joinSent());
    EXPECT_FALSE(h->state().rooms.at(kRoom).joined);
    EXPECT_TRUE(h->state().rooms.at(kRoom).joining);
}

TEST_F(SelfPingClient, StillInMeansNoRejoinAndTheNextPingAfterSilenceAgain) {
    for (const char* condition : {"", "service-unavailable", "feature-not-implemented", "item-not-found"}) {
        SCOPED_TRACE(condition);
        tick(kSilence);
        auto sent = pings();
        ASSERT_EQ(sent.size(), 1u);
        answer(sent[0], condition);
        EXPECT_FALSE(joinSent());
        EXPECT_TRUE(h->state().rooms.at(kRoom).joined);
        tick(kSilence - 1000);
        EXPECT_TRUE(pings().empty());
    }
}

TEST_F(SelfPingClient, NoAnswerIsAskedAgainLaterNeverARejoin) {
    tick(kSilence);
    auto sent = pings();
    ASSERT_EQ(sent.size(), 1u);
    answer(sent[0], "remote-server-timeout");
    EXPECT_FALSE(joinSent());
    tick(SelfPingModule::kRetryMs);
    EXPECT_EQ(pings().size(), 1u);
}

TEST_F(SelfPingClient, AnythingFromTheRoomPostponesThePing) {
    tick(kSilence - 60'000);
    EXPECT_TRUE(pings().empty());
    h->feed(stanza("<message from='" + std::string(kRoom) + "/Romeo' to='" + h->boundJid +
                   "' type='groupchat' id='m1'><body>hi</body><stanza-id xmlns='urn:xmpp:sid:0' by='" + kRoom +
                   "' id='s1'/></message>"));
    tick(60'000);
    EXPECT_TRUE(pings().empty());
    tick(kSilence - 60'000);
    EXPECT_EQ(pings().size(), 1u);
}

}  // namespace
}  // namespace starling
