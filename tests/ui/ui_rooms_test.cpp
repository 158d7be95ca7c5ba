// Group chats in the UI over a real Client and Prosody-shaped room stanzas: a room is a chat list row with
// its unread and, apart, its mention count; the Join dialog proposes our nick, says a taken one and offers
// the room's alternative, asks for a password when the room wants one; the room view draws the occupant
// list through a clipper and nicknames made of ImGui label syntax, formats and bidi overrides as data;
// a message naming us is highlighted; kicked and public-room texts are said; an invitation from a stranger
// is a request, never a join; `@` + Tab completes a nickname; every room text exists in both languages.
#include <gtest/gtest.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "client_test_harness.h"
#include "core/xml/ns.h"
#include "ui/app.h"
#include "ui/draw_report.h"
#include "ui/i18n.h"
#include "ui/room_view.h"
#include "ui_test_support.h"

namespace starling {
namespace {

using test::ClientHarness;
using test::ScramServer;
using test::stanza;
using test::TempDir;
using uitest::Headless;
using uitest::contains;
using uitest::drawnText;

constexpr const char* kRoom = "room@conference.localhost";
const char* rt(const char* key) { return ui::roomText(ui::Lang::En, key); }

class UiRooms : public ::testing::Test {
protected:
    void SetUp() override {
        h = std::make_unique<ClientHarness>(dir.path);
        app = std::make_unique<ui::App>(*h->client, ui::Lang::En, ui::AppHooks{});
        ScramServer server("SCRAM-SHA-256", test::kPassword);
        h->login(server, R"(<item jid="bob@localhost" name="Bob" subscription="both"/>)");
        gui.frames(*app, report);
        h->takeSent();
    }
    void presence(const std::string& nick, const std::string& inner, const std::string& type = "",
                  const std::string& extra = "") {
        h->feed(stanza("<presence from='" + std::string(kRoom) + "/" + nick + "' to='" + h->boundJid + "'" +
                       (type.empty() ? "" : " type='" + type + "'") + "><x xmlns='http://jabber.org/protocol/muc#user'>" +
                       inner + "</x>" + extra + "</presence>"));
    }
    // Joins as the dialog does ("user", proposed from our account) with alice in the room.
    void joined(const std::string& features = "<feature var='muc_membersonly'/><feature var='muc_nonanonymous'/>") {
        ASSERT_TRUE(app->joinRoom(kRoom, "", ""));
        presence("alice", "<item affiliation='owner' role='moderator' jid='alice@localhost/phone'/>");
        presence("user", "<item affiliation='member' role='participant'/><status code='110'/>");
        for (const auto& e : h->takeSent())
            if (e.child(ns::kDiscoInfo, "query") && e.attr("to") == kRoom)
                h->feed(stanza("<iq type='result' from='" + std::string(kRoom) + "' id='" + std::string(e.attr("id")) +
                               "'><query xmlns='http://jabber.org/protocol/disco#info'>" + features + "</query></iq>"));
        gui.frames(*app, report);
    }
    void groupchat(const std::string& nick, const std::string& body, const std::string& id) {
        h->clock.advance(1000);
        h->feed(stanza("<message from='" + std::string(kRoom) + "/" + nick + "' to='" + h->boundJid +
                       "' type='groupchat' id='m-" + id + "'><body>" + body + "</body><stanza-id xmlns='urn:xmpp:sid:0' by='" +
                       kRoom + "' id='" + id + "'/></message>"));
    }
    const model::Room& room() const { return h->state().rooms.at(kRoom); }
    std::vector<xml::Element> joinsSent() {
        std::vector<xml::Element> out;
        for (auto& e : h->takeSent())
            if (e.is(ns::kClient, "presence") && e.child(ns::kMuc, "x")) out.push_back(std::move(e));
        return out;
    }

