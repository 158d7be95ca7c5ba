// Every script reaches the font atlas: text drawn (a message, the chat list's preview, the composer as
// typed) asks, through AppHooks::missingGlyph, for each code point the font lacks — Greek, Hebrew, Arabic,
// CJK, Thai, Devanagari, Hangul as well as emoji (web/font_atlas.cpp has the browser draw them) — and
// never for one it has. The headless font is ImGui's built-in one (U+0020–U+00FF).
#include <gtest/gtest.h>
#include <imgui.h>

#include <set>
#include <string>

#include "client_test_harness.h"
#include "ui_test_support.h"
#include "ui/app.h"
#include "ui/draw_report.h"

namespace starling {
namespace {

using test::ClientHarness;
using test::ScramServer;
using test::TempDir;
using uitest::Headless;
using uitest::incoming;

// One letter of each script the product promises, as UTF-8 and as its code point.
const std::pair<const char*, char32_t> kScripts[] = {
    {"\xCE\xB1", 0x03B1},          // α Greek
    {"\xD7\x90", 0x05D0},          // א Hebrew
    {"\xD9\x85", 0x0645},          // م Arabic
    {"\xE6\x97\xA5", 0x65E5},      // 日 CJK
    {"\xE0\xB8\x81", 0x0E01},      // ก Thai
    {"\xE0\xA4\xA8", 0x0928},      // न Devanagari
    {"\xED\x95\x9C", 0xD55C},      // 한 Hangul
    {"\xD4\xB1", 0x0531},          // Ա Armenian
    {"\xE1\x83\x90", 0x10D0},      // ა Georgian
    {"\xF0\x9F\x91\x8B", 0x1F44B}, // 👋 emoji
};

class UiGlyphs : public ::testing::Test {
protected:
    void SetUp() override {
        h = std::make_unique<ClientHarness>(dir.path);
        ui::AppHooks hooks;
        hooks.missingGlyph = [this](char32_t cp) { requested.insert(cp); };
        app = std::make_unique<ui::App>(*h->client, ui::Lang::En, std::move(hooks));
        ScramServer server("SCRAM-SHA-256", test::kPassword);
        h->login(server, R"(<item jid="bob@localhost" name="Bob" subscription="both"/>)");
    }
    void expectEveryScriptRequested(const char* where) {
        for (const auto& [utf8, cp] : kScripts) EXPECT_EQ(requested.count(cp), 1u) << where << ": " << utf8;
        EXPECT_EQ(requested.count(0xE9), 0u) << where << ": é is in the font";
        EXPECT_EQ(requested.count('a'), 0u) << where;
        EXPECT_EQ(requested.count(0x85), 0u) << where << ": a C1 control draws nothing";
        for (char32_t cp : requested) EXPECT_EQ(ImGui::GetFont()->FindGlyphNoFallback(static_cast<ImWchar>(cp)), nullptr);
    }
    static std::string allScripts() {
        std::string s = "a\xC3\xA9 \xC2\x85";  // "aé", a space, NEL (U+0085)
        for (const auto& [utf8, cp] : kScripts) s += std::string(" ") + utf8;
        return s;
    }
    TempDir dir;
    std::unique_ptr<ClientHarness> h;
    std::unique_ptr<ui::App> app;
    Headless gui{1000, 650};
    ui::DrawReport report;
    std::set<char32_t> requested;
};

TEST_F(UiGlyphs, EveryScriptOfAMessageIsRequestedInThePreviewAndInTheChat) {
    h->feed(incoming("bob@localhost/phone", "m1", allScripts()));
    gui.frames(*app, report);  // the chat list: the row's preview
    ASSERT_TRUE(uitest::contains(report.rosterRows, "bob@localhost"));
    expectEveryScriptRequested("preview");
    requested.clear();
    app->openChat("bob@localhost");
    gui.frames(*app, report);
    ASSERT_TRUE(uitest::contains(report.visibleBodies, allScripts()));
    expectEveryScriptRequested("chat");
}

TEST_F(UiGlyphs, EveryScriptTypedIntoTheComposerIsRequested) {
    app->openChat("bob@localhost");
    gui.frames(*app, report);  // the open chat focuses its composer
    requested.clear();
    ImGui::GetIO().AddInputCharactersUTF8(allScripts().c_str());
    gui.frames(*app, report);
    expectEveryScriptRequested("composer");
}

}  // namespace
}  // namespace starling
