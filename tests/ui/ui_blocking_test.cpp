// XEP-0191 blocking in the UI, headless over a real Client and the unit tests' scripted server: Block asks
// first and then sends the command, a blocked chat shows its banner with Unblock, a stranger's request can
// be blocked, settings list the blocked addresses and block a typed one, and a server without blocking
// gets no actions but an explanation.
#include <gtest/gtest.h>
#include <imgui.h>

#include <string>
#include <vector>

#include "client_test_harness.h"
#include "ui/app.h"
#include "ui/draw_report.h"
#include "ui/i18n.h"
#include "ui_test_support.h"

namespace starling {
namespace {

using test::ClientHarness;
using test::ScramServer;
using test::TempDir;
using test::stanza;
using uitest::Headless;
using uitest::click;
using uitest::clickAt;
using uitest::drawnText;

const char* bt(const char* key) { return ui::blockingText(ui::Lang::En, key); }

// All of our strings drawn with this text, in drawing order.
std::vector<ui::DrawnText> allDrawn(const ui::DrawReport& r, const std::string& text) {
    std::vector<ui::DrawnText> out;
    for (const auto& t : r.texts)
        if (t.text == text) out.push_back(t);
    return out;
}

class UiBlocking : public ::testing::Test {
protected:
    void SetUp() override {
        h = std::make_unique<ClientHarness>(dir.path);
        app = std::make_unique<ui::App>(*h->client, ui::Lang::En, ui::AppHooks{});
        uitest::webKeyMap();
    }
    void login() {
        ScramServer server("SCRAM-SHA-256", test::kPassword);
        h->login(server, test::kBobRoster);
        ASSERT_TRUE(h->state().blockingSupported);  // the harness answers the block list, empty
    }
    // The one blocking command sent since the last call: its element name and item JIDs.
    std::pair<std::string, std::vector<std::string>> sentCommand() {
        auto sent = h->takeSent();
        if (sent.size() != 1u) {
            ADD_FAILURE() << sent.size() << " stanzas sent";
            return {};
        }
        last = sent[0];
        for (const auto& child : sent[0].children()) {
            if (child.ns() != ns::kBlocking) continue;
            std::vector<std::string> jids;
            for (const xml::Element* item : child.childrenNamed(ns::kBlocking, "item")) jids.emplace_back(item->attr("jid"));
            return {child.name(), jids};
        }
        ADD_FAILURE() << "not a blocking command: " << xml::serialize(sent[0], ns::kClient);
        return {};
    }
    void answer(const std::string& type = "result") {
        h->feed(R"(<iq xmlns="jabber:client" type=")" + type + R"(" id=")" + std::string(last.attr("id")) + R"("/>)");
        gui.frames(*app, report);
    }
    void pushBlock(const std::string& items) {
        h->feed(R"(<iq xmlns="jabber:client" type="set" id="push"><block xmlns="urn:xmpp:blocking">)" + items +
                "</block></iq>");
        h->takeSent();  // our result
        gui.frames(*app, report);
    }
    void clickText(const std::string& text, bool lastOne = false) {
        auto all = allDrawn(report, text);
        ASSERT_FALSE(all.empty()) << '"' << text << "\" not drawn";
        ui::DrawnText t = lastOne ? all.back() : all.front();
        click(*app, gui, report, t);
    }
    void openSettings() {
        gui.frames(*app, report);
        clickText(ui::tr(ui::Lang::En, ui::S::Settings));
        ASSERT_NE(drawnText(report, bt("title")), nullptr) << "settings not open";
    }