    TempDir dir;
    std::unique_ptr<ClientHarness> h;
    std::unique_ptr<ui::App> app;
    Headless gui{1100, 700};
    ui::DrawReport report;
};

TEST_F(UiRooms, ARoomIsAChatListRowWithUnreadAndMentionsApart) {
    gui.frames(*app, report);
    ASSERT_NE(drawnText(report, rt("join-room")), nullptr);
    ASSERT_NE(drawnText(report, rt("create-room")), nullptr);
    joined();
    EXPECT_EQ(h->state().openChat, kRoom);  // the dialog opened the room it joined
    h->client->closeChat();
    gui.frames(*app, report);
    EXPECT_TRUE(contains(report.rosterRows, kRoom));  // before any message
    groupchat("alice", "hello all", "s1");
    groupchat("alice", "User, are you there?", "s2");
    gui.frames(*app, report);
    EXPECT_EQ(h->state().conversations.at(kRoom).unread, 2);
    EXPECT_EQ(room().mentions, 1);
    ASSERT_FALSE(report.rosterRows.empty());
    EXPECT_EQ(report.rosterRows.front(), kRoom);  // newest chat first
    bool preview = false;
    for (const auto& [jid, text] : report.rosterPreviews) preview = preview || (jid == kRoom && text == "alice: User, are you there?");
    EXPECT_TRUE(preview);
    // Opened: both counts clear; the message naming us is highlighted, the other not.
    app->openChat(kRoom);
    gui.frames(*app, report);
    EXPECT_EQ(h->state().conversations.at(kRoom).unread, 0);
    EXPECT_EQ(room().mentions, 0);
    EXPECT_EQ(report.mentionRows, (std::vector<std::string>{"m-s2"}));
    EXPECT_TRUE(contains(report.occupantsShown, "alice"));
    EXPECT_TRUE(contains(report.occupantsShown, "user"));
}

TEST_F(UiRooms, TheJoinDialogSaysATakenNickAndJoinsWithTheProposedOne) {
    ASSERT_TRUE(app->joinRoom(kRoom, "", ""));
    auto first = joinsSent();
    ASSERT_EQ(first.size(), 1u);
    EXPECT_EQ(first[0].attr("to"), std::string(kRoom) + "/user");  // proposed from our account
    h->feed(stanza("<presence from='" + std::string(kRoom) + "/user' type='error'><x xmlns='http://jabber.org/protocol/muc'/>"
                   "<error type='cancel'><conflict xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>"));
    gui.frames(*app, report);
    ASSERT_NE(drawnText(report, rt("nick-conflict")), nullptr);
    ASSERT_NE(drawnText(report, rt("use-nick")), nullptr);
    const ui::DrawnText* join = drawnText(report, rt("join"));
    ASSERT_NE(join, nullptr);
    uitest::click(*app, gui, report, *join);
    auto second = joinsSent();
    ASSERT_EQ(second.size(), 1u);
    EXPECT_EQ(second[0].attr("to"), std::string(kRoom) + "/user_");
    presence("user_", "<item affiliation='none' role='participant'/><status code='110'/>");
    gui.frames(*app, report);
    EXPECT_EQ(drawnText(report, rt("join")), nullptr);  // in: the dialog closed and the room opened
    EXPECT_EQ(h->state().openChat, kRoom);
}

TEST_F(UiRooms, APasswordProtectedRoomAsksForThePassword) {
    ASSERT_TRUE(app->joinRoom(kRoom, "user", ""));
    h->feed(stanza("<presence from='" + std::string(kRoom) + "/user' type='error'>"
                   "<error type='auth'><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>"));
    gui.frames(*app, report);
    EXPECT_NE(drawnText(report, rt("password-required")), nullptr);
    EXPECT_NE(drawnText(report, rt("room-password")), nullptr);
}

TEST_F(UiRooms, NicknamesAreDrawnAsDataWhateverTheyContain) {
    joined();
    const std::vector<std::string> nicks = {"##x", "%n%n%s", "\xE2\x80\xAE" "evil", "a###b"};
    for (const auto& n : nicks) presence(n, "<item affiliation='none' role='participant'/>");
    int i = 0;
    for (const auto& n : nicks) groupchat(n, "from " + std::to_string(i), "n" + std::to_string(i)), ++i;
    app->openChat(kRoom);
    gui.frames(*app, report);
    for (const auto& n : nicks) EXPECT_TRUE(contains(report.occupantsShown, n)) << n;
    EXPECT_TRUE(contains(report.visibleBodies, "from 0"));
    EXPECT_TRUE(contains(report.visibleBodies, "from 3"));
    EXPECT_EQ(ui::safeNick("\xE2\x80\xAE" "evil\xE2\x81\xA6"), "\xEF\xBF\xBD" "evil\xEF\xBF\xBD");
    EXPECT_EQ(ui::safeNick("Алиса"), "Алиса");
    EXPECT_EQ(ui::nickColor("alice").x, ui::nickColor("alice").x);  // the same nick, the same colour
}

TEST_F(UiRooms, TheOccupantListOfAThousandGoesThroughAClipper) {
    joined();
    for (int i = 0; i < 1000; ++i) presence("n" + std::to_string(i), "<item affiliation='none' role='participant'/>");
    app->openChat(kRoom);
    gui.frames(*app, report);
    EXPECT_EQ(room().occupants.size(), 1002u);
    EXPECT_GT(report.occupantsShown.size(), 5u);
    EXPECT_LT(report.occupantsShown.size(), 60u);
    EXPECT_EQ(report.occupantsShown.front(), "alice");  // the moderator first
}

// A private room (members-only, non-anonymous) is encrypted by default, and says so; its switch turns it off.
TEST_F(UiRooms, APrivateRoomSaysItIsEncrypted) {
    joined();
    app->openChat(kRoom);
    gui.frames(*app, report);
    EXPECT_TRUE(room().encrypted);
    EXPECT_NE(drawnText(report, rt("encrypted-room")), nullptr);
    EXPECT_EQ(drawnText(report, rt("not-encrypted")), nullptr);
    // Its switch turns it off (a member without OMEMO can then be written to), and says so.
    const ui::DrawnText* on = drawnText(report, ui::omemoText(ui::Lang::En, "encryption-on"));
    ASSERT_NE(on, nullptr);
    uitest::click(*app, gui, report, *on);
    gui.frames(*app, report);
    EXPECT_FALSE(room().encrypted);
    EXPECT_NE(drawnText(report, rt("private-room")), nullptr);
    EXPECT_NE(drawnText(report, ui::omemoText(ui::Lang::En, "encryption-off")), nullptr);
}

TEST_F(UiRooms, KickedAndAPublicRoomAreSaidInWords) {
    joined("");  // neither members-only nor non-anonymous: public
    app->openChat(kRoom);
    gui.frames(*app, report);
    EXPECT_NE(drawnText(report, rt("not-encrypted")), nullptr);
    presence("user", "<item affiliation='none' role='none'><reason>spam</reason></item><status code='110'/><status code='307'/>",
             "unavailable");
    gui.frames(*app, report);
    EXPECT_NE(drawnText(report, rt("kicked")), nullptr);
    EXPECT_NE(drawnText(report, rt("join-again")), nullptr);
}

TEST_F(UiRooms, AStrangersInvitationIsARequestNeverAJoin) {
    h->feed(stanza("<message from='mallory@evil.example/x' to='user@localhost'><x xmlns='jabber:x:conference' "
                   "jid='trap@conference.evil.example' reason='##%n'/></message>"));
    gui.frames(*app, report);
    EXPECT_TRUE(joinsSent().empty());
    EXPECT_EQ(h->state().rooms.count("trap@conference.evil.example"), 0u);
    ASSERT_NE(drawnText(report, rt("stranger")), nullptr);
    const ui::DrawnText* decline = drawnText(report, rt("decline"));
    ASSERT_NE(decline, nullptr);
    uitest::click(*app, gui, report, *decline);
    EXPECT_EQ(drawnText(report, rt("stranger")), nullptr);
    EXPECT_TRUE(joinsSent().empty());
}

TEST_F(UiRooms, AtAndTabCompleteANickname) {
    uitest::webKeyMap();
    ImGui::GetIO().KeyMap[ImGuiKey_Tab] = 9;
    joined();
    app->openChat(kRoom);
    gui.frames(*app, report);
    ImGui::GetIO().AddInputCharactersUTF8("hi @al");
    gui.frames(*app, report);
    uitest::pressKey(*app, gui, report, 9);
    gui.frames(*app, report);
    ImGui::GetIO().AddInputCharactersUTF8("!");
    gui.frames(*app, report);
    uitest::pressKey(*app, gui, report, 13);
    const auto& msgs = h->state().conversations.at(kRoom).messages;
    ASSERT_FALSE(msgs.empty());
    EXPECT_EQ(msgs.back().body, "hi @alice !");
}

TEST_F(UiRooms, EveryRoomTextIsInBothLanguages) {
    for (const char* key : {"join-room", "create-room", "room-address", "nickname", "room-password", "join", "create",
                            "private", "public", "members", "joining", "group-chat", "invitation", "stranger", "decline",
                            "use-nick", "leave", "invite", "invite-address", "participants", "back-to-chat", "subject",
                            "you", "not-encrypted", "private-room", "encrypted-room", "left", "join-again", "nick-changed", "reason",
                            "moderator", "participant", "visitor", "owner", "admin", "member", "nick-conflict",
                            "password-required", "members-only", "banned", "not-found", "creation-restricted",
                            "room-full", "kicked", "removed-banned", "removed-affiliation", "removed-members-only",
                            "removed-shutdown", "destroyed", "removed", "configuration-failed", "join-failed",
                            "bad-room", "room-moderation-failed", "kick", "ban", "make-member"}) {
        EXPECT_STRNE(ui::roomText(ui::Lang::En, key), "") << key;
        EXPECT_STRNE(ui::roomText(ui::Lang::Ru, key), "") << key;
        EXPECT_STRNE(ui::roomText(ui::Lang::En, key), ui::roomText(ui::Lang::Ru, key)) << key;
    }
    EXPECT_STREQ(ui::roomText(ui::Lang::En, "no-such-key"), "");
}

}  // namespace
}  // namespace starling

