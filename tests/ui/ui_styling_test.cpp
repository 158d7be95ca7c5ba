// Message styling in the chat view (src/ui/styled_text.cpp) over a real Client: a received body is drawn
// in runs with the XEP-0393 styles (directives kept, dimmed), links underlined with the hand cursor and
// a click that asks the page to open an http(s) link or opens an xmpp: URI's chat or Join dialog; "/me"
// reads "* name action" in one-to-one chats and rooms; quotations and preformatted blocks (which do not
// wrap) are measured as drawn; a 700,000-character body of directives costs a bounded frame.
#include <gtest/gtest.h>
#include <imgui.h>

#include <string>
#include <vector>

#include "client_test_harness.h"
#include "core/xml/ns.h"
#include "ui/app.h"
#include "ui/draw_report.h"
#include "ui/i18n.h"
#include "ui/styled_text.h"
#include "ui/views.h"
#include "ui_test_support.h"

namespace starling {
namespace {

using test::ClientHarness;
using test::ScramServer;
using test::stanza;
using test::TempDir;
using uitest::Headless;

constexpr const char* kRoom = "room@conference.localhost";

class UiStyling : public ::testing::Test {
protected:
    void start(ui::Lang lang = ui::Lang::En) {
        h = std::make_unique<ClientHarness>(dir.path);
        ui::AppHooks hooks;
        hooks.openUrl = [this](const std::string& url) { opened.push_back(url); };
        app = std::make_unique<ui::App>(*h->client, lang, std::move(hooks));
        ScramServer server("SCRAM-SHA-256", test::kPassword);
        h->login(server, test::kBobRoster);
        app->openChat("bob@localhost");
        gui.frames(*app, report);
    }
    void fromBob(const std::string& id, const std::string& body) {
        h->feed(uitest::incoming("bob@localhost/phone", id, body));
        gui.frames(*app, report);
    }
    // The styles of the runs drawn with exactly this text.
    std::vector<std::string> styles(const std::string& text) const {
        std::vector<std::string> out;
        for (const auto& r : report.styledRuns)
            if (r.text == text) out.push_back(r.style);
        return out;
    }
    const ui::DrawnRun* run(const std::string& text) const {
        for (const auto& r : report.styledRuns)
            if (r.text == text) return &r;
        return nullptr;
    }

