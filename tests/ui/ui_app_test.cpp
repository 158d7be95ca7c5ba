// src/ui driven headless (ImGui without a backend) over a real Client fed by the scripted server of the
// unit tests: what the UI draws (ui::DrawReport), what its intents do to the Client, and that received
// text is shown as data. Built natively and in the Wasm build (cmake/tests.cmake); the Wasm one runs under node.
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>  // ClearActiveID

#include <algorithm>
#include <string>

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
using uitest::Headless;
using uitest::click;
using uitest::contains;
using uitest::drawnText;
using uitest::incoming;

class UiApp : public ::testing::Test {
protected:
    void SetUp() override {
        h = std::make_unique<ClientHarness>(dir.path);
        app = std::make_unique<ui::App>(*h->client, ui::Lang::En, ui::AppHooks{});
    }
    void login() {
        ScramServer server("SCRAM-SHA-256", test::kPassword);
        h->login(server, R"(<item jid="bob@localhost" name="Bob" subscription="both"/>)"
                         R"(<item jid="carol@localhost" name="Carol" subscription="to"/>)");
    }
    TempDir dir;
    std::unique_ptr<ClientHarness> h;
    std::unique_ptr<ui::App> app;
    Headless gui{1000, 650};
    ui::DrawReport report;
};

TEST(UiI18n, EveryStringExistsInBothLanguages) {
    for (int i = 0; i < static_cast<int>(ui::S::Count); ++i) {
        auto key = static_cast<ui::S>(i);
        EXPECT_STRNE(ui::tr(ui::Lang::En, key), "") << i;
        EXPECT_STRNE(ui::tr(ui::Lang::Ru, key), "") << i;
        if (key != ui::S::AppName) {
            EXPECT_STRNE(ui::tr(ui::Lang::En, key), ui::tr(ui::Lang::Ru, key)) << i;
        }
    }
    for (const char* key : {"lock", "unencrypted", "undecryptable", "encryption-on", "encryption-off", "fingerprints",
                            "own-device", "contact-devices", "no-devices", "verify", "distrust", "verified", "blind",
                            "untrusted", "no-trusted-device", "waiting-keys"}) {
        EXPECT_STRNE(ui::omemoText(ui::Lang::En, key), "") << key;
        EXPECT_STRNE(ui::omemoText(ui::Lang::Ru, key), "") << key;
    }
    const char* generic = ui::problemText(ui::Lang::En, "no-such-code");
    for (const char* code : {"auth-failed", "unreachable", "no-endpoint", "registration-conflict", "registration-closed",
                             "registration-not-acceptable", "bad-jid", "server-error", "no-mechanism"}) {
        EXPECT_STRNE(ui::problemText(ui::Lang::En, code), generic) << code;
        EXPECT_STRNE(ui::problemText(ui::Lang::Ru, code), ui::problemText(ui::Lang::En, code)) << code;
    }
    for (const char* code : {"contact-added", "contact-removed", "subscription-denied", "bad-jid", "offline",
                             "roster-error"}) {
        ASSERT_NE(ui::noticeText(ui::Lang::En, code), nullptr) << code;
        ASSERT_NE(ui::noticeText(ui::Lang::Ru, code), nullptr) << code;
    }
    EXPECT_EQ(ui::noticeText(ui::Lang::En, "unknown-notice"), nullptr);
    EXPECT_EQ(ui::langFromTag("ru-RU"), ui::Lang::Ru);
    EXPECT_EQ(ui::langFromTag("en-GB"), ui::Lang::En);
    EXPECT_EQ(ui::langFromTag(""), ui::Lang::En);
}

TEST_F(UiApp, LoggedOutShowsTheLoginFormAndItsSubmitLogsIn) {
    gui.frames(*app, report);
    EXPECT_TRUE(report.loginScreen);
    EXPECT_FALSE(report.rosterScreen);
    app->submitLogin("", test::kAccount, test::kPassword, false);
    ASSERT_FALSE(h->transport.openedUrls.empty());
    EXPECT_EQ(h->transport.openedUrls.back(), test::kWsUrl);  // config default for the default domain
    EXPECT_EQ(h->state().connection, model::Connection::Connecting);
}

