// XEP-0172 User Nickname: the XEP's PEP notification and subscription request parsed, a nickname cleaned
// (controls, bidirectional overrides, length), only a bare JID believed as publisher; and through a whole
// Client: contacts' nicknames asked for with +notify, taken from PEP and from a subscription request
// (which still waits for the person), removed when retracted, our own ignored.
#include "core/xep/xep0172_nick.h"

#include <gtest/gtest.h>

#include <string>

#include "client_test_harness.h"
#include "core/xml/ns.h"

namespace starling {
namespace {

using test::stanza;

// XEP-0172 Example "PEP Node Generates Notifications".
const char* kNotification =
    R"(<message from='narrator@moby-dick.lit' to='starbuck@moby-dick.lit' type='headline' id='foo'>)"
    R"(<event xmlns='http://jabber.org/protocol/pubsub#event'><items node='http://jabber.org/protocol/nick'>)"
    R"(<item><nick xmlns='http://jabber.org/protocol/nick'>CallMeIshmael</nick></item></items></event>)"
    R"(<addresses xmlns='http://jabber.org/protocol/address'><address type='replyto' jid='narrator@moby-dick.lit/pda'/>)"
    R"(</addresses></message>)";

TEST(Xep0172Nick, TheXepsNotificationAndRequestAreParsed) {
    auto u = xep::parseNickEvent(test::parseXml(stanza(kNotification)));
    ASSERT_TRUE(u);
    EXPECT_EQ(u->from, "narrator@moby-dick.lit");
    EXPECT_EQ(u->nick, "CallMeIshmael");
    auto request = test::parseXml(stanza(R"(<presence from='narrator@moby-dick.lit' to='starbuck@moby-dick.lit' type='subscribe'>)"
                                         R"(<nick xmlns='http://jabber.org/protocol/nick'>Ishmael</nick></presence>)"));
    EXPECT_EQ(xep::nickOf(request), "Ishmael");
    EXPECT_FALSE(xep::nickOf(test::parseXml(stanza(R"(<presence type='subscribe'/>)"))));
}

TEST(Xep0172Nick, ANicknameIsCleanedAndBounded) {
    const auto nickIn = [](const std::string& text) {
        return xep::nickOf(test::parseXml(stanza(R"(<presence><nick xmlns='http://jabber.org/protocol/nick'>)" + text +
                                                 "</nick></presence>")));
    };
    EXPECT_EQ(nickIn("  Ёжик\n в\tтумане  "), "Ёжик  в тумане");
    EXPECT_EQ(nickIn("evil\u202Egnp.exe"), "evilgnp.exe");  // no right-to-left override
    EXPECT_FALSE(nickIn("   "));
    EXPECT_FALSE(nickIn(""));
    std::string longName;
    for (int i = 0; i < 1000; ++i) longName += "я";
    EXPECT_EQ(nickIn(longName)->size(), 2 * xep::kMaxNickCodePoints);
}

TEST(Xep0172Nick, OnlyABareJidPublishesAndOnlyTheNicknameNode) {
    std::string full = kNotification;
    full.replace(full.find("narrator@moby-dick.lit'"), 23, "narrator@moby-dick.lit/pda'");
    EXPECT_FALSE(xep::parseNickEvent(test::parseXml(stanza(full))));
    std::string service = kNotification;
    service.replace(service.find("narrator@moby-dick.lit'"), 23, "pubsub.moby-dick.lit'");
    EXPECT_FALSE(xep::parseNickEvent(test::parseXml(stanza(service))));
    std::string other = kNotification;
    other.replace(other.find("node='http://jabber.org/protocol/nick'"), 38, "node='urn:xmpp:avatar:metadata'");
    EXPECT_FALSE(xep::parseNickEvent(test::parseXml(stanza(other))));
    // A retraction (or an item without a nickname) removes it.
    auto removed = xep::parseNickEvent(test::parseXml(stanza(
        R"(<message from='narrator@moby-dick.lit'><event xmlns='http://jabber.org/protocol/pubsub#event'>)"
        R"(<items node='http://jabber.org/protocol/nick'><retract id='current'/></items></event></message>)")));
    ASSERT_TRUE(removed);
    EXPECT_EQ(removed->nick, "");
}

class NickClient : public test::LoggedInClientTest {
protected:
    void SetUp() override { logIn(R"(<item jid="bob@localhost" subscription="both"/>)"); }
    void publish(const std::string& from, const std::string& payload) {
        h->feed(stanza(R"(<message from=")" + from + R"(" type="headline"><event xmlns="http://jabber.org/protocol/pubsub#event">)"
                       R"(<items node="http://jabber.org/protocol/nick">)" + payload + "</items></event></message>"));
    }
};

TEST_F(NickClient, NicknamesFromPepAndFromARequest) {
    publish("bob@localhost", R"(<item id="current"><nick xmlns="http://jabber.org/protocol/nick">Боб</nick></item>)");
    EXPECT_EQ(h->state().nicknames.at("bob@localhost"), "Боб");
    publish("user@localhost", R"(<item><nick xmlns="http://jabber.org/protocol/nick">Me</nick></item>)");  // our own
    EXPECT_EQ(h->state().nicknames.count("user@localhost"), 0u);

    // A stranger's request names them; the request itself still waits for the person.
    h->feed(stanza(R"(<presence from="carol@localhost" type="subscribe"><nick xmlns="http://jabber.org/protocol/nick">Carol</nick></presence>)"));
    EXPECT_EQ(h->state().nicknames.at("carol@localhost"), "Carol");
    EXPECT_EQ(h->state().subscriptionRequests, std::vector<std::string>{"carol@localhost"});
    EXPECT_TRUE(h->takeSent().empty());

    publish("bob@localhost", R"(<retract id="current"/>)");
    EXPECT_EQ(h->state().nicknames.count("bob@localhost"), 0u);
}

}  // namespace
}  // namespace starling
