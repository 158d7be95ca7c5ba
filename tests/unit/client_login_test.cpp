// Client login paths through FakeTransport: roster + presence, wrong password, remember-me (no password
// on disk), auto-login from stored keys, logout, XEP-0156 discovery, registration refusals.
#include <gtest/gtest.h>

#include "client_test_harness.h"
#include "core/crypto/hash.h"

namespace starling {
namespace {

using test::ClientHarness;
using test::ScramServer;
using test::TempDir;
using test::stanza;

const char* kRosterItems =
    R"(<item jid="bob@localhost" name="Bob" subscription="both"/>)"
    R"(<item jid="carol@localhost" subscription="to"><group>Work</group></item>)";

TEST(ClientLogin, LoginFetchesRosterSendsPresenceAndGoesOnline) {
    TempDir dir;
    ClientHarness h(dir.path);
    ScramServer server("SCRAM-SHA-256", test::kPassword);
    const auto rev0 = h.client->revision();
    h.login(server, kRosterItems);
    EXPECT_GT(h.client->revision(), rev0);
    EXPECT_EQ(h.state().ownJid, h.boundJid);
    EXPECT_TRUE(h.state().rosterReceived);
    ASSERT_EQ(h.state().roster.size(), 2u);
    EXPECT_EQ(h.state().roster[0].jid, "bob@localhost");  // "Bob" < "carol@localhost"
    EXPECT_EQ(h.state().roster[1].groups, std::vector<std::string>{"Work"});
    EXPECT_TRUE(h.state().loginProblem.code.empty());
    EXPECT_TRUE(h.store.exists("accounts/user@localhost/roster.json"));

    // Presence per resource.
    h.feed(stanza(R"(<presence from="bob@localhost/phone"><show>away</show><status>Обед</status></presence>)"));
    h.feed(stanza(R"(<presence from="bob@localhost/desk"/>)"));
    ASSERT_EQ(h.state().presence.at("bob@localhost").size(), 2u);
    EXPECT_EQ(model::bestShow(h.state(), "bob@localhost"), model::Show::Available);
    h.feed(stanza(R"(<presence from="bob@localhost/desk" type="unavailable"/>)"));
    EXPECT_EQ(model::bestShow(h.state(), "bob@localhost"), model::Show::Away);

    // Own presence with show and status.
    h.client->setPresence(model::Show::DoNotDisturb, "в пути");
    auto p = h.sentOne();
    p.removeChildren(ns::kCaps, "c");  // XEP-0115 caps: omemo_devicelist_events_test.cpp
    EXPECT_TRUE(xml::equivalent(p, test::parseXml(stanza("<presence><show>dnd</show><status>в пути</status></presence>"))))
        << xml::serialize(p, ns::kClient);
    EXPECT_EQ(h.state().ownShow, model::Show::DoNotDisturb);
}

TEST(ClientLogin, WrongPasswordReportsAuthFailedAndCanRetry) {
    TempDir dir;
    ClientHarness h(dir.path);
    LoginRequest req;
    req.jid = "user";  // localpart only: the default domain is used
    req.password = "wrong";
    h.client->login(req);
    auto auth = h.openStream(test::featuresPreAuth({"SCRAM-SHA-256"}), true);
    ASSERT_TRUE(auth.is(ns::kSasl, "auth"));
    ScramServer server("SCRAM-SHA-256", test::kPassword);
    h.feed(test::saslFrame("challenge", server.serverFirst(test::unb64(auth.text()))));
    auto response = h.sentOne();
    EXPECT_FALSE(server.serverFinal(test::unb64(response.text())));  // wrong proof
    h.feed(R"(<failure xmlns="urn:ietf:params:xml:ns:xmpp-sasl"><not-authorized/></failure>)");
    EXPECT_EQ(h.state().connection, model::Connection::Failed);
    EXPECT_EQ(h.state().loginProblem.code, "auth-failed");
    EXPECT_FALSE(h.state().remembered);
    EXPECT_FALSE(h.store.exists("accounts/user@localhost/credentials.json"));

    // Not stuck: a second attempt with the right password works on the same Client.
    ScramServer server2("SCRAM-SHA-256", test::kPassword);
    h.login(server2);
    EXPECT_TRUE(h.state().loginProblem.code.empty());
}

TEST(ClientLogin, BadJidIsALoginProblem) {
    TempDir dir;
    ClientHarness h(dir.path);
    LoginRequest req;
    req.jid = "a b@localhost";
    h.client->login(req);
    EXPECT_EQ(h.state().loginProblem.code, "bad-jid");
    EXPECT_TRUE(h.transport.openedUrls.empty());
}

TEST(ClientLogin, RememberMeStoresKeysButNeverThePassword) {
    TempDir dir;
    ClientHarness h(dir.path);
    ScramServer server("SCRAM-SHA-256", test::kPassword);
    h.login(server, kRosterItems);
    EXPECT_TRUE(h.state().remembered);
    ASSERT_TRUE(h.store.exists("accounts/user@localhost/credentials.json"));
    const std::string all = dir.allContents();
    EXPECT_NE(all.find("clientKey"), std::string::npos);  // the check below looks at the right files
    EXPECT_EQ(all.find(test::kPassword), std::string::npos);
    EXPECT_EQ(all.find(test::b64(test::kPassword)), std::string::npos);
    EXPECT_EQ(all.find(crypto::hexEncode(crypto::Bytes(test::kPassword, test::kPassword + 16))), std::string::npos);
    auto settings = h.store.read("settings.json");
    ASSERT_TRUE(settings.ok());
    EXPECT_NE(settings->find("user@localhost"), std::string::npos);
    EXPECT_GT(h.persistence.flushes, 0);
}

TEST(ClientLogin, StartLogsInFromStoredKeysWithoutPassword) {
    TempDir dir;
    {
        ClientHarness first(dir.path);
        ScramServer server("SCRAM-SHA-256", test::kPassword);
        first.login(server, kRosterItems);
    }
    ClientHarness h(dir.path);
    h.client->start();
    // The roster shows at once from storage, before any network.
    EXPECT_TRUE(h.state().remembered);
    EXPECT_EQ(h.state().roster.size(), 2u);
    ASSERT_EQ(h.transport.openedUrls, std::vector<std::string>{test::kWsUrl});
    EXPECT_EQ(h.state().connection, model::Connection::Connecting);
    // Same salt and iterations: the cached keys authenticate (the server checks the proof).
    ScramServer server("SCRAM-SHA-256", test::kPassword);
    h.authenticateAndBind(server, {"SCRAM-SHA-256"});
    h.answerRoster(kRosterItems);
    EXPECT_EQ(h.state().connection, model::Connection::Online);
}

TEST(ClientLogin, StoredKeysRejectedForgetsThemAndShowsLogin) {
    TempDir dir;
    {
        ClientHarness first(dir.path);
        ScramServer server("SCRAM-SHA-256", test::kPassword);
        first.login(server);
    }
    ClientHarness h(dir.path);
    h.client->start();
    auto auth = h.openStream(test::featuresPreAuth({"SCRAM-SHA-256"}), true);
    ASSERT_TRUE(auth.is(ns::kSasl, "auth"));
    ScramServer changed("SCRAM-SHA-256", "new password", "server-salt-1");  // password changed elsewhere
    h.feed(test::saslFrame("challenge", changed.serverFirst(test::unb64(auth.text()))));
    h.sentOne();
    h.feed(R"(<failure xmlns="urn:ietf:params:xml:ns:xmpp-sasl"><not-authorized/></failure>)");
    EXPECT_EQ(h.state().loginProblem.code, "auth-failed");
    EXPECT_FALSE(h.state().remembered);
    EXPECT_FALSE(h.store.exists("accounts/user@localhost/credentials.json"));
    // The next start does not try again.
    ClientHarness again(dir.path);
    again.client->start();
    EXPECT_TRUE(again.transport.openedUrls.empty());
    EXPECT_EQ(again.state().connection, model::Connection::LoggedOut);
}

TEST(ClientLogin, RememberedLoginRetriesWhileServerUnreachable) {
    TempDir dir;
    {
        ClientHarness first(dir.path);
        ScramServer server("SCRAM-SHA-256", test::kPassword);
        first.login(server, kRosterItems);
    }
    ClientHarness h(dir.path);
    h.client->start();
    h.client->onTransportClosed("connection refused");
    // Not a login problem: the local data stays on screen and the client tries again by itself.
    EXPECT_EQ(h.state().connection, model::Connection::Reconnecting);
    EXPECT_TRUE(h.state().loginProblem.code.empty());
    EXPECT_TRUE(h.state().remembered);
    EXPECT_EQ(h.state().roster.size(), 2u);
    h.clock.advance(1000);
    h.client->onTimer();
    EXPECT_EQ(h.transport.openedUrls.size(), 1u);
    h.clock.advance(1500);
    h.client->onTimer();
    ASSERT_EQ(h.transport.openedUrls.size(), 2u);
    h.client->onTransportClosed("connection refused");
    // "Retry" now, without waiting for the back-off.
    EXPECT_TRUE(h.client->reconnect());
    ASSERT_EQ(h.transport.openedUrls.size(), 3u);
    ScramServer server("SCRAM-SHA-256", test::kPassword);
    h.authenticateAndBind(server, {"SCRAM-SHA-256"});
    h.answerRoster(kRosterItems);
    EXPECT_EQ(h.state().connection, model::Connection::Online);
    EXPECT_FALSE(h.client->reconnect());  // already online
}

// A page reloaded behind a flaky link: every attempt reaches the server and is cut before the login
// ends. The retries stay a few seconds apart (the server answers: nothing to spare it from), where a
// server that cannot be reached at all gets the growing back-off. (no_loss_1000 once waited 2, 4, 8, 16,
// 32 s after a reload under cuts every 1.2 to 3.5 s, and was not back within 90 s.)
TEST(ClientLogin, RememberedLoginCutAfterTheServerAnsweredRetriesWithinSeconds) {
    TempDir dir;
    {
        ClientHarness first(dir.path);
        ScramServer server("SCRAM-SHA-256", test::kPassword);
        first.login(server, kRosterItems);
    }
    ClientHarness h(dir.path);
    h.client->start();
    for (std::size_t attempt = 1; attempt <= 8; ++attempt) {
        ASSERT_EQ(h.transport.openedUrls.size(), attempt);
        auto auth = h.openStream(test::featuresPreAuth({"SCRAM-SHA-256"}), true);
        ASSERT_TRUE(auth.is(ns::kSasl, "auth"));
        h.client->onTransportClosed("closed (1006)");
        ASSERT_EQ(h.state().connection, model::Connection::Reconnecting);
        h.clock.advance(4000);
        h.client->onTimer();
    }
    ASSERT_EQ(h.transport.openedUrls.size(), 9u);

    // Unreachable from then on (refused before anything answered): the back-off grows again.
    std::int64_t waited = 0;
    h.client->onTransportClosed("connection refused");
    while (h.transport.openedUrls.size() == 9u && waited < 120000) {
        h.clock.advance(1000);
        waited += 1000;
        h.client->onTimer();
    }
    EXPECT_EQ(waited, 8000);  // the third step: the count went on from its cap
    h.client->onTransportClosed("connection refused");
    waited = 0;
    while (h.transport.openedUrls.size() == 10u && waited < 120000) {
        h.clock.advance(1000);
        waited += 1000;
        h.client->onTimer();
    }
    EXPECT_EQ(waited, 16000);
}

TEST(ClientLogin, NotRememberedLeavesNoCredentials) {
    TempDir dir;
    ClientHarness h(dir.path);
    ScramServer server("SCRAM-SHA-256", test::kPassword);
    h.login(server, "", /*remember=*/false);
    EXPECT_FALSE(h.state().remembered);
    EXPECT_FALSE(h.store.exists("accounts/user@localhost/credentials.json"));
}

TEST(ClientLogin, LogoutForgetsCredentialsAndOptionallyLocalData) {
    TempDir dir;
    {
        ClientHarness h(dir.path);
        ScramServer server("SCRAM-SHA-256", test::kPassword);
        h.login(server, kRosterItems);
        h.client->sendMessage("bob@localhost", "hello");
        h.client->logout(false);
        EXPECT_EQ(h.state().connection, model::Connection::LoggedOut);
        EXPECT_TRUE(h.state().roster.empty());
        EXPECT_FALSE(h.state().remembered);
        EXPECT_FALSE(h.store.exists("accounts/user@localhost/credentials.json"));
        EXPECT_TRUE(h.store.exists("accounts/user@localhost/history/bob@localhost.d/s00000000.log"));
        EXPECT_EQ(h.transport.closeCalls, 1);
    }
    ClientHarness h(dir.path);
    h.client->start();
    EXPECT_TRUE(h.transport.openedUrls.empty());  // nothing remembered
    ScramServer server("SCRAM-SHA-256", test::kPassword);
    h.login(server, kRosterItems);
    EXPECT_EQ(h.state().conversations.at("bob@localhost").messages.size(), 1u);  // history kept
    h.client->logout(true);
    EXPECT_FALSE(h.store.exists("accounts/user@localhost"));
}

TEST(ClientLogin, PinnedMechanismSurvivesLogoutAndRefusesDowngrade) {
    TempDir dir;
    ClientHarness h(dir.path);
    ScramServer server("SCRAM-SHA-256", test::kPassword);
    h.login(server);
    EXPECT_EQ(*h.store.read("accounts/user@localhost/pinned"), "SCRAM-SHA-256\n");
    h.client->logout(false);
    // A server (or someone in the middle) now offers only weaker mechanisms.
    LoginRequest req;
    req.jid = test::kAccount;
    req.password = test::kPassword;
    req.allowPlain = true;
    h.transport.takeSent();
    h.client->login(req);
    h.client->onTransportOpen();
    h.feed(test::openReply());
    h.feed(test::featuresPreAuth({"SCRAM-SHA-1", "PLAIN"}));
    EXPECT_EQ(h.state().loginProblem.code, "no-mechanism");
    for (const auto& frame : h.transport.takeSent()) EXPECT_EQ(frame.find("<auth"), std::string::npos) << frame;
}

TEST(ClientLogin, DiscoversWebsocketFromHostMetaXml) {
    TempDir dir;
    ClientHarness h(dir.path);
    LoginRequest req;
    req.jid = "user@example.org";
    req.password = "x";
    h.client->login(req);
    EXPECT_EQ(h.state().connection, model::Connection::Discovering);
    ASSERT_EQ(h.http.requests.size(), 2u);
    EXPECT_EQ(h.http.requests[0].second, "https://example.org/.well-known/host-meta");
    EXPECT_EQ(h.http.requests[1].second, "https://example.org/.well-known/host-meta.json");
    h.client->onHttpResult(h.http.requests[1].first, 404, "");
    EXPECT_TRUE(h.transport.openedUrls.empty());
    h.client->onHttpResult(h.http.requests[0].first, 200,
                           "<?xml version='1.0' encoding='utf-8'?>\n"
                           "<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'>"
                           "<Link rel='urn:xmpp:alt-connections:xbosh' href='https://example.org/http-bind'/>"
                           "<Link rel='urn:xmpp:alt-connections:websocket' href='wss://example.org/xmpp-websocket'/>"
                           "</XRD>");
    EXPECT_EQ(h.transport.openedUrls, std::vector<std::string>{"wss://example.org/xmpp-websocket"});
    EXPECT_EQ(h.state().connection, model::Connection::Connecting);
}

TEST(ClientLogin, DiscoversWebsocketFromHostMetaJson) {
    TempDir dir;
    ClientHarness h(dir.path);
    LoginRequest req;
    req.jid = "user@example.org";
    h.client->login(req);
    ASSERT_EQ(h.http.requests.size(), 2u);
    h.client->onHttpResult(h.http.requests[1].first, 200,
                           R"({"links":[{"rel":"urn:xmpp:alt-connections:websocket","href":"wss://ws.example.org/x"}]})");
    EXPECT_EQ(h.transport.openedUrls, std::vector<std::string>{"wss://ws.example.org/x"});
    // The late XML answer changes nothing.
    h.client->onHttpResult(h.http.requests[0].first, 200, "<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'/>");
    EXPECT_EQ(h.transport.openedUrls.size(), 1u);
}

TEST(ClientLogin, NoEndpointWhenDiscoveryFindsNothing) {
    TempDir dir;
    ClientHarness h(dir.path);
    LoginRequest req;
    req.jid = "user@example.org";
    h.client->login(req);
    h.client->onHttpResult(h.http.requests[0].first, 200, "<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'/>");
    h.client->onHttpResult(h.http.requests[1].first, 0, "");
    EXPECT_EQ(h.state().loginProblem.code, "no-endpoint");
    EXPECT_EQ(h.state().connection, model::Connection::Failed);
    EXPECT_TRUE(h.transport.openedUrls.empty());

    // And when nothing answers at all.
    h.client->login(req);
    h.clock.advance(16000);
    h.client->onTimer();
    EXPECT_EQ(h.state().loginProblem.code, "no-endpoint");
}

TEST(ClientLogin, TypedUrlWinsOverDiscovery) {
    TempDir dir;
    ClientHarness h(dir.path);
    LoginRequest req;
    req.jid = "user@example.org";
    req.websocketUrl = "ws://127.0.0.1:5280/xmpp-websocket";
    h.client->login(req);
    EXPECT_TRUE(h.http.requests.empty());
    EXPECT_EQ(h.transport.openedUrls, std::vector<std::string>{"ws://127.0.0.1:5280/xmpp-websocket"});
}

TEST(ClientLogin, UnreachableServer) {
    TempDir dir;
    ClientHarness h(dir.path);
    LoginRequest req;
    req.jid = test::kAccount;
    req.password = "x";
    h.client->login(req);
    h.client->onTransportClosed("connection refused");
    EXPECT_EQ(h.state().loginProblem.code, "unreachable");
    EXPECT_EQ(h.state().connection, model::Connection::Failed);
}

TEST(ClientLogin, RegistrationConflictIsShown) {
    TempDir dir;
    ClientHarness h(dir.path);
    LoginRequest req;
    req.jid = test::kAccount;
    req.password = test::kPassword;
    req.registerAccount = true;
    h.client->login(req);
    auto get = h.openStream(test::featuresPreAuth({"SCRAM-SHA-256"}, /*registration=*/true), true);
    ASSERT_NE(get.child(ns::kRegister, "query"), nullptr);
    h.feed(stanza(R"(<iq type="result" id=")" + std::string(get.attr("id")) +
                  R"("><query xmlns="jabber:iq:register"><username/><password/></query></iq>)"));
    auto set = h.sentOne();
    ASSERT_EQ(set.attr("type"), "set");
    h.feed(stanza(R"(<iq type="error" id=")" + std::string(set.attr("id")) +
                  R"("><error type="cancel"><conflict xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>)"));
    EXPECT_EQ(h.state().loginProblem.code, "registration-conflict");
    EXPECT_EQ(h.state().connection, model::Connection::Failed);
}

}  // namespace
}  // namespace starling
