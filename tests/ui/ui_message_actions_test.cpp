// Message actions in the chat view (src/ui/message_actions.cpp) over a real Client: the hover menu
// (Reply, Edit, Delete, React, Copy; Edit and Delete only on ours), "Message deleted", "edited", the
// composer's reply and edit bars (Up in the empty composer edits our last message), in English and
// Russian; each ends in the stanza the XEP asks for.
#include <gtest/gtest.h>
#include <imgui.h>

#include <string>

#include "client_test_harness.h"
#include "core/xep/xep0308_correction.h"
#include "core/xep/xep0424_retraction.h"
#include "core/xep/xep0461_replies.h"
#include "ui/app.h"
#include "ui/draw_report.h"
#include "ui/message_actions.h"
#include "ui_test_support.h"

namespace starling {
namespace {

using test::ClientHarness;
using test::ScramServer;
using test::TempDir;
using uitest::Headless;

class UiMessageActions : public ::testing::Test {
protected:
    void start(ui::Lang lang = ui::Lang::En) {
        h = std::make_unique<ClientHarness>(dir.path);
        app = std::make_unique<ui::App>(*h->client, lang, ui::AppHooks{});
        ScramServer server("SCRAM-SHA-256", test::kPassword);
        h->login(server, test::kBobRoster);
        h->feed(uitest::incoming("bob@localhost", "b1", "bob's first words"));
        h->client->sendMessage("bob@localhost", "my words");
        h->takeSent();
        app->openChat("bob@localhost");
        uitest::webKeyMap();
        gui.frames(*app, report);
    }
    const char* text(const char* key) { return ui::actionsText(lang, key); }
    const ui::DrawnText* drawn(const char* s) { return uitest::drawnText(report, s); }
    // Moves the mouse over the row whose body contains nothing we draw: over the given header text.
    void hover(const ui::DrawnText& t) {
        ImGui::GetIO().MousePos = ImVec2(t.x + t.w * 0.5f, t.y + t.h * 0.5f);
        gui.frames(*app, report, 3);
    }
    const std::vector<model::Message>& bob() { return h->state().conversations.at("bob@localhost").messages; }

    ui::Lang lang = ui::Lang::En;
    TempDir dir;
    std::unique_ptr<ClientHarness> h;
    std::unique_ptr<ui::App> app;
    Headless gui{1000, 650};
    ui::DrawReport report;
};

TEST_F(UiMessageActions, HoveringOurRowOffersEveryActionAndDeleteDeletesForEveryone) {
    start();
    EXPECT_EQ(drawn(text("delete")), nullptr) << "no menu without the mouse over a row";
    const ui::DrawnText* me = drawn(ui::tr(ui::Lang::En, ui::S::Me));
    ASSERT_NE(me, nullptr);
    hover(*me);
    for (const char* key : {"reply", "edit", "delete", "react", "copy"}) EXPECT_NE(drawn(text(key)), nullptr) << key;
    uitest::click(*app, gui, report, *drawn(text("delete")));
    ASSERT_EQ(bob().size(), 2u);
    EXPECT_TRUE(bob()[1].retracted);
    auto sent = h->sentOne();
    EXPECT_EQ(xep::retractionOf(sent), bob()[1].id);
    gui.frames(*app, report);
    EXPECT_NE(drawn(text("deleted")), nullptr) << "\"Message deleted\" drawn";
}

TEST_F(UiMessageActions, TheirRowHasNoEditNorDeleteAndReplyGoesOutWithTheQuote) {
    start();
    // Bob's row: its header is his name (received text, not in the report); the time is left of ours.
    const ui::DrawnText* me = drawn(ui::tr(ui::Lang::En, ui::S::Me));
    ASSERT_NE(me, nullptr);
    ImGui::GetIO().MousePos = ImVec2(me->x + 4, me->y - me->h * 1.5f);  // the row above ours
    gui.frames(*app, report, 3);
    ASSERT_NE(drawn(text("reply")), nullptr);
    EXPECT_EQ(drawn(text("edit")), nullptr);
    EXPECT_EQ(drawn(text("delete")), nullptr);
    uitest::click(*app, gui, report, *drawn(text("reply")));
    EXPECT_NE(drawn(text("replying")), nullptr) << "the composer's reply bar";
    ASSERT_TRUE(app->sendFromComposer("bob@localhost", "answer"));
    auto sent = h->sentOne();
    auto reply = xep::parseReply(sent);
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->id, "b1");
    EXPECT_EQ(sent.childText(ns::kClient, "body"), "> bob's first words\nanswer");
    gui.frames(*app, report);
    EXPECT_EQ(drawn(text("replying")), nullptr) << "the bar is gone once sent";
    EXPECT_EQ(bob().back().replyTo, "b1");
}

TEST_F(UiMessageActions, UpInTheEmptyComposerEditsOurLastMessageInRussian) {
    lang = ui::Lang::Ru;
    start(ui::Lang::Ru);
    gui.frames(*app, report, 4);  // the composer takes the focus
    uitest::pressKey(*app, gui, report, 38);
    gui.frames(*app, report, 3);
    EXPECT_NE(drawn(text("editing")), nullptr) << "«Редактирование сообщения»";
    EXPECT_STREQ(text("editing"), "Редактирование сообщения");
    ASSERT_TRUE(app->sendFromComposer("bob@localhost", "my better words"));
    auto sent = h->sentOne();
    EXPECT_EQ(xep::correctionOf(sent), bob()[1].id);
    EXPECT_EQ(bob()[1].body, "my better words");
    gui.frames(*app, report);
    EXPECT_NE(drawn(text("edited")), nullptr) << "«изменено»";
}

}  // namespace
}  // namespace starling
