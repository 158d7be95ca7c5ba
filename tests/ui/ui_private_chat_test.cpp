// Private messages to a room's occupant in the UI over a real Client: the occupant list's menu (right
// click) offers "Private message", which opens the occupant's own chat (room@service/nick), not the room's;
// its header says it is not encrypted; the composer sends a private message there; the chat list shows it
// as a row of its own, apart from the room; a notification names it as the row does; its header mutes it;
// an encrypted one nobody can be named for says why; every text of it exists in both languages.
#include <gtest/gtest.h>
#include <imgui.h>

#include <string>

#include "client_test_harness.h"
#include "core/xml/ns.h"
#include "ui/alerts_view.h"
#include "ui/app.h"
#include "ui/draw_report.h"
#include "ui/i18n.h"
#include "ui/private_chat_view.h"
#include "ui_test_support.h"

namespace starling {
namespace {

using test::stanza;
using uitest::Headless;
using uitest::contains;
using uitest::drawnText;

constexpr const char* kRoom = "room@conference.localhost";
constexpr const char* kAlice = "room@conference.localhost/alice";
const char* rt(const char* key) { return ui::roomText(ui::Lang::En, key); }

class UiPrivateChat : public ::testing::Test {
protected:
    void SetUp() override {
        h = std::make_unique<test::ClientHarness>(dir.path);
        app = std::make_unique<ui::App>(*h->client, ui::Lang::En, ui::AppHooks{});
        test::ScramServer server("SCRAM-SHA-256", test::kPassword);
        h->login(server, R"(<item jid="bob@localhost" name="Bob" subscription="both"/>)");
        gui.frames(*app, report);
        h->takeSent();
        // Joined as "user" (the dialog's proposal) with alice in the room.
        ASSERT_TRUE(app->joinRoom(kRoom, "", ""));
        presence("alice", "<item affiliation='member' role='participant'/>");
        presence("user", "<item affiliation='member' role='participant'/><status code='110'/>");
        for (const auto& e : h->takeSent())
            if (e.child(ns::kDiscoInfo, "query") && e.attr("to") == kRoom)
                h->feed(stanza("<iq type='result' from='" + std::string(kRoom) + "' id='" + std::string(e.attr("id")) +
                               "'><query xmlns='http://jabber.org/protocol/disco#info'><feature var='muc_open'/></query></iq>"));
        gui.frames(*app, report);
    }
    void presence(const std::string& nick, const std::string& inner) {
        h->feed(stanza("<presence from='" + std::string(kRoom) + "/" + nick + "' to='" + h->boundJid +
                       "'><x xmlns='http://jabber.org/protocol/muc#user'>" + inner + "</x></presence>"));
    }
    const ui::DrawnText* occupantRow(const std::string& nick) const {
        for (const auto& r : report.occupantRows)
            if (r.text == nick) return &r;
        return nullptr;
    }

