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
#include "core/xml/ns.h"
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
        rec = Recorder{R::Starting, 0, nullptr, {}, {}};
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
    // Our server's upload service, answered as Prosody's http_file_share does (Voice needs one).
    void offerUpload() {
        std::vector<xml::Element> sent = h->extraAfterLogin;
        for (auto& e : h->takeSent()) sent.push_back(std::move(e));
        for (const auto& e : sent) {
            if (!e.child(ns::kDiscoItems, "query")) continue;
            h->feed(test::stanza(R"(<iq type="result" from="localhost" id=")" + std::string(e.attr("id")) +
                                 R"("><query xmlns="http://jabber.org/protocol/disco#items"><item jid="upload.localhost"/></query></iq>)"));
        }
        for (const auto& e : h->takeSent()) {
            h->feed(test::stanza(R"(<iq type="result" from="upload.localhost" id=")" + std::string(e.attr("id")) +
                                 R"("><query xmlns="http://jabber.org/protocol/disco#info"><identity category="store" type="file"/>)"
                                 R"(<feature var="urn:xmpp:http:upload:0"/></query></iq>)"));
        }
        ASSERT_EQ(h->state().upload.jid, "upload.localhost");
        gui.frames(*app, report);
    }
    // The left button held over `t` for `seconds` (frames of 1/60 s), moving by (dx, dy) meanwhile.
    void hold(const ui::DrawnText& t, double seconds, float dx = 0, float dy = 0) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = ImVec2(t.x + t.w / 2, t.y + t.h / 2);
        gui.frames(*app, report, 1);
        io.MouseDown[0] = true;
        const int n = static_cast<int>(seconds * 60);
        for (int i = 0; i < n; ++i) {
            io.MousePos.x += dx / n;
            io.MousePos.y += dy / n;
            gui.frames(*app, report, 1);
            if (voice.rec.state == R::Starting) voice.rec = {R::Recording, 0, nullptr, {}, {}};  // the microphone answers
        }
        io.MouseDown[0] = false;
        gui.frames(*app, report, 1);
    }
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
                            "pause", "cannot-play", "mic-denied", "mic-failed", "hold-hint"}) {
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
    voice.rec = {R::Recording, 3.4, nullptr, {}, {}};
    gui.frames(*app, report);
    const ui::DrawnText* rec = drawnText(report, mt("recording"));
    ASSERT_NE(rec, nullptr);
    clickText(mt("stop"));
    EXPECT_EQ(voice.stops, 1);
    voice.rec = {R::Recorded, 2.0, std::make_shared<const std::string>("OggS"), "voice-20261207-213000.ogg", {}};
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
    voice.rec = {R::Denied, 0, nullptr, {}, {}};
    gui.frames(*app, report);
    EXPECT_TRUE(drawn(mt("mic-denied")));
    clickText(mt("ok"));
    EXPECT_EQ(voice.discards, 1);
    app->setLanguage(ui::Lang::Ru);
    app->startVoice("bob@localhost");
    voice.rec = {R::Failed, 0, nullptr, {}, {}};
    gui.frames(*app, report);
    EXPECT_NE(drawnText(report, ui::mediaText(ui::Lang::Ru, "mic-failed")), nullptr);
}

// Hold-to-record: Voice pressed and held records while held, the bar says what releasing and sliding
// do, the release stops and sends once the file is there; a short press is a click (the recording goes
// on until Stop); sliding away or Escape cancels.
TEST_F(UiVoice, HoldToRecordSendsOnReleaseAClickStillToggles) {
    offerUpload();
    const ui::DrawnText* mic = drawnText(report, mt("voice"));
    ASSERT_NE(mic, nullptr);
    const ui::DrawnText at = *mic;
    hold(at, 1.0);
    EXPECT_EQ(voice.starts, 1);
    EXPECT_EQ(voice.stops, 1) << "released after a second: stopped";
    EXPECT_EQ(voice.discards, 0);
    voice.rec = {R::Recorded, 1.0, std::make_shared<const std::string>("OggS-voice"), "voice-20261208-010000.ogg", {}};
    gui.frames(*app, report);
    EXPECT_EQ(voice.discards, 1) << "sent: the recording handed over";
    const auto& messages = h->state().conversations.at("bob@localhost").messages;
    ASSERT_FALSE(messages.empty()) << "nothing sent";
    const model::Message& sent = messages.back();
    ASSERT_TRUE(sent.attachment);
    EXPECT_EQ(sent.attachment->name, "voice-20261208-010000.ogg");
    EXPECT_EQ(sent.attachment->mime, "audio/ogg");

    // A short press: recording, no stop; the bar offers Stop.
    voice.rec = {};
    gui.frames(*app, report);
    hold(at, 0.1);
    EXPECT_EQ(voice.starts, 2);
    EXPECT_EQ(voice.stops, 1);
    gui.frames(*app, report);
    EXPECT_TRUE(drawn(mt("stop")));
    EXPECT_FALSE(drawn(mt("hold-hint")));
    uitest::webKeyMap();
    uitest::pressKey(*app, gui, report, 27);  // Escape
    EXPECT_EQ(voice.discards, 2);
}

