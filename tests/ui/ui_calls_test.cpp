// The call screen (ui/call_view.cpp), headless over a real Client that can make calls, with a fake
// ui::CallHost: Call and Video call in a contact's header propose the call and ask for the devices only
// on the click; an incoming call rings with Accept / Decline (a caller not in the roster said so); a
// connected call shows its duration, Mute and Camera; the video is drawn only while a video call is
// connected; why it ended is said in words until closed; every text exists in English and Russian.
#include <gtest/gtest.h>
#include <imgui.h>

#include <memory>
#include <string>
#include <vector>

#include "client_test_harness.h"
#include "core/xep/xep0353_jingle_message.h"
#include "ui/app.h"
#include "ui/call_host.h"
#include "ui/draw_report.h"
#include "ui/i18n.h"
#include "ui_test_support.h"

namespace starling {
namespace {

using model::CallState;
using test::ClientHarness;
using test::ScramServer;
using test::TempDir;
using uitest::click;
using uitest::drawnText;
using uitest::Headless;

class FakeCallHost final : public ui::CallHost {
public:
    Media media() const override { return m; }
    void prepare(bool video) override { prepared.push_back(video); }
    void setMuted(bool muted) override { m.muted = muted; }
    void setCamera(bool on) override { m.cameraOff = !on; }
    Frame frame(bool remote) override {
        ++(remote ? remoteAsked : ownAsked);
        return remote ? Frame{reinterpret_cast<ImTextureID>(7), 640, 480} : Frame{reinterpret_cast<ImTextureID>(8), 320, 240};
    }
    std::int64_t nowMs() const override { return now ? *now : 0; }

    Media m;
    std::vector<bool> prepared;
    int remoteAsked = 0, ownAsked = 0;
    const std::int64_t* now = nullptr;
};

const char* ct(const char* key) { return ui::callText(ui::Lang::En, key); }

std::string proposal(const std::string& from, const std::string& id, bool video) {
    return R"(<message xmlns="jabber:client" from=")" + from + R"(" to="user@localhost" type="chat" id="m)" + id +
           R"("><propose xmlns="urn:xmpp:jingle-message:0" id=")" + id +
           R"("><description xmlns="urn:xmpp:jingle:apps:rtp:1" media="audio"/>)" +
           (video ? R"(<description xmlns="urn:xmpp:jingle:apps:rtp:1" media="video"/>)" : "") + "</propose></message>";
}

class UiCalls : public ::testing::Test {
protected:
    void SetUp() override {
        h = std::make_unique<ClientHarness>(dir.path);
        h->config.calls = true;
        h->make();
        host.now = &h->clock.now;
        ui::AppHooks hooks;
        hooks.calls = &host;
        app = std::make_unique<ui::App>(*h->client, ui::Lang::En, hooks);
        ScramServer server("SCRAM-SHA-256", test::kPassword);
        h->login(server, test::kBobRoster);
        gui.frames(*app, report);
        app->openChat("bob@localhost");
        gui.frames(*app, report);
        h->takeSent();
    }
    bool drawn(const char* text) { return drawnText(report, text) != nullptr; }
    void clickText(const char* text) {
        const ui::DrawnText* t = drawnText(report, text);
        ASSERT_NE(t, nullptr) << '"' << text << "\" not drawn";
        click(*app, gui, report, *t);
    }
    // The JMI actions sent since the last look.
    std::vector<xep::JmiAction> jmiSent() {
        std::vector<xep::JmiAction> out;
        for (const auto& s : h->takeSent())
            if (auto j = xep::parseJmi(s)) out.push_back(j->action);
        return out;
    }
    void ringsFrom(const std::string& from, bool video) {
        h->feed(proposal(from, "p1", video));
        gui.frames(*app, report);
        ASSERT_EQ(h->state().call.state, CallState::Ringing);
    }

    TempDir dir;
    std::unique_ptr<ClientHarness> h;
    FakeCallHost host;
    std::unique_ptr<ui::App> app;
    Headless gui{1000, 650};
    ui::DrawReport report;
};

