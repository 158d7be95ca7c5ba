// History at scale and full-text search in the UI, headless over a real Client and store: a long chat
// opens at its newest messages, scrolling to the top loads older segments without moving what is on
// screen and measures only the new rows; the search field (Ctrl+F / Ctrl+K, Escape) shows results in
// place of the contacts, and a result opens its chat at the message, centred and highlighted.
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>  // the history window and its scrollbar

#include <chrono>
#include <cmath>
#include <map>
#include <string>

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
using uitest::contains;
using uitest::drawnText;
using uitest::Headless;
using uitest::incoming;
using uitest::pressKey;

constexpr const char* kRoster = R"(<item jid="bob@localhost" name="Bob" subscription="both"/>)"
                                R"(<item jid="carol@localhost" name="Carol" subscription="to"/>)";
constexpr int kMessages = 3000;

std::string body(int i) {
    if (i == 1234) return "Встреча: ПРИВЕТ из прошлого, message 1234";
    std::string b = "message " + std::to_string(i);
    if (i % 7 == 0) b += "\nsecond line\nthird line";
    if (i % 11 == 0) b += " a longer line that wraps onto a second row in the chat pane of this headless window";
    return b;
}

class UiHistory : public ::testing::Test {
protected:
    // An account whose chat with Bob has kMessages stored messages, started again: the client holds the
    // newest part in memory and the rest on disk.
    void SetUp() override {
        {
            ClientHarness first(dir.path);
            ScramServer server("SCRAM-SHA-256", test::kPassword);
            first.login(server, kRoster);
            for (int i = 0; i < kMessages; ++i) first.feed(incoming("bob@localhost/phone", "id" + std::to_string(i), body(i)));
        }
        h = std::make_unique<ClientHarness>(dir.path);
        h->client->start();
        ScramServer server("SCRAM-SHA-256", test::kPassword);
        h->login(server, kRoster);
        app = std::make_unique<ui::App>(*h->client, ui::Lang::En, ui::AppHooks{});
        uitest::webKeyMap();
    }
    const model::Conversation& bob() const { return h->state().conversations.at("bob@localhost"); }
    // Frames with the search stepping as the web host does it (once per frame while it runs).
    void frames(int n = 3) {
        for (int i = 0; i < n; ++i) {
            if (h->state().search.running) h->client->searchStep();
            gui.frames(*app, report, 1);
        }
    }
    void searchToEnd() {
        for (int i = 0; i < 5000 && (h->state().search.running || h->state().search.query != typed); ++i) frames(1);
        frames(2);
    }
    std::map<std::string, float> visibleY() const {
        std::map<std::string, float> out;
        for (const auto& m : report.visibleMessages) out[m.id] = m.y;
        return out;
    }
    TempDir dir;
    std::unique_ptr<ClientHarness> h;
    std::unique_ptr<ui::App> app;
    Headless gui{1000, 650};
    ui::DrawReport report;
    std::string typed;
};

