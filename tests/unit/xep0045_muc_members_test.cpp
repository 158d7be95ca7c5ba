// XEP-0045 member lists (§9.5) on the XEP's examples 129 and 130, and the real JID a room's archive adds
// to a message of a non-anonymous room (XEP-0313 example 27), which OMEMO in rooms names the sender by.
#include "core/xep/xep0045_muc_members.h"

#include <gtest/gtest.h>

#include "core/xml/ns.h"
#include "xep_fixture.h"

namespace starling {
namespace {

using test::fixture;
using test::parseStanza;

TEST(Xep0045MucMembers, TheMemberListRequestIsExample129) {
    xml::Element ours = xep::affiliationListIq("coven@chat.shakespeare.lit", "member");
    xml::Element example = fixture("xep0045/129.xml");
    example.removeAttr("id");
    example.removeAttr("from");
    EXPECT_TRUE(xml::equivalent(ours, example)) << xml::serialize(ours, ns::kClient);
}

TEST(Xep0045MucMembers, TheMemberListOfExample130ParsesToBareJids) {
    auto list = xep::parseAffiliationList(fixture("xep0045/130.xml"));
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0].jid, "hag66@shakespeare.lit");
    EXPECT_EQ(list[0].affiliation, "member");
    EXPECT_EQ(list[0].nick, "thirdwitch");
}

TEST(Xep0045MucMembers, AMemberListKeepsOnlyValidJidsAsBareJids) {
    auto list = xep::parseAffiliationList(parseStanza(
        "<iq type='result' from='r@muc.example'><query xmlns='http://jabber.org/protocol/muc#admin'>"
        "<item affiliation='owner' jid='Alice@Example.org/phone'/><item affiliation='member'/>"
        "<item affiliation='member' jid='not a jid@@'/><item affiliation='member' jid='example.org'/>"
        "<item affiliation='admin' jid='bob@example.org'/></query></iq>"));
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0].jid, "alice@example.org");
    EXPECT_EQ(list[0].affiliation, "owner");
    EXPECT_EQ(list[1].jid, "bob@example.org");
    EXPECT_TRUE(xep::parseAffiliationList(parseStanza("<iq type='result' from='r@muc.example'/>")).empty());
}

TEST(Xep0045MucMembers, AffiliationNoticesOfExamples176And195Parse) {
    auto made = xep::parseAffiliationNotice(fixture("xep0045/176.xml"));
    ASSERT_EQ(made.size(), 1u);
    EXPECT_EQ(made[0].jid, "hecate@shakespeare.lit");
    EXPECT_EQ(made[0].affiliation, "member");
    auto lost = xep::parseAffiliationNotice(fixture("xep0045/195.xml"));
    ASSERT_EQ(lost.size(), 1u);
    EXPECT_EQ(lost[0].jid, "wiccarocks@shakespeare.lit");
    EXPECT_EQ(lost[0].affiliation, "none");
}

// Only the room's own message is a notice: not an occupant's, not a groupchat one, not an invitation.
TEST(Xep0045MucMembers, WhatIsNoAffiliationNoticeGivesNothing) {
    const std::string item = "<x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='member' jid='m@example.org'/></x>";
    EXPECT_EQ(xep::parseAffiliationNotice(parseStanza("<message from='r@muc.example'>" + item + "</message>")).size(), 1u);
    EXPECT_TRUE(xep::parseAffiliationNotice(parseStanza("<message from='r@muc.example/mallory'>" + item + "</message>")).empty());
    EXPECT_TRUE(xep::parseAffiliationNotice(parseStanza("<message from='r@muc.example' type='groupchat'>" + item + "</message>")).empty());
    EXPECT_TRUE(xep::parseAffiliationNotice(parseStanza(
        "<message from='r@muc.example'><x xmlns='http://jabber.org/protocol/muc#user'><invite from='a@example.org'/>"
        "<item affiliation='member' jid='m@example.org'/></x></message>")).empty());
}

TEST(Xep0045MucMembers, AnArchivedMessageNamesItsSendersRealJidAsXep0313Example27) {
    xml::Element result = fixture("xep0313/27-first.xml");
    const xml::Element* message = result.child(ns::kMam, "result")->child(ns::kForward, "forwarded")->child(ns::kClient, "message");
    ASSERT_NE(message, nullptr);
    EXPECT_EQ(xep::archivedRealJid(*message), "crone1@shakespeare.lit");
}

// The room appends its own <x/> to what the sender wrote: the last one counts, and a message without one
// names nobody.
TEST(Xep0045MucMembers, TheRoomsOwnItemIsTheLastOneAndNoneNamesNobody) {
    xml::Element forged = parseStanza(
        "<message from='r@muc.example/mallory' type='groupchat'><body>x</body>"
        "<x xmlns='http://jabber.org/protocol/muc#user'><item jid='victim@example.org'/></x>"
        "<x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='member' jid='Mallory@example.org'/></x></message>");
    EXPECT_EQ(xep::archivedRealJid(forged), "mallory@example.org");
    EXPECT_EQ(xep::archivedRealJid(parseStanza("<message from='r@muc.example/a' type='groupchat'><body>x</body></message>")), "");
}

}  // namespace
}  // namespace starling