    test::TempDir dir;
    std::unique_ptr<test::ClientHarness> h;
    std::unique_ptr<ui::App> app;
    Headless gui{1100, 700};
    ui::DrawReport report;
};

TEST_F(UiPrivateChat, TheOccupantMenuOpensAPrivateChatApartFromTheRoom) {
    ASSERT_EQ(h->state().openChat, kRoom);
    const ui::DrawnText* row = occupantRow("alice");
    ASSERT_NE(row, nullptr);
    // A right click on alice's row opens its menu.
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(row->x + row->w * 0.5f, row->y + row->h * 0.5f);
    gui.frames(*app, report, 1);
    io.MouseDown[1] = true;
    gui.frames(*app, report, 1);
    io.MouseDown[1] = false;
    gui.frames(*app, report, 2);
    const ui::DrawnText* item = drawnText(report, rt("private-message"));
    ASSERT_NE(item, nullptr) << "the menu offers a private message";
    uitest::click(*app, gui, report, *item);
    EXPECT_EQ(h->state().openChat, kAlice);
    gui.frames(*app, report);
    EXPECT_EQ(report.openChat, kAlice);
    EXPECT_NE(drawnText(report, rt("private-plain")), nullptr) << "said: not encrypted, the room relays it";
    EXPECT_EQ(drawnText(report, rt("private-left")), nullptr) << "we are in the room";
    // Typed and sent from the composer: a private message, in this chat only.
    uitest::webKeyMap();
    io.AddInputCharactersUTF8("psst alice");
    gui.frames(*app, report);
    uitest::pressKey(*app, gui, report, 13);
    ASSERT_EQ(h->state().conversations.count(kAlice), 1u);
    const auto& msgs = h->state().conversations.at(kAlice).messages;
    ASSERT_EQ(msgs.size(), 1u);
    EXPECT_EQ(msgs[0].body, "psst alice");
    bool sent = false;
    for (const auto& e : h->takeSent())
        if (e.is(ns::kClient, "message") && e.attr("to") == kAlice && e.attr("type") == "chat" &&
            e.child(ns::kMucUser, "x"))
            sent = true;
    EXPECT_TRUE(sent);
    EXPECT_TRUE(!h->state().conversations.count(kRoom) || h->state().conversations.at(kRoom).messages.empty());
    // The chat list: a row of its own beside the room's.
    h->client->closeChat();
    gui.frames(*app, report);
    EXPECT_TRUE(contains(report.rosterRows, kAlice));
    EXPECT_TRUE(contains(report.rosterRows, kRoom));
}

TEST_F(UiPrivateChat, OurOwnRowOffersNoPrivateMessageAndALeftRoomIsSaid) {
    const ui::DrawnText* row = occupantRow("user");
    ASSERT_NE(row, nullptr);
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(row->x + row->w * 0.5f, row->y + row->h * 0.5f);
    gui.frames(*app, report, 1);
    io.MouseDown[1] = true;
    gui.frames(*app, report, 1);
    io.MouseDown[1] = false;
    gui.frames(*app, report, 2);
    EXPECT_EQ(drawnText(report, rt("private-message")), nullptr);
    // A private chat of a room we left: it opens, and says messages cannot go now.
    h->feed(stanza("<message from='" + std::string(kAlice) + "' type='chat' id='p1'><body>hi</body></message>"));
    ASSERT_TRUE(h->client->leaveRoom(kRoom));
    app->openChat(kAlice);
    gui.frames(*app, report);
    EXPECT_EQ(report.openChat, kAlice);
    EXPECT_NE(drawnText(report, rt("private-left")), nullptr);
}

// A notification of a private message says it comes through the room, as the chat list row does, in
// both languages: never the bare nick, which reads as a contact's.
TEST_F(UiPrivateChat, ANotificationOfAPrivateMessageSaysItComesThroughTheRoom) {
    h->feed(stanza("<message from='" + std::string(kAlice) + "' type='chat' id='n1'><body>psst</body>"
                   "<x xmlns='http://jabber.org/protocol/muc#user'/></message>"));
    auto alerts = h->client->takeAlerts();
    ASSERT_EQ(alerts.size(), 1u);
    EXPECT_EQ(ui::alertTitle(h->state(), ui::Lang::En, alerts[0]), "alice (via room)");
    EXPECT_EQ(ui::alertTitle(h->state(), ui::Lang::Ru, alerts[0]), "alice (\xD1\x87\xD0\xB5\xD1\x80\xD0\xB5\xD0\xB7 room)");
    EXPECT_EQ(ui::alertBody(ui::Lang::En, alerts[0]), "psst");
    EXPECT_EQ(ui::alertTitle(h->state(), ui::Lang::En, alerts[0]), ui::privateChatName(ui::Lang::En, kAlice))
        << "the chat list row's name";
}

// The private chat's header mutes it (as a contact's or a room's): that chat only, and unmutes it.
TEST_F(UiPrivateChat, ThePrivateChatHeaderMutesThatChat) {
    app->openChat(kAlice);
    gui.frames(*app, report);
    ASSERT_EQ(report.openChat, kAlice);
    const ui::DrawnText* mute = drawnText(report, ui::alertsText(ui::Lang::En, "mute"));
    ASSERT_NE(mute, nullptr) << "a Mute button in the header";
    uitest::click(*app, gui, report, *mute);
    EXPECT_EQ(h->state().alerts.muted, std::set<std::string>{kAlice}) << "the private chat, not the room";
    gui.frames(*app, report);
    const ui::DrawnText* unmute = drawnText(report, ui::alertsText(ui::Lang::En, "unmute"));
    ASSERT_NE(unmute, nullptr);
    uitest::click(*app, gui, report, *unmute);
    EXPECT_TRUE(h->state().alerts.muted.empty());
}

// An encrypted private message whose sender the room does not name (here: no such occupant) says in
// words why it cannot be read, on its row.
TEST_F(UiPrivateChat, AnEncryptedPrivateMessageFromSomeoneTheRoomDoesNotNameSaysWhy) {
    const std::string ghost = std::string(kRoom) + "/ghost";
    h->feed(stanza("<message from='" + ghost + "' type='chat' id='e1'><body>I sent you an OMEMO encrypted message</body>"
                   "<encrypted xmlns='eu.siacs.conversations.axolotl'><header sid='7'><key rid='1'>AAAA</key>"
                   "<iv>AAAAAAAAAAAAAAAA</iv></header><payload>AAAA</payload></encrypted>"
                   "<x xmlns='http://jabber.org/protocol/muc#user'/></message>"));
    ASSERT_EQ(h->state().conversations.count(ghost), 1u);
    app->openChat(ghost);
    gui.frames(*app, report);
    ASSERT_EQ(report.openChat, ghost);
    const char* why = ui::omemoText(ui::Lang::En, "private-sender-unknown");
    ASSERT_STRNE(why, "");
    EXPECT_NE(drawnText(report, why), nullptr);
    EXPECT_EQ(drawnText(report, "I sent you an OMEMO encrypted message"), nullptr) << "never the fallback body";
    EXPECT_STRNE(ui::omemoText(ui::Lang::Ru, "private-sender-unknown"), why);
}

TEST_F(UiPrivateChat, EveryPrivateChatTextIsInBothLanguages) {
    for (const char* key : {"private-message", "via", "private-plain", "private-left"}) {
        const std::string en = ui::roomText(ui::Lang::En, key), ru = ui::roomText(ui::Lang::Ru, key);
        EXPECT_FALSE(en.empty()) << key;
        EXPECT_FALSE(ru.empty()) << key;
        EXPECT_NE(en, ru) << key;
    }
}

}  // namespace
}  // namespace starling
