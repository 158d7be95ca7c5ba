// Alerts: the new messages the page announces (a notification while hidden, a sound) and the person's
// choices. Through a whole Client: a live message from a contact into a chat not in view is announced
// (newest per chat, preview bounded on a code point), one in view is not (but is when the page is hidden),
// a muted chat never is and its pending alert goes, our own messages never are; the switches and muted
// chats are kept per account (alerts.json) and read back by the next client on the same store.
#include <gtest/gtest.h>

#include <string>

#include "client_test_harness.h"

namespace starling {
namespace {

using test::stanza;

class Alerts : public test::LoggedInClientTest {
protected:
    void SetUp() override { logIn(); }
    void fromBob(const std::string& body, const std::string& id) {
        h->feed(stanza("<message from='bob@localhost/phone' to='" + h->boundJid + "' type='chat' id='" + id +
                       "'><body>" + body + "</body></message>"));
    }
};

TEST_F(Alerts, ALiveMessageNotInViewIsAnnouncedNewestPerChat) {
    fromBob("first", "m1");
    fromBob("второе сообщение", "m2");
    auto alerts = h->client->takeAlerts();
    ASSERT_EQ(alerts.size(), 1u);
    EXPECT_EQ(alerts[0].chat, "bob@localhost");
    EXPECT_EQ(alerts[0].from, "bob@localhost");
    EXPECT_EQ(alerts[0].body, "второе сообщение");
    EXPECT_EQ(alerts[0].messageId, "m2");
    EXPECT_FALSE(alerts[0].room);
    EXPECT_TRUE(h->client->takeAlerts().empty());  // taken
}

TEST_F(Alerts, TheChatInViewIsNotAnnouncedUnlessThePageIsHidden) {
    h->client->openChat("bob@localhost");
    fromBob("seen", "m1");
    EXPECT_TRUE(h->client->takeAlerts().empty());
    h->client->setActive(false);
    fromBob("not seen", "m2");
    auto alerts = h->client->takeAlerts();
    ASSERT_EQ(alerts.size(), 1u);
    EXPECT_EQ(alerts[0].body, "not seen");
}

TEST_F(Alerts, AMutedChatIsNeverAnnouncedAndItsPendingAlertGoes) {
    fromBob("before", "m1");
    h->client->setMuted("Bob@LocalHost", true);
    EXPECT_TRUE(h->state().alerts.muted.count("bob@localhost"));
    EXPECT_TRUE(h->client->takeAlerts().empty());
    fromBob("while muted", "m2");
    EXPECT_TRUE(h->client->takeAlerts().empty());
    EXPECT_EQ(h->state().conversations.at("bob@localhost").unread, 2);  // still counted in the chat
    EXPECT_EQ(model::unmutedUnread(h->state()), 0);                     // not in the title
    h->client->setMuted("bob@localhost", false);
    fromBob("after", "m3");
    EXPECT_EQ(h->client->takeAlerts().size(), 1u);
    EXPECT_EQ(model::unmutedUnread(h->state()), 3);
}

TEST_F(Alerts, APreviewIsBoundedOnACodePoint) {
    std::string body;
    for (int i = 0; i < 300; ++i) body += "ж";  // 2 bytes each
    fromBob(body, "long");
    auto alerts = h->client->takeAlerts();
    ASSERT_EQ(alerts.size(), 1u);
    EXPECT_EQ(alerts[0].body.size(), 240u);
    EXPECT_EQ(alerts[0].body, body.substr(0, 240));
}

TEST_F(Alerts, OurOwnMessagesAreNeverAnnounced) {
    h->client->sendMessage("bob@localhost", "mine");
    h->feed(stanza("<message from='user@localhost' to='" + h->boundJid + "' type='chat'><sent xmlns='urn:xmpp:carbons:2'>"
                   "<forwarded xmlns='urn:xmpp:forward:0'><message xmlns='jabber:client' from='user@localhost/other' "
                   "to='bob@localhost' type='chat' id='c1'><body>from my phone</body></message></forwarded></sent></message>"));
    EXPECT_TRUE(h->client->takeAlerts().empty());
}

TEST_F(Alerts, TheChoicesAreKeptForTheAccount) {
    h->client->setAlertSwitches(true, true);
    h->client->setMuted("bob@localhost", true);
    h.reset();
    logIn();
    EXPECT_TRUE(h->state().alerts.notify);
    EXPECT_TRUE(h->state().alerts.sound);
    EXPECT_TRUE(h->state().alerts.muted.count("bob@localhost"));
}

}  // namespace
}  // namespace starling
