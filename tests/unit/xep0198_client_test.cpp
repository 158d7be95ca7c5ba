// XEP-0198 as the Client uses it: an outgoing message is Queued until the server acknowledges it,
// then Sent; a resumed stream keeps roster and presence (no roster get, no initial presence) and only
// sends what was written while offline; a failed resumption is a new session that sends every
// unacknowledged message again with the same id.
#include <gtest/gtest.h>

#include <string>

#include "client_test_harness.h"
#include "core/xep/xep0198_stream_management.h"
#include "core/xep/xep0308_correction.h"
#include "core/xep/xep0424_retraction.h"

namespace starling::test {
namespace {

using model::MessageStatus;

const char* kPeer = "peer@localhost";
const char* kEnabled = R"(<enabled xmlns="urn:xmpp:sm:3" id="sm-1" resume="true" max="600"/>)";

struct SmClient {
    TempDir dir;
    ClientHarness c{dir.path};
    ScramServer server{"SCRAM-SHA-256", kPassword};

    // Index in transport.sent of the last <enable/>; the server's count starts after it.
    std::size_t enableAt = 0;

    bool isStanza(const std::string& frame) {
        auto e = parseXml(frame);
        return e.ns() == ns::kClient && (e.name() == "message" || e.name() == "presence" || e.name() == "iq");
    }
    // What the server has received since <enable/> (its h when it handled everything).
    std::uint32_t serverH() {
        std::uint32_t n = 0;
        for (std::size_t i = enableAt + 1; i < c.transport.sent.size(); ++i) n += isStanza(c.transport.sent[i]);
        return n;
    }
    std::size_t lastIndexOf(std::string_view ns, std::string_view name) {
        for (std::size_t i = c.transport.sent.size(); i-- > 0;)
            if (parseXml(c.transport.sent[i]).is(ns, name)) return i;
        return std::string::npos;
    }
    // Every frame sent since the last take (raw, except OMEMO's PEP lookups, answered "no devices").
    std::vector<xml::Element> take() {
        std::vector<xml::Element> out;
        for (bool more = true; more;) {
            more = false;
            for (const auto& f : c.transport.takeSent()) {
                xml::Element e = parseXml(f);
                if (c.answerPep(e)) more = true;
                else out.push_back(std::move(e));
            }
        }
        return out;
    }
    static const xml::Element* find(const std::vector<xml::Element>& v, std::string_view ns, std::string_view name,
                                    std::string_view child = {}) {
        for (const auto& e : v) {
            if (!e.is(ns, name)) continue;
            if (child.empty() || e.child(ns::kRoster, child)) return &e;
        }
        return nullptr;
    }

    void scram() {
        auto auth = c.openStream(featuresPreAuth({"SCRAM-SHA-256"}), true);
        ASSERT_TRUE(auth.is(ns::kSasl, "auth"));
        c.feed(saslFrame("challenge", server.serverFirst(unb64(auth.text()))));
        auto response = c.sentOne();
        auto final = server.serverFinal(unb64(response.text()));
        ASSERT_TRUE(final);
        c.feed(saslFrame("success", *final));
    }

    // After the post-auth features: bind, then <enable/>, roster get (answered), initial presence.
    void bindNewSession(const xml::Element& bind) {
        ASSERT_NE(bind.child(ns::kBind, "bind"), nullptr) << xml::serialize(bind);
        const std::string jid = std::string(kAccount) + "/r1";
        c.feed(R"(<iq xmlns="jabber:client" type="result" id=")" + std::string(bind.attr("id")) +
               R"("><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><jid>)" + jid + "</jid></bind></iq>");
        enableAt = lastIndexOf(ns::kSm, "enable");
        ASSERT_NE(enableAt, std::string::npos) << "no <enable/> after bind";
        auto sent = take();
        const xml::Element* roster = find(sent, ns::kClient, "iq", "query");
        ASSERT_NE(roster, nullptr);
        c.feed(R"(<iq xmlns="jabber:client" type="result" id=")" + std::string(roster->attr("id")) +
               R"("><query xmlns="jabber:iq:roster"/></iq>)");
        c.feed(kEnabled);
        ASSERT_EQ(c.state().connection, model::Connection::Online);
    }

