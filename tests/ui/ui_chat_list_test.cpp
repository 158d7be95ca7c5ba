// The chat list as in every modern messenger: chats with messages newest first, each with its newest
// message on its second line ("Me: " before ours, one line, bounded) and "typing…" while the peer types;
// then the contacts without messages, by name; a conversation outside the roster is a row too.
#include <gtest/gtest.h>
#include <imgui.h>

#include <string>
#include <utility>
#include <vector>

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
using uitest::Headless;
using uitest::incoming;

class UiChatList : public ::testing::Test {
protected:
    void SetUp() override {
        h = std::make_unique<ClientHarness>(dir.path);
        app = std::make_unique<ui::App>(*h->client, ui::Lang::En, ui::AppHooks{});
        ScramServer server("SCRAM-SHA-256", test::kPassword);
        h->login(server, R"(<item jid="zoe@localhost" name="Zoe" subscription="both"/>)"
                         R"(<item jid="bob@localhost" name="Bob" subscription="both"/>)"
                         R"(<item jid="carol@localhost" name="Carol" subscription="both"/>)"
                         R"(<item jid="anna@localhost" name="Anna" subscription="both"/>)");
    }
    void receive(const std::string& from, const std::string& id, const std::string& body) {
        h->clock.advance(60'000);
        h->feed(incoming(from + "/phone", id, body));
    }
    std::string previewOf(const std::string& jid) const {
        for (const auto& [row, text] : report.rosterPreviews)
            if (row == jid) return text;
        return "<no preview>";
    }

    TempDir dir;
    std::unique_ptr<ClientHarness> h;
    std::unique_ptr<ui::App> app;
    Headless gui{1000, 650};
    ui::DrawReport report;
};

TEST_F(UiChatList, ChatsComeNewestFirstThenContactsByName) {
    gui.frames(*app, report);
    EXPECT_EQ(report.rosterRows, (std::vector<std::string>{"anna@localhost", "bob@localhost", "carol@localhost",
                                                           "zoe@localhost"}));
    EXPECT_TRUE(report.rosterPreviews.empty());

    receive("carol@localhost", "c1", "from Carol");
    receive("stranger@localhost", "s1", "hello from outside");
    receive("bob@localhost", "b1", "first line\nsecond line");
    gui.frames(*app, report);
    EXPECT_EQ(report.rosterRows,
              (std::vector<std::string>{"bob@localhost", "stranger@localhost", "carol@localhost", "anna@localhost",
                                        "zoe@localhost"}));
    EXPECT_EQ(previewOf("bob@localhost"), "first line second line");
    EXPECT_EQ(previewOf("stranger@localhost"), "hello from outside");
    EXPECT_EQ(previewOf("carol@localhost"), "from Carol");
    EXPECT_EQ(previewOf("anna@localhost"), "<no preview>");

    // Our own message moves its chat to the top, marked as ours.
    h->clock.advance(60'000);
    h->client->sendMessage("carol@localhost", "Привет 👋");
    gui.frames(*app, report);
    ASSERT_FALSE(report.rosterRows.empty());
    EXPECT_EQ(report.rosterRows.front(), "carol@localhost");
    EXPECT_EQ(previewOf("carol@localhost"), std::string(ui::tr(ui::Lang::En, ui::S::Me)) + ": Привет 👋");
}

// A muted chat still counts its messages in its row, with a grey badge (as in Telegram); the others blue.
TEST_F(UiChatList, AMutedChatsUnreadBadgeIsGrey) {
    receive("carol@localhost", "c1", "from Carol");
    receive("bob@localhost", "b1", "from Bob");
    receive("bob@localhost", "b2", "again from Bob");
    h->client->setMuted("bob@localhost", true);
    gui.frames(*app, report);
    EXPECT_EQ(report.unreadBadges, (std::vector<std::pair<std::string, bool>>{{"bob@localhost", true},
                                                                             {"carol@localhost", false}}));
    h->client->setMuted("bob@localhost", false);
    gui.frames(*app, report);
    EXPECT_EQ(report.unreadBadges, (std::vector<std::pair<std::string, bool>>{{"bob@localhost", false},
                                                                             {"carol@localhost", false}}));
}

// A shared file's row says what it is, never its URL (an encrypted file's aesgcm:// link carries its key).
TEST_F(UiChatList, ASharedFilesRowNamesItsKindNotItsUrl) {
    const std::string url = "https://upload.localhost/slot/abc/report.pdf";
    h->clock.advance(60'000);
    h->feed(test::stanza(R"(<message from="bob@localhost/phone" to="user@localhost" type="chat" id="f1"><body>)" +
                         url + R"(</body><x xmlns="jabber:x:oob"><url>)" + url + R"(</url></x></message>)"));
    gui.frames(*app, report);
    ASSERT_TRUE(h->state().conversations.at("bob@localhost").messages.back().attachment.has_value());
    EXPECT_EQ(previewOf("bob@localhost"), "File");
}

TEST_F(UiChatList, APeerTypingShowsInItsRowAndAHugeMessageIsBounded) {
    receive("bob@localhost", "b1", std::string(700'000, 'L'));
    gui.frames(*app, report);
    const std::string shown = previewOf("bob@localhost");
    EXPECT_GT(shown.size(), 100u);
    EXPECT_LT(shown.size(), 4096u);
    EXPECT_LT(report.textBytes, 64u * 1024u);  // the frame laid out a bounded part of it

    h->feed(test::stanza(R"(<message from="bob@localhost/phone" to="user@localhost" type="chat">)"
                         R"(<composing xmlns="http://jabber.org/protocol/chatstates"/></message>)"));
    gui.frames(*app, report);
    EXPECT_EQ(previewOf("bob@localhost"), ui::tr(ui::Lang::En, ui::S::Typing));
}

// A row's name: ours for them (the roster), else theirs (XEP-0172), else the address's local part — never
// the whole address twice (it is the second line while there is no message).
TEST(UiChatListNames, TheRosterNameTheirNicknameOrTheLocalPart) {
    TempDir dir;
    ClientHarness h(dir.path);
    ui::App app(*h.client, ui::Lang::En, ui::AppHooks{});
    ScramServer server("SCRAM-SHA-256", test::kPassword);
    h.login(server, R"(<item jid="zoe@localhost" name="Zoe" subscription="both"/>)"
                    R"(<item jid="bob@localhost" subscription="both"/>)"
                    R"(<item jid="carol@localhost" subscription="both"/>)");
    h.feed(test::stanza(R"(<message from="bob@localhost" type="headline"><event xmlns="http://jabber.org/protocol/pubsub#event">)"
                        R"(<items node="http://jabber.org/protocol/nick"><item><nick xmlns="http://jabber.org/protocol/nick">Бобби</nick>)"
                        R"(</item></items></event></message>)"));
    h.feed(test::stanza(R"(<presence from="dan@localhost" type="subscribe"><nick xmlns="http://jabber.org/protocol/nick">Dan</nick></presence>)"));
    Headless gui{1000, 650};
    ui::DrawReport report;
    gui.frames(app, report);
    const auto nameOf = [&](const std::string& jid) {
        for (const auto& [row, name] : report.rosterNames)
            if (row == jid) return name;
        return std::string("<no row>");
    };
    EXPECT_EQ(nameOf("zoe@localhost"), "Zoe");
    EXPECT_EQ(nameOf("bob@localhost"), "Бобби");
    EXPECT_EQ(nameOf("carol@localhost"), "carol");
    EXPECT_EQ(nameOf("dan@localhost"), "<no row>");  // a request is not a contact
}

}  // namespace
}  // namespace starling