TEST_F(UiHistory, OpensAtTheNewestAndScrollsToTheTopWithoutAJump) {
    ASSERT_FALSE(bob().messages.empty());
    app->openChat("bob@localhost");
    gui.frames(*app, report, 1);  // the first frame already shows the newest messages
    EXPECT_TRUE(contains(report.visibleBodies, body(kMessages - 1)));
    EXPECT_LE(report.rowsMeasured, bob().messages.size());
    frames(2);
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(650, 300);  // over the history of the wide layout
    std::map<std::string, float> before = visibleY();
    int prepends = 0, steps = 0;
    std::vector<float> moves;
    double worstMs = 0, worstPrependMs = 0;
    std::size_t held = bob().messages.size();
    for (; steps < 20000 && !contains(report.visibleBodies, body(0)); ++steps) {
        io.MouseWheel = 3.0f;
        const auto t0 = std::chrono::steady_clock::now();
        frames(1);
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        worstMs = std::max(worstMs, ms);
        const bool grew = bob().messages.size() != held;
        if (grew) {
            ++prepends;
            worstPrependMs = std::max(worstPrependMs, ms);
            // Only the new rows were measured, not the whole chat again.
            EXPECT_LE(report.rowsMeasured, bob().messages.size() - held) << "step " << steps;
            held = bob().messages.size();
        }
        // Every message on screen in both frames moved by the same wheel step, prepend or not.
        std::map<std::string, float> now = visibleY();
        bool common = false;
        for (const auto& [id, y] : now) {
            auto it = before.find(id);
            if (it != before.end()) {
                moves.push_back(y - it->second);
                common = true;
                break;
            }
        }
        EXPECT_TRUE(common) << "step " << steps << ": nothing on screen was on screen a wheel step before";
        before = std::move(now);
    }
    io.MouseWheel = 0.0f;
    std::printf("[ info ] %d wheel steps, %d prepends, worst frame %.1f ms, worst with a prepend %.1f ms (headless, no GL)\n",
                steps, prepends, worstMs, worstPrependMs);
    EXPECT_TRUE(contains(report.visibleBodies, body(0))) << "the top was not reached in " << steps << " steps";
    EXPECT_EQ(bob().localBefore, 0u);
    EXPECT_GT(prepends, 0) << "older local segments were loaded while scrolling up";
    ASSERT_GT(moves.size(), 10u);
    float step = moves.front();
    EXPECT_GT(step, 0.0f);
    std::size_t same = 0;
    moves.pop_back();  // the last step may stop short at the top
    for (float m : moves) same += std::fabs(m - step) <= 2.0f ? 1 : 0;
    EXPECT_EQ(same, moves.size()) << "a frame moved the view by something else than the wheel step";
}

// The history's own child window (ImGui names it "<parent>/history_<id>").
ImGuiWindow* historyWindow() {
    for (ImGuiWindow* w : GImGui->Windows)
        if (std::string(w->Name).find("/history_") != std::string::npos && w->Active) return w;
    return nullptr;
}

TEST_F(UiHistory, DraggingTheScrollbarToTheTopLoadsOlderOnReleaseWithoutAJump) {
    app->openChat("bob@localhost");
    frames(3);
    ImGuiWindow* w = historyWindow();
    ASSERT_NE(w, nullptr);
    const ImRect bar = ImGui::GetWindowScrollbarRect(w, ImGuiAxis_Y);
    const std::size_t held = bob().messages.size();
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(bar.GetCenter().x, bar.Max.y - 4.0f);  // on the grab: the view is at the newest
    frames(1);
    io.MouseDown[0] = true;
    frames(1);
    for (int i = 1; i <= 10; ++i) {  // up to the top of the track, holding the grab
        io.MousePos.y = bar.Max.y - 4.0f - (bar.GetHeight()) * static_cast<float>(i) / 10.0f;
        frames(1);
        EXPECT_EQ(bob().messages.size(), held) << "older history loaded while the grab was held (step " << i << ")";
    }
    frames(3);
    EXPECT_EQ(bob().messages.size(), held);
    EXPECT_LE(w->Scroll.y, 1.0f) << "the view follows the grab to the top";
    const auto top = report.visibleMessages;
    ASSERT_FALSE(top.empty());
    io.MouseDown[0] = false;
    frames(3);
    EXPECT_GT(bob().messages.size(), held) << "released near the top: older history comes in";
    // What was on screen at the release stays where it was.
    std::map<std::string, float> now = visibleY();
    ASSERT_TRUE(now.count(top.front().id)) << "the row at the top before the release is still on screen";
    EXPECT_NEAR(now[top.front().id], top.front().y, 2.0f);
}

