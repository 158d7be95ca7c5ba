// config.json: the servers offered for creating an account, the default server first, and whatever a
// host writes by mistake leaves a usable configuration and says what was left out.
#include "core/site_config.h"

#include <gtest/gtest.h>

namespace starling {
namespace {

TEST(SiteConfig, ServersWithTheDefaultFirst) {
    auto s = parseSiteConfig(R"({
      "defaultDomain": "Example.org",
      "defaultWebsocket": "wss://xmpp.example.org/xmpp-websocket",
      "servers": [
        {"domain": "other.net", "note": {"en": "Open. Germany.", "ru": "Открыта. Германия."}},
        {"domain": "example.org", "note": "Ours"},
        {"domain": "third.org", "websocket": "wss://third.org/ws", "note": "Iceland"}
      ]})");
    EXPECT_TRUE(s.problems.empty());
    const auto& servers = s.config.servers;
    ASSERT_EQ(servers.size(), 3u);
    EXPECT_EQ(servers[0].domain, "example.org");
    EXPECT_EQ(servers[0].websocket, "wss://xmpp.example.org/xmpp-websocket");
    EXPECT_EQ(serverNote(servers[0], "ru"), "Ours");
    EXPECT_EQ(servers[1].domain, "other.net");
    EXPECT_EQ(serverNote(servers[1], "ru"), "Открыта. Германия.");
    EXPECT_EQ(serverNote(servers[1], "de"), "Open. Germany.");
    EXPECT_EQ(servers[2].websocket, "wss://third.org/ws");
}

TEST(SiteConfig, TheDefaultServerAloneWhenNoListIsGiven) {
    auto s = parseSiteConfig(R"({"defaultDomain":"localhost","defaultWebsocket":"ws://127.0.0.1:5280/xmpp-websocket"})");
    ASSERT_EQ(s.config.servers.size(), 1u);
    EXPECT_EQ(s.config.servers[0].domain, "localhost");
    EXPECT_EQ(s.config.defaultWebsocket, "ws://127.0.0.1:5280/xmpp-websocket");
}

TEST(SiteConfig, GarbageLeavesAUsableConfigAndSaysWhy) {
    for (const char* text : {"", "not json", "[1,2]", "{\"servers\": 5}", "\xff\xfe{", "{\"defaultDomain\": 7}"}) {
        auto s = parseSiteConfig(text);
        EXPECT_TRUE(s.config.defaultDomain.empty()) << text;
        EXPECT_TRUE(s.config.servers.empty()) << text;
    }
    EXPECT_FALSE(parseSiteConfig("not json").problems.empty());
    auto s = parseSiteConfig(R"j({"defaultDomain":"a b@c/d","defaultWebsocket":"javascript:alert(1)",
      "servers":[{"note":"no domain"}, {"domain":"ok.org","websocket":"http://ok.org/"}, "x", {"domain":"ok.org"}]})j");
    EXPECT_TRUE(s.config.defaultDomain.empty());
    EXPECT_TRUE(s.config.defaultWebsocket.empty());
    ASSERT_EQ(s.config.servers.size(), 1u);  // one ok.org, its bad websocket dropped, the duplicate too
    EXPECT_EQ(s.config.servers[0].websocket, "");
    EXPECT_GE(s.problems.size(), 4u);
}

TEST(SiteConfig, LongListsAndNotesAreBounded) {
    std::string text = R"({"servers":[)";
    for (int i = 0; i < 500; ++i) text += std::string(i ? "," : "") + R"({"domain":"s)" + std::to_string(i) + R"(.org","note":")" + std::string(1000, 'n') + "\"}";
    auto s = parseSiteConfig(text + "]}");
    ASSERT_EQ(s.config.servers.size(), kMaxServerChoices);
    EXPECT_LE(serverNote(s.config.servers[0], "en").size(), kMaxServerNoteBytes + 3);
}

}  // namespace
}  // namespace starling
