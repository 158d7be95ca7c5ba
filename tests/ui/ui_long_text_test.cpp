// Whatever a contact or a server sends, a frame lays out a bounded amount of its text
// (ui::DrawReport::textBytes): a 700,000-character line shows a part with "Show more" (a bounded step
// per click, at most kBodyMaxShownBytes at once) and "Copy whole message" copies all of it; a line of
// CJK or emoji without spaces is cut at code points; a 100,000-character name is cut to what fits in
// the roster, the chat header and the message header.
#include <gtest/gtest.h>
#include <imgui.h>

#include <string>

#include "client_test_harness.h"
#include "ui_test_support.h"
#include "ui/app.h"
#include "ui/draw_report.h"
#include "ui/i18n.h"
#include "ui/views.h"

namespace starling {
namespace {

using test::ClientHarness;
using test::ScramServer;
using test::TempDir;
using uitest::click;
using uitest::drawnText;
using uitest::Headless;
using uitest::incoming;

constexpr std::size_t kBody = 700000;
// A frame with the long message on screen lays out its shown part (for drawing and, once, measuring)
// and the rest of the screen: far below the message itself.
constexpr std::size_t kFrameTextBudget = 2 * ui::kBodyMaxShownBytes + 64 * 1024;

class UiLongText : public ::testing::Test {
protected:
    void SetUp() override {
        h = std::make_unique<ClientHarness>(dir.path);
        app = std::make_unique<ui::App>(*h->client, ui::Lang::En, ui::AppHooks{});
    }
    void login(const std::string& bobName = "Bob") {
        ScramServer server("SCRAM-SHA-256", test::kPassword);
        h->login(server, R"(<item jid="bob@localhost" name=")" + bobName + R"(" subscription="both"/>)");
    }
    // The row drawn for message `id` in the last frame.
    const ui::DrawnMessage* row(const std::string& id) const {
        for (const auto& m : report.visibleMessages)
            if (m.id == id) return &m;
        return nullptr;
    }
    // The shown part of message `id` after the last frame, as text.
    std::size_t shown(const std::string& id) const {
        const ui::DrawnMessage* r = row(id);
        return r ? r->shownBytes : 0;
    }
    TempDir dir;
    std::unique_ptr<ClientHarness> h;
    std::unique_ptr<ui::App> app;
    Headless gui{1000, 650};
    ui::DrawReport report;
};

TEST_F(UiLongText, AHugeOneLineBodyShowsABoundedPartWithShowMoreAndCopiesWhole) {
    login();
    const std::string body(kBody, 'L');  // one line, no space to wrap at
    h->feed(incoming("bob@localhost/phone", "huge", body));
    app->openChat("bob@localhost");
    gui.frames(*app, report);
    const ui::DrawnMessage* r = row("huge");
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(r->bodyBytes, kBody);
    EXPECT_GT(r->shownBytes, 0u);
    EXPECT_LE(r->shownBytes, ui::kBodyStepBytes);
    EXPECT_LT(report.textBytes, kFrameTextBudget);
    ASSERT_NE(drawnText(report, "Show more"), nullptr);
    ASSERT_NE(drawnText(report, "Copy whole message"), nullptr);
    EXPECT_EQ(drawnText(report, "Show earlier"), nullptr);

    // Each click shows at most one step more; past the most shown at once the part moves on.
    std::size_t before = r->shownBytes;
    for (int i = 0; i < 40; ++i) {
        const ui::DrawnText* more = drawnText(report, "Show more");
        ASSERT_NE(more, nullptr) << "click " << i;
        const ui::DrawnText at = *more;
        click(*app, gui, report, at);
        gui.frames(*app, report);  // the row was re-measured: bring "Show more" back where it is now
        std::size_t now = 0;
        for (const auto& m : report.visibleMessages)
            if (m.id == "huge") now = m.shownBytes;
        ASSERT_GT(now, 0u) << "click " << i;
        EXPECT_LE(now, before + ui::kBodyStepBytes) << "click " << i;
        EXPECT_LE(now, ui::kBodyMaxShownBytes) << "click " << i;
        EXPECT_LT(report.textBytes, kFrameTextBudget) << "click " << i;
        before = now;
        if (drawnText(report, "Show more") == nullptr) {  // scrolled out of view: follow it down
            ImGui::GetIO().MouseWheel = -30.0f;
            ImGui::GetIO().MousePos = ImVec2(at.x + 50.0f, 300.0f);
            gui.frames(*app, report);
        }
    }
    EXPECT_GT(before, ui::kBodyMaxShownBytes - ui::kBodyStepBytes);
    // The start moved on: "Show earlier" at the top of the row.
    for (int i = 0; i < 40 && drawnText(report, "Show earlier") == nullptr; ++i) {
        ImGui::GetIO().MouseWheel = 10.0f;
        gui.frames(*app, report);
    }
    EXPECT_NE(drawnText(report, "Show earlier"), nullptr);
    EXPECT_LT(report.textBytes, kFrameTextBudget);
    for (int i = 0; i < 40 && drawnText(report, "Copy whole message") == nullptr; ++i) {
        ImGui::GetIO().MouseWheel = -10.0f;
        gui.frames(*app, report);
    }

    const ui::DrawnText* copy = drawnText(report, "Copy whole message");
    ASSERT_NE(copy, nullptr);
    const ui::DrawnText at = *copy;
    click(*app, gui, report, at);
    EXPECT_EQ(std::string(ImGui::GetClipboardText()), body);
}

TEST_F(UiLongText, CjkAndEmojiLinesAreCutAtCodePoints) {
    login();
    std::string cjk, emoji;
    for (int i = 0; i < 300000; ++i) cjk += "\xE4\xB8\x80";       // 一, 3 bytes, no spaces
    for (int i = 0; i < 200000; ++i) emoji += "\xF0\x9F\x98\x80";  // 😀, 4 bytes
    h->feed(incoming("bob@localhost/phone", "cjk", cjk));
    h->feed(incoming("bob@localhost/phone", "emoji", emoji));
    app->openChat("bob@localhost");
    gui.frames(*app, report);
    EXPECT_LT(report.textBytes, kFrameTextBudget);
    for (const char* id : {"cjk", "emoji"}) {
        const ui::DrawnMessage* r = row(id);
        ASSERT_NE(r, nullptr) << id;
        EXPECT_GT(r->shownBytes, 0u) << id;
        EXPECT_LE(r->shownBytes, ui::kBodyStepBytes) << id;
        EXPECT_EQ(r->shownBytes % (std::string(id) == "cjk" ? 3 : 4), 0u) << id << ": cut inside a character";
    }
}

TEST_F(UiLongText, AHundredThousandCharacterNameIsCutWhereverItIsDrawn) {
    const std::string name(100000, 'N');
    login(name);
    h->feed(incoming("bob@localhost/phone", "m1", "hello"));
    gui.frames(*app, report);  // the roster with the name
    EXPECT_TRUE(uitest::contains(report.rosterRows, "bob@localhost"));
    EXPECT_LT(report.textBytes, 4u * ui::kLineScanBytes + 4096);
    app->openChat("bob@localhost");  // the chat header and the message's header too
    gui.frames(*app, report);
    EXPECT_EQ(report.openChat, "bob@localhost");
    EXPECT_NE(row("m1"), nullptr);
    EXPECT_LT(report.textBytes, 6u * ui::kLineScanBytes + 4096);
}

TEST(UiText, Utf8PrefixNeverCutsACharacter) {
    const std::string s = "a\xD0\x96\xE4\xB8\x80\xF0\x9F\x98\x80";  // a Ж 一 😀
    EXPECT_EQ(ui::utf8Prefix(s, 0), "");
    EXPECT_EQ(ui::utf8Prefix(s, 2), "a");
    EXPECT_EQ(ui::utf8Prefix(s, 3), "a\xD0\x96");
    EXPECT_EQ(ui::utf8Prefix(s, 5), "a\xD0\x96");
    EXPECT_EQ(ui::utf8Prefix(s, 9), "a\xD0\x96\xE4\xB8\x80");
    EXPECT_EQ(ui::utf8Prefix(s, 10), s);
    EXPECT_EQ(ui::utf8Prefix(s, 100), s);
}

}  // namespace
}  // namespace starling