TEST(UiCallsI18n, EveryCallTextExistsInBothLanguages) {
    for (const char* key : {"call", "video-call", "calling", "ringing", "incoming", "incoming-video", "stranger", "accept",
                            "decline", "connecting", "connected", "mute", "unmute", "camera-off", "camera-on", "hang-up",
                            "close", "waiting-video", "ended", "ended-busy", "ended-declined-by-peer", "ended-declined",
                            "ended-cancelled", "ended-missed", "ended-no-answer", "ended-gone", "ended-connectivity",
                            "ended-application", "ended-media", "ended-unsupported", "ended-error",
                            "ended-answered-elsewhere", "ended-declined-elsewhere"}) {
        EXPECT_STRNE(ui::callText(ui::Lang::En, key), "") << key;
        EXPECT_STRNE(ui::callText(ui::Lang::Ru, key), "") << key;
        EXPECT_STRNE(ui::callText(ui::Lang::En, key), ui::callText(ui::Lang::Ru, key)) << key;
    }
}

TEST(UiCallsI18n, WhyACallEndedIsSaidInWords) {
    model::Call call;
    call.reason = "decline";
    call.endedByPeer = true;
    EXPECT_STREQ(ui::callEndedText(ui::Lang::En, call), ct("ended-declined-by-peer"));
    call.endedByPeer = false;
    EXPECT_STREQ(ui::callEndedText(ui::Lang::En, call), ct("ended-declined"));
    call.reason = "timeout";
    EXPECT_STREQ(ui::callEndedText(ui::Lang::En, call), ct("ended-no-answer"));
    call.incoming = true;
    EXPECT_STREQ(ui::callEndedText(ui::Lang::En, call), ct("ended-missed"));
    call.reason = "failed-application";
    EXPECT_STREQ(ui::callEndedText(ui::Lang::En, call), ct("ended-application"));
    call.reason = "%n%s<weird>";  // a peer's reason we do not know: a general text, never its own words
    EXPECT_STREQ(ui::callEndedText(ui::Lang::En, call), ct("ended-error"));
    call.reason = "success";
    call.elsewhere = true;
    EXPECT_STREQ(ui::callEndedText(ui::Lang::En, call), ct("ended-answered-elsewhere"));
}

// Drawing never asks for a microphone; Call and Video call do, and propose the call to every device.
TEST_F(UiCalls, TheHeaderButtonsCallAndAskForTheDevicesOnlyOnTheClick) {
    ASSERT_TRUE(drawn(ct("call")));
    ASSERT_TRUE(drawn(ct("video-call")));
    gui.frames(*app, report, 10);
    EXPECT_TRUE(host.prepared.empty());
    EXPECT_TRUE(jmiSent().empty());
    clickText(ct("video-call"));
    ASSERT_EQ(host.prepared, std::vector<bool>{true});
    EXPECT_EQ(jmiSent(), std::vector<xep::JmiAction>{xep::JmiAction::Propose});
    EXPECT_EQ(h->state().call.state, CallState::Outgoing);
    EXPECT_TRUE(h->state().call.video);
    EXPECT_TRUE(drawn(ct("calling")));
    EXPECT_FALSE(app->placeCall("bob@localhost", false)) << "one call at a time";
    clickText(ct("hang-up"));
    EXPECT_EQ(jmiSent(), std::vector<xep::JmiAction>{xep::JmiAction::Retract});
    EXPECT_EQ(h->state().call.state, CallState::Ended);
    EXPECT_TRUE(drawn(ct("ended-cancelled")));
    clickText(ct("close"));
    EXPECT_FALSE(drawn(ct("ended-cancelled")));
    EXPECT_EQ(host.prepared.size(), 1u);
}

