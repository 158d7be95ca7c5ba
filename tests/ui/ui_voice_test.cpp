// Voice messages in the UI (ui/voice_view.cpp), headless over a real Client with a fake ui::VoiceHost:
// nothing is recorded without a click on Voice; the voice bar takes the composer's place only in the chat
// the recording belongs to (waiting, recording with its timer, listening with Play and a seek bar, a
// refusal said in words); Cancel and OK close it, a refused Send keeps the recording; every text exists in English and Russian.
#include <gtest/gtest.h>
#include <imgui.h>

#include <memory>
#include <string>
#include <vector>

#include "client_test_harness.h"
#include "ui/app.h"
#include "ui/draw_report.h"
#include "ui/i18n.h"
#include "ui/voice_host.h"
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
using R = ui::VoiceHost::Recording;

class FakeVoiceHost final : public ui::VoiceHost {
public:
    Recorder recorder() const override { return rec; }
    void startRecording() override {
        ++starts;
        rec = Recorder{R::Starting, 0, nullptr, {}};
    }
    void stopRecording() override { ++stops; }
    void discardRecording() override {
        ++discards;
        rec = Recorder{};
    }
    Playback playback(const std::string& key, const std::shared_ptr<const std::string>&, const std::string&) override {
        loaded.push_back(key);
        return Playback{false, 0.5, 2.0, false};
    }
    void togglePlay(const std::string& key) override { toggled.push_back(key); }
    void seek(const std::string&, double fraction) override { seeks.push_back(fraction); }

    Recorder rec;
    int starts = 0, stops = 0, discards = 0;
    std::vector<std::string> loaded, toggled;
    std::vector<double> seeks;
};

const char* mt(const char* key) { return ui::mediaText(ui::Lang::En, key); }

class UiVoice : public ::testing::Test {
protected:
    void SetUp() override {
        h = std::make_unique<ClientHarness>(dir.path);
        ui::AppHooks hooks;
        hooks.voice = &voice;
        app = std::make_unique<ui::App>(*h->client, ui::Lang::En, hooks);
        ScramServer server("SCRAM-SHA-256", test::kPassword);
        h->login(server, R"(<item jid="bob@localhost" name="Bob" subscription="both"/><item jid="carol@localhost" name="Carol" subscription="both"/>)");
        gui.frames(*app, report);
        app->openChat("bob@localhost");
        gui.frames(*app, report);
    }
    bool drawn(const char* text) { return drawnText(report, text) != nullptr; }
    void clickText(const char* text) {
        const ui::DrawnText* t = drawnText(report, text);
        ASSERT_NE(t, nullptr) << '"' << text << "\" not drawn";
        click(*app, gui, report, *t);
    }

    TempDir dir;
    std::unique_ptr<ClientHarness> h;
    FakeVoiceHost voice;
    std::unique_ptr<ui::App> app;
    Headless gui{1000, 650};
    ui::DrawReport report;
};

TEST(UiVoiceI18n, EveryVoiceTextExistsInBothLanguages) {
    for (const char* key : {"voice", "voice-hint", "voice-busy", "mic-waiting", "recording", "stop", "send-voice", "play",
                            "pause", "cannot-play", "mic-denied", "mic-failed"}) {
        EXPECT_STRNE(ui::mediaText(ui::Lang::En, key), "") << key;
        EXPECT_STRNE(ui::mediaText(ui::Lang::Ru, key), "") << key;
        EXPECT_STRNE(ui::mediaText(ui::Lang::En, key), ui::mediaText(ui::Lang::Ru, key)) << key;
    }
}

// Without an upload service the button is there but does nothing; drawing never starts a recording.
TEST_F(UiVoice, NothingRecordsWithoutAClickAndWithoutUpload) {
    ASSERT_TRUE(drawn(mt("voice")));
    gui.frames(*app, report, 10);
    EXPECT_EQ(voice.starts, 0);
    clickText(mt("voice"));
    EXPECT_EQ(voice.starts, 0) << "no upload service: nowhere to send it";
    EXPECT_FALSE(drawn(mt("mic-waiting")));
}

// The recording belongs to Bob's chat: his composer becomes the bar, Carol's stays a composer.
TEST_F(UiVoice, TheBarTakesTheComposersPlaceInItsChatOnly) {
    app->startVoice("bob@localhost");  // what Voice in Bob's chat does
    gui.frames(*app, report);
    EXPECT_EQ(voice.starts, 1);
    EXPECT_TRUE(drawn(mt("mic-waiting")));
    EXPECT_FALSE(drawn(mt("voice"))) << "the bar, not the composer";
    app->startVoice("carol@localhost");
    EXPECT_EQ(voice.starts, 1) << "one recording at a time";
    app->openChat("carol@localhost");
    gui.frames(*app, report);
    EXPECT_FALSE(drawn(mt("mic-waiting")));
    EXPECT_TRUE(drawn(mt("voice"))) << "Carol's composer";
    app->openChat("bob@localhost");
    gui.frames(*app, report);
    clickText(mt("cancel"));
    EXPECT_EQ(voice.discards, 1);
    EXPECT_TRUE(drawn(mt("voice")));
}

TEST_F(UiVoice, RecordingStopListeningSeekingAndSend) {
    app->startVoice("bob@localhost");
    voice.rec = {R::Recording, 3.4, nullptr, {}};
    gui.frames(*app, report);
    const ui::DrawnText* rec = drawnText(report, mt("recording"));
    ASSERT_NE(rec, nullptr);
    clickText(mt("stop"));
    EXPECT_EQ(voice.stops, 1);
    voice.rec = {R::Recorded, 2.0, std::make_shared<const std::string>("OggS"), "voice-20261207-213000.ogg"};
    gui.frames(*app, report);
    ASSERT_EQ(report.players.size(), 1u);
    const ui::DrawnPlayer p = report.players[0];
    EXPECT_EQ(p.id, "recording");
    EXPECT_DOUBLE_EQ(p.duration, 2.0);
    EXPECT_GT(p.w, 40.0f);
    clickAt(*app, gui, report, p.bx + p.bw / 2, p.by + p.bh / 2);  // Play
    EXPECT_EQ(voice.toggled, std::vector<std::string>{"recording"});
    clickAt(*app, gui, report, p.x + p.w * 0.25f, p.y + p.h / 2);  // a quarter into the bar
    ASSERT_EQ(voice.seeks.size(), 1u);
    EXPECT_NEAR(voice.seeks[0], 0.25, 0.02);
    clickText(mt("send-voice"));  // this harness has no upload service: refused, said, the recording kept
    EXPECT_EQ(h->state().notice, "upload-unavailable");
    EXPECT_EQ(voice.discards, 0);
    EXPECT_EQ(report.players.size(), 1u);
    clickText(mt("cancel"));
    EXPECT_EQ(voice.discards, 1);
    EXPECT_TRUE(drawn(mt("voice")));
}

TEST_F(UiVoice, ARefusedMicrophoneIsSaidAndOkCloses) {
    app->startVoice("bob@localhost");
    voice.rec = {R::Denied, 0, nullptr, {}};
    gui.frames(*app, report);
    EXPECT_TRUE(drawn(mt("mic-denied")));
    clickText(mt("ok"));
    EXPECT_EQ(voice.discards, 1);
    app->setLanguage(ui::Lang::Ru);
    app->startVoice("bob@localhost");
    voice.rec = {R::Failed, 0, nullptr, {}};
    gui.frames(*app, report);
    EXPECT_NE(drawnText(report, ui::mediaText(ui::Lang::Ru, "mic-failed")), nullptr);
}

}  // namespace
}  // namespace starling