    void login() {
        LoginRequest req;
        req.jid = kAccount;
        req.password = kPassword;
        c.client->login(req);
        scram();
        bindNewSession(c.openStream(featuresPostAuth(false, /*sm=*/true), false));
    }

    // The WebSocket drops; the reconnect authenticates with the cached keys; returns what the
    // client sent after the post-auth features.
    xml::Element dropAndReauthenticate() {
        c.client->onTransportClosed("cut by a proxy");
        EXPECT_EQ(c.state().connection, model::Connection::Reconnecting);
        return reauthenticate();
    }
    // Reconnecting: the retry timer fires, SCRAM again; the stream's first request (a <resume/>).
    xml::Element reauthenticate() {
        c.clock.advance(2000);
        c.client->onTimer();
        take();
        scram();
        return c.openStream(featuresPostAuth(false, true), false);
    }
    // The server resumes the stream, having handled h of our stanzas.
    void resumed(std::uint32_t h) {
        c.feed(R"(<resumed xmlns="urn:xmpp:sm:3" previd="sm-1" h=")" + std::to_string(h) + R"("/>)");
    }

    const model::Message& outgoing(std::size_t i) { return c.state().conversations.at(kPeer).messages.at(i); }
};

TEST(Xep0198ClientTest, OutgoingMessageTurnsSentOnlyWhenTheServerAcks) {
    SmClient s;
    s.login();
    s.c.client->sendMessage(kPeer, "one");
    EXPECT_EQ(s.outgoing(0).status, MessageStatus::Queued);  // written, not yet acknowledged
    auto sent = s.take();
    ASSERT_NE(SmClient::find(sent, ns::kClient, "message"), nullptr);
    const std::uint32_t h = s.serverH();
    s.c.feed(xml::serialize(xep::smAck(h - 1)));  // everything before the message
    EXPECT_EQ(s.outgoing(0).status, MessageStatus::Queued);
    s.c.feed(xml::serialize(xep::smAck(h)));
    EXPECT_EQ(s.outgoing(0).status, MessageStatus::Sent);
    // An impossible h acknowledges nothing and the client reconnects (the message stays Sent).
    s.c.client->sendMessage(kPeer, "two");
    s.c.feed(xml::serialize(xep::smAck(s.serverH() + 5)));
    EXPECT_EQ(s.outgoing(1).status, MessageStatus::Queued);
    EXPECT_EQ(s.c.state().connection, model::Connection::Reconnecting);
}

TEST(Xep0198ClientTest, ResumptionKeepsRosterAndPresenceAndSendsOnlyTheRest) {
    SmClient s;
    s.login();
    s.c.feed(stanza(R"(<presence from="peer@localhost/phone"/>)"));
    ASSERT_FALSE(s.c.state().presence.empty());
    s.c.client->sendMessage(kPeer, "in flight");
    s.take();
    const std::uint32_t before = s.serverH() - 1;  // the server never got the message

    s.c.client->onTransportClosed("cut");
    s.c.client->sendMessage(kPeer, "written offline");
    EXPECT_FALSE(s.c.state().presence.empty()) << "a resumable session keeps presence while reconnecting";
    auto resume = s.reauthenticate();
    ASSERT_TRUE(resume.is(ns::kSm, "resume")) << xml::serialize(resume);
    s.resumed(before);
    auto sent = s.take();
    std::vector<std::string> bodies;
    for (const auto& e : sent) {
        EXPECT_FALSE(e.is(ns::kClient, "presence")) << "no initial presence on a resumed stream";
        EXPECT_FALSE(e.is(ns::kClient, "iq") && e.child(ns::kRoster, "query")) << "no roster get on resume";
        if (e.is(ns::kClient, "message")) {
            bodies.emplace_back(e.childText(ns::kClient, "body"));
            if (bodies.size() == 1) {
                EXPECT_EQ(e.attr("id"), s.outgoing(0).id);  // the same stanza again
            }
        }
    }
    EXPECT_EQ(bodies, (std::vector<std::string>{"in flight", "written offline"}));
    EXPECT_EQ(s.c.state().connection, model::Connection::Online);
    EXPECT_FALSE(s.c.state().presence.empty());
    s.c.feed(xml::serialize(xep::smAck(before + 2)));
    EXPECT_EQ(s.outgoing(0).status, MessageStatus::Sent);
    EXPECT_EQ(s.outgoing(1).status, MessageStatus::Sent);
}