TEST_F(UiApp, RosterRowsAreReportedAndOpenChatOpensIt) {
    login();
    gui.frames(*app, report);
    EXPECT_FALSE(report.loginScreen);
    EXPECT_TRUE(report.rosterScreen);
    EXPECT_TRUE(contains(report.rosterRows, "bob@localhost"));
    EXPECT_TRUE(contains(report.rosterRows, "carol@localhost"));
    EXPECT_TRUE(report.openChat.empty());
    app->openChat("bob@localhost");
    gui.frames(*app, report);
    EXPECT_EQ(h->state().openChat, "bob@localhost");
    EXPECT_EQ(report.openChat, "bob@localhost");
}

TEST_F(UiApp, ReceivedTextIsDrawnAsDataNeverAsFormatOrLabel) {
    login();
    const std::string hostile = "%n%s%x%08d ##hidden ###merged Привет 👋";
    h->feed(incoming("bob@localhost/phone", "m1", hostile));
    h->feed(incoming("bob@localhost/phone", "m2", "##"));
    app->openChat("bob@localhost");
    gui.frames(*app, report);
    EXPECT_TRUE(contains(report.visibleBodies, hostile));
    EXPECT_TRUE(contains(report.visibleBodies, "##"));
}

TEST_F(UiApp, LongChatDrawsOnlyVisibleRowsAndFollowsTheNewest) {
    login();
    for (int i = 0; i < 3000; ++i) {
        std::string body = "message " + std::to_string(i) + (i % 5 == 0 ? std::string(300, 'w') : std::string());
        h->feed(incoming("bob@localhost/phone", "id" + std::to_string(i), body));
    }
    ASSERT_EQ(h->state().conversations.at("bob@localhost").messages.size(), 3000u);
    app->openChat("bob@localhost");
    gui.frames(*app, report);
    EXPECT_GT(report.visibleBodies.size(), 3u);
    EXPECT_LT(report.visibleBodies.size(), 60u);  // clipped: a screenful, not 3000
    EXPECT_TRUE(contains(report.visibleBodies, "message 2999"));
    EXPECT_FALSE(contains(report.visibleBodies, "message 1"));
    // A new message while at the bottom is followed.
    h->feed(incoming("bob@localhost/phone", "idnew", "the newest one"));
    gui.frames(*app, report);
    EXPECT_TRUE(contains(report.visibleBodies, "the newest one"));
}

TEST_F(UiApp, ComposerSendTrimsAndRefusesBlank) {
    login();
    app->openChat("bob@localhost");  // an empty chat asks the archive for its newest page: not the composer's
    gui.frames(*app, report);
    h->transport.takeSent();
    EXPECT_FALSE(app->sendFromComposer("bob@localhost", "\n  \n"));
    EXPECT_TRUE(h->transport.takeSent().empty());
    EXPECT_TRUE(app->sendFromComposer("bob@localhost", "\n  two\nlines \n\n"));
    const auto& msgs = h->state().conversations.at("bob@localhost").messages;
    ASSERT_EQ(msgs.size(), 1u);
    EXPECT_EQ(msgs[0].body, "  two\nlines");
    EXPECT_EQ(h->state().openChat, "bob@localhost");  // sending from the composer opens that chat
}

TEST_F(UiApp, NarrowScreenShowsOnePaneAtATime) {
    login();
    gui.resize(390, 740);
    gui.frames(*app, report);
    EXPECT_TRUE(report.rosterScreen);
    EXPECT_TRUE(report.openChat.empty());
    app->openChat("bob@localhost");
    gui.frames(*app, report);
    EXPECT_EQ(report.openChat, "bob@localhost");
    EXPECT_TRUE(report.rosterRows.empty());  // the roster pane is not drawn beside the chat
}

TEST_F(UiApp, UnreadClearsWhenTheChatIsOpened) {
    login();
    h->feed(incoming("bob@localhost/phone", "u1", "one"));
    h->feed(incoming("bob@localhost/phone", "u2", "two"));
    EXPECT_EQ(model::totalUnread(h->state()), 2);
    gui.frames(*app, report);
    app->openChat("bob@localhost");
    gui.frames(*app, report);
    EXPECT_EQ(model::totalUnread(h->state()), 0);
}

