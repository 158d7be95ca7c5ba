// The picture viewer (ui/attachment_view.cpp), headless over a real Client with a fake ui::MediaHost: a
// click on a picture opens it on that picture with its place among the chat's pictures ("2 / 3");
// Previous/Next and Left/Right go through them in order and stop at the ends; a file that is not a
// picture is skipped; Escape closes; on a phone's width every button stays on the screen and the picture
// fits; every text exists in English and Russian.
#include <gtest/gtest.h>
#include <imgui.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "client_test_harness.h"
#include "ui/app.h"
#include "ui/draw_report.h"
#include "ui/i18n.h"
#include "ui/media_host.h"
#include "ui_test_support.h"

namespace starling {
namespace {

using test::ClientHarness;
using test::ScramServer;
using test::TempDir;
using uitest::click;
using uitest::clickAt;
using uitest::drawnText;
using uitest::Headless;
using uitest::pressKey;

class FakeMediaHost final : public ui::MediaHost {
public:
    Picture picture(const std::string& url, const std::shared_ptr<const std::string>&, int maxSide) override {
        asked.push_back(url);
        return Picture{reinterpret_cast<ImTextureID>(std::uintptr_t{7}), maxSide > 1000 ? 1600 : 400, maxSide > 1000 ? 1200 : 300, false};
    }
    void save(const std::string& name, const std::shared_ptr<const std::string>&) override { saved.push_back(name); }
    void pickFiles(const std::string&) override {}
    std::vector<std::string> asked, saved;
};

std::string pngHeader(std::uint32_t w, std::uint32_t h) {
    auto be32 = [](std::uint32_t v) { return std::string{char(v >> 24), char(v >> 16), char(v >> 8), char(v)}; };
    return std::string("\x89PNG\r\n\x1a\n", 8) + be32(13) + "IHDR" + be32(w) + be32(h) + std::string("\x08\x06\0\0\0", 5);
}

const char* mt(const char* key) { return ui::mediaText(ui::Lang::En, key); }

class UiMediaViewer : public ::testing::Test {
protected:
    void SetUp() override {
        h = std::make_unique<ClientHarness>(dir.path);
        ui::AppHooks hooks;
        hooks.media = &media;
        app = std::make_unique<ui::App>(*h->client, ui::Lang::En, hooks);
        ScramServer server("SCRAM-SHA-256", test::kPassword);
        h->login(server, R"(<item jid="bob@localhost" name="Bob" subscription="both"/>)");
        // Bob sends three pictures with a document between the first two; all are fetched and ready.
        const char* names[] = {"one.png", "report.pdf", "two.png", "three.png"};
        for (int i = 0; i < 4; ++i) {
            const std::string url = std::string("https://localhost/up/") + names[i];
            h->feed(test::stanza(R"(<message from="bob@localhost/phone" to="user@localhost" type="chat" id="m)" + std::to_string(i) +
                                 R"("><body>)" + url + R"(</body><x xmlns="jabber:x:oob"><url>)" + url + R"(</url></x></message>)"));
        }
        app->openChat("bob@localhost");
        h->clock.advance(250);
        h->client->onTimer();
        ASSERT_EQ(h->http.transfers.size(), 4u);
        for (const auto& [id, get] : h->http.transfers)
            h->client->onHttpResult(id, 200, get.url.ends_with(".pdf") ? std::string("%PDF-1.4 ...") : pngHeader(800, 600) + get.url);
        gui.frames(*app, report);
    }
    void clickText(const char* text) {
        const ui::DrawnText* t = drawnText(report, text);
        ASSERT_NE(t, nullptr) << '"' << text << "\" not drawn";
        click(*app, gui, report, *t);
    }
    void openOn(const std::string& id) {
        for (const auto& d : report.media) {
            if (d.id == id && d.kind == "image") return clickAt(*app, gui, report, d.x + d.w / 2, d.y + d.h / 2);
        }
        FAIL() << "picture " << id << " not drawn";
    }

