// Client::reconnectNow ("Reconnect now" while Reconnecting): the attempt that waits for its back-off is
// made at once — a lost XEP-0198 session's, which then resumes the same session (no new bind, no
// second roster get), or a remembered login's retry while the server was unreachable.
#include <gtest/gtest.h>

#include "client_test_harness.h"

namespace starling {
namespace {

using test::ClientHarness;
using test::ScramServer;
using test::TempDir;

const char* kEnabled = R"(<enabled xmlns="urn:xmpp:sm:3" id="sm-1" resume="true" max="600"/>)";

void scram(ClientHarness& c, ScramServer& server) {
    auto auth = c.openStream(test::featuresPreAuth({"SCRAM-SHA-256"}), true);
    ASSERT_TRUE(auth.is(ns::kSasl, "auth"));
    c.feed(test::saslFrame("challenge", server.serverFirst(test::unb64(auth.text()))));
    auto final = server.serverFinal(test::unb64(c.sentOne().text()));
    ASSERT_TRUE(final);
    c.feed(test::saslFrame("success", *final));
}

// Logs in with XEP-0198 offered and enabled (resumable), roster answered: Online.
void loginResumable(ClientHarness& c, ScramServer& server) {
    LoginRequest req;
    req.jid = test::kAccount;
    req.password = test::kPassword;
    c.client->login(req);
    scram(c, server);
    auto bind = c.openStream(test::featuresPostAuth(false, /*sm=*/true), false);
    ASSERT_NE(bind.child(ns::kBind, "bind"), nullptr);
    const std::string jid = std::string(test::kAccount) + "/r1";
    c.feed(R"(<iq xmlns="jabber:client" type="result" id=")" + std::string(bind.attr("id")) +
           R"("><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><jid>)" + jid + "</jid></bind></iq>");
    for (const auto& e : c.takeSent()) {
        if (e.is(ns::kClient, "iq") && e.child(ns::kRoster, "query"))
            c.feed(R"(<iq xmlns="jabber:client" type="result" id=")" + std::string(e.attr("id")) +
                   R"("><query xmlns="jabber:iq:roster"/></iq>)");
    }
    c.feed(kEnabled);
    c.takeSent();
    ASSERT_EQ(c.state().connection, model::Connection::Online);
}

TEST(ClientReconnectNow, ALostSessionIsResumedRightAwayNotLoggedInAnew) {
    TempDir dir;
    ClientHarness c(dir.path);
    ScramServer server("SCRAM-SHA-256", test::kPassword);
    loginResumable(c, server);
    EXPECT_FALSE(c.client->reconnectNow());  // Online: nothing waits
    c.client->onTransportClosed("cut");
    ASSERT_EQ(c.state().connection, model::Connection::Reconnecting);
    const std::size_t opened = c.transport.openedUrls.size();

    EXPECT_TRUE(c.client->reconnectNow());  // no time passed: the back-off is skipped
    ASSERT_EQ(c.transport.openedUrls.size(), opened + 1);
    EXPECT_EQ(c.transport.closeCalls, 0);  // nothing was stopped (a <close/> would end the session)
    scram(c, server);
    auto next = c.openStream(test::featuresPostAuth(false, true), false);
    ASSERT_TRUE(next.is(ns::kSm, "resume")) << xml::serialize(next);  // not a bind: the session lives on
    EXPECT_EQ(next.attr("previd"), "sm-1");
    c.feed(R"(<resumed xmlns="urn:xmpp:sm:3" previd="sm-1" h="0"/>)");
    EXPECT_EQ(c.state().connection, model::Connection::Online);
    EXPECT_EQ(c.state().ownJid, std::string(test::kAccount) + "/r1");  // the same session
    for (const auto& e : c.takeSent()) EXPECT_EQ(e.child(ns::kBind, "bind"), nullptr) << "no new bind";
}

TEST(ClientReconnectNow, ARememberedLoginRetriesNowWhileTheServerWasUnreachable) {
    TempDir dir;
    {
        ClientHarness first(dir.path);
        ScramServer server("SCRAM-SHA-256", test::kPassword);
        first.login(server);
    }
    ClientHarness h(dir.path);
    h.client->start();
    ASSERT_EQ(h.transport.openedUrls.size(), 1u);
    h.client->onTransportClosed("connection refused");
    ASSERT_EQ(h.state().connection, model::Connection::Reconnecting);
    h.client->onTimer();
    ASSERT_EQ(h.transport.openedUrls.size(), 1u);  // the retry waits for its back-off

    EXPECT_TRUE(h.client->reconnectNow());
    ASSERT_EQ(h.transport.openedUrls.size(), 2u);
    ScramServer server("SCRAM-SHA-256", test::kPassword);
    h.authenticateAndBind(server, {"SCRAM-SHA-256"});
    h.answerRoster("");
    EXPECT_EQ(h.state().connection, model::Connection::Online);
    EXPECT_FALSE(h.client->reconnectNow());
}

TEST(ClientReconnectNow, NothingWaitsWhenLoggedOut) {
    TempDir dir;
    ClientHarness h(dir.path);
    EXPECT_FALSE(h.client->reconnectNow());
    EXPECT_TRUE(h.transport.openedUrls.empty());
}

}  // namespace
}  // namespace starling