TEST_F(UiApp, OwnStringsAreReportedWithRectanglesAndProblemsAreDrawn) {
    gui.frames(*app, report);
    const ui::DrawnText* logIn = drawnText(report, "Log in");
    ASSERT_NE(logIn, nullptr);
    EXPECT_GT(logIn->w, 0.0f);
    EXPECT_GT(logIn->h, 0.0f);
    EXPECT_NE(drawnText(report, "Create account"), nullptr);
    EXPECT_EQ(drawnText(report, ui::problemText(ui::Lang::En, "unreachable")), nullptr);

    // The WebSocket never opens: the login screen says so in plain words.
    app->submitLogin("", test::kAccount, test::kPassword, false);
    h->client->onTransportClosed("connection refused");
    gui.frames(*app, report);
    ASSERT_EQ(h->state().loginProblem.code, "unreachable");
    EXPECT_NE(drawnText(report, ui::problemText(ui::Lang::En, "unreachable")), nullptr);
    EXPECT_NE(drawnText(report, "Log in"), nullptr);

    // Russian: the same screen's strings in Russian, none in English.
    app->setLanguage(ui::Lang::Ru);
    gui.frames(*app, report);
    EXPECT_NE(drawnText(report, "Войти"), nullptr);
    EXPECT_EQ(drawnText(report, "Log in"), nullptr);
}

TEST_F(UiApp, ConnectionLostIsDrawnAsReconnecting) {
    login();
    gui.frames(*app, report);
    EXPECT_EQ(drawnText(report, ui::connectionText(ui::Lang::En, model::Connection::Reconnecting)), nullptr);
    EXPECT_NE(drawnText(report, "Settings"), nullptr);
    h->client->onTransportClosed("server went away");
    gui.frames(*app, report);
    ASSERT_EQ(h->state().connection, model::Connection::Reconnecting);
    EXPECT_TRUE(report.rosterScreen);
    EXPECT_NE(drawnText(report, ui::connectionText(ui::Lang::En, model::Connection::Reconnecting)), nullptr);
}

TEST_F(UiApp, AMessageTurningFailedGetsItsTallerRowWithoutOverlappingTheNext) {
    login();
    app->openChat("bob@localhost");
    ASSERT_TRUE(app->sendFromComposer("bob@localhost", "one"));
    ASSERT_TRUE(app->sendFromComposer("bob@localhost", "two"));
    gui.frames(*app, report);  // row heights measured while both are fine
    const auto& msgs = h->state().conversations.at("bob@localhost").messages;
    ASSERT_EQ(msgs.size(), 2u);
    h->feed(stanza(R"(<message from="bob@localhost" type="error" id=")" + msgs[0].id +
                   R"("><error type="cancel"><service-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/>)"
                   R"(</error></message>)"));
    ASSERT_EQ(msgs[0].status, model::MessageStatus::Failed);
    gui.frames(*app, report);
    const ui::DrawnText* failed = drawnText(report, ui::tr(ui::Lang::En, ui::S::MsgFailed));
    ASSERT_NE(failed, nullptr);
    std::vector<const ui::DrawnText*> headers;
    for (const auto& t : report.texts) {
        if (t.text == ui::tr(ui::Lang::En, ui::S::Me)) headers.push_back(&t);
    }
    ASSERT_EQ(headers.size(), 2u);
    EXPECT_LE(failed->y + failed->h, headers[1]->y) << "the second row overlaps the failed row's note";
}

TEST_F(UiApp, AcceptingOneOfTwoSubscriptionRequestsLeavesTheOther) {
    login();
    h->feed(stanza(R"(<presence from="alice@localhost" to="user@localhost" type="subscribe"/>)"));
    h->feed(stanza(R"(<presence from="dave@localhost" to="user@localhost" type="subscribe"/>)"));
    ASSERT_EQ(h->state().subscriptionRequests.size(), 2u);
    gui.frames(*app, report);
    const ui::DrawnText* accept = drawnText(report, "Accept");  // the first request's button
    ASSERT_NE(accept, nullptr);
    ui::DrawnText first = *accept;
    click(*app, gui, report, first);
    ASSERT_EQ(h->state().subscriptionRequests.size(), 1u);
    EXPECT_EQ(h->state().subscriptionRequests[0], "dave@localhost");
    EXPECT_NE(drawnText(report, "Accept"), nullptr);  // dave's request is still drawn with its buttons
}

