// Every error a person sees says what happened and what to do, in English and in Russian, never as a raw
// code: a table of every code the core can put on a message (each stanza error condition of RFC 6120
// §8.3.3, the OMEMO failures), on the login screen, as a notice; and the failed message's row drawn with
// its explanation and "Send again". While reconnecting, "Reconnect now" makes the attempt at once.
#include <gtest/gtest.h>
#include <imgui.h>

#include <string>
#include <string_view>

#include "client_test_harness.h"
#include "ui_test_support.h"
#include "ui/app.h"
#include "ui/draw_report.h"
#include "ui/i18n.h"

namespace starling {
namespace {

using test::ClientHarness;
using test::ScramServer;
using test::TempDir;
using test::stanza;
using uitest::click;
using uitest::drawnText;
using uitest::Headless;

// RFC 6120 §8.3.3: every defined stanza error condition.
constexpr const char* kStanzaConditions[] = {
    "bad-request", "conflict", "feature-not-implemented", "forbidden", "gone", "internal-server-error",
    "item-not-found", "jid-malformed", "not-acceptable", "not-allowed", "not-authorized", "policy-violation",
    "recipient-unavailable", "redirect", "registration-required", "remote-server-not-found",
    "remote-server-timeout", "resource-constraint", "service-unavailable", "subscription-required",
    "undefined-condition", "unexpected-request"};
// What the core writes into model::Message::error besides those (client_omemo*.cpp: "omemo-" + the
// encryption error's code: omemo/local_device.cpp, omemo_account.cpp).
constexpr const char* kOmemoCodes[] = {"omemo-no-trusted-device", "omemo-undecryptable", "omemo-no-session",
                                       "omemo-crypto", "omemo-omemo-store", "omemo-bad-bundle",
                                       "omemo-identity-changed", "omemo-member-without-devices",
                                       "omemo-member-no-trusted-device", "omemo-no-keys"};
// model::LoginProblem codes (state.h) and model::State::notice codes set by the core.
constexpr const char* kLoginProblems[] = {"auth-failed", "unreachable", "no-endpoint", "registration-conflict",
                                          "registration-closed", "registration-not-acceptable", "bad-jid",
                                          "server-error", "no-mechanism"};
constexpr const char* kNotices[] = {"contact-removed", "contact-added", "subscription-denied", "bad-jid", "offline",
                                    "omemo-new-device", "omemo-new-own-device", "omemo-identity-changed",
                                    "roster-error"};

// "What happened. What to do.": at least two sentences.
int sentences(std::string_view text) {
    int n = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char ch = text[i];
        if ((ch == '.' || ch == '!' || ch == '?') && (i + 1 == text.size() || text[i + 1] == ' ')) ++n;
    }
    return n;
}

bool hasCyrillic(std::string_view text) { return text.find('\xD0') != std::string_view::npos || text.find('\xD1') != std::string_view::npos; }

void expectHuman(const char* code, const char* en, const char* ru, const char* generalEn, const char* generalRu) {
    ASSERT_NE(en, nullptr) << code;
    ASSERT_NE(ru, nullptr) << code;
    EXPECT_STRNE(en, generalEn) << code << ": no text of its own in English";
    EXPECT_STRNE(ru, generalRu) << code << ": no text of its own in Russian";
    EXPECT_GE(sentences(en), 2) << code << ": " << en;
    EXPECT_GE(sentences(ru), 2) << code << ": " << ru;
    EXPECT_TRUE(hasCyrillic(ru)) << code << ": " << ru;
    if (std::string_view(code).find('-') != std::string_view::npos) {  // "conflict" may well be a word
        EXPECT_EQ(std::string_view(en).find(code), std::string_view::npos) << code << ": the raw code in " << en;
        EXPECT_EQ(std::string_view(ru).find(code), std::string_view::npos) << code << ": the raw code in " << ru;
    }
}

TEST(UiErrorTexts, EveryMessageErrorCodeHasItsOwnTextInBothLanguages) {
    const char* generalEn = ui::messageErrorText(ui::Lang::En, "no-such-condition");
    const char* generalRu = ui::messageErrorText(ui::Lang::Ru, "no-such-condition");
    EXPECT_GE(sentences(generalEn), 2);
    EXPECT_TRUE(hasCyrillic(generalRu));
    EXPECT_FALSE(ui::knownMessageError("no-such-condition"));
    EXPECT_FALSE(ui::knownMessageError(""));
    for (const char* code : kStanzaConditions) {
        EXPECT_TRUE(ui::knownMessageError(code)) << code;
        expectHuman(code, ui::messageErrorText(ui::Lang::En, code), ui::messageErrorText(ui::Lang::Ru, code),
                    generalEn, generalRu);
    }
    for (const char* code : kOmemoCodes) {
        EXPECT_TRUE(ui::knownMessageError(code)) << code;
        expectHuman(code, ui::messageErrorText(ui::Lang::En, code), ui::messageErrorText(ui::Lang::Ru, code),
                    generalEn, generalRu);
    }
}

TEST(UiErrorTexts, EveryLoginProblemNoticeAndStorageErrorSaysWhatToDo) {
    const char* generalEn = ui::problemText(ui::Lang::En, "no-such-code");
    const char* generalRu = ui::problemText(ui::Lang::Ru, "no-such-code");
    EXPECT_GE(sentences(generalEn), 2);
    for (const char* code : kLoginProblems)
        expectHuman(code, ui::problemText(ui::Lang::En, code), ui::problemText(ui::Lang::Ru, code), generalEn, generalRu);
    for (const char* code : kNotices) {
        const char* en = ui::noticeText(ui::Lang::En, code);
        const char* ru = ui::noticeText(ui::Lang::Ru, code);
        ASSERT_NE(en, nullptr) << code;
        ASSERT_NE(ru, nullptr) << code;
        EXPECT_STRNE(en, ru) << code;
        EXPECT_TRUE(hasCyrillic(ru)) << code;
    }
    for (const char* code : {"roster-error", "bad-jid", "omemo-identity-changed"}) {  // the errors among them
        EXPECT_GE(sentences(ui::noticeText(ui::Lang::En, code)), 2) << code;
        EXPECT_GE(sentences(ui::noticeText(ui::Lang::Ru, code)), 2) << code;
    }
    for (ui::Lang lang : {ui::Lang::En, ui::Lang::Ru})
        EXPECT_GE(sentences(ui::tr(lang, ui::S::StorageError)), 2) << ui::tr(lang, ui::S::StorageError);
    for (int i = 0; i <= static_cast<int>(model::Connection::Failed); ++i) {
        auto conn = static_cast<model::Connection>(i);
        EXPECT_STRNE(ui::connectionText(ui::Lang::En, conn), "") << i;
        EXPECT_TRUE(hasCyrillic(ui::connectionText(ui::Lang::Ru, conn))) << i;
    }
}

class UiErrors : public ::testing::Test {
protected:
    void SetUp() override {
        h = std::make_unique<ClientHarness>(dir.path);
        app = std::make_unique<ui::App>(*h->client, ui::Lang::En, ui::AppHooks{});
        ScramServer server("SCRAM-SHA-256", test::kPassword);
        h->login(server, R"(<item jid="bob@localhost" name="Bob" subscription="both"/>)");
    }
    bool anyDrawnContains(std::string_view part) const {
        for (const auto& t : report.texts)
            if (t.text.find(part) != std::string::npos) return true;
        return false;
    }
    TempDir dir;
    std::unique_ptr<ClientHarness> h;
    std::unique_ptr<ui::App> app;
    Headless gui{1000, 650};
    ui::DrawReport report;
};

TEST_F(UiErrors, AFailedMessageSaysWhyInPlainWordsAndOffersSendAgain) {
    app->openChat("bob@localhost");
    ASSERT_TRUE(app->sendFromComposer("bob@localhost", "are you there?"));
    gui.frames(*app, report);
    const std::string id = h->state().conversations.at("bob@localhost").messages.at(0).id;
    h->takeSent();  // (answers OMEMO's look-ups: no devices, so plain text)
    h->feed(stanza(R"(<message from="bob@localhost" type="error" id=")" + id +
                   R"("><error type="cancel"><service-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/>)"
                   R"(<text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas">User session not found</text></error></message>)"));
    ASSERT_EQ(h->state().conversations.at("bob@localhost").messages.at(0).status, model::MessageStatus::Failed);
    gui.frames(*app, report);
    EXPECT_NE(drawnText(report, "Not delivered:"), nullptr);
    EXPECT_NE(drawnText(report, ui::messageErrorText(ui::Lang::En, "service-unavailable")), nullptr);
    EXPECT_FALSE(anyDrawnContains("service-unavailable"));  // never the raw code