TEST(Xep0198ClientTest, FailedResumptionIsANewSessionThatResendsUnackedMessagesWithTheirIds) {
    SmClient s;
    s.login();
    s.c.client->sendMessage(kPeer, "lost in the cut");
    s.take();
    const std::string id = s.outgoing(0).id;
    auto resume = s.dropAndReauthenticate();
    ASSERT_TRUE(resume.is(ns::kSm, "resume"));
    s.c.feed(R"(<failed xmlns="urn:xmpp:sm:3"><item-not-found xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></failed>)");
    auto bind = s.c.sentOne();
    s.bindNewSession(bind);  // roster get and initial presence again
    EXPECT_EQ(s.c.state().connection, model::Connection::Online);
    std::vector<std::string> ids;
    for (const auto& f : s.c.transport.sent) {
        auto e = parseXml(f);
        if (e.is(ns::kClient, "message")) ids.emplace_back(e.attr("id"));
    }
    EXPECT_EQ(ids, (std::vector<std::string>{id, id})) << "sent once per session, same id";
    EXPECT_EQ(s.outgoing(0).status, MessageStatus::Queued);
    s.c.feed(xml::serialize(xep::smAck(s.serverH())));
    EXPECT_EQ(s.outgoing(0).status, MessageStatus::Sent);
}

// A server that resumes the session but then reads nothing (issue 11: the same 53 stanzas re-sent for
// four minutes): after two such resumptions the reconnect binds a new session, and the message goes
// out again there with its id, as after a failed resumption.
TEST(Xep0198ClientTest, ResumptionsThatBringNoAckEndInANewSessionThatResendsWithTheSameIds) {
    SmClient s;
    s.login();
    s.c.client->sendMessage(kPeer, "never read");
    s.take();
    const std::string id = s.outgoing(0).id;
    const std::uint32_t before = s.serverH() - 1;  // the server never handles the message
    ASSERT_TRUE(s.dropAndReauthenticate().is(ns::kSm, "resume"));
    for (std::int64_t check : {8000, 20000}) {
        s.resumed(before);
        EXPECT_EQ(s.c.state().connection, model::Connection::Online);
        s.c.clock.advance(check);
        s.c.client->onTimer();
        EXPECT_EQ(s.c.state().connection, model::Connection::Reconnecting) << check;
        auto next = s.reauthenticate();
        if (check == 8000) ASSERT_TRUE(next.is(ns::kSm, "resume")) << xml::serialize(next);
        else s.bindNewSession(next);
    }
    std::vector<std::string> ids;
    for (const auto& f : s.c.transport.sent) {
        auto e = parseXml(f);
        if (e.is(ns::kClient, "message")) ids.emplace_back(e.attr("id"));
    }
    EXPECT_EQ(ids, (std::vector<std::string>{id, id, id, id})) << "sent, re-sent on each resumption, then anew";
    EXPECT_EQ(s.outgoing(0).status, MessageStatus::Queued);
    s.c.feed(xml::serialize(xep::smAck(s.serverH())));
    EXPECT_EQ(s.outgoing(0).status, MessageStatus::Sent);
}

