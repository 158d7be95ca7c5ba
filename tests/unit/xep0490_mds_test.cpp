// XEP-0490 Message Displayed Synchronization: the payloads (publish with the XEP's publish-options, a
// notification's items, bad items skipped), and the module through a whole Client: another device's item
// lowers a chat's unread count to the messages after the named one (from the fetch once online and from a
// notification), an item naming a message not here yet waits for it, items from another account or with a
// stanza-id of another archive are ignored, and seeing a chat publishes its newest stanza-id once.
#include "core/xep/xep0490_mds.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "client_test_harness.h"
#include "core/xml/ns.h"

namespace starling {
namespace {

using test::stanza;

TEST(Xep0490Mds, PublishNamesTheChatAndItsStanzaIdWithPrivatePublishOptions) {
    const xml::Element iq = xep::displayedPublish({"romeo@montague.lit", "0f710f2b", "juliet@capulet.lit"});
    EXPECT_EQ(iq.attr("type"), "set");
    const xml::Element* pubsub = iq.child(ns::kPubsub, "pubsub");
    ASSERT_NE(pubsub, nullptr);
    const xml::Element* publish = pubsub->child(ns::kPubsub, "publish");
    ASSERT_NE(publish, nullptr);
    EXPECT_EQ(publish->attr("node"), "urn:xmpp:mds:displayed:0");
    const xml::Element* item = publish->child(ns::kPubsub, "item");
    ASSERT_NE(item, nullptr);
    EXPECT_EQ(item->attr("id"), "romeo@montague.lit");
    const xml::Element* displayed = item->child("urn:xmpp:mds:displayed:0", "displayed");
    ASSERT_NE(displayed, nullptr);
    const xml::Element* sid = displayed->child("urn:xmpp:sid:0", "stanza-id");
    ASSERT_NE(sid, nullptr);
    EXPECT_EQ(sid->attr("by"), "juliet@capulet.lit");
    EXPECT_EQ(sid->attr("id"), "0f710f2b");
    const xml::Element* form = pubsub->child(ns::kPubsub, "publish-options");
    ASSERT_NE(form, nullptr);
    const std::string text = xml::serialize(*form, ns::kClient);
    for (const char* want : {"pubsub#persist_items", "pubsub#max_items", ">max<", "pubsub#send_last_published_item",
                             ">never<", "pubsub#access_model", ">whitelist<"})
        EXPECT_NE(text.find(want), std::string::npos) << want;
}

TEST(Xep0490Mds, ANotificationsItemsAndBadOnesSkipped) {
    auto items = xep::parseDisplayed(test::parseXml(stanza(
        "<message from='juliet@capulet.lit' to='juliet@capulet.lit/balcony' type='headline'>"
        "<event xmlns='http://jabber.org/protocol/pubsub#event'><items node='urn:xmpp:mds:displayed:0'>"
        "<item id='romeo@montague.lit'><displayed xmlns='urn:xmpp:mds:displayed:0'>"
        "<stanza-id xmlns='urn:xmpp:sid:0' by='juliet@capulet.lit' id='0f710f2b'/></displayed></item>"
        "<item id='nurse@capulet.lit'><displayed xmlns='urn:xmpp:mds:displayed:0'/></item>"  // no stanza-id
        "<item id='not a jid'><displayed xmlns='urn:xmpp:mds:displayed:0'>"
        "<stanza-id xmlns='urn:xmpp:sid:0' by='juliet@capulet.lit' id='x'/></displayed></item>"
        "<item id='tybalt@capulet.lit'><displayed xmlns='urn:xmpp:mds:displayed:0'>"
        "<stanza-id xmlns='urn:xmpp:sid:0' by='juliet@capulet.lit' id=''/></displayed></item>"
        "</items></event></message>")));
    ASSERT_TRUE(items);
    ASSERT_EQ(items->size(), 1u);
    EXPECT_EQ((*items)[0].chat, "romeo@montague.lit");
    EXPECT_EQ((*items)[0].stanzaId, "0f710f2b");
    EXPECT_EQ((*items)[0].by, "juliet@capulet.lit");
    EXPECT_FALSE(xep::parseDisplayed(test::parseXml(stanza("<message><event xmlns='http://jabber.org/protocol/pubsub#event'>"
                                                           "<items node='urn:xmpp:bookmarks:1'/></event></message>"))));
}

class DisplayedSync : public test::LoggedInClientTest {
protected:
    void SetUp() override {
        h = std::make_unique<test::ClientHarness>(dir.path);
        h->pepKeepNode = ns::kMds;
        test::ScramServer server("SCRAM-SHA-256", test::kPassword);
        h->login(server, test::kBobRoster);
    }

