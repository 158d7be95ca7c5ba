// XEP-0402 PEP Native Bookmarks: the payloads against the XEP's own examples (tests/fixtures/xml/xep0402,
// named by example number), and the module through a whole Client: the list fetched once online and its
// autojoin rooms joined, a room we enter bookmarked, a leave retracted, another device's retraction or
// autojoin='false' making us leave, a room missing from the list after a time offline left here too, a
// notification from anyone but our account ignored.
#include "core/xep/xep0402_bookmarks.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "client_test_harness.h"
#include "core/xml/ns.h"
#include "xep_fixture.h"

namespace starling {
namespace {

using test::fixture;
using test::stanza;

xml::Element withoutIdAndFrom(xml::Element e) {
    e.removeAttr("id");
    e.removeAttr("from");
    return e;
}

TEST(Xep0402Bookmarks, TheListOfExample5) {
    auto items = xep::parseBookmarkItems(fixture("xep0402/05.xml"));
    ASSERT_TRUE(items);
    ASSERT_EQ(items->published.size(), 2u);
    const xep::Bookmark& play = items->published[0];
    EXPECT_EQ(play.room, "theplay@conference.shakespeare.lit");
    EXPECT_EQ(play.name, "The Play's the Thing");
    EXPECT_TRUE(play.autojoin);
    EXPECT_EQ(play.nick, "JC");
    EXPECT_FALSE(play.extensions);
    EXPECT_TRUE(items->published[1].autojoin);  // autojoin='1'
    EXPECT_TRUE(items->published[1].extensions);
    EXPECT_TRUE(items->retracted.empty());
}

TEST(Xep0402Bookmarks, FetchPublishAndRetractAreExamples4And6And10) {
    EXPECT_TRUE(xml::equivalent(xep::bookmarksFetch(), withoutIdAndFrom(fixture("xep0402/04.xml"))));
    xep::Bookmark play;
    play.room = "theplay@conference.shakespeare.lit";
    play.name = "The Play's the Thing";
    play.autojoin = true;
    play.nick = "JC";
    const xml::Element ours = xep::bookmarkPublish(play);
    EXPECT_TRUE(xml::equivalent(ours, withoutIdAndFrom(fixture("xep0402/06.xml")))) << xml::serialize(ours, ns::kClient);
    EXPECT_TRUE(xml::equivalent(xep::bookmarkRetract("theplay@conference.shakespeare.lit"),
                                withoutIdAndFrom(fixture("xep0402/10.xml"))));
}

// Editing keeps what we do not understand (example 8: the <extensions/> of example 5 republished).
TEST(Xep0402Bookmarks, ARepublishedBookmarkKeepsItsExtensionsAsExample8) {
    auto items = xep::parseBookmarkItems(fixture("xep0402/05.xml"));
    ASSERT_TRUE(items);
    xep::Bookmark orchard = items->published[1];
    orchard.name = "The Orchard";
    const xml::Element ours = xep::bookmarkPublish(orchard);
    EXPECT_TRUE(xml::equivalent(ours, withoutIdAndFrom(fixture("xep0402/08.xml")))) << xml::serialize(ours, ns::kClient);
}

TEST(Xep0402Bookmarks, NotificationsOfExamples12To14) {
    auto added = xep::parseBookmarkItems(fixture("xep0402/12.xml"));
    ASSERT_TRUE(added);
    ASSERT_EQ(added->published.size(), 1u);
    EXPECT_TRUE(added->published[0].autojoin);
    auto off = xep::parseBookmarkItems(fixture("xep0402/13.xml"));
    ASSERT_TRUE(off);
    ASSERT_EQ(off->published.size(), 1u);
    EXPECT_FALSE(off->published[0].autojoin);
    auto gone = xep::parseBookmarkItems(fixture("xep0402/14.xml"));
    ASSERT_TRUE(gone);
    EXPECT_TRUE(gone->published.empty());
    EXPECT_EQ(gone->retracted, std::vector<std::string>{"theplay@conference.shakespeare.lit"});
    EXPECT_FALSE(xep::parseBookmarkItems(test::parseStanza("<message><body>x</body></message>")));
}

constexpr const char* kRoom = "room@conference.localhost";

class BookmarksClient : public test::LoggedInClientTest {
protected:
    void SetUp() override { login(); }