    app->setLanguage(ui::Lang::Ru);
    gui.frames(*app, report);
    EXPECT_NE(drawnText(report, "Не доставлено:"), nullptr);
    EXPECT_NE(drawnText(report, ui::messageErrorText(ui::Lang::Ru, "service-unavailable")), nullptr);
    EXPECT_EQ(drawnText(report, ui::messageErrorText(ui::Lang::En, "service-unavailable")), nullptr);
    EXPECT_FALSE(anyDrawnContains("service-unavailable"));
    app->setLanguage(ui::Lang::En);
    gui.frames(*app, report);

    // "Send again": the same message (same id) goes out again.
    const ui::DrawnText* again = drawnText(report, "Send again");
    ASSERT_NE(again, nullptr);
    const ui::DrawnText at = *again;
    click(*app, gui, report, at);
    const auto& m = h->state().conversations.at("bob@localhost").messages.at(0);
    EXPECT_NE(m.status, model::MessageStatus::Failed);
    bool resent = false;
    for (const auto& e : h->takeSent())
        resent = resent || (e.is(ns::kClient, "message") && e.attr("id") == id &&
                            e.childText(ns::kClient, "body") == "are you there?");
    EXPECT_TRUE(resent);
    EXPECT_EQ(drawnText(report, "Send again"), nullptr);
}

TEST_F(UiErrors, ReconnectNowIsOfferedWhileReconnectingAndConnectsAtOnce) {
    gui.frames(*app, report);
    EXPECT_EQ(drawnText(report, "Reconnect now"), nullptr);  // online: nothing to offer
    h->client->onTransportClosed("server went away");
    gui.frames(*app, report);
    ASSERT_EQ(h->state().connection, model::Connection::Reconnecting);
    const ui::DrawnText* now = drawnText(report, "Reconnect now");
    ASSERT_NE(now, nullptr);
    const std::size_t opened = h->transport.openedUrls.size();
    const ui::DrawnText at = *now;
    click(*app, gui, report, at);  // no time passes on the fake clock: the back-off is not what fired
    EXPECT_EQ(h->transport.openedUrls.size(), opened + 1);
    EXPECT_NE(h->state().connection, model::Connection::Reconnecting);
    EXPECT_EQ(drawnText(report, "Reconnect now"), nullptr);

    app->setLanguage(ui::Lang::Ru);
    h->client->onTransportClosed("again");
    gui.frames(*app, report);
    EXPECT_NE(drawnText(report, "Подключиться сейчас"), nullptr);
}

}  // namespace
}  // namespace starling