TEST_F(UiVoice, HoldingShowsTheHintAndSlidingAwayCancels) {
    offerUpload();
    const ui::DrawnText at = *drawnText(report, mt("voice"));
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(at.x + at.w / 2, at.y + at.h / 2);
    gui.frames(*app, report, 1);
    io.MouseDown[0] = true;
    gui.frames(*app, report, 2);
    voice.rec = {R::Recording, 0.5, nullptr, {}, {}};
    gui.frames(*app, report, 30);
    EXPECT_TRUE(drawn(mt("hold-hint")));
    EXPECT_FALSE(drawn(mt("stop"))) << "held: nothing to click";
    EXPECT_EQ(voice.discards, 0);
    io.MousePos.y -= 60;  // still near
    gui.frames(*app, report, 2);
    EXPECT_EQ(voice.discards, 0);
    io.MousePos.y -= 100;  // slid away, still held
    gui.frames(*app, report, 2);
    EXPECT_EQ(voice.discards, 1);
    io.MouseDown[0] = false;
    gui.frames(*app, report, 2);
    EXPECT_EQ(voice.stops, 0) << "cancelled: nothing stopped to send";
}

// A voice message is a short card: Play, the seek bar and the time on one line, the card's height the
// same before and after it is fetched (the history does not jump), far shorter than a picture's.
TEST_F(UiVoice, AVoiceMessageIsAShortCardWithItsPlayerOnOneLine) {
    const std::string url = "https://localhost/up/voice-20261208-010203.ogg";
    h->feed(test::stanza(R"(<message from="bob@localhost/phone" to="user@localhost" type="chat" id="v1"><body>)" + url +
                         R"(</body><x xmlns="jabber:x:oob"><url>)" + url + R"(</url></x></message>)"));
    gui.frames(*app, report);
    auto card = [&]() -> ui::DrawnMedia {
        for (const auto& d : report.media)
            if (d.id == "v1") return d;
        ADD_FAILURE() << "no card";
        return {};
    };
    const ui::DrawnMedia before = card();
    EXPECT_EQ(before.kind, "file");
    EXPECT_LT(before.h, 50.0f);
    h->clock.advance(250);
    h->client->onTimer();
    ASSERT_EQ(h->http.transfers.size(), 1u);
    h->client->onHttpResult(h->http.transfers[0].first, 200, std::string("OggS\0\x02", 6) + std::string(200, '\x01'));
    gui.frames(*app, report);
    const ui::DrawnMedia after = card();
    EXPECT_EQ(after.kind, "audio");
    EXPECT_FLOAT_EQ(after.h, before.h) << "one height whatever the state";
    ASSERT_EQ(report.players.size(), 1u);
    const ui::DrawnPlayer& p = report.players[0];
    EXPECT_EQ(p.id, "v1");
    for (float top : {p.y, p.by}) {  // the button and the bar inside the card, on one line
        EXPECT_GE(top, after.y);
        EXPECT_LE(top + p.h, after.y + after.h + 0.5f);
    }
    EXPECT_NEAR(p.y, p.by, 1.0f);
    EXPECT_GT(p.w, 60.0f) << "room for the bar";
    EXPECT_LE(p.x + p.w, after.x + after.w);
}

// The waveform of our own recording: bars in the seek bar's place while listening before sending, and
// on the message sent; a voice message received (no levels measured) keeps the plain line.
TEST_F(UiVoice, TheWaveformOfARecordingIsDrawnAndStaysWithTheMessageSent) {
    offerUpload();
    app->startVoice("bob@localhost");
    std::vector<float> peaks(40, 0.5f);
    peaks[3] = 1.0f;
    voice.rec = {R::Recorded, 2.0, std::make_shared<const std::string>("OggS-voice"), "voice-20261208-011500.ogg", peaks};
    gui.frames(*app, report);
    ASSERT_EQ(report.players.size(), 1u);
    EXPECT_EQ(report.players[0].bars, 40);
    clickText(mt("send-voice"));
    gui.frames(*app, report);
    const auto& messages = h->state().conversations.at("bob@localhost").messages;
    ASSERT_FALSE(messages.empty()) << "nothing sent";
    const std::string id = messages.back().id;
    bool drawnWithBars = false;
    for (const auto& p : report.players) drawnWithBars |= p.id == id && p.bars == 40;
    EXPECT_TRUE(drawnWithBars) << "the message sent shows its waveform";
}

}  // namespace
}  // namespace starling