    // A login (on this device's store); the bookmarks node's requests are left to the test (the harness
    // answers every other PEP request as from a server where nothing is published).
    void login() {
        h = std::make_unique<test::ClientHarness>(dir.path);
        h->pepKeepNode = ns::kBookmarks;
        test::ScramServer server("SCRAM-SHA-256", test::kPassword);
        h->login(server, test::kBobRoster);
    }

    // The bookmarks fetch the client sent when it came online, answered with `items` (inner XML); the
    // other PEP requests (OMEMO's) answered as the harness does.
    void answerFetch(const std::string& items) {
        std::vector<xml::Element> out = std::move(h->extraAfterLogin);  // sent right after the initial presence
        h->extraAfterLogin.clear();
        for (auto& e : h->takeSent()) out.push_back(std::move(e));
        bool answered = false;
        for (const auto& e : out) {
            const xml::Element* pubsub = e.child(ns::kPubsub, "pubsub");
            const xml::Element* get = pubsub ? pubsub->child(ns::kPubsub, "items") : nullptr;
            if (get && get->attr("node") == ns::kBookmarks) {
                h->feed(stanza("<iq type='result' id='" + std::string(e.attr("id")) + "' to='" + h->boundJid +
                               "'><pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='urn:xmpp:bookmarks:1'>" +
                               items + "</items></pubsub></iq>"));
                answered = true;
            }
        }
        if (answered) return;
        std::string all;
        for (const auto& e : out) all += xml::serialize(e, ns::kClient) + "\n";
        ADD_FAILURE() << "no bookmarks fetch sent; sent:\n" << all;
    }
    static std::string item(const std::string& room, bool autojoin, const std::string& nick = "me") {
        return "<item id='" + room + "'><conference xmlns='urn:xmpp:bookmarks:1' autojoin='" + (autojoin ? "true" : "false") +
               "'><nick>" + nick + "</nick></conference></item>";
    }
    void event(const std::string& inner, const std::string& from = "user@localhost") {
        h->feed(stanza("<message from='" + from + "' to='" + h->boundJid + "' type='headline'><event "
                       "xmlns='http://jabber.org/protocol/pubsub#event'><items node='urn:xmpp:bookmarks:1'>" + inner +
                       "</items></event></message>"));
    }
    void enter(const std::string& room, const std::string& nick = "me") {
        h->feed(stanza("<presence from='" + room + "/" + nick + "' to='" + h->boundJid +
                       "'><x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='member' role='participant'/>"
                       "<status code='110'/></x></presence>"));
    }
    // What went out: joins (to room/nick), publishes and retracts of the bookmarks node (item ids).
    struct Out {
        std::vector<std::string> joins, published, retracted, left;
    };
    Out sent() {
        Out o;
        for (const auto& e : h->takeSent()) {
            if (e.is(ns::kClient, "presence") && e.child(ns::kMuc, "x")) o.joins.emplace_back(e.attr("to"));
            if (e.is(ns::kClient, "presence") && e.attr("type") == "unavailable") o.left.emplace_back(e.attr("to"));
            const xml::Element* pubsub = e.child(ns::kPubsub, "pubsub");
            if (!pubsub) continue;
            if (const xml::Element* p = pubsub->child(ns::kPubsub, "publish"); p && p->attr("node") == ns::kBookmarks) {
                const xml::Element* it = p->child(ns::kPubsub, "item");
                const xml::Element* conf = it ? it->child(ns::kBookmarks, "conference") : nullptr;
                EXPECT_TRUE(conf && conf->attr("autojoin") == "true");
                const xml::Element* opts = pubsub->child(ns::kPubsub, "publish-options");
                EXPECT_NE(opts, nullptr);
                if (it) o.published.emplace_back(it->attr("id"));
                h->feed(stanza("<iq type='result' id='" + std::string(e.attr("id")) + "'/>"));  // the server takes it
            }
            if (const xml::Element* r = pubsub->child(ns::kPubsub, "retract"); r && r->attr("node") == ns::kBookmarks) {
                EXPECT_EQ(r->attr("notify"), "true");
                if (const xml::Element* it = r->child(ns::kPubsub, "item")) o.retracted.emplace_back(it->attr("id"));
            }
        }
        return o;
    }
};

TEST_F(BookmarksClient, AutojoinBookmarksAreJoinedOnAFreshDevice) {
    answerFetch(item(kRoom, true, "jc") + item("quiet@conference.localhost", false));
    Out o = sent();
    EXPECT_EQ(o.joins, std::vector<std::string>{std::string(kRoom) + "/jc"});
    ASSERT_EQ(h->state().rooms.count(kRoom), 1u);
    EXPECT_EQ(h->state().rooms.count("quiet@conference.localhost"), 0u);
    enter(kRoom, "jc");
    EXPECT_TRUE(sent().published.empty());  // already bookmarked as it is
}

TEST_F(BookmarksClient, ARoomWeEnterIsBookmarkedAndOneWeLeaveRetracted) {
    answerFetch("");
    h->takeSent();
    ASSERT_TRUE(h->client->joinRoom(kRoom, "me"));
    enter(kRoom);
    EXPECT_EQ(sent().published, std::vector<std::string>{kRoom});
    ASSERT_TRUE(h->client->leaveRoom(kRoom));
    EXPECT_EQ(sent().retracted, std::vector<std::string>{kRoom});
}

TEST_F(BookmarksClient, AnotherDevicesLeaveMakesUsLeaveWithoutRetractingAgain) {
    answerFetch(item(kRoom, true));
    enter(kRoom);
    h->takeSent();
    event("<retract id='" + std::string(kRoom) + "'/>");
    Out o = sent();
    EXPECT_EQ(o.left, std::vector<std::string>{std::string(kRoom) + "/me"});
    EXPECT_TRUE(o.retracted.empty());
    EXPECT_EQ(h->state().rooms.count(kRoom), 0u);
    // autojoin='false' from another device: the same.
    event(item("b@conference.localhost", true));
    enter("b@conference.localhost");
    h->takeSent();
    event(item("b@conference.localhost", false));
    EXPECT_EQ(h->state().rooms.count("b@conference.localhost"), 0u);
}

// A room bookmarked without autojoin is not joined, but it is a room: its occupant's private message is a
// private chat (XEP-0045 §7.5), not a one-to-one chat with the room's address.
TEST_F(BookmarksClient, ABookmarkWithoutAutojoinIsARoomForPrivateMessages) {
    answerFetch(item("quiet@conference.localhost", false));
    h->takeSent();
    EXPECT_EQ(h->state().rooms.count("quiet@conference.localhost"), 0u);
    h->feed(stanza("<message from='quiet@conference.localhost/dora' to='" + h->boundJid +
                   "' type='chat' id='q1'><body>psst</body></message>"));
    const auto& chats = h->state().conversations;
    ASSERT_EQ(chats.count("quiet@conference.localhost/dora"), 1u);
    EXPECT_EQ(chats.at("quiet@conference.localhost/dora").messages.size(), 1u);
    EXPECT_TRUE(!chats.count("quiet@conference.localhost") || chats.at("quiet@conference.localhost").messages.empty());
}

TEST_F(BookmarksClient, ANotificationFromAnotherAccountIsIgnored) {
    answerFetch("");
    h->takeSent();
    event(item(kRoom, true), "mallory@localhost");
    EXPECT_TRUE(sent().joins.empty());
    EXPECT_EQ(h->state().rooms.count(kRoom), 0u);
}

// Joined here and bookmarked; the bookmark is retracted on another device while we are offline: the list
// fetched on the next session lacks it, and the room is left here too (a room never bookmarked is
// published instead).
TEST_F(BookmarksClient, ARoomRemovedElsewhereWhileOfflineIsLeftOnTheNextSession) {
    answerFetch("");
    ASSERT_TRUE(h->client->joinRoom(kRoom, "me"));
    enter(kRoom);
    EXPECT_EQ(sent().published, std::vector<std::string>{kRoom});
    // A reload, and a new session in which the list no longer has the room.
    login();
    ASSERT_EQ(h->state().rooms.count(kRoom), 1u);  // rooms.json: joined again first
    answerFetch("");
    EXPECT_EQ(h->state().rooms.count(kRoom), 0u);
    // A room joined on this device and never bookmarked (the list fetched before it was entered) is
    // published instead.
    ASSERT_TRUE(h->client->joinRoom("new@conference.localhost", "me"));
    enter("new@conference.localhost");
    EXPECT_EQ(sent().published, std::vector<std::string>{"new@conference.localhost"});
}

}  // namespace
}  // namespace starling