    // The node's fetch the client sent once online, answered with `items` (inner XML).
    void answerFetch(const std::string& items) {
        std::vector<xml::Element> out = std::move(h->extraAfterLogin);
        h->extraAfterLogin.clear();
        for (auto& e : h->takeSent()) out.push_back(std::move(e));
        for (const auto& e : out) {
            const xml::Element* pubsub = e.child(ns::kPubsub, "pubsub");
            const xml::Element* get = pubsub ? pubsub->child(ns::kPubsub, "items") : nullptr;
            if (get && get->attr("node") == ns::kMds) {
                h->feed(stanza("<iq type='result' id='" + std::string(e.attr("id")) + "' to='" + h->boundJid +
                               "'><pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='urn:xmpp:mds:displayed:0'>" +
                               items + "</items></pubsub></iq>"));
                return;
            }
        }
        ADD_FAILURE() << "no fetch of the displayed node sent";
    }
    static std::string item(const std::string& chat, const std::string& sid, const std::string& by = "user@localhost") {
        return "<item id='" + chat + "'><displayed xmlns='urn:xmpp:mds:displayed:0'><stanza-id xmlns='urn:xmpp:sid:0' by='" +
               by + "' id='" + sid + "'/></displayed></item>";
    }
    void event(const std::string& inner, const std::string& from = "user@localhost") {
        h->feed(stanza("<message from='" + from + "' to='" + h->boundJid + "' type='headline'><event "
                       "xmlns='http://jabber.org/protocol/pubsub#event'><items node='urn:xmpp:mds:displayed:0'>" +
                       inner + "</items></event></message>"));
    }
    void fromBob(const std::string& n) {
        h->feed(stanza("<message from='bob@localhost/phone' to='" + h->boundJid + "' type='chat' id='b" + n +
                       "'><body>message " + n + "</body><stanza-id xmlns='urn:xmpp:sid:0' by='user@localhost' id='s" +
                       n + "'/></message>"));
    }
    int unread() const { return h->state().conversations.at("bob@localhost").unread; }
    // Publishes of the displayed node among what went out: "chat=stanza-id" each.
    std::vector<std::string> published() {
        std::vector<std::string> out;
        for (const auto& e : h->takeSent()) {
            const xml::Element* pubsub = e.child(ns::kPubsub, "pubsub");
            const xml::Element* p = pubsub ? pubsub->child(ns::kPubsub, "publish") : nullptr;
            if (!p || p->attr("node") != ns::kMds) continue;
            EXPECT_NE(pubsub->child(ns::kPubsub, "publish-options"), nullptr);
            const xml::Element* it = p->child(ns::kPubsub, "item");
            const xml::Element* d = it ? it->child(ns::kMds, "displayed") : nullptr;
            const xml::Element* sid = d ? d->child(ns::kStanzaId, "stanza-id") : nullptr;
            if (!sid) continue;
            EXPECT_EQ(sid->attr("by"), "user@localhost");
            out.push_back(std::string(it->attr("id")) + "=" + std::string(sid->attr("id")));
            h->feed(stanza("<iq type='result' id='" + std::string(e.attr("id")) + "'/>"));
        }
        return out;
    }
};

TEST_F(DisplayedSync, AnotherDevicesItemLeavesOnlyTheMessagesAfterItUnread) {
    answerFetch("");
    for (const char* n : {"1", "2", "3"}) fromBob(n);
    EXPECT_EQ(unread(), 3);
    event(item("bob@localhost", "s2"));
    EXPECT_EQ(unread(), 1);
    event(item("bob@localhost", "s3"));
    EXPECT_EQ(unread(), 0);
    fromBob("4");
    EXPECT_EQ(unread(), 1);  // newer than what was read elsewhere
}

TEST_F(DisplayedSync, TheFetchedStateAppliesAndAnItemAheadOfUsWaitsForItsMessage) {
    fromBob("1");
    answerFetch(item("bob@localhost", "s1"));
    EXPECT_EQ(unread(), 0);
    event(item("bob@localhost", "s3"));  // read on the phone up to a message not here yet
    fromBob("2");
    EXPECT_EQ(unread(), 1);
    fromBob("3");
    EXPECT_EQ(unread(), 0);
}

TEST_F(DisplayedSync, ItemsOfAnotherAccountOrAnotherArchiveAreIgnored) {
    answerFetch("");
    fromBob("1");
    event(item("bob@localhost", "s1"), "mallory@localhost");
    EXPECT_EQ(unread(), 1);
    event(item("bob@localhost", "s1", "bob@localhost"));  // a stanza-id our archive did not assign
    EXPECT_EQ(unread(), 1);
    event(item("bob@localhost", "s1"), "user@localhost/phone");  // our own account, another resource
    EXPECT_EQ(unread(), 0);
}

TEST_F(DisplayedSync, SeeingAChatPublishesItsNewestStanzaIdOnce) {
    answerFetch("");
    fromBob("1");
    fromBob("2");
    h->takeSent();
    h->client->openChat("bob@localhost");
    EXPECT_EQ(published(), std::vector<std::string>{"bob@localhost=s2"});
    h->client->closeChat();
    h->client->openChat("bob@localhost");
    EXPECT_TRUE(published().empty());  // the node already says so
    h->client->closeChat();
    event(item("bob@localhost", "s2"));
    h->client->setActive(false);
    fromBob("3");
    h->client->openChat("bob@localhost");
    EXPECT_TRUE(published().empty());  // the page is hidden: nobody sees it
    h->client->setActive(true);
    EXPECT_EQ(published(), std::vector<std::string>{"bob@localhost=s3"});
}

}  // namespace
}  // namespace starling