TEST_F(UiHistory, SearchShowsResultsInPlaceOfContactsAndAClickRevealsTheMessage) {
    gui.frames(*app, report);
    EXPECT_TRUE(contains(report.rosterRows, "bob@localhost"));
    ASSERT_NE(drawnText(report, "Search messages…"), nullptr);
    pressKey(*app, gui, report, 'F', /*ctrl=*/true);
    frames(2);
    typed = "привет";  // lower case; the message says ПРИВЕТ
    ImGui::GetIO().AddInputCharactersUTF8(typed.c_str());
    frames(1);
    EXPECT_EQ(h->state().search.query, typed);
    searchToEnd();
    EXPECT_TRUE(report.rosterRows.empty()) << "contacts are replaced by results while searching";
    ASSERT_FALSE(report.searchResults.empty());
    const ui::DrawnHit hit = report.searchResults.front();
    EXPECT_EQ(hit.peer, "bob@localhost");
    EXPECT_EQ(hit.id, "id1234");
    uitest::clickAt(*app, gui, report, hit.x + hit.w * 0.5f, hit.y + hit.h * 0.5f);
    frames(2);
    EXPECT_EQ(h->state().openChat, "bob@localhost");
    EXPECT_EQ(report.highlighted, "id1234");
    bool centred = false;
    for (const auto& m : report.visibleMessages) {
        if (m.id == "id1234") centred = m.y > 100.0f && m.y < 550.0f;
    }
    EXPECT_TRUE(centred);
    EXPECT_EQ(h->state().search.query, typed);  // the query stays for the next result
    EXPECT_FALSE(report.searchResults.empty());
    frames(130);  // > 2 s at 60 frames per second
    EXPECT_TRUE(report.highlighted.empty());
}

TEST_F(UiHistory, UpDownAndEnterOpenAResultByKeyboard) {
    gui.frames(*app, report);
    pressKey(*app, gui, report, 'F', /*ctrl=*/true);
    frames(2);
    typed = "message 12";  // many hits, newest first
    ImGui::GetIO().AddInputCharactersUTF8(typed.c_str());
    frames(1);
    searchToEnd();
    const auto& hits = h->state().search.hits;
    ASSERT_GT(hits.size(), 3u);
    const std::string third = hits[2].messageId;
    pressKey(*app, gui, report, 40);  // Down
    pressKey(*app, gui, report, 40);
    pressKey(*app, gui, report, 40);
    pressKey(*app, gui, report, 38);  // Up
    pressKey(*app, gui, report, 13);  // Enter
    frames(3);
    EXPECT_EQ(h->state().openChat, "bob@localhost");
    EXPECT_EQ(report.highlighted, third);
    EXPECT_EQ(h->state().search.query, typed);
}

TEST_F(UiHistory, PageUpAndPageDownScrollTheHistory) {
    app->openChat("bob@localhost");
    frames(3);
    auto ids = [&] {
        std::vector<std::string> out;
        for (const auto& m : report.visibleMessages) out.push_back(m.id);
        return out;
    };
    ASSERT_FALSE(report.visibleMessages.empty());
    const std::string newest = "id" + std::to_string(kMessages - 1);
    EXPECT_TRUE(contains(ids(), newest));
    for (int i = 0; i < 3; ++i) pressKey(*app, gui, report, 33);  // PageUp (the composer has the focus)
    frames(2);
    EXPECT_FALSE(contains(ids(), newest));
    for (int i = 0; i < 6; ++i) pressKey(*app, gui, report, 34);  // PageDown
    frames(2);
    EXPECT_TRUE(contains(ids(), newest));
}

TEST_F(UiHistory, CtrlKFocusesTheFieldNothingFoundAndEscapeClears) {
    gui.frames(*app, report);
    pressKey(*app, gui, report, 'K', /*ctrl=*/true);
    frames(2);
    typed = "no such words anywhere";
    ImGui::GetIO().AddInputCharactersUTF8(typed.c_str());
    frames(1);
    EXPECT_TRUE(report.rosterRows.empty());
    searchToEnd();
    EXPECT_EQ(h->state().search.query, typed);
    EXPECT_NE(drawnText(report, "Nothing found"), nullptr);
    EXPECT_TRUE(report.searchResults.empty());
    pressKey(*app, gui, report, 27);  // Escape
    frames(2);
    EXPECT_TRUE(h->state().search.query.empty());
    EXPECT_TRUE(contains(report.rosterRows, "bob@localhost"));
    EXPECT_EQ(drawnText(report, "Nothing found"), nullptr);
}

}  // namespace
}  // namespace starling
