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
