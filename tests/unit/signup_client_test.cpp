// Creating an account with the server's own form through the whole Client (fake transport, Prosody-
// shaped frames): the check for in-band registration, the form as sent (Prosody's, a CAPTCHA with its
// picture), the answer, a refusal and the fresh form after it, hostile forms, and an invitation whose
// token goes first and whose inviter is befriended once online.
#include <gtest/gtest.h>

#include "client_test_harness.h"
#include "core/crypto/hash.h"

namespace starling {
namespace {

using test::ClientHarness;
using test::stanza;
using test::TempDir;
using model::SignupStep;

constexpr const char* kProsodyForm =
    R"(<query xmlns="jabber:iq:register"><instructions>Choose a username and password for use with this service.</instructions>)"
    R"(<username/><password/><x xmlns="jabber:x:data" type="form"><title>Creating a new account</title>)"
    R"(<instructions>Choose a username and password for use with this service.</instructions>)"
    R"(<field type="hidden" var="FORM_TYPE"><value>jabber:iq:register</value></field>)"
    R"(<field type="text-single" label="Username" var="username"><required/></field>)"
    R"(<field type="text-private" label="Password" var="password"><required/></field></x></query>)";

std::string result(const xml::Element& iq, const std::string& payload) {
    return stanza(R"(<iq type="result" id=")" + std::string(iq.attr("id")) + R"(">)" + payload + "</iq>");
}

std::string features(bool registration, bool invite = false) {
    std::string f = test::featuresPreAuth({"SCRAM-SHA-256"}, registration);
    if (invite) f.insert(f.find("<mechanisms"), R"(<register xmlns="urn:xmpp:invite"/>)");
    return f;
}

std::string pngBase64() {
    const unsigned char png[] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R',
                                 0, 0, 0, 120, 0, 0, 0, 40, 8, 6, 0, 0, 0, 0x1F, 0x15, 0xC4, 0x89};
    return crypto::base64Encode(crypto::Bytes(png, png + sizeof png));
}

std::string captchaForm(const std::string& base64) {
    return R"(<query xmlns="jabber:iq:register"><x xmlns="jabber:x:data" type="form">)"
           R"(<field type="hidden" var="FORM_TYPE"><value>urn:xmpp:captcha</value></field>)"
           R"(<field type="hidden" var="challenge"><value>ch1</value></field>)"
           R"(<field type="text-single" var="username" label="User"><required/></field>)"
           R"(<field type="text-private" var="password" label="Password"><required/></field>)"
           R"(<field var="ocr" label="Enter the text you see"><required/><media xmlns="urn:xmpp:media-element">)"
           R"(<uri type="image/png">cid:sha1+abc@bob.xmpp.org</uri></media></field></x>)"
           R"(<data xmlns="urn:xmpp:bob" cid="sha1+abc@bob.xmpp.org" type="image/png">)" + base64 + "</data></query>";
}

class SignupTest : public ::testing::Test {
protected:
    TempDir dir;
    ClientHarness h{dir.path};

    // Picks the default server; answers the connection up to the form request; returns that request.
    xml::Element checkServer(bool registration = true) {
        h.transport.takeSent();  // the <close/> of an attempt before
        h.client->signupCheck("localhost");
        EXPECT_EQ(h.state().signup.step, SignupStep::Checking);
        return h.openStream(features(registration), true);
    }

    // After the registration result: SCRAM on the same stream, bind, roster.
    void logInAfterRegistration(const std::string& rosterItems = "") {
        test::ScramServer server("SCRAM-SHA-256", test::kPassword);
        auto auth = h.sentOne();
        ASSERT_TRUE(auth.is(ns::kSasl, "auth")) << xml::serialize(auth);
        h.feed(test::saslFrame("challenge", server.serverFirst(test::unb64(auth.text()))));
        auto response = h.sentOne();
        auto final = server.serverFinal(test::unb64(response.text()));
        ASSERT_TRUE(final);
        h.feed(test::saslFrame("success", *final));
        auto bind = h.openStream(test::featuresPostAuth(), false);
        h.boundJid = std::string(test::kAccount) + "/r";
        h.feed(R"(<iq xmlns="jabber:client" type="result" id=")" + std::string(bind.attr("id")) +
               R"("><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><jid>)" + h.boundJid + "</jid></bind></iq>");
        h.answerRoster(rosterItems);
    }
};