    TempDir dir;
    std::unique_ptr<ClientHarness> h;
    std::unique_ptr<ui::App> app;
    Headless gui{1000, 650};
    ui::DrawReport report;
    std::vector<std::string> opened;
};

using Styles = std::vector<std::string>;

TEST_F(UiStyling, AStyledMessageIsDrawnInStyledRunsWithItsDirectivesDimmed) {
    start();
    fromBob("s1", "*bold* _it_ ~no~ `code` https://example.org/x");
    EXPECT_EQ(styles("bold"), Styles{"strong"});
    EXPECT_EQ(styles("*"), (Styles{"strong marker", "strong marker"}));
    EXPECT_EQ(styles("it"), Styles{"em"});
    EXPECT_EQ(styles("_"), (Styles{"em marker", "em marker"}));
    EXPECT_EQ(styles("no"), Styles{"strike"});
    EXPECT_EQ(styles("code"), Styles{"code"});
    EXPECT_EQ(styles("`"), (Styles{"code marker", "code marker"}));
    EXPECT_EQ(styles("https://example.org/x"), Styles{"link"});
    // In order on one line, left to right.
    const ui::DrawnRun* bold = run("bold");
    const ui::DrawnRun* link = run("https://example.org/x");
    ASSERT_TRUE(bold && link);
    EXPECT_EQ(bold->y, link->y);
    EXPECT_LT(bold->x + bold->w, run("it")->x);
    EXPECT_LT(run("code")->x, link->x);
}

TEST_F(UiStyling, NothingIsStyledThatTheXepLeavesPlain) {
    start();
    fromBob("p1", "2*3*4 **x** a_b_c not strong* *not *strong");
    EXPECT_TRUE(report.styledRuns.empty());
    EXPECT_EQ(report.visibleBodies.back(), "2*3*4 **x** a_b_c not strong* *not *strong");
}

// The sender's <unstyled xmlns='urn:xmpp:styling:0'/> (XEP-0393 §6): its directives are drawn as the text
// they are; its link is still one. Kept across a reload (the history record).
TEST_F(UiStyling, AMessageItsSenderMarkedUnstyledIsDrawnPlainButItsLinkStays) {
    start();
    h->feed(test::stanza(R"(<message from="bob@localhost/phone" to="user@localhost" type="chat" id="u1"><body>*not bold* )"
                         R"(https://example.org/u</body><unstyled xmlns="urn:xmpp:styling:0"/></message>)"));
    gui.frames(*app, report);
    EXPECT_TRUE(styles("not bold").empty());
    EXPECT_TRUE(styles("*").empty());
    EXPECT_EQ(styles("https://example.org/u"), Styles{"link"});
    fromBob("u2", "*bold*");  // without the hint: styled as usual
    EXPECT_EQ(styles("bold"), Styles{"strong"});
    const auto& msgs = h->client->state().conversations.at("bob@localhost").messages;
    ASSERT_GE(msgs.size(), 2u);
    EXPECT_TRUE(msgs[msgs.size() - 2].unstyled);
    EXPECT_FALSE(msgs.back().unstyled);
}

TEST_F(UiStyling, AClickOnAWebLinkAsksThePageToOpenItWithTheHandCursorOver) {
    start();
    fromBob("l1", "look (https://example.org/a_(b)) here");
    const ui::DrawnRun* link = run("https://example.org/a_(b)");
    ASSERT_NE(link, nullptr);
    const float x = link->x + link->w * 0.5f, y = link->y + link->h * 0.5f;
    ImGui::GetIO().MousePos = ImVec2(x, y);
    gui.frames(*app, report, 2);
    EXPECT_EQ(ImGui::GetMouseCursor(), ImGuiMouseCursor_Hand);
    EXPECT_NE(uitest::drawnText(report, ui::stylingText(ui::Lang::En, "open-link")), nullptr) << "the tooltip says it";
    EXPECT_TRUE(opened.empty());
    uitest::clickAt(*app, gui, report, x, y);
    EXPECT_EQ(opened, (std::vector<std::string>{"https://example.org/a_(b)"}));
    // Beside the link, a click opens nothing.
    uitest::clickAt(*app, gui, report, link->x - 20, y);
    EXPECT_EQ(opened.size(), 1u);
}

TEST_F(UiStyling, AnXmppLinkOpensItsChatOrTheJoinDialog) {
    start();
    fromBob("x1", "ask xmpp:alice@localhost or xmpp:room@conference.localhost?join");
    const ui::DrawnRun* alice = run("xmpp:alice@localhost");
    ASSERT_NE(alice, nullptr);
    uitest::clickAt(*app, gui, report, alice->x + alice->w * 0.5f, alice->y + alice->h * 0.5f);
    EXPECT_EQ(h->state().openChat, "alice@localhost");
    EXPECT_TRUE(opened.empty()) << "never a browser tab";
    app->openChat("bob@localhost");
    gui.frames(*app, report);
    const ui::DrawnRun* room = run("xmpp:room@conference.localhost?join");
    ASSERT_NE(room, nullptr);
    uitest::clickAt(*app, gui, report, room->x + room->w * 0.5f, room->y + room->h * 0.5f);
    EXPECT_NE(uitest::drawnText(report, ui::roomText(ui::Lang::En, "join")), nullptr) << "the Join dialog is open";
    EXPECT_EQ(h->state().openChat, "bob@localhost") << "nothing joined before the person says so";
}

TEST_F(UiStyling, MeIsAnActionInItalicsWithTheSendersName) {
    start();
    fromBob("m1", "/me waves *hard*");
    EXPECT_EQ(styles("* Bob waves "), Styles{"action"});
    EXPECT_EQ(styles("hard"), Styles{"strong action"});
    h->client->sendMessage("bob@localhost", "/me nods");
    gui.frames(*app, report);
    EXPECT_EQ(styles("* user nods"), Styles{"action"});
}

TEST_F(UiStyling, MeInARoomNamesTheOccupant) {
    start();
    ASSERT_TRUE(app->joinRoom(kRoom, "", ""));
    auto presence = [&](const std::string& nick, const std::string& inner) {
        h->feed(stanza("<presence from='" + std::string(kRoom) + "/" + nick + "' to='" + h->boundJid +
                       "'><x xmlns='http://jabber.org/protocol/muc#user'>" + inner + "</x></presence>"));
    };
    presence("alice", "<item affiliation='owner' role='moderator'/>");
    presence("user", "<item affiliation='member' role='participant'/><status code='110'/>");
    h->feed(stanza("<message from='" + std::string(kRoom) + "/alice' to='" + h->boundJid +
                   "' type='groupchat' id='g1'><body>/me waves</body><stanza-id xmlns='urn:xmpp:sid:0' by='" +
                   kRoom + "' id='g1'/></message>"));
    app->openChat(kRoom);
    gui.frames(*app, report);
    EXPECT_EQ(styles("* alice waves"), Styles{"action"});
}

TEST_F(UiStyling, QuotationsAndPreformattedBlocksAreMeasuredAsDrawn) {
    start();
    const std::string longLine(2000, 'x');  // all three rows fit in the view
    fromBob("q1", "> quoted *word*\nanswer");
    fromBob("c1", "```\n" + longLine + "\n```");
    fromBob("w1", longLine);
    EXPECT_EQ(styles("quoted "), Styles{"quote"});
    EXPECT_EQ(styles("word"), Styles{"strong quote"});
    EXPECT_EQ(styles("```"), (Styles{"marker pre", "marker pre"}));
    ASSERT_EQ(report.visibleMessages.size(), 3u);
    const float line = ImGui::GetTextLineHeightWithSpacing();
    const float font = ImGui::GetFontSize();
    const float spacing = ImGui::GetStyle().ItemSpacing.y * 2.0f;
    EXPECT_FLOAT_EQ(report.visibleMessages[0].h, line + 2 * font + spacing);
    EXPECT_FLOAT_EQ(report.visibleMessages[1].h, line + 3 * font + spacing) << "a preformatted line does not wrap";
    EXPECT_GT(report.visibleMessages[2].h, line + 10 * font) << "a plain line does";
    for (std::size_t i = 0; i + 1 < report.visibleMessages.size(); ++i)
        EXPECT_FLOAT_EQ(report.visibleMessages[i].y + report.visibleMessages[i].h, report.visibleMessages[i + 1].y);
    // What a preformatted line draws stops at the block's edge.
    bool sawPre = false;
    for (const auto& r : report.styledRuns) {
        if (r.style != "pre") continue;
        sawPre = true;
        EXPECT_LT(r.text.size(), 400u);
    }
    EXPECT_TRUE(sawPre);
}

TEST_F(UiStyling, AHugeBodyOfDirectivesDrawsABoundedFrame) {
    start();
    std::string body;
    while (body.size() < 700000) body += "*a* _b ~c `d` https://x.org/( ";
    fromBob("h1", body);
    ASSERT_EQ(report.visibleMessages.size(), 1u);
    EXPECT_LE(report.visibleMessages[0].shownBytes, ui::kBodyMaxShownBytes);
    EXPECT_LE(report.styledRuns.size(), 512u);
    EXPECT_FALSE(report.styledRuns.empty());
    EXPECT_LT(report.textBytes, 4u * ui::kBodyMaxShownBytes);
}

TEST_F(UiStyling, OnlyTheLinesInViewAreDrawn) {
    start();
    std::string body;
    for (int i = 0; i < 2000; ++i) body += "> q\n";
    fromBob("v1", body);
    ASSERT_EQ(report.visibleMessages.size(), 1u);
    EXPECT_GT(report.visibleMessages[0].h, 650.0f) << "a thousand lines of the part shown are measured";
    EXPECT_FALSE(report.styledRuns.empty());
    EXPECT_LT(report.styledRuns.size(), 60u) << "but only those in the 650 px view are drawn";
}

TEST_F(UiStyling, TheLinkTooltipIsInBothLanguages) {
    for (const char* key : {"open-link", "open-chat", "join-room"}) {
        EXPECT_STRNE(ui::stylingText(ui::Lang::En, key), "") << key;
        EXPECT_STRNE(ui::stylingText(ui::Lang::Ru, key), "") << key;
        EXPECT_STRNE(ui::stylingText(ui::Lang::En, key), ui::stylingText(ui::Lang::Ru, key)) << key;
    }
}

}  // namespace
}  // namespace starling