TEST_F(UiCalls, AnIncomingCallRingsAndAcceptAsksForTheDevices) {
    ringsFrom("bob@localhost/phone", true);
    EXPECT_EQ(jmiSent(), std::vector<xep::JmiAction>{xep::JmiAction::Ringing});
    EXPECT_TRUE(drawn(ct("incoming-video")));
    EXPECT_FALSE(drawn(ct("stranger")));
    EXPECT_TRUE(host.prepared.empty()) << "ringing asks for nothing";
    clickText(ct("accept"));
    EXPECT_EQ(host.prepared, std::vector<bool>{true});
    EXPECT_EQ(jmiSent(), std::vector<xep::JmiAction>{xep::JmiAction::Proceed});
    EXPECT_EQ(h->state().call.state, CallState::Connecting);
    EXPECT_TRUE(drawn(ct("connecting")));
    EXPECT_EQ(host.remoteAsked, 0) << "no video before it connects";

    h->client->callMediaState(true);
    h->clock.advance(65000);
    gui.frames(*app, report);
    EXPECT_TRUE(drawn(ct("connected")));
    EXPECT_EQ(report.callDuration, "1:05");
    EXPECT_GT(host.remoteAsked, 0);
    EXPECT_GT(report.callVideo.w, 0.0f);
    EXPECT_EQ(report.callVideo.frameWidth, 640);
    EXPECT_TRUE(report.callOwnVideo);
    clickText(ct("mute"));
    EXPECT_TRUE(host.m.muted);
    EXPECT_TRUE(drawn(ct("unmute")));
    clickText(ct("camera-off"));
    EXPECT_TRUE(host.m.cameraOff);
    EXPECT_TRUE(drawn(ct("camera-on")));
    clickText(ct("hang-up"));
    EXPECT_EQ(h->state().call.state, CallState::Ended);
    EXPECT_EQ(h->state().call.reason, "success");
    const int asked = host.remoteAsked;
    gui.frames(*app, report, 5);
    EXPECT_EQ(host.remoteAsked, asked) << "no video once it ended";
    EXPECT_TRUE(drawn(ct("ended")));
}

TEST_F(UiCalls, AnAudioCallDrawsNoVideo) {
    ringsFrom("bob@localhost/phone", false);
    EXPECT_TRUE(drawn(ct("incoming")));
    ASSERT_TRUE(app->acceptCall());
    EXPECT_EQ(host.prepared, std::vector<bool>{false});
    h->client->callMediaState(true);
    gui.frames(*app, report, 5);
    EXPECT_TRUE(drawn(ct("mute")));
    EXPECT_FALSE(drawn(ct("camera-off")));
    EXPECT_EQ(host.remoteAsked + host.ownAsked, 0);
    EXPECT_EQ(report.callVideo.w, 0.0f);
}

TEST_F(UiCalls, AStrangersCallIsSaidSoAndDeclineTellsThem) {
    ringsFrom("mallory@evil.example/x", false);
    EXPECT_TRUE(drawn(ct("stranger")));
    jmiSent();
    clickText(ct("decline"));
    EXPECT_EQ(jmiSent(), std::vector<xep::JmiAction>{xep::JmiAction::Reject});
    EXPECT_TRUE(host.prepared.empty());
    EXPECT_TRUE(drawn(ct("ended-declined")));
}

// The media layer gave up on the peer's description: the call ends saying so.
TEST_F(UiCalls, AMediaFailureIsSaidInWords) {
    ringsFrom("bob@localhost/phone", false);
    ASSERT_TRUE(app->acceptCall());
    h->client->callMediaFailed("failed-application");
    gui.frames(*app, report);
    EXPECT_EQ(h->state().call.reason, "failed-application");
    EXPECT_TRUE(drawn(ct("ended-application")));
}

TEST(UiCallsNoHost, WithoutAHostThereAreNoCallButtons) {
    TempDir dir;
    ClientHarness h(dir.path);
    ui::App app(*h.client, ui::Lang::En, ui::AppHooks{});
    ScramServer server("SCRAM-SHA-256", test::kPassword);
    h.login(server, test::kBobRoster);
    Headless gui{1000, 650};
    ui::DrawReport report;
    gui.frames(app, report);
    app.openChat("bob@localhost");
    gui.frames(app, report);
    EXPECT_EQ(drawnText(report, ct("call")), nullptr);
    EXPECT_FALSE(app.placeCall("bob@localhost", false));
}

}  // namespace
}  // namespace starling