TEST_F(SignupTest, ProsodysFormIsShownAnsweredAndLogsIn) {
    auto get = checkServer();
    ASSERT_NE(get.child(ns::kRegister, "query"), nullptr);
    EXPECT_EQ(get.attr("type"), "get");
    h.feed(result(get, kProsodyForm));
    const model::Signup& s = h.state().signup;
    ASSERT_EQ(s.step, SignupStep::Form);
    EXPECT_EQ(s.title, "Creating a new account");
    ASSERT_EQ(s.fields.size(), 2u);  // FORM_TYPE is hidden
    EXPECT_EQ(s.fields[0].var, "username");
    EXPECT_EQ(s.fields[1].type, "text-private");
    EXPECT_FALSE(s.captcha);

    EXPECT_FALSE(h.client->signupSubmit({{"username", {"User"}}}));  // no password
    EXPECT_EQ(s.problem, "missing-field");
    EXPECT_EQ(s.detail, "Password");
    ASSERT_TRUE(h.client->signupSubmit({{"username", {" User "}}, {"password", {test::kPassword}}}));
    EXPECT_EQ(s.step, SignupStep::Submitting);
    auto set = h.sentOne();
    ASSERT_EQ(set.attr("type"), "set");
    EXPECT_TRUE(xml::equivalent(*set.child(ns::kRegister, "query"), test::parseXml(
        R"(<query xmlns="jabber:iq:register"><x xmlns="jabber:x:data" type="submit">)"
        R"(<field var="FORM_TYPE" type="hidden"><value>jabber:iq:register</value></field>)"
        R"(<field var="username"><value>user</value></field>)"
        R"(<field var="password"><value>)" + std::string(test::kPassword) + R"(</value></field></x></query>)")))
        << xml::serialize(set);
    h.feed(result(set, ""));
    logInAfterRegistration();
    EXPECT_EQ(h.state().connection, model::Connection::Online);
    EXPECT_EQ(s.step, SignupStep::Done);
    EXPECT_TRUE(h.state().remembered);  // the new account's keys, as after any login
    EXPECT_EQ(dir.allContents().find(test::kPassword), std::string::npos);
}

TEST_F(SignupTest, ARefusedNameKeepsTheFormAndAsksForAFreshOne) {
    auto get = checkServer();
    h.feed(result(get, kProsodyForm));
    ASSERT_TRUE(h.client->signupSubmit({{"username", {"taken"}}, {"password", {"pw"}}}));
    auto set = h.sentOne();
    h.feed(stanza(R"(<iq type="error" id=")" + std::string(set.attr("id")) +
                  R"("><error type="cancel"><conflict xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>)"));
    EXPECT_EQ(h.state().signup.problem, "registration-conflict");
    auto again = h.sentOne();  // a new form (a new CAPTCHA, where there is one)
    ASSERT_NE(again.child(ns::kRegister, "query"), nullptr);
    EXPECT_EQ(again.attr("type"), "get");
    const int version = h.state().signup.formVersion;
    h.feed(result(again, kProsodyForm));
    EXPECT_EQ(h.state().signup.step, SignupStep::Form);
    EXPECT_EQ(h.state().signup.formVersion, version + 1);
    EXPECT_EQ(h.state().signup.problem, "registration-conflict");  // still said
}

TEST_F(SignupTest, AServerWithoutInBandRegistrationIsSaidBeforeAnyName) {
    h.client->signupCheck("localhost");
    h.client->onTransportOpen();
    h.sentOne();
    h.feed(test::openReply());
    h.feed(features(false));
    EXPECT_EQ(h.state().signup.step, SignupStep::Failed);
    EXPECT_EQ(h.state().signup.problem, "registration-closed");
}

TEST_F(SignupTest, ABadDomainIsSaidWithoutConnecting) {
    h.client->signupCheck("not a domain@@");
    EXPECT_EQ(h.state().signup.step, SignupStep::Failed);
    EXPECT_EQ(h.state().signup.problem, "bad-domain");
    EXPECT_TRUE(h.transport.openedUrls.empty());
}