    TempDir dir;
    std::unique_ptr<ClientHarness> h;
    FakeMediaHost media;
    std::unique_ptr<ui::App> app;
    Headless gui{1000, 900};
    ui::DrawReport report;
};

TEST(UiMediaViewerI18n, EveryViewerTextExistsInBothLanguages) {
    for (const char* key : {"previous", "next", "fit", "zoom-in", "zoom-out", "save", "close"}) {
        EXPECT_STRNE(ui::mediaText(ui::Lang::En, key), "") << key;
        EXPECT_STRNE(ui::mediaText(ui::Lang::Ru, key), "") << key;
        EXPECT_STRNE(ui::mediaText(ui::Lang::En, key), ui::mediaText(ui::Lang::Ru, key)) << key;
    }
}

TEST_F(UiMediaViewer, NextAndPreviousGoThroughTheChatsPicturesInOrder) {
    uitest::webKeyMap();
    ASSERT_FALSE(report.viewer.open);
    openOn("m2");
    ASSERT_TRUE(report.viewer.open);
    EXPECT_EQ(report.viewer.id, "m2");
    EXPECT_EQ(report.viewer.index, 2);
    EXPECT_EQ(report.viewer.count, 3) << "the document is not a picture";
    EXPECT_NE(drawnText(report, "2 / 3"), nullptr);
    clickText(mt("next"));
    EXPECT_EQ(report.viewer.id, "m3");
    EXPECT_EQ(report.viewer.index, 3);
    clickText(mt("next"));
    EXPECT_EQ(report.viewer.id, "m3") << "the last one stays";
    pressKey(*app, gui, report, 37);  // Left
    EXPECT_EQ(report.viewer.id, "m2");
    pressKey(*app, gui, report, 37);
    EXPECT_EQ(report.viewer.id, "m0") << "the document between is skipped";
    EXPECT_EQ(report.viewer.index, 1);
    pressKey(*app, gui, report, 37);
    EXPECT_EQ(report.viewer.id, "m0") << "the first one stays";
    pressKey(*app, gui, report, 39);  // Right
    EXPECT_EQ(report.viewer.id, "m2");
    clickText(mt("previous"));
    EXPECT_EQ(report.viewer.id, "m0");
    pressKey(*app, gui, report, 27);  // Escape
    EXPECT_FALSE(report.viewer.open);
}

TEST_F(UiMediaViewer, FitZoomPanAndSaveStillWork) {
    openOn("m3");
    ASSERT_TRUE(report.viewer.open);
    EXPECT_EQ(report.viewer.textureW, 1600);
    EXPECT_LE(report.viewer.w, 1000.0f) << "fit: inside the window";
    const float fitW = report.viewer.w;
    clickText(mt("zoom-in"));
    EXPECT_NEAR(report.viewer.w, 1600 * 1.5f, 1.0f);
    // Drag the picture to the left: it pans right.
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(500, 500);
    gui.frames(*app, report, 1);
    io.MouseDown[0] = true;
    gui.frames(*app, report, 1);
    for (int i = 0; i < 5; ++i) {
        io.MousePos.x -= 40;
        io.MousePos.y -= 20;
        gui.frames(*app, report, 1);
    }
    io.MouseDown[0] = false;
    gui.frames(*app, report, 2);
    EXPECT_GT(report.viewer.scrollX, 100.0f);
    EXPECT_GT(report.viewer.scrollY, 50.0f);
    clickText(mt("fit"));
    EXPECT_FLOAT_EQ(report.viewer.w, fitW);
    const ui::DrawnText* save = nullptr;  // the viewer's (drawn last, above the chat row's own Save)
    for (const auto& t : report.texts)
        if (t.text == mt("save")) save = &t;
    ASSERT_NE(save, nullptr);
    click(*app, gui, report, *save);
    EXPECT_EQ(media.saved, std::vector<std::string>{"three.png"});
    clickText(mt("close"));
    EXPECT_FALSE(report.viewer.open);
}

// A phone: the toolbar wraps, nothing is off the screen, the picture fits below it.
TEST_F(UiMediaViewer, UsableOnAPhonesWidth) {
    gui.resize(360, 640);
    app->openChat("bob@localhost");
    gui.frames(*app, report);
    openOn("m2");
    ASSERT_TRUE(report.viewer.open);
    for (const char* key : {"previous", "next", "fit", "zoom-in", "zoom-out", "save", "close"}) {
        const ui::DrawnText* t = drawnText(report, mt(key));
        ASSERT_NE(t, nullptr) << key;
        EXPECT_LE(t->x + t->w, 360.0f) << key;
        EXPECT_LE(t->y + t->h, 200.0f) << key;
    }
    EXPECT_GT(report.viewer.w, 300.0f);
    EXPECT_LE(report.viewer.w, 360.0f);
    clickText(mt("next"));
    EXPECT_EQ(report.viewer.id, "m3");
}

}  // namespace
}  // namespace starling