TEST_F(UiApp, NarrowScreenWithAChatOpenIsStillTheLoggedInScreen) {
    login();
    gui.resize(390, 740);
    app->openChat("bob@localhost");
    gui.frames(*app, report);
    EXPECT_EQ(report.openChat, "bob@localhost");
    EXPECT_FALSE(report.rosterScreen);
    EXPECT_TRUE(report.loggedInScreen);
    EXPECT_FALSE(report.loginScreen);
}

TEST_F(UiApp, ADraftBeingTypedStaysInItsChat) {
    login();
    ImGuiIO& io = ImGui::GetIO();
    io.KeyMap[ImGuiKey_Enter] = 13;
    app->openChat("bob@localhost");
    gui.frames(*app, report);  // the composer takes the keyboard focus
    io.AddInputCharactersUTF8("draft for bob");
    gui.frames(*app, report);
    app->openChat("carol@localhost");
    gui.frames(*app, report);
    io.AddInputCharactersUTF8("hi carol");
    gui.frames(*app, report);
    io.KeysDown[13] = true;
    gui.frames(*app, report, 1);
    io.KeysDown[13] = false;
    gui.frames(*app, report);
    const auto& msgs = h->state().conversations.at("carol@localhost").messages;
    ASSERT_EQ(msgs.size(), 1u);
    EXPECT_EQ(msgs[0].body, "hi carol");
    EXPECT_EQ(h->state().conversations.count("bob@localhost") ? h->state().conversations.at("bob@localhost").messages.size() : 0u, 0u);
}

// What the composer sends when Enter is pressed now (the chat's newest message body, "" if none).
std::string pressEnterThenNewestBody(ui::App& app, uitest::Headless& gui, ui::DrawReport& report,
                                     model::State const& st, const std::string& jid) {
    uitest::pressKey(app, gui, report, 13);
    auto it = st.conversations.find(jid);
    return it == st.conversations.end() || it->second.messages.empty() ? "" : it->second.messages.back().body;
}

TEST_F(UiApp, TextTypedTheMomentAChatOpensIsKept) {
    login();
    uitest::webKeyMap();
    app->openChat("bob@localhost");
    ImGui::GetIO().AddInputCharactersUTF8("П");  // before the composer is focused
    gui.frames(*app, report, 1);
    ImGui::GetIO().AddInputCharactersUTF8("ривет");
    gui.frames(*app, report, 1);
    ImGui::GetIO().AddInputCharactersUTF8(" Bob");
    gui.frames(*app, report);
    EXPECT_EQ(pressEnterThenNewestBody(*app, gui, report, h->state(), "bob@localhost"), "Привет Bob");
}

TEST_F(UiApp, AReopenedDraftContinuesAtItsEnd) {
    login();
    uitest::webKeyMap();
    app->openChat("bob@localhost");
    gui.frames(*app, report);
    ImGui::GetIO().AddInputCharactersUTF8("draft");
    gui.frames(*app, report);
    app->openChat("carol@localhost");
    gui.frames(*app, report);
    ImGui::GetIO().AddInputCharactersUTF8("x");
    gui.frames(*app, report);
    app->openChat("bob@localhost");
    gui.frames(*app, report);
    ImGui::GetIO().AddInputCharactersUTF8(" and more");
    gui.frames(*app, report);
    EXPECT_EQ(pressEnterThenNewestBody(*app, gui, report, h->state(), "bob@localhost"), "draft and more");
}