TEST_F(SignupTest, TheFormWaitsForThePersonBeyondTheNegotiationTimeout) {
    auto get = checkServer();
    h.feed(result(get, kProsodyForm));
    for (int i = 0; i < 40; ++i) {
        h.clock.advance(15000);  // ten minutes of reading and typing
        h.client->onTimer();
    }
    EXPECT_EQ(h.state().signup.step, SignupStep::Form);
    EXPECT_TRUE(h.client->signupSubmit({{"username", {"user"}}, {"password", {"pw"}}}));
}

TEST_F(SignupTest, ACaptchaPictureIsInTheStateForTheUi) {
    auto get = checkServer();
    h.feed(result(get, captchaForm(pngBase64())));
    const model::Signup& s = h.state().signup;
    ASSERT_EQ(s.step, SignupStep::Form);
    EXPECT_TRUE(s.captcha);
    ASSERT_EQ(s.fields.size(), 3u);
    EXPECT_TRUE(s.fields[2].challenge);
    const std::string key = s.fields[2].pictureKey;
    ASSERT_FALSE(key.empty());
    ASSERT_EQ(h.state().media.count(key), 1u);
    EXPECT_EQ(h.state().media.at(key)->substr(1, 3), "PNG");
    EXPECT_FALSE(h.client->signupSubmit({{"username", {"user"}}, {"password", {"pw"}}}));
    EXPECT_EQ(s.problem, "missing-field");
    EXPECT_EQ(s.detail, "Enter the text you see");
    ASSERT_TRUE(h.client->signupSubmit({{"username", {"user"}}, {"password", {"pw"}}, {"ocr", {"7nHL3"}}}));
    auto set = h.sentOne();
    const std::string wire = xml::serialize(set);
    EXPECT_NE(wire.find("ch1"), std::string::npos);    // the hidden challenge echoed
    EXPECT_NE(wire.find("7nHL3"), std::string::npos);
    h.feed(stanza(R"(<iq type="error" id=")" + std::string(set.attr("id")) +
                  R"("><error type="modify"><not-acceptable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>)"));
    EXPECT_EQ(s.problem, "captcha-failed");
    h.feed(result(h.sentOne(), captchaForm(pngBase64())));
    EXPECT_EQ(h.state().media.count(key), 0u);  // the old picture dropped
    EXPECT_EQ(h.state().media.count(s.fields[2].pictureKey), 1u);  // the new one in
    EXPECT_EQ(h.state().media.size(), 1u);
}

TEST_F(SignupTest, BrokenOrHugePicturesAreSaidNotDrawn) {
    auto get = checkServer();
    h.feed(result(get, captchaForm(crypto::base64Encode(crypto::Bytes(64, 'x')))));  // not an image
    ASSERT_EQ(h.state().signup.step, SignupStep::Form);
    EXPECT_EQ(h.state().signup.fields[2].pictureError, "captcha-picture-bad");
    EXPECT_EQ(h.state().media.size(), 0u);
    h.client->signupCancel();
    get = checkServer();
    h.feed(result(get, captchaForm(std::string(200000, 'A'))));  // 150 KB: over the BoB limit
    ASSERT_EQ(h.state().signup.step, SignupStep::Form);
    EXPECT_EQ(h.state().signup.fields[2].pictureError, "captcha-picture-too-large");
}

TEST_F(SignupTest, AHostileFormIsRefusedWithAReason) {
    auto get = checkServer();
    std::string many = R"(<query xmlns="jabber:iq:register"><x xmlns="jabber:x:data" type="form">)";
    for (int i = 0; i < 10000; ++i) many += "<field var='f" + std::to_string(i) + "'/>";
    h.feed(result(get, many + "</x></query>"));
    EXPECT_EQ(h.state().signup.step, SignupStep::Failed);
    EXPECT_EQ(h.state().signup.problem, "form-too-large");
    EXPECT_TRUE(h.state().signup.fields.empty());
}