// An OMEMO device-list lookup that times out in the same tick as the connection (an unanswered <r/>)
// re-flushes the outbox before the client knows the connection is gone: the message must not count
// as in flight (the session has nowhere to send it), or it waits for an ack that never comes.
TEST(Xep0198ClientTest, AMessageFlushedAsTheConnectionIsLostGoesOutAfterTheResumption) {
    SmClient s;
    s.login();
    s.take();
    s.c.feed(xml::serialize(xep::smAck(s.serverH())));
    s.c.autoAnswerPep = false;  // the peer's device list lookup stays unanswered
    s.c.client->sendMessage(kPeer, "waits for keys");
    auto sent = s.take();
    EXPECT_EQ(SmClient::find(sent, ns::kClient, "message"), nullptr);
    s.c.feed(xml::serialize(xep::smAck(s.serverH())));
    s.c.clock.advance(10000);
    s.c.client->sendMessage("carl@localhost", "another lookup");  // its <r/> stays unanswered
    s.take();
    s.c.clock.advance(20000);  // the first lookup times out in the tick the ack timeout drops the connection
    s.c.client->onTimer();
    EXPECT_EQ(s.c.state().connection, model::Connection::Reconnecting);
    const std::uint32_t h = s.serverH();
    auto resume = s.reauthenticate();
    ASSERT_TRUE(resume.is(ns::kSm, "resume")) << xml::serialize(resume);
    s.resumed(h);
    // The lookup that got no answer is asked again (a list never seen is not guessed empty); the peer
    // has no devices: the message goes out, once.
    std::vector<std::string> bodies;
    for (const auto& e : s.take()) {
        if (e.is(ns::kClient, "message")) bodies.emplace_back(e.childText(ns::kClient, "body"));
        if (e.is(ns::kClient, "iq") && e.attr("to") == kPeer)
            s.c.feed(R"(<iq xmlns="jabber:client" type="error" from=")" + std::string(kPeer) + R"(" id=")" +
                     std::string(e.attr("id")) +
                     R"("><error type="cancel"><item-not-found xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>)");
    }
    for (const auto& e : s.take())
        if (e.is(ns::kClient, "message")) bodies.emplace_back(e.childText(ns::kClient, "body"));
    EXPECT_EQ(bodies, (std::vector<std::string>{"waits for keys"}));
    s.c.feed(xml::serialize(xep::smAck(s.serverH())));
    EXPECT_EQ(s.outgoing(0).status, MessageStatus::Sent);
}

// Found by the slixmpp interop test: our message still Queued because its ack had not come yet was
// edited and deleted only here (taken for one never sent) while the peer had it. What follows a message
// on the wire goes out too; one never sent (offline) goes out as edited, or not at all once deleted.
TEST(Xep0198ClientTest, AnEditOrDeletionOfAMessageAwaitingItsAckGoesOut) {
    SmClient s;
    s.login();
    s.c.client->sendMessage(kPeer, "helo");
    s.c.client->sendMessage(kPeer, "oops");
    s.take();
    const std::string first = s.outgoing(0).id, second = s.outgoing(1).id;
    ASSERT_EQ(s.outgoing(0).status, MessageStatus::Queued);
    ASSERT_TRUE(s.c.client->correct(kPeer, first, "hello"));
    ASSERT_TRUE(s.c.client->retract(kPeer, second));
    auto sent = s.take();
    const xml::Element* correction = nullptr;
    const xml::Element* retraction = nullptr;
    for (const auto& e : sent) {
        if (xep::correctionOf(e) == first) correction = &e;
        if (xep::retractionOf(e) == second) retraction = &e;
    }
    ASSERT_NE(correction, nullptr) << "the correction follows the message on the wire";
    EXPECT_EQ(correction->childText(ns::kClient, "body"), "hello");
    EXPECT_NE(retraction, nullptr) << "the retraction follows the message on the wire";
    // Offline: never sent, so the edit is the message itself (it goes out as edited).
    s.c.client->onTransportClosed("down");
    s.c.client->sendMessage(kPeer, "draft");
    const std::string draft = s.outgoing(2).id;
    EXPECT_TRUE(s.c.client->correct(kPeer, draft, "final"));
    EXPECT_EQ(s.outgoing(2).body, "final");
    EXPECT_TRUE(s.take().empty());
}

}  // namespace
}  // namespace starling::test
