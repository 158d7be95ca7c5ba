// Message rows measure what they draw: a row with an OMEMO trust warning below its header (which pushes its
// body down) is as tall as the warning makes it, so the next row never overlaps it (also when it wraps).
#include <gtest/gtest.h>
#include <imgui.h>

#include <string>
#include <vector>

#include "client_test_harness.h"
#include "core/storage/history_store.h"
#include "ui/app.h"
#include "ui/draw_report.h"
#include "ui/i18n.h"
#include "ui/omemo_view.h"
#include "ui_test_support.h"

namespace starling {
namespace {

using test::ClientHarness;
using test::ScramServer;
using test::TempDir;
using uitest::Headless;

model::Message stored(const std::string& id, model::Direction dir, std::int64_t ts, const std::string& warning) {
    model::Message m;
    m.id = id;
    m.from = dir == model::Direction::Incoming ? "bob@localhost/phone" : "user@localhost/web";
    m.body = "message " + id;
    m.direction = dir;
    m.status = dir == model::Direction::Incoming ? model::MessageStatus::Received : model::MessageStatus::Sent;
    m.encrypted = true;
    m.timestampMs = ts;
    m.omemoWarning = warning;
    return m;
}

class UiMessageRows : public ::testing::TestWithParam<float> {};

TEST_P(UiMessageRows, ATrustWarningIsCountedInItsRowHeight) {
    TempDir dir;
    ClientHarness h(dir.path);
    {
        // What an earlier session stored: Bob's message from a device he has not verified, then ours.
        storage::HistoryStore history(h.store, h.persistence, [](const std::string&) {});
        ASSERT_TRUE(history.appendMessage(test::kAccount, "bob@localhost",
                                          stored("in1", model::Direction::Incoming, 1767225600000, "untrusted 1234")));
        ASSERT_TRUE(history.appendMessage(test::kAccount, "bob@localhost",
                                          stored("out1", model::Direction::Outgoing, 1767225660000, "")));
    }
    ui::App app(*h.client, ui::Lang::En, ui::AppHooks{});
    ScramServer server("SCRAM-SHA-256", test::kPassword);
    h.login(server, test::kBobRoster);
    ASSERT_EQ(h.state().conversations.at("bob@localhost").messages.size(), 2u);
    Headless gui(GetParam(), 650);
    ui::DrawReport report;
    app.openChat("bob@localhost");
    gui.frames(app, report);

    const char* warningKey = ui::omemoText(ui::Lang::En, "warn-untrusted");
    const ui::DrawnText* warning = nullptr;
    const ui::DrawnText* ourHeader = nullptr;
    for (const auto& t : report.texts) {
        if (t.text == warningKey) warning = &t;
        if (t.text == ui::tr(ui::Lang::En, ui::S::Me)) ourHeader = &t;
    }
    ASSERT_NE(warning, nullptr) << "the trust warning is drawn";
    ASSERT_NE(ourHeader, nullptr);
    // Below the warning comes Bob's one-line body, then our row: a row as tall as its header line.
    EXPECT_GE(ourHeader->y, warning->y + warning->h + ourHeader->h)
        << "our row overlaps the row above (its warning pushes its body down)";
}

// Wide, and narrow enough for the warning to wrap onto several lines.
INSTANTIATE_TEST_SUITE_P(Widths, UiMessageRows, ::testing::Values(1000.0f, 420.0f));

}  // namespace
}  // namespace starling