TEST_F(SignupTest, AFormWithoutAUsernameCannotBeUsed) {
    auto get = checkServer();
    h.feed(result(get, R"(<query xmlns="jabber:iq:register"><instructions>Use our web site</instructions>)"
                       R"(<x xmlns="jabber:x:oob"><url>https://example.org/register</url></x></query>)"));
    EXPECT_EQ(h.state().signup.step, SignupStep::Failed);
    EXPECT_EQ(h.state().signup.problem, "form-unusable");
    EXPECT_EQ(h.state().signup.webUrl, "https://example.org/register");
}

TEST_F(SignupTest, AnInvitationSendsItsTokenFirstAndBefriendsTheInviter) {
    ASSERT_TRUE(h.client->signupInvitation("xmpp:inviter@localhost?roster;preauth=TOK-1;ibr=y"));
    EXPECT_TRUE(h.state().signup.invited);
    EXPECT_EQ(h.state().signup.inviter, "inviter@localhost");
    auto preauth = h.openStream(features(true, /*invite=*/true), true);
    const xml::Element* p = preauth.child(ns::kPars, "preauth");
    ASSERT_NE(p, nullptr) << xml::serialize(preauth);
    EXPECT_EQ(p->attr("token"), "TOK-1");
    h.feed(result(preauth, ""));
    auto get = h.sentOne();
    ASSERT_NE(get.child(ns::kRegister, "query"), nullptr);
    h.feed(result(get, kProsodyForm));
    ASSERT_TRUE(h.client->signupSubmit({{"username", {"user"}}, {"password", {test::kPassword}}}));
    h.feed(result(h.sentOne(), ""));
    logInAfterRegistration();
    bool subscribed = false;
    for (const auto& e : h.extraAfterLogin) {
        if (e.is(ns::kClient, "presence") && e.attr("type") == "subscribe" && e.attr("to") == "inviter@localhost") {
            const xml::Element* token = e.child(ns::kPars, "preauth");
            subscribed = token && token->attr("token") == "TOK-1";
        }
    }
    EXPECT_TRUE(subscribed);
}

TEST_F(SignupTest, AnInvitationAlreadyHonouredByTheServerSendsNothingMore) {
    ASSERT_TRUE(h.client->signupInvitation("xmpp:inviter@localhost?roster;preauth=TOK-1;ibr=y"));
    auto preauth = h.openStream(features(true, true), true);
    h.feed(result(preauth, ""));
    h.feed(result(h.sentOne(), kProsodyForm));
    ASSERT_TRUE(h.client->signupSubmit({{"username", {"user"}}, {"password", {test::kPassword}}}));
    h.feed(result(h.sentOne(), ""));
    logInAfterRegistration(R"(<item jid="inviter@localhost" subscription="both"/>)");  // Prosody's mod_invites_register
    for (const auto& e : h.extraAfterLogin) EXPECT_NE(e.attr("to"), "inviter@localhost") << xml::serialize(e);
}

TEST_F(SignupTest, ARefusedTokenIsSaid) {
    ASSERT_TRUE(h.client->signupInvitation("xmpp:localhost?register;preauth=EXPIRED"));
    auto preauth = h.openStream(features(true, true), true);
    h.feed(stanza(R"(<iq type="error" id=")" + std::string(preauth.attr("id")) +
                  R"("><error type="cancel"><forbidden xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>)"));
    EXPECT_EQ(h.state().signup.step, SignupStep::Failed);
    EXPECT_EQ(h.state().signup.problem, "invite-invalid");
}

TEST_F(SignupTest, NotAnInvitationLinkIsSaid) {
    EXPECT_FALSE(h.client->signupInvitation("https://evil.example/"));
    EXPECT_EQ(h.state().signup.step, SignupStep::Failed);
    EXPECT_EQ(h.state().signup.problem, "invite-invalid");
}

TEST_F(SignupTest, CancelGoesBackToTheLoginScreen) {
    auto get = checkServer();
    h.feed(result(get, kProsodyForm));
    h.client->signupCancel();
    EXPECT_EQ(h.state().signup.step, SignupStep::Idle);
    EXPECT_EQ(h.state().connection, model::Connection::LoggedOut);
}

}  // namespace
}  // namespace starling
