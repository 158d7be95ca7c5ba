// Session login paths driven through FakeTransport with Prosody-shaped frames: SCRAM-SHA-256,
// SCRAM-SHA-1 fallback, PLAIN policy, pinning, wrong password, bad server signature, registration.
#include "core/stream/session.h"

#include <gtest/gtest.h>

#include "stream_test_server.h"

namespace starling::stream {
namespace {

using test::SessionHarness;
using test::ScramServer;
using S = SessionState;

TEST(StreamSessionTest, FullLoginWithScramSha256) {
    SessionHarness h;
    ScramServer server("SCRAM-SHA-256", "pencil");
    h.session.start(SessionHarness::config());
    ASSERT_EQ(h.transport.openedUrls, std::vector<std::string>{test::kWsUrl});
    EXPECT_EQ(h.session.state(), S::Connecting);

    auto auth = h.openStream(test::featuresPreAuth({"SCRAM-SHA-1", "SCRAM-SHA-256", "PLAIN"}));
    EXPECT_EQ(auth.attr("mechanism"), "SCRAM-SHA-256");
    h.runScram(server, auth);
    EXPECT_EQ(server.username, "user");
    EXPECT_EQ(h.session.state(), S::Negotiating);
    h.runBind();

    EXPECT_EQ(h.session.state(), S::Established);
    EXPECT_EQ(h.session.boundJid(), "user@localhost/starling-AB12");
    EXPECT_EQ(h.session.mechanismUsed(), "SCRAM-SHA-256");
    EXPECT_EQ(h.established, 1);
    EXPECT_TRUE(h.failures.empty());
    EXPECT_EQ(h.states, (std::vector<S>{S::Connecting, S::Negotiating, S::Established}));
    ASSERT_TRUE(h.session.scramCache());
    EXPECT_EQ(h.session.scramCache()->mechanism, "SCRAM-SHA-256");
    EXPECT_EQ(h.session.scramCache()->iterations, 4096u);
    EXPECT_EQ(h.session.scramCache()->clientKey.size(), 32u);
    EXPECT_TRUE(h.takeSent().empty());  // optional legacy session: no session iq
}

TEST(StreamSessionTest, ScramSha1WhenSha256NotOffered) {
    SessionHarness h;
    ScramServer server("SCRAM-SHA-1", "pencil");
    h.login(server, SessionHarness::config(), {"PLAIN", "SCRAM-SHA-1"});
    EXPECT_EQ(h.session.state(), S::Established);
    EXPECT_EQ(h.session.mechanismUsed(), "SCRAM-SHA-1");
    EXPECT_EQ(h.session.scramCache()->clientKey.size(), 20u);
}

TEST(StreamSessionTest, PlainIsRefusedUnlessAllowed) {
    SessionHarness h;
    h.session.start(SessionHarness::config());
    h.session.onTransportOpen();
    h.takeSent();
    h.feed(test::openReply());
    h.feed(test::featuresPreAuth({"PLAIN"}));
    EXPECT_EQ(h.session.state(), S::Failed);
    ASSERT_EQ(h.failures.size(), 1u);
    EXPECT_EQ(h.failures[0].code, "no-mechanism");
    for (const auto& f : h.takeSent()) EXPECT_FALSE(f.is(ns::kSasl, "auth"));
    EXPECT_FALSE(h.transport.isOpen);
}

TEST(StreamSessionTest, PlainWhenAllowed) {
    SessionHarness h;
    auto cfg = SessionHarness::config("pw");
    cfg.allowPlain = true;
    h.session.start(cfg);
    auto auth = h.openStream(test::featuresPreAuth({"PLAIN"}));
    EXPECT_EQ(auth.attr("mechanism"), "PLAIN");
    EXPECT_EQ(test::unb64(auth.text()), std::string("\0user\0pw", 8));
    h.feed(R"(<success xmlns="urn:ietf:params:xml:ns:xmpp-sasl"/>)");
    h.runBind();
    EXPECT_EQ(h.session.state(), S::Established);
    EXPECT_EQ(h.session.mechanismUsed(), "PLAIN");
    EXPECT_FALSE(h.session.scramCache());
}

TEST(StreamSessionTest, PinnedMechanismRefusesWeakerOnes) {
    SessionHarness h;
    auto cfg = SessionHarness::config();
    cfg.pinnedMechanism = "SCRAM-SHA-256";
    cfg.allowPlain = true;
    h.session.start(cfg);
    h.session.onTransportOpen();
    h.feed(test::openReply());
    h.feed(test::featuresPreAuth({"SCRAM-SHA-1", "PLAIN"}));
    ASSERT_EQ(h.failures.size(), 1u);
    EXPECT_EQ(h.failures[0].code, "no-mechanism");
}

TEST(StreamSessionTest, WrongPasswordIsNotAuthorized) {
    SessionHarness h;
    ScramServer server("SCRAM-SHA-256", "the-real-password");
    h.session.start(SessionHarness::config("wrong"));
    auto auth = h.openStream(test::featuresPreAuth({"SCRAM-SHA-256"}));
    h.feed(test::saslFrame("challenge", server.serverFirst(test::unb64(auth.text()))));
    auto response = h.sentOne();
    EXPECT_FALSE(server.serverFinal(test::unb64(response.text())));
    h.feed(R"(<failure xmlns="urn:ietf:params:xml:ns:xmpp-sasl"><not-authorized/><text>Invalid username or password</text></failure>)");
    EXPECT_EQ(h.session.state(), S::Failed);
    ASSERT_EQ(h.failures.size(), 1u);
    EXPECT_EQ(h.failures[0].code, "not-authorized");
    EXPECT_FALSE(h.transport.isOpen);
    EXPECT_EQ(h.established, 0);
}

TEST(StreamSessionTest, BadServerSignatureFails) {
    SessionHarness h;
    ScramServer server("SCRAM-SHA-256", "pencil");
    ScramServer impostor("SCRAM-SHA-256", "other", "server-salt-1");
    h.session.start(SessionHarness::config());
    auto auth = h.openStream(test::featuresPreAuth({"SCRAM-SHA-256"}));
    std::string first = server.serverFirst(test::unb64(auth.text()));
    impostor.serverFirst(test::unb64(auth.text()));
    h.feed(test::saslFrame("challenge", first));
    auto response = test::unb64(h.sentOne().text());
    ASSERT_TRUE(server.serverFinal(response));
    // An impostor that does not know the keys cannot produce v=; send one computed from other keys.
    std::string forged = "v=" + test::b64(std::string(32, 'x'));
    h.feed(test::saslFrame("success", forged));
    ASSERT_EQ(h.failures.size(), 1u);
    EXPECT_EQ(h.failures[0].code, "server-signature");
    EXPECT_EQ(h.session.state(), S::Failed);
    EXPECT_EQ(h.established, 0);
}

TEST(StreamSessionTest, SuccessWithoutServerSignatureFails) {
    SessionHarness h;
    ScramServer server("SCRAM-SHA-1", "pencil");
    h.session.start(SessionHarness::config());
    auto auth = h.openStream(test::featuresPreAuth({"SCRAM-SHA-1"}));
    h.feed(test::saslFrame("challenge", server.serverFirst(test::unb64(auth.text()))));
    h.takeSent();
    h.feed(R"(<success xmlns="urn:ietf:params:xml:ns:xmpp-sasl"/>)");
    ASSERT_EQ(h.failures.size(), 1u);
    EXPECT_EQ(h.failures[0].code, "server-signature");
}

TEST(StreamSessionTest, ServerFinalAsChallengeThenSuccess) {
    SessionHarness h;
    ScramServer server("SCRAM-SHA-1", "pencil");
    h.session.start(SessionHarness::config());
    auto auth = h.openStream(test::featuresPreAuth({"SCRAM-SHA-1"}));
    h.feed(test::saslFrame("challenge", server.serverFirst(test::unb64(auth.text()))));
    auto final = server.serverFinal(test::unb64(h.sentOne().text()));
    ASSERT_TRUE(final);
    h.feed(test::saslFrame("challenge", *final));
    auto empty = h.sentOne();
    EXPECT_TRUE(empty.is(ns::kSasl, "response"));
    EXPECT_TRUE(empty.text().empty());
    h.feed(R"(<success xmlns="urn:ietf:params:xml:ns:xmpp-sasl"/>)");
    h.runBind();
    EXPECT_EQ(h.session.state(), S::Established);
}

TEST(StreamSessionTest, ServerNonceMismatchAborts) {
    SessionHarness h;
    ScramServer server("SCRAM-SHA-256", "pencil");
    h.session.start(SessionHarness::config());
    auto auth = h.openStream(test::featuresPreAuth({"SCRAM-SHA-256"}));
    h.feed(test::saslFrame("challenge", server.serverFirst(test::unb64(auth.text()), "someoneElsesNonce123")));
    auto sent = h.takeSent();
    ASSERT_FALSE(sent.empty());
    EXPECT_TRUE(sent[0].is(ns::kSasl, "abort"));
    ASSERT_EQ(h.failures.size(), 1u);
    EXPECT_EQ(h.failures[0].code, "bad-challenge");
}

TEST(StreamSessionTest, LegacySessionIqWhenRequired) {
    SessionHarness h;
    ScramServer server("SCRAM-SHA-256", "pencil");
    h.session.start(SessionHarness::config());
    h.runScram(server, h.openStream(test::featuresPreAuth({"SCRAM-SHA-256"})));
    h.runBind(/*sessionRequired=*/true);
    EXPECT_EQ(h.session.state(), S::Negotiating);
    auto iq = h.sentOne();
    ASSERT_NE(iq.child(ns::kSession, "session"), nullptr);
    h.feed(std::string(R"(<iq xmlns="jabber:client" type="result" id=")") + std::string(iq.attr("id")) + R"("/>)");
    EXPECT_EQ(h.session.state(), S::Established);
    EXPECT_EQ(h.established, 1);
}

// ---- XEP-0077 ----

constexpr const char* kProsodyRegisterForm =
    R"(<query xmlns="jabber:iq:register"><instructions>Choose a username and password for use with this service.</instructions>)"
    R"(<username/><password/><x xmlns="jabber:x:data" type="form"><title>Creating a new account</title>)"
    R"(<field type="hidden" var="FORM_TYPE"><value>jabber:iq:register</value></field>)"
    R"(<field type="text-single" label="Username" var="username"><required/></field>)"
    R"(<field type="text-private" label="Password" var="password"><required/></field></x></query>)";

// Runs up to the registration iq set; returns it.
xml::Element registerUntilSubmit(SessionHarness& h) {
    auto cfg = SessionHarness::config("n3w-pass");
    cfg.registerAccount = true;
    h.session.start(cfg);
    auto get = h.openStream(test::featuresPreAuth({"SCRAM-SHA-1", "SCRAM-SHA-256"}, /*registration=*/true));
    EXPECT_EQ(get.attr("type"), "get");
    EXPECT_NE(get.child(ns::kRegister, "query"), nullptr);
    h.feed(std::string(R"(<iq xmlns="jabber:client" type="result" id=")") + std::string(get.attr("id")) + "\">" +
           kProsodyRegisterForm + "</iq>");
    return h.sentOne();
}

std::string registerError(const xml::Element& set, const char* condition, const char* type = "cancel") {
    return std::string(R"(<iq xmlns="jabber:client" type="error" id=")") + std::string(set.attr("id")) +
           R"("><error type=")" + type + R"("><)" + condition +
           R"( xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>)";
}

TEST(StreamSessionTest, RegistrationThenLoginOnTheSameStream) {
    SessionHarness h;
    auto set = registerUntilSubmit(h);
    ASSERT_EQ(set.attr("type"), "set");
    const auto* x = set.child(ns::kRegister, "query") ? set.child(ns::kRegister, "query")->child(ns::kDataForms, "x") : nullptr;
    ASSERT_NE(x, nullptr);
    std::map<std::string, std::string> fields;
    for (const auto* f : x->childrenNamed(ns::kDataForms, "field"))
        fields[std::string(f->attr("var"))] = std::string(f->childText(ns::kDataForms, "value"));
    EXPECT_EQ(fields["username"], "user");
    EXPECT_EQ(fields["password"], "n3w-pass");
    EXPECT_EQ(fields["FORM_TYPE"], "jabber:iq:register");

    h.feed(std::string(R"(<iq xmlns="jabber:client" type="result" id=")") + std::string(set.attr("id")) + R"("/>)");
    auto auth = h.sentOne();
    ASSERT_TRUE(auth.is(ns::kSasl, "auth"));
    ScramServer server("SCRAM-SHA-256", "n3w-pass");
    h.runScram(server, auth);
    h.runBind();
    EXPECT_EQ(h.session.state(), S::Established);
}

TEST(StreamSessionTest, RegistrationConflict) {
    SessionHarness h;
    auto set = registerUntilSubmit(h);
    h.feed(registerError(set, "conflict"));
    ASSERT_EQ(h.failures.size(), 1u);
    EXPECT_EQ(h.failures[0].code, "conflict");
    EXPECT_EQ(h.session.state(), S::Failed);
}

TEST(StreamSessionTest, RegistrationNotAcceptableAndNotAllowed) {
    {
        SessionHarness h;
        auto set = registerUntilSubmit(h);
        h.feed(registerError(set, "not-acceptable", "modify"));
        ASSERT_EQ(h.failures.size(), 1u);
        EXPECT_EQ(h.failures[0].code, "not-acceptable");
    }
    {
        SessionHarness h;
        auto set = registerUntilSubmit(h);
        h.feed(registerError(set, "forbidden", "auth"));
        ASSERT_EQ(h.failures.size(), 1u);
        EXPECT_EQ(h.failures[0].code, "not-allowed");
    }
}

TEST(StreamSessionTest, RegistrationNotOfferedIsNotAllowed) {
    SessionHarness h;
    auto cfg = SessionHarness::config();
    cfg.registerAccount = true;
    h.session.start(cfg);
    h.session.onTransportOpen();
    h.feed(test::openReply());
    h.feed(test::featuresPreAuth({"SCRAM-SHA-256"}, /*registration=*/false));
    ASSERT_EQ(h.failures.size(), 1u);
    EXPECT_EQ(h.failures[0].code, "not-allowed");
}

TEST(StreamSessionTest, RegistrationReplyFromAnotherSenderIsIgnored) {
    SessionHarness h;
    auto set = registerUntilSubmit(h);
    h.feed(std::string(R"(<iq xmlns="jabber:client" type="result" from="evil.example" id=")") +
           std::string(set.attr("id")) + R"("/>)");
    EXPECT_TRUE(h.takeSent().empty());
    EXPECT_EQ(h.session.state(), S::Negotiating);
}

TEST(StreamSessionTest, RegistrationWithoutMechanismsReopensTheStream) {
    SessionHarness h;
    auto cfg = SessionHarness::config("n3w-pass");
    cfg.registerAccount = true;
    h.session.start(cfg);
    auto get = h.openStream(R"(<stream:features xmlns:stream="http://etherx.jabber.org/streams">)"
                            R"(<register xmlns="http://jabber.org/features/iq-register"/></stream:features>)");
    h.feed(std::string(R"(<iq xmlns="jabber:client" type="result" id=")") + std::string(get.attr("id")) +
           R"("><query xmlns="jabber:iq:register"><username/><password/></query></iq>)");
    auto set = h.sentOne();
    EXPECT_EQ(set.child(ns::kRegister, "query")->childText(ns::kRegister, "password"), "n3w-pass");
    h.feed(std::string(R"(<iq xmlns="jabber:client" type="result" id=")") + std::string(set.attr("id")) + R"("/>)");
    auto open = h.sentOne();
    ASSERT_TRUE(open.is(ns::kFraming, "open"));
    h.feed(test::openReply());
    h.feed(test::featuresPreAuth({"SCRAM-SHA-1"}, /*registration=*/true));  // no second registration
    auto auth = h.sentOne();
    ASSERT_TRUE(auth.is(ns::kSasl, "auth"));
    ScramServer server("SCRAM-SHA-1", "n3w-pass");
    h.runScram(server, auth);
    h.runBind();
    EXPECT_EQ(h.session.state(), S::Established);
}

TEST(StreamSessionTest, SeeOtherUriDuringNegotiation) {
    SessionHarness h;
    h.session.start(SessionHarness::config());
    h.session.onTransportOpen();
    h.feed(R"(<close xmlns="urn:ietf:params:xml:ns:xmpp-framing" see-other-uri="ws://LOCALHOST:5290/ws"/>)");
    EXPECT_EQ(h.session.state(), S::Connecting);
    ASSERT_EQ(h.transport.openedUrls.size(), 2u);
    EXPECT_EQ(h.transport.openedUrls[1], "ws://LOCALHOST:5290/ws");
    h.session.onTransportClosed("refused");
    EXPECT_EQ(h.session.state(), S::Failed);
    ASSERT_EQ(h.failures.size(), 1u);
    EXPECT_EQ(h.failures[0].code, "unreachable");
}

TEST(StreamSessionTest, ClosedBeforeEstablishedIsUnreachable) {
    SessionHarness h;
    h.session.start(SessionHarness::config());
    h.session.onTransportClosed("connection refused");
    EXPECT_EQ(h.session.state(), S::Failed);
    ASSERT_EQ(h.failures.size(), 1u);
    EXPECT_EQ(h.failures[0].code, "unreachable");
    EXPECT_EQ(h.transport.openedUrls.size(), 1u);  // no reconnect loop before a first success
}

TEST(StreamSessionTest, NegotiationTimeoutIsUnreachable) {
    SessionHarness h;
    h.session.start(SessionHarness::config());
    h.session.onTransportOpen();
    h.clock.advance(29999);
    h.session.onTimer();
    EXPECT_EQ(h.session.state(), S::Negotiating);
    h.clock.advance(1);
    h.session.onTimer();
    EXPECT_EQ(h.session.state(), S::Failed);
    ASSERT_EQ(h.failures.size(), 1u);
    EXPECT_EQ(h.failures[0].code, "unreachable");
    EXPECT_FALSE(h.transport.isOpen);
}

TEST(StreamSessionTest, BadJid) {
    SessionHarness h;
    auto cfg = SessionHarness::config();
    cfg.jid = "no-domain-here@";
    h.session.start(cfg);
    ASSERT_EQ(h.failures.size(), 1u);
    EXPECT_EQ(h.failures[0].code, "bad-jid");
    EXPECT_TRUE(h.transport.openedUrls.empty());
}

}  // namespace
}  // namespace starling::stream
