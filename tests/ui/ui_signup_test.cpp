// Creating an account in the UI (signup_view.cpp) over a real Client fed by the scripted server: the
// server picker from config.json, the check, the server's form drawn and typed into, a CAPTCHA picture
// through the media host, problems in both languages, and hostile forms drawn as data.
#include <gtest/gtest.h>
#include <imgui.h>

#include <string>

#include "client_test_harness.h"
#include "core/crypto/hash.h"
#include "ui/app.h"
#include "ui/draw_report.h"
#include "ui/i18n.h"
#include "ui/media_host.h"
#include "ui_test_support.h"

namespace starling {
namespace {

using test::ClientHarness;
using test::stanza;
using test::TempDir;
using uitest::click;
using uitest::drawnText;
using uitest::Headless;

constexpr const char* kProsodyForm =
    R"(<query xmlns="jabber:iq:register"><instructions>Choose a username and password for use with this service.</instructions>)"
    R"(<username/><password/><x xmlns="jabber:x:data" type="form"><title>Creating a new account</title>)"
    R"(<field type="hidden" var="FORM_TYPE"><value>jabber:iq:register</value></field>)"
    R"(<field type="text-single" label="Username" var="username"><required/></field>)"
    R"(<field type="text-private" label="Password" var="password"><required/></field></x></query>)";

// A media host that "decodes" every picture at once into a texture of its stated size.
struct FakeMedia : ui::MediaHost {
    int asked = 0;
    Picture picture(const std::string&, const std::shared_ptr<const std::string>&, int) override {
        ++asked;
        return {reinterpret_cast<ImTextureID>(1), 120, 40, false};
    }
    void save(const std::string&, const std::shared_ptr<const std::string>&) override {}
    void pickFiles(const std::string&) override {}
};

std::string captchaForm() {
    const unsigned char png[] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R',
                                 0, 0, 0, 120, 0, 0, 0, 40, 8, 6, 0, 0, 0, 0x1F, 0x15, 0xC4, 0x89};
    return R"(<query xmlns="jabber:iq:register"><x xmlns="jabber:x:data" type="form">)"
           R"(<field type="hidden" var="FORM_TYPE"><value>urn:xmpp:captcha</value></field>)"
           R"(<field type="hidden" var="challenge"><value>c1</value></field>)"
           R"(<field type="text-single" var="username"><required/></field>)"
           R"(<field type="text-private" var="password"><required/></field>)"
           R"(<field type="boolean" var="tos" label="I accept the rules"><required/></field>)"
           R"(<field type="list-single" var="lang" label="Language"><value>en</value><option label="English"><value>en</value></option>)"
           R"(<option label="Deutsch"><value>de</value></option></field>)"
           R"(<field var="ocr" label="Enter the text you see"><required/><media xmlns="urn:xmpp:media-element">)"
           R"(<uri type="image/png">cid:sha1+p@bob.xmpp.org</uri></media></field></x>)"
           R"(<data xmlns="urn:xmpp:bob" cid="sha1+p@bob.xmpp.org" type="image/png">)" +
           crypto::base64Encode(crypto::Bytes(png, png + sizeof png)) + "</data></query>";
}

class UiSignup : public ::testing::Test {
protected:
    void SetUp() override {
        h = std::make_unique<ClientHarness>(dir.path);
        h->config.servers = {{"localhost", test::kWsUrl, {{"", "Registration open. This machine."}}},
                             {"other.example", "", {{"en", "Elsewhere"}, {"ru", "Где-то ещё"}}}};
        h->make();
        hooks.media = &media;
        app = std::make_unique<ui::App>(*h->client, ui::Lang::En, hooks);
    }
    void clickText(const std::string& text) {
        gui.frames(*app, report);
        const ui::DrawnText* t = drawnText(report, text);
        ASSERT_NE(t, nullptr) << text;
        click(*app, gui, report, *t);
    }
    void type(const std::string& label, const std::string& text) {
        clickText(label);
        ImGui::GetIO().AddInputCharactersUTF8(text.c_str());
        gui.frames(*app, report);
    }
    // Picker → the default server → its form.
    void openForm(const std::string& form) {
        clickText("Create account");
        clickText("localhost");
        ASSERT_EQ(h->state().signup.step, model::SignupStep::Checking);
        auto get = h->openStream(test::featuresPreAuth({"SCRAM-SHA-256"}, true), true);
        h->feed(stanza(R"(<iq type="result" id=")" + std::string(get.attr("id")) + R"(">)" + form + "</iq>"));
        gui.frames(*app, report);
        ASSERT_EQ(h->state().signup.step, model::SignupStep::Form);
    }
    TempDir dir;
    std::unique_ptr<ClientHarness> h;
    FakeMedia media;
    ui::AppHooks hooks;
    std::unique_ptr<ui::App> app;
    Headless gui{1000, 900};
    ui::DrawReport report;
};

TEST_F(UiSignup, CreateAccountOffersTheConfiguredServersAndChecksThePickedOne) {
    clickText("Create account");
    EXPECT_NE(drawnText(report, "Create an account"), nullptr);
    const ui::DrawnText* first = drawnText(report, "localhost");
    const ui::DrawnText* second = drawnText(report, "other.example");
    ASSERT_NE(first, nullptr);
    ASSERT_NE(second, nullptr);
    EXPECT_LT(first->y, second->y);  // the default server first
    EXPECT_NE(drawnText(report, "Another server…"), nullptr);
    EXPECT_EQ(drawnText(report, "Log in"), nullptr);
    clickText("localhost");
    EXPECT_EQ(h->state().signup.step, model::SignupStep::Checking);
    ASSERT_FALSE(h->transport.openedUrls.empty());
    EXPECT_EQ(h->transport.openedUrls.back(), test::kWsUrl);
    gui.frames(*app, report);
    EXPECT_NE(drawnText(report, ui::signupText(ui::Lang::En, "checking")), nullptr);
    clickText("Cancel");
    EXPECT_EQ(h->state().signup.step, model::SignupStep::Idle);
    EXPECT_NE(drawnText(report, "localhost"), nullptr);  // back to the picker
    clickText("Back");
    EXPECT_NE(drawnText(report, "Log in"), nullptr);
}

TEST_F(UiSignup, AnotherServerIsTyped) {
    clickText("Create account");
    clickText("Another server…");
    type("example.org", "not a domain@@");
    clickText("Continue");
    EXPECT_EQ(h->state().signup.problem, "bad-domain");
    gui.frames(*app, report);
    EXPECT_NE(drawnText(report, ui::signupText(ui::Lang::En, "bad-domain")), nullptr);
    clickText("Choose another server");
    EXPECT_NE(drawnText(report, "localhost"), nullptr);
}

TEST_F(UiSignup, TheServersFormIsTypedIntoAndSent) {
    openForm(kProsodyForm);
    EXPECT_NE(drawnText(report, "Name *"), nullptr);
    EXPECT_NE(drawnText(report, "Password *"), nullptr);
    type("Name *", "user");
    type("Password *", test::kPassword);
    h->transport.takeSent();
    clickText("Create account");
    EXPECT_EQ(h->state().signup.step, model::SignupStep::Submitting);
    auto sent = h->takeSent();
    ASSERT_EQ(sent.size(), 1u);
    const std::string wire = xml::serialize(sent[0]);
    EXPECT_NE(wire.find("<value>user</value>"), std::string::npos) << wire;
    EXPECT_NE(wire.find(test::kPassword), std::string::npos);
}

TEST_F(UiSignup, ACaptchaIsDrawnWithItsPictureAndEveryFieldKind) {
    openForm(captchaForm());
    EXPECT_NE(drawnText(report, "The server asks you to prove you are a person."), nullptr);
    ASSERT_EQ(report.media.size(), 1u);
    EXPECT_EQ(report.media[0].kind, "captcha");
    EXPECT_GT(media.asked, 0);
    // Nothing typed: the first missing field is named, in words.
    clickText("Create account");
    EXPECT_EQ(h->state().signup.problem, "missing-field");
    gui.frames(*app, report);
    EXPECT_NE(drawnText(report, ui::signupText(ui::Lang::En, "missing-field")), nullptr);
}

TEST_F(UiSignup, ProblemsAreSaidInBothLanguages) {
    for (const char* code : {"registration-closed", "unreachable", "no-endpoint", "bad-domain", "form-too-large",
                             "form-unusable", "registration-conflict", "registration-not-acceptable", "captcha-failed",
                             "invite-invalid", "missing-field", "bad-username", "auth-failed", "server-error",
                             "captcha-picture-missing", "captcha-picture-bad", "captcha-picture-too-large"}) {
        EXPECT_STRNE(ui::signupText(ui::Lang::En, code), "") << code;
        EXPECT_STRNE(ui::signupText(ui::Lang::Ru, code), "") << code;
        EXPECT_STRNE(ui::signupText(ui::Lang::En, code), ui::signupText(ui::Lang::Ru, code)) << code;
    }
    clickText("Create account");
    clickText("localhost");
    h->client->onTransportOpen();
    h->feed(test::openReply());
    h->feed(test::featuresPreAuth({"SCRAM-SHA-256"}, /*registration=*/false));
    app->setLanguage(ui::Lang::Ru);
    gui.frames(*app, report);
    EXPECT_NE(drawnText(report, ui::signupText(ui::Lang::Ru, "registration-closed")), nullptr);
    EXPECT_NE(drawnText(report, "Выбрать другой сервер"), nullptr);
}

TEST_F(UiSignup, AHostileFormIsDrawnAsData) {
    std::string form = R"(<query xmlns="jabber:iq:register"><x xmlns="jabber:x:data" type="form"><title>%n%n%s</title>)";
    form += R"(<field type="text-single" var="username" label="%n%s##hidden###id"><required/></field>)";
    form += R"(<field type="text-single" var="q" label="%n%s##x###y"><desc>%s%s%n</desc></field>)";
    for (int i = 0; i < 90; ++i)
        form += "<field type='list-single' var='v" + std::to_string(i) + "' label='" + std::string(3000, 'x') +
                "'><option label='%n##'><value>a</value></option></field>";
    openForm(form + "</x></query>");
    gui.frames(*app, report, 5);  // no crash, no format interpreted
    EXPECT_EQ(h->state().signup.fields.size(), 92u);
    EXPECT_NE(drawnText(report, "Name *"), nullptr);  // our name for the username field, whatever its label
    EXPECT_LT(report.textBytes, 400000u);  // every label is bounded
}

}  // namespace
}  // namespace starling
