// XEP-0077 payloads: the XEP's own examples and Prosody 0.12's form.
#include "core/xep/xep0077_register.h"

#include <gtest/gtest.h>

#include "core/xml/ns.h"
#include "xep_fixture.h"

namespace starling::xep {
namespace {

using test::parseStanza;

// XEP-0077 Example 2 (legacy fields).
constexpr const char* kLegacyForm =
    R"(<query xmlns='jabber:iq:register'><instructions>Choose a username and password for use with this service. )"
    R"(Please also provide your email address.</instructions><username/><password/><email/></query>)";

// Prosody 0.12 mod_register_ibr: legacy fields plus a data form.
constexpr const char* kProsodyForm =
    R"(<query xmlns="jabber:iq:register"><instructions>Choose a username and password for use with this service.</instructions>)"
    R"(<username/><password/><x xmlns="jabber:x:data" type="form"><title>Creating a new account</title>)"
    R"(<instructions>Choose a username and password for use with this service.</instructions>)"
    R"(<field type="hidden" var="FORM_TYPE"><value>jabber:iq:register</value></field>)"
    R"(<field type="text-single" label="Username" var="username"><required/></field>)"
    R"(<field type="text-private" label="Password" var="password"><required/></field></x></query>)";

TEST(Xep0077RegisterTest, QueryIsEmptyRegisterQuery) {
    auto q = registrationQuery();
    EXPECT_TRUE(q.is(ns::kRegister, "query"));
    EXPECT_TRUE(q.children().empty());
}

TEST(Xep0077RegisterTest, ParsesLegacyForm) {
    auto f = parseRegistrationForm(parseStanza(kLegacyForm));
    ASSERT_TRUE(f.ok());
    EXPECT_FALSE(f->hasDataForm);
    EXPECT_FALSE(f->alreadyRegistered);
    EXPECT_EQ(f->legacyFields, (std::vector<std::string>{"username", "password", "email"}));
    EXPECT_NE(f->instructions.find("Choose a username"), std::string::npos);
}

TEST(Xep0077RegisterTest, LegacySubmitHasUsernameAndPassword) {
    auto f = parseRegistrationForm(parseStanza(kLegacyForm));
    ASSERT_TRUE(f.ok());
    auto q = registrationSubmit(*f, "bill", "Calliope");
    ASSERT_TRUE(q.ok());
    // XEP-0077 Example 3 minus the e-mail we do not ask for.
    EXPECT_TRUE(xml::equivalent(*q, parseStanza(R"(<query xmlns='jabber:iq:register'><username>bill</username><password>Calliope</password></query>)")));
}

TEST(Xep0077RegisterTest, ParsesProsodyDataForm) {
    auto f = parseRegistrationForm(parseStanza(kProsodyForm));
    ASSERT_TRUE(f.ok());
    ASSERT_TRUE(f->hasDataForm);
    ASSERT_EQ(f->dataForm.fields.size(), 3u);
    EXPECT_EQ(f->dataForm.fields[0].var, "FORM_TYPE");
    EXPECT_EQ(f->dataForm.fields[0].value(), "jabber:iq:register");
    EXPECT_TRUE(f->dataForm.fields[1].required);
    EXPECT_EQ(f->dataForm.fields[2].type, "text-private");
    EXPECT_EQ(f->dataForm.title, "Creating a new account");
}

TEST(Xep0077RegisterTest, DataFormSubmitEchoesFormType) {
    auto f = parseRegistrationForm(parseStanza(kProsodyForm));
    ASSERT_TRUE(f.ok());
    auto q = registrationSubmit(*f, "alice", "s3cret<&>");
    ASSERT_TRUE(q.ok());
    auto expected = parseStanza(
        R"(<query xmlns="jabber:iq:register"><x xmlns="jabber:x:data" type="submit">)"
        R"(<field var="FORM_TYPE" type="hidden"><value>jabber:iq:register</value></field>)"
        R"(<field var="username"><value>alice</value></field>)"
        R"(<field var="password"><value>s3cret&lt;&amp;&gt;</value></field></x></query>)");
    EXPECT_TRUE(xml::equivalent(*q, expected)) << xml::serialize(*q);
}

TEST(Xep0077RegisterTest, UnfillableRequiredFieldIsNotAcceptable) {
    auto f = parseRegistrationForm(parseStanza(
        R"(<query xmlns="jabber:iq:register"><x xmlns="jabber:x:data" type="form">)"
        R"(<field var="username"><required/></field><field var="password"><required/></field>)"
        R"(<field var="ocr" type="text-single"><required/></field></x></query>)"));
    ASSERT_TRUE(f.ok());
    auto q = registrationSubmit(*f, "a", "b");
    ASSERT_FALSE(q.ok());
    EXPECT_EQ(q.error().code, "not-acceptable");
}

TEST(Xep0077RegisterTest, RejectsOtherPayload) {
    EXPECT_FALSE(parseRegistrationForm(parseStanza(R"(<query xmlns="jabber:iq:roster"/>)")).ok());
}

TEST(Xep0077RegisterTest, RegisteredFlag) {
    auto f = parseRegistrationForm(parseStanza(R"(<query xmlns="jabber:iq:register"><registered/><username>juliet</username></query>)"));
    ASSERT_TRUE(f.ok());
    EXPECT_TRUE(f->alreadyRegistered);
}

TEST(Xep0077RegisterTest, MapsErrors) {
    auto err = [](const char* condition) {
        return registrationError(parseStanza(std::string(R"(<iq xmlns="jabber:client" type="error" id="r"><error type="cancel"><)") +
                                             condition + R"( xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/><text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas">why</text></error></iq>)"));
    };
    EXPECT_EQ(err("conflict").code, "conflict");  // XEP-0077 Example 6
    EXPECT_EQ(err("not-acceptable").code, "not-acceptable");  // Example 7
    EXPECT_EQ(err("bad-request").code, "not-acceptable");
    EXPECT_EQ(err("not-allowed").code, "not-allowed");
    EXPECT_EQ(err("forbidden").code, "not-allowed");
    EXPECT_EQ(err("service-unavailable").code, "not-allowed");
    EXPECT_EQ(err("conflict").message, "conflict: why");
    EXPECT_EQ(registrationError(parseStanza(R"(<iq xmlns="jabber:client" type="error"/>)")).code, "not-allowed");
}

// XEP-0158 §9 Example: a CAPTCHA inside the registration form, with a web page as the alternative.
constexpr const char* kCaptchaRegistration = R"(<query xmlns='jabber:iq:register'>
    <x xmlns='jabber:x:data' type='form'>
      <field type='hidden' var='FORM_TYPE'>
        <value>jabber:iq:register</value>
      </field>
      <field type='hidden' var='challenge'><value>F3A6292C</value></field>
      <field type='hidden' var='sid'><value>reg1</value></field>
      <field type='hidden' var='answers'><value>3</value></field>
      <field var='ocr' label='Enter the text you see'>
        <media xmlns='urn:xmpp:media-element'
               height='80'
               width='290'>
          <uri type='image/jpeg'>
            http://www.victim.com/challenges/ocr.jpeg?F3A6292C
          </uri>
        </media>
      </field>
      <field label='93C7A' type='text-single' var='SHA-256'/>
      <field type='text-single' var='username'>
        <required/>
      </field>
      <field type='text-private' var='password'>
        <required/>
      </field>
    </x>
    <instructions>
      To register, visit http://www.victim.com/register.html
    </instructions>
    <x xmlns='jabber:x:oob'>
      <url>http://www.victim.com/register.html</url>
    </x>
  </query>)";

TEST(Xep0077RegisterTest, CaptchaRegistrationAnswerIsTheXepsSubmission) {
    auto f = parseRegistrationForm(parseStanza(kCaptchaRegistration));
    ASSERT_TRUE(f.ok());
    EXPECT_EQ(f->url, "http://www.victim.com/register.html");
    EXPECT_EQ(f->instructions, "To register, visit http://www.victim.com/register.html");
    // The person answers ocr, username and password (SHA-256 left empty); hidden fields are echoed.
    auto q = registrationAnswer(*f, {{"ocr", {"7nHL3"}}, {"username", {"bill"}}, {"password", {"Calliope"}}});
    // XEP-0158 §9 "Entity Provides Required Information In-Band" (hidden fields marked as such).
    auto expected = parseStanza(R"(<query xmlns='jabber:iq:register'>
    <x xmlns='jabber:x:data' type='submit'>
      <field var='FORM_TYPE' type='hidden'><value>jabber:iq:register</value></field>
      <field var='challenge' type='hidden'><value>F3A6292C</value></field>
      <field var='sid' type='hidden'><value>reg1</value></field>
      <field var='answers' type='hidden'><value>3</value></field>
      <field var='ocr'><value>7nHL3</value></field>
      <field var='username'><value>bill</value></field>
      <field var='password'><value>Calliope</value></field>
    </x></query>)");
    EXPECT_TRUE(xml::equivalent(q, expected)) << xml::serialize(q);
}

TEST(Xep0077RegisterTest, LegacyAnswerSendsEveryAskedField) {
    auto f = parseRegistrationForm(parseStanza(kLegacyForm));
    ASSERT_TRUE(f.ok());
    auto q = registrationAnswer(*f, {{"username", {"bill"}}, {"password", {"Calliope"}}, {"email", {"bard@shakespeare.lit"}}});
    // XEP-0077 Example 3.
    EXPECT_TRUE(xml::equivalent(q, parseStanza(R"(<query xmlns='jabber:iq:register'><username>bill</username>)"
                                               R"(<password>Calliope</password><email>bard@shakespeare.lit</email></query>)")));
}

TEST(Xep0077RegisterTest, HostileFormIsRefusedNotLoaded) {
    std::string many = R"(<query xmlns="jabber:iq:register"><x xmlns="jabber:x:data" type="form">)";
    for (int i = 0; i < 10000; ++i) many += "<field var='f" + std::to_string(i) + "'/>";
    many += "</x></query>";
    auto f = parseRegistrationForm(parseStanza(many));
    ASSERT_FALSE(f.ok());
    EXPECT_EQ(f.error().code, "too-large");
    std::string legacy = R"(<query xmlns="jabber:iq:register">)";
    for (int i = 0; i < 1000; ++i) legacy += "<f" + std::to_string(i) + "/>";
    auto g = parseRegistrationForm(parseStanza(legacy + "</query>"));
    ASSERT_FALSE(g.ok());
    EXPECT_EQ(g.error().code, "too-large");
}

}  // namespace
}  // namespace starling::xep