    TempDir dir;
    std::unique_ptr<ClientHarness> h;
    std::unique_ptr<ui::App> app;
    Headless gui{1000, 650};
    ui::DrawReport report;
    xml::Element last;
};

TEST(UiBlockingI18n, EveryBlockingTextExistsInBothLanguages) {
    for (const char* key : {"block", "unblock", "confirm", "confirm-detail", "banner", "banner-server", "title", "none",
                            "address-hint", "unsupported"}) {
        EXPECT_STRNE(ui::blockingText(ui::Lang::En, key), "") << key;
        EXPECT_STRNE(ui::blockingText(ui::Lang::Ru, key), "") << key;
        EXPECT_STRNE(ui::blockingText(ui::Lang::En, key), ui::blockingText(ui::Lang::Ru, key)) << key;
    }
    for (const char* code : {"blocked", "unblocked", "blocking-error"}) {
        ASSERT_NE(ui::noticeText(ui::Lang::En, code), nullptr) << code;
        ASSERT_NE(ui::noticeText(ui::Lang::Ru, code), nullptr) << code;
        EXPECT_STRNE(ui::noticeText(ui::Lang::En, code), ui::noticeText(ui::Lang::Ru, code)) << code;
    }
    EXPECT_STREQ(ui::blockingText(ui::Lang::En, "no-such-key"), "");
}

// Block in the chat header asks first; only the confirmation sends the command. The server's result
// puts the banner with Unblock in the composer's place; Unblock there takes it away again.
TEST_F(UiBlocking, BlockFromTheChatHeaderAsksThenBlocksAndTheBannerUnblocks) {
    login();
    app->openChat("bob@localhost");
    gui.frames(*app, report);
    EXPECT_EQ(drawnText(report, bt("banner")), nullptr);
    clickText(bt("block"));
    ASSERT_NE(drawnText(report, bt("confirm")), nullptr);
    EXPECT_NE(drawnText(report, bt("confirm-detail")), nullptr);
    EXPECT_TRUE(h->takeSent().empty()) << "nothing goes out before the confirmation";
    ASSERT_EQ(allDrawn(report, bt("block")).size(), 2u);  // the header's and the dialog's (drawn last)
    clickText(bt("block"), true);
    EXPECT_EQ(drawnText(report, bt("confirm")), nullptr);  // closed
    auto [name, jids] = sentCommand();
    EXPECT_EQ(name, "block");
    EXPECT_EQ(jids, std::vector<std::string>{"bob@localhost"});
    EXPECT_EQ(drawnText(report, bt("banner")), nullptr);  // not before the server's result
    answer();
    EXPECT_EQ(h->state().blocked, std::vector<std::string>{"bob@localhost"});
    ASSERT_NE(drawnText(report, bt("banner")), nullptr);
    // Unblock in the header and in the banner (drawn after it).
    ASSERT_EQ(allDrawn(report, bt("unblock")).size(), 2u);
    clickText(bt("unblock"), true);
    auto [name2, jids2] = sentCommand();
    EXPECT_EQ(name2, "unblock");
    EXPECT_EQ(jids2, std::vector<std::string>{"bob@localhost"});
    answer();
    EXPECT_TRUE(h->state().blocked.empty());
    EXPECT_EQ(drawnText(report, bt("banner")), nullptr);
    EXPECT_NE(drawnText(report, bt("block")), nullptr);
}

TEST_F(UiBlocking, CancelSendsNothing) {
    login();
    app->openChat("bob@localhost");
    gui.frames(*app, report);
    clickText(bt("block"));
    ASSERT_NE(drawnText(report, bt("confirm")), nullptr);
    clickText(ui::tr(ui::Lang::En, ui::S::Cancel), true);
    EXPECT_EQ(drawnText(report, bt("confirm")), nullptr);
    EXPECT_TRUE(h->takeSent().empty());
    EXPECT_TRUE(h->state().blocked.empty());
}

// A chat with someone on a blocked server says so, and its Unblock unblocks the server.
TEST_F(UiBlocking, AChatOnABlockedServerShowsItsBannerAndUnblocksTheServer) {
    login();
    h->feed(uitest::incoming("eve@spam.example/x", "m1", "buy now"));
    pushBlock(R"(<item jid="spam.example"/>)");
    app->openChat("eve@spam.example");
    gui.frames(*app, report);
    ASSERT_NE(drawnText(report, bt("banner-server")), nullptr);
    clickText(bt("unblock"), true);
    auto [name, jids] = sentCommand();
    EXPECT_EQ(name, "unblock");
    EXPECT_EQ(jids, std::vector<std::string>{"spam.example"});
}

// "Block" next to a stranger's request: confirmed, the command goes out and the request is gone.
TEST_F(UiBlocking, AStrangersRequestCanBeBlocked) {
    login();
    h->feed(stanza(R"(<presence from="mallory@evil.example" to="user@localhost" type="subscribe"/>)"));
    gui.frames(*app, report);
    ASSERT_NE(drawnText(report, "Accept"), nullptr);
    const ui::DrawnText* block = drawnText(report, bt("block"));
    ASSERT_NE(block, nullptr);
    EXPECT_NEAR(block->y, drawnText(report, "Accept")->y, 1.0f) << "Block sits on the line of Accept / Deny";
    clickText(bt("block"));
    ASSERT_NE(drawnText(report, bt("confirm")), nullptr);
    clickText(bt("block"), true);
    auto [name, jids] = sentCommand();
    EXPECT_EQ(name, "block");
    EXPECT_EQ(jids, std::vector<std::string>{"mallory@evil.example"});
    answer();
    EXPECT_TRUE(h->state().subscriptionRequests.empty());
    EXPECT_EQ(drawnText(report, "Accept"), nullptr);
}

// Settings: every blocked address with its own Unblock (received text drawn as data: a JID may hold
// '%' and '#'), and the field blocks a typed address or server after the confirmation.
TEST_F(UiBlocking, SettingsListTheBlockedAndBlockATypedAddress) {
    login();
    openSettings();
    EXPECT_NE(drawnText(report, bt("none")), nullptr);
    pushBlock(R"(<item jid="%n%s##x@evil.example"/><item jid="romeo@montague.net"/>)");
    ASSERT_EQ(h->state().blocked, (std::vector<std::string>{"%n%s##x@evil.example", "romeo@montague.net"}));
    EXPECT_EQ(drawnText(report, bt("none")), nullptr);
    auto unblocks = allDrawn(report, bt("unblock"));
    ASSERT_EQ(unblocks.size(), 2u);
    click(*app, gui, report, unblocks[1]);
    auto [name, jids] = sentCommand();
    EXPECT_EQ(name, "unblock");
    EXPECT_EQ(jids, std::vector<std::string>{"romeo@montague.net"});

    // Type into the field (left of its Block button) and press Enter.
    const ui::DrawnText* fieldBlock = drawnText(report, bt("block"));
    ASSERT_NE(fieldBlock, nullptr);
    clickAt(*app, gui, report, fieldBlock->x - 60.0f, fieldBlock->y + fieldBlock->h * 0.5f);
    ImGui::GetIO().AddInputCharactersUTF8("@not-an-address");
    gui.frames(*app, report);
    uitest::pressKey(*app, gui, report, 13);
    EXPECT_NE(drawnText(report, ui::noticeText(ui::Lang::En, "bad-jid")), nullptr);
    EXPECT_EQ(drawnText(report, bt("confirm")), nullptr);
    // Enter left the field: click into it again, to the end of the text, and erase it.
    clickAt(*app, gui, report, fieldBlock->x - 60.0f, fieldBlock->y + fieldBlock->h * 0.5f);
    ImGui::GetIO().KeyMap[ImGuiKey_End] = 35;
    uitest::pressKey(*app, gui, report, 35);
    for (int i = 0; i < 15; ++i) uitest::pressKey(*app, gui, report, 8);  // Backspace
    ImGui::GetIO().AddInputCharactersUTF8(" Spam.Example ");
    gui.frames(*app, report);
    EXPECT_EQ(drawnText(report, ui::noticeText(ui::Lang::En, "bad-jid")), nullptr);  // edited: the hint is gone
    uitest::pressKey(*app, gui, report, 13);
    ASSERT_NE(drawnText(report, bt("confirm")), nullptr);
    EXPECT_TRUE(h->takeSent().empty());
    clickText(bt("block"), true);
    auto [name2, jids2] = sentCommand();
    EXPECT_EQ(name2, "block");
    EXPECT_EQ(jids2, std::vector<std::string>{"spam.example"});
    answer();
    EXPECT_EQ(h->state().blocked.size(), 3u);
    EXPECT_EQ(h->state().notice, "blocked");
    EXPECT_EQ(drawnText(report, ui::noticeText(ui::Lang::En, "blocked")), nullptr);  // the roster pane beside says it
}

// On a narrow screen settings are alone: they say what became of the request themselves.
TEST_F(UiBlocking, NarrowSettingsSayBlocked) {
    login();
    gui.resize(390, 740);
    openSettings();
    ASSERT_TRUE(h->client->block("romeo@montague.net"));
    sentCommand();
    answer();
    EXPECT_NE(drawnText(report, ui::noticeText(ui::Lang::En, "blocked")), nullptr);
    EXPECT_NE(drawnText(report, bt("unblock")), nullptr);
}

TEST_F(UiBlocking, SettingsSpeakRussian) {
    login();
    pushBlock(R"(<item jid="romeo@montague.net"/>)");
    app->setLanguage(ui::Lang::Ru);
    gui.frames(*app, report);
    clickText(ui::tr(ui::Lang::Ru, ui::S::Settings));
    EXPECT_NE(drawnText(report, ui::blockingText(ui::Lang::Ru, "title")), nullptr);
    EXPECT_NE(drawnText(report, ui::blockingText(ui::Lang::Ru, "unblock")), nullptr);
    EXPECT_NE(drawnText(report, ui::blockingText(ui::Lang::Ru, "block")), nullptr);
    EXPECT_EQ(drawnText(report, bt("title")), nullptr);
}

// On a phone in Russian the header's line is full: Block goes to the next line, not off the screen.
TEST_F(UiBlocking, TheHeadersBlockStaysOnScreenWhenNarrow) {
    login();
    gui.resize(360, 740);
    app->setLanguage(ui::Lang::Ru);
    app->openChat("bob@localhost");
    gui.frames(*app, report);
    const ui::DrawnText* block = drawnText(report, ui::blockingText(ui::Lang::Ru, "block"));
    ASSERT_NE(block, nullptr);
    EXPECT_LE(block->x + block->w, 360.0f);
    EXPECT_GE(block->x, 0.0f);
}

// The server answered the block list with an error: no Block anywhere, and settings say why.
TEST_F(UiBlocking, WithoutServerSupportTheActionsAreHiddenAndSettingsExplain) {
    h->autoAnswerSync = false;
    ScramServer server("SCRAM-SHA-256", test::kPassword);
    h->login(server, test::kBobRoster);
    for (const auto& e : h->extraAfterLogin) {
        if (!e.child(ns::kBlocking, "blocklist")) continue;
        h->feed(R"(<iq xmlns="jabber:client" type="error" id=")" + std::string(e.attr("id")) +
                R"("><error type="cancel"><service-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>)");
    }
    ASSERT_FALSE(h->state().blockingSupported);
    h->feed(stanza(R"(<presence from="mallory@evil.example" to="user@localhost" type="subscribe"/>)"));
    app->openChat("bob@localhost");
    gui.frames(*app, report);
    EXPECT_NE(drawnText(report, "Accept"), nullptr);
    EXPECT_EQ(drawnText(report, bt("block")), nullptr);
    openSettings();
    EXPECT_NE(drawnText(report, bt("unsupported")), nullptr);
    EXPECT_EQ(drawnText(report, bt("block")), nullptr);
}

}  // namespace
}  // namespace starling