namespace starling {
namespace {

// Joining a room of 1,000 occupants: the presences arrive in bursts of 50 (as a server sends them) with a
// frame drawn after each, then the room's first messages. Prints the worst frame (presence handling +
// layout of the open room) and the time until the first messages are drawn; bounded work per frame
// (the clipper) is what is asserted.
TEST_F(UiRooms, AThousandOccupantsJoinWithoutAStall) {
    ASSERT_TRUE(app->joinRoom(kRoom, "", ""));
    presence("user", "<item affiliation='member' role='participant'/><status code='110'/>");
    gui.frames(*app, report);
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    double worstMs = 0;
    for (int burst = 0; burst < 20; ++burst) {
        const auto t0 = Clock::now();
        for (int i = 0; i < 50; ++i)
            presence("occupant-" + std::to_string(burst * 50 + i), "<item affiliation='none' role='participant'/>");
        gui.frames(*app, report, 1);
        worstMs = std::max(worstMs, std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        EXPECT_LT(report.occupantsShown.size(), 60u);
    }
    for (int i = 0; i < 20; ++i) groupchat("occupant-" + std::to_string(i), "first messages " + std::to_string(i), "f" + std::to_string(i));
    const auto t0 = Clock::now();
    gui.frames(*app, report, 1);
    worstMs = std::max(worstMs, std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    const double firstDrawnMs = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    EXPECT_TRUE(contains(report.visibleBodies, "first messages 19"));
    EXPECT_EQ(room().occupants.size(), 1001u);
    std::printf("[ numbers  ] 1,000 occupants (20 bursts of 50, a frame each), then 20 messages: first messages drawn "
                "after %.0f ms, worst frame %.1f ms (headless UI under node, no GPU)\n", firstDrawnMs, worstMs);
}

}  // namespace
}  // namespace starling