TEST_F(UiApp, TypingWithNoFieldActiveGoesToTheComposer) {
    login();
    uitest::webKeyMap();
    app->openChat("bob@localhost");
    gui.frames(*app, report);
    ImGui::ClearActiveID();  // as after a click into the history
    gui.frames(*app, report);
    ImGui::GetIO().AddInputCharactersUTF8("ok");
    gui.frames(*app, report);
    ImGui::GetIO().AddInputCharactersUTF8("!");
    gui.frames(*app, report);
    EXPECT_EQ(pressEnterThenNewestBody(*app, gui, report, h->state(), "bob@localhost"), "ok!");
}

bool sentContains(const std::vector<std::string>& sent, const std::string& part) {
    return std::any_of(sent.begin(), sent.end(), [&](const std::string& f) { return f.find(part) != std::string::npos; });
}

TEST_F(UiApp, PeerTypingIsShownAndTheComposerSendsComposingThenPaused) {
    login();
    h->feed(incoming("bob@localhost/phone", "m1", "hello"));  // a bare chat state opens no chat
    app->openChat("bob@localhost");
    gui.frames(*app, report);
    EXPECT_EQ(drawnText(report, "typing…"), nullptr);
    h->feed(stanza(R"(<message from="bob@localhost/phone" to="user@localhost" type="chat">)"
                   R"(<composing xmlns="http://jabber.org/protocol/chatstates"/></message>)"));
    gui.frames(*app, report);
    EXPECT_NE(drawnText(report, "typing…"), nullptr);
    h->transport.takeSent();
    ImGui::GetIO().AddInputCharactersUTF8("hel");
    gui.frames(*app, report);
    auto sent = h->transport.takeSent();
    EXPECT_TRUE(sentContains(sent, "composing")) << (sent.empty() ? "" : sent.back());
    ImGui::GetIO().AddInputCharactersUTF8("lo");
    gui.frames(*app, report);
    EXPECT_FALSE(sentContains(h->transport.takeSent(), "composing"));  // once per typing spell
    app->openChat("carol@localhost");                                 // leaving the chat ends it
    gui.frames(*app, report);
    EXPECT_TRUE(sentContains(h->transport.takeSent(), "paused"));
}

TEST_F(UiApp, ADisplayedMarkerShowsAsRead) {
    login();
    ASSERT_TRUE(app->sendFromComposer("bob@localhost", "read me"));
    const std::string id = h->state().conversations.at("bob@localhost").messages.back().id;
    gui.frames(*app, report);
    EXPECT_EQ(drawnText(report, "Read"), nullptr);
    h->feed(stanza(R"(<message from="bob@localhost/phone" to="user@localhost" type="chat">)"
                   R"(<displayed xmlns="urn:xmpp:chat-markers:0" id=")" + id + R"("/></message>)"));
    ASSERT_EQ(h->state().conversations.at("bob@localhost").messages.back().status, model::MessageStatus::Displayed);
    gui.frames(*app, report);
    EXPECT_NE(drawnText(report, "Read"), nullptr);
}

// Our message waits for the contact's encryption keys (his device list not answered yet): the chat says
// why it is still queued, and stops saying it once the message has gone.
TEST_F(UiApp, AMessageWaitingForEncryptionKeysSaysSo) {
    login();
    h->autoAnswerPep = false;
    ASSERT_TRUE(app->sendFromComposer("bob@localhost", "wait for keys"));
    gui.frames(*app, report);
    const char* hint = ui::omemoText(ui::Lang::En, "waiting-keys");
    ASSERT_EQ(h->state().conversations.at("bob@localhost").messages.back().status, model::MessageStatus::Queued);
    EXPECT_NE(drawnText(report, hint), nullptr);
    xml::Element lookup;
    for (const auto& e : h->takeSent())
        if (e.child(ns::kPubsub, "pubsub")) lookup = e;
    ASSERT_NE(lookup.child(ns::kPubsub, "pubsub"), nullptr);
    h->feed(stanza(R"(<iq type="error" from="bob@localhost" id=")" + std::string(lookup.attr("id")) +
                   R"("><error type="cancel"><item-not-found xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>)"));
    ASSERT_NE(h->state().conversations.at("bob@localhost").messages.back().status, model::MessageStatus::Queued);
    gui.frames(*app, report);
    EXPECT_EQ(drawnText(report, hint), nullptr);
}

}  // namespace
}  // namespace starling
