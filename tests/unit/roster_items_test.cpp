#include "core/im/roster.h"

#include <gtest/gtest.h>

#include "core/xml/ns.h"
#include "xep_fixture.h"

namespace starling::im {
namespace {

using test::parseStanza;

TEST(Roster, ParsesResultItems) {
    auto iq = parseStanza(
        "<iq type='result' id='r1'><query xmlns='jabber:iq:roster' ver='v1'>"
        "<item jid='Romeo@Example.net' name='Romeo' subscription='both'><group>Friends</group></item>"
        "<item jid='mercutio@example.com' subscription='from' ask='subscribe'/>"
        "<item jid='benvolio@example.net' subscription='none'/>"
        "<item jid='not a jid' subscription='both'/>"
        "<item jid='full@example.net/res' subscription='both'/>"
        "</query></iq>");
    auto items = parseRosterQuery(*iq.child(ns::kRoster, "query"));
    ASSERT_EQ(items.size(), 3u);
    EXPECT_EQ(items[0].item.jid, "romeo@example.net");
    EXPECT_EQ(items[0].item.name, "Romeo");
    EXPECT_EQ(items[0].item.subscription, "both");
    EXPECT_EQ(items[0].item.groups, std::vector<std::string>{"Friends"});
    EXPECT_TRUE(items[1].item.askSubscribe);
    EXPECT_EQ(items[1].item.subscription, "from");
    EXPECT_FALSE(items[2].remove);
}

// What a contact or a server puts in a name (or a group's) is bounded at parse: 256 code points, cut
// between two.
TEST(Roster, NamesAreCutTo256CodePoints) {
    const std::string huge(100000, 'n');
    std::string cyrillic;
    for (int i = 0; i < 300; ++i) cyrillic += "я";  // 2 bytes each
    std::string emoji = std::string(255, 'a') + "👋👋";  // 4 bytes each, the 256th and 257th
    auto iq = parseStanza("<iq type='result' id='r1'><query xmlns='jabber:iq:roster'>"
                          "<item jid='a@x' name='" + huge + "'/><item jid='b@x' name='" + cyrillic +
                          "'/><item jid='c@x' name='" + emoji + "'/><item jid='d@x' name='short'><group>" + huge + "</group></item></query></iq>");
    auto items = parseRosterQuery(*iq.child(ns::kRoster, "query"));
    ASSERT_EQ(items.size(), 4u);
    EXPECT_EQ(items[0].item.name, std::string(256, 'n'));
    EXPECT_EQ(items[1].item.name.size(), 512u);
    EXPECT_EQ(items[1].item.name, cyrillic.substr(0, 512));
    EXPECT_EQ(items[2].item.name, std::string(255, 'a') + "👋");
    EXPECT_EQ(items[3].item.name, "short");
    EXPECT_EQ(items[3].item.groups, std::vector<std::string>{std::string(256, 'n')});  // group names too
}

TEST(Roster, APushIsOneItemOrABadRequest) {
    auto push = [](const std::string& items) {
        return parseRosterPush(parseStanza("<iq type='set' id='p'><query xmlns='jabber:iq:roster' ver='v2'>" + items +
                                           "</query></iq>"));
    };
    auto one = push("<item jid='Nurse@Example.com' name='Nurse' subscription='both'><group>Servants</group></item>");
    ASSERT_TRUE(one.ok());
    EXPECT_EQ(one->item.jid, "nurse@example.com");
    EXPECT_EQ(one->item.name, "Nurse");
    EXPECT_EQ(one->item.groups, std::vector<std::string>{"Servants"});
    auto removal = push("<item jid='nurse@example.com' subscription='remove'/>");
    ASSERT_TRUE(removal.ok());
    EXPECT_TRUE(removal->remove);
    for (const char* bad : {"", "<item jid='a@x'/><item jid='b@x'/>", "<item jid='a@x'/><item jid='not a jid'/>",
                            "<item jid='full@x/res'/>", "<item/>"}) {
        auto r = push(bad);
        ASSERT_FALSE(r.ok()) << bad;
        EXPECT_EQ(r.error().code, "bad-request");
    }
    EXPECT_FALSE(parseRosterPush(parseStanza("<iq type='set' id='p'/>")).ok());
}

TEST(Roster, PushOriginRules) {
    const std::string own = "juliet@example.com";
    EXPECT_TRUE(rosterPushOriginValid(parseStanza("<iq type='set' id='a'><query xmlns='jabber:iq:roster'/></iq>"), own));
    EXPECT_TRUE(rosterPushOriginValid(
        parseStanza("<iq type='set' id='a' from='juliet@example.com'><query xmlns='jabber:iq:roster'/></iq>"), own));
    EXPECT_TRUE(rosterPushOriginValid(
        parseStanza("<iq type='set' id='a' from='Juliet@Example.com'><query xmlns='jabber:iq:roster'/></iq>"), own));
    EXPECT_FALSE(rosterPushOriginValid(
        parseStanza("<iq type='set' id='a' from='eve@evil.example'><query xmlns='jabber:iq:roster'/></iq>"), own));
    EXPECT_FALSE(rosterPushOriginValid(
        parseStanza("<iq type='set' id='a' from='juliet@example.com/balcony'><query xmlns='jabber:iq:roster'/></iq>"),
        own));
    EXPECT_FALSE(rosterPushOriginValid(
        parseStanza("<iq type='set' id='a' from='example.com'><query xmlns='jabber:iq:roster'/></iq>"), own));
    EXPECT_TRUE(isRosterPush(parseStanza("<iq type='set' id='a'><query xmlns='jabber:iq:roster'/></iq>")));
    EXPECT_FALSE(isRosterPush(parseStanza("<iq type='get' id='a'><query xmlns='jabber:iq:roster'/></iq>")));
    EXPECT_FALSE(isRosterPush(parseStanza("<iq type='set' id='a'><query xmlns='jabber:iq:private'/></iq>")));
}

TEST(Roster, ApplyUpsertsRemovesAndSorts) {
    std::vector<model::RosterItem> roster;
    RosterEntry a;
    a.item = {"zed@x", "Anna", "both", false, {}};
    RosterEntry b;
    b.item = {"bob@x", "", "none", false, {}};
    applyRosterEntry(roster, a);
    applyRosterEntry(roster, b);
    ASSERT_EQ(roster.size(), 2u);
    EXPECT_EQ(roster[0].jid, "zed@x");  // "Anna" sorts before "bob@x"
    a.item.name = "Zed";
    applyRosterEntry(roster, a);
    ASSERT_EQ(roster.size(), 2u);
    EXPECT_EQ(roster[0].jid, "bob@x");
    EXPECT_EQ(roster[1].name, "Zed");
    RosterEntry rm;
    rm.item.jid = "bob@x";
    rm.remove = true;
    applyRosterEntry(roster, rm);
    ASSERT_EQ(roster.size(), 1u);
    EXPECT_EQ(roster[0].jid, "zed@x");
}

TEST(Roster, BuildsSetAndRemove) {
    model::RosterItem item{"bob@x", "Боб", "none", false, {"Друзья"}};
    auto set = rosterSet(item);
    auto expected = parseStanza(
        "<iq type='set'><query xmlns='jabber:iq:roster'><item jid='bob@x' name='Боб'><group>Друзья</group></item>"
        "</query></iq>");
    EXPECT_TRUE(xml::equivalent(set, expected)) << xml::serialize(set, ns::kClient);
    auto rm = rosterRemove("bob@x");
    auto expectedRm = parseStanza(
        "<iq type='set'><query xmlns='jabber:iq:roster'><item jid='bob@x' subscription='remove'/></query></iq>");
    EXPECT_TRUE(xml::equivalent(rm, expectedRm)) << xml::serialize(rm, ns::kClient);
    auto entries = parseRosterQuery(*parseStanza(xml::serialize(rm, ns::kClient)).child(ns::kRoster, "query"));
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_TRUE(entries[0].remove);
}

}  // namespace
}  // namespace starling::im
