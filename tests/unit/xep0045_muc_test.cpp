// XEP-0045 Multi-User Chat payloads against the XEP's own examples (tests/fixtures/xml/xep0045, named by
// example number; where an example shows one stanza to each occupant, the fixture is the first, and
// example 50's are named by what they are). XEP-0249 and XEP-0421 examples (their spec texts are not in
// /work/shared/specs) were transcribed from each XEP's example 1 into tests/fixtures/xml/xep0249|0421.
#include "core/xep/xep0045_muc.h"

#include <gtest/gtest.h>

#include "core/xml/ns.h"
#include "xep_fixture.h"

namespace starling {
namespace {

using test::fixture;
namespace status = xep::muc_status;

xml::Element withoutIdAndFrom(xml::Element e) {
    e.removeAttr("id");
    e.removeAttr("from");
    return e;
}

// The example's join presence with the <history maxstanzas='0'/> we always ask for (the room's archive
// gives the history).
xml::Element withNoHistory(xml::Element e) {
    xml::Element* x = e.child(ns::kMuc, "x");
    EXPECT_NE(x, nullptr);
    if (!x) return e;
    xml::Element history(ns::kMuc, "history");
    history.setAttr("maxstanzas", "0");
    x->children().insert(x->children().begin(), history);
    return e;
}

TEST(Xep0045Muc, JoinPresenceIsExample18And26WithNoHistory) {
    xml::Element join = xep::mucJoinPresence("coven@chat.shakespeare.lit", "thirdwitch");
    EXPECT_TRUE(xml::equivalent(join, withNoHistory(withoutIdAndFrom(fixture("xep0045/18.xml")))))
        << xml::serialize(join, ns::kClient);
    xml::Element withPassword = xep::mucJoinPresence("coven@chat.shakespeare.lit", "thirdwitch", "cauldronburn");
    EXPECT_TRUE(xml::equivalent(withPassword, withNoHistory(withoutIdAndFrom(fixture("xep0045/26.xml")))))
        << xml::serialize(withPassword, ns::kClient);
}

TEST(Xep0045Muc, LeavePresenceIsExample80) {
    xml::Element leave = xep::mucLeavePresence("coven@chat.shakespeare.lit", "thirdwitch");
    EXPECT_TRUE(xml::equivalent(leave, withoutIdAndFrom(fixture("xep0045/80.xml")))) << xml::serialize(leave, ns::kClient);
}

TEST(Xep0045Muc, OccupantPresenceOfExample20) {
    auto p = xep::parseOccupantPresence(fixture("xep0045/20.xml"));
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p->room, "coven@chat.shakespeare.lit");
    EXPECT_EQ(p->nick, "firstwitch");
    EXPECT_TRUE(p->available);
    EXPECT_EQ(p->affiliation, "owner");
    EXPECT_EQ(p->role, "moderator");
    EXPECT_EQ(p->realJid, "");
    EXPECT_FALSE(p->self());
}

TEST(Xep0045Muc, SelfPresenceOfExample24WithItsStatusCodes) {
    auto p = xep::parseOccupantPresence(fixture("xep0045/24.xml"));
    ASSERT_TRUE(p.ok());
    EXPECT_TRUE(p->self());
    EXPECT_TRUE(p->has(status::kNonAnonymous));
    EXPECT_TRUE(p->has(status::kNickAssigned));
    EXPECT_FALSE(p->has(status::kCreated));
    EXPECT_EQ(p->affiliation, "member");
    EXPECT_EQ(p->role, "participant");
}

TEST(Xep0045Muc, NickChangeOfExample50) {
    auto gone = xep::parseOccupantPresence(fixture("xep0045/50-self-unavailable.xml"));
    ASSERT_TRUE(gone.ok());
    EXPECT_FALSE(gone->available);
    EXPECT_TRUE(gone->self());
    EXPECT_TRUE(gone->has(status::kNickChanged));
    EXPECT_EQ(gone->nick, "thirdwitch");
    EXPECT_EQ(gone->newNick, "oldhag");
    EXPECT_EQ(gone->realJid, "hag66@shakespeare.lit/pda");
    auto back = xep::parseOccupantPresence(fixture("xep0045/50-self-available.xml"));
    ASSERT_TRUE(back.ok());
    EXPECT_TRUE(back->available);
    EXPECT_EQ(back->nick, "oldhag");
}

TEST(Xep0045Muc, RemovalsOfExamples90And113And202AndCreationOf154) {
    auto kicked = xep::parseOccupantPresence(fixture("xep0045/90.xml"));
    ASSERT_TRUE(kicked.ok());
    EXPECT_TRUE(kicked->self());
    EXPECT_TRUE(kicked->has(status::kKicked));
    EXPECT_EQ(kicked->reason, "Avaunt, you cullion!");
    auto banned = xep::parseOccupantPresence(fixture("xep0045/113.xml"));
    ASSERT_TRUE(banned.ok());
    EXPECT_TRUE(banned->has(status::kBanned));
    EXPECT_EQ(banned->affiliation, "outcast");
    auto destroyed = xep::parseOccupantPresence(fixture("xep0045/202.xml"));
    ASSERT_TRUE(destroyed.ok());
    EXPECT_TRUE(destroyed->destroyed);
    EXPECT_EQ(destroyed->alternateRoom, "coven@chat.shakespeare.lit");
    EXPECT_EQ(destroyed->reason, "Macbeth doth come.");
    auto created = xep::parseOccupantPresence(fixture("xep0045/154.xml"));
    ASSERT_TRUE(created.ok());
    EXPECT_TRUE(created->self());
    EXPECT_TRUE(created->has(status::kCreated));
}

TEST(Xep0045Muc, NoOccupantPresenceWithoutNickOrMucUser) {
    EXPECT_FALSE(xep::parseOccupantPresence(test::parseStanza(
                                                "<presence from='room@muc.example'><x xmlns='http://jabber.org/protocol/muc#user'/></presence>"))
                     .ok());
    EXPECT_FALSE(xep::parseOccupantPresence(test::parseStanza("<presence from='room@muc.example/nick'/>")).ok());
    // Status codes that are no numbers are left out, never a crash.
    auto p = xep::parseOccupantPresence(test::parseStanza(
        "<presence from='room@muc.example/n'><x xmlns='http://jabber.org/protocol/muc#user'>"
        "<status code='11O'/><status code=''/><status code='99999999999999'/><status code='110'/></x></presence>"));
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p->statuses, std::vector<int>{110});
}

TEST(Xep0045Muc, OccupantIdOfXep0421Examples) {
    auto p = xep::parseOccupantPresence(fixture("xep0421/01.xml"));
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p->occupantId, "dd72603deec90a38ba552f7c68cbcc61bca202cd");
    EXPECT_EQ(xep::occupantIdOf(fixture("xep0421/02.xml")), "dd72603deec90a38ba552f7c68cbcc61bca202cd");
    EXPECT_EQ(xep::occupantIdOf(fixture("xep0045/45.xml")), "");
}

TEST(Xep0045Muc, JoinErrorsOfExamples25To31And152AreCodes) {
    struct Case {
        const char* file;
        const char* code;
    } cases[] = {{"xep0045/25.xml", "password-required"}, {"xep0045/27.xml", "members-only"},
                 {"xep0045/28.xml", "banned"},            {"xep0045/29.xml", "nick-conflict"},
                 {"xep0045/31.xml", "not-found"},         {"xep0045/152.xml", "creation-restricted"}};
    for (const auto& c : cases) EXPECT_EQ(xep::joinErrorCode(fixture(c.file)), c.code) << c.file;
    EXPECT_EQ(xep::joinErrorCode(test::parseStanza("<presence type='error'/>")), "join-failed");
}

TEST(Xep0045Muc, AlternativeNicks) {
    EXPECT_EQ(xep::alternativeNick("thirdwitch"), "thirdwitch_");
    EXPECT_EQ(xep::alternativeNick("thirdwitch_"), "thirdwitch_2");
    EXPECT_EQ(xep::alternativeNick("thirdwitch_2"), "thirdwitch_3");
    EXPECT_EQ(xep::alternativeNick("a_b"), "a_b_");
}

TEST(Xep0045Muc, SubjectOfExamples40And85And88AndNotOfABodyMessage) {
    EXPECT_EQ(xep::subjectOf(fixture("xep0045/40.xml")), std::optional<std::string>("Fire Burn and Cauldron Bubble!"));
    EXPECT_EQ(xep::subjectOf(fixture("xep0045/85.xml")), std::optional<std::string>("Fire Burn and Cauldron Bubble!"));
    EXPECT_EQ(xep::subjectOf(fixture("xep0045/88.xml")), std::optional<std::string>(""));
    EXPECT_EQ(xep::subjectOf(fixture("xep0045/45.xml")), std::nullopt);
}

TEST(Xep0045Muc, SubjectChangeIsExample84) {
    xml::Element ours = xep::subjectMessage("coven@chat.shakespeare.lit", "Fire Burn and Cauldron Bubble!");
    EXPECT_TRUE(xml::equivalent(ours, withoutIdAndFrom(fixture("xep0045/84.xml")))) << xml::serialize(ours, ns::kClient);
}

TEST(Xep0045Muc, ModerationIsExamples89And110And120) {
    xml::Element kick = xep::kickIq("harfleur@chat.shakespeare.lit", "pistol", "Avaunt, you cullion!");
    EXPECT_TRUE(xml::equivalent(kick, withoutIdAndFrom(fixture("xep0045/89.xml")))) << xml::serialize(kick, ns::kClient);
    xml::Element ban = xep::affiliationIq("southampton@chat.shakespeare.lit", "earlofcambridge@shakespeare.lit", "outcast");
    EXPECT_TRUE(xml::equivalent(ban, withoutIdAndFrom(fixture("xep0045/110.xml")))) << xml::serialize(ban, ns::kClient);
    // Example 120 names the member's nick too; we grant by JID alone.
    xml::Element example = withoutIdAndFrom(fixture("xep0045/120.xml"));
    example.child(ns::kMucAdmin, "query")->child(ns::kMucAdmin, "item")->removeAttr("nick");
    xml::Element member = xep::affiliationIq("coven@chat.shakespeare.lit", "hag66@shakespeare.lit", "member");
    EXPECT_TRUE(xml::equivalent(member, example)) << xml::serialize(member, ns::kClient);
}

TEST(Xep0045Muc, InvitationsAreExample56AndXep0249Example1AndParseBack) {
    xml::Element mediated = xep::mediatedInvite("coven@chat.shakespeare.lit", "hecate@shakespeare.lit",
                                                "Hey Hecate, this is the place for all good witches!");
    xml::Element example = withoutIdAndFrom(fixture("xep0045/56.xml"));
    xml::Element* reason = example.child(ns::kMucUser, "x")->child(ns::kMucUser, "invite")->child(ns::kMucUser, "reason");
    reason->setText("Hey Hecate, this is the place for all good witches!");  // the example's is indented
    EXPECT_TRUE(xml::equivalent(mediated, example)) << xml::serialize(mediated, ns::kClient);
    xml::Element direct = xep::directInvite("darkcave@macbeth.shakespeare.lit", "hecate@shakespeare.lit", "cauldronburn",
                                            "Hey Hecate, this is the place for all good witches!");
    EXPECT_TRUE(xml::equivalent(direct, withoutIdAndFrom(fixture("xep0249/01.xml")))) << xml::serialize(direct, ns::kClient);

    auto forwarded = xep::parseInvitation(fixture("xep0045/57.xml"));
    ASSERT_TRUE(forwarded.has_value());
    EXPECT_FALSE(forwarded->direct);
    EXPECT_EQ(forwarded->room, "coven@chat.shakespeare.lit");
    EXPECT_EQ(forwarded->inviter, "crone1@shakespeare.lit");
    EXPECT_EQ(forwarded->password, "cauldronburn");
    EXPECT_EQ(forwarded->reason, "Hey Hecate, this is the place for all good witches!");
    auto directParsed = xep::parseInvitation(fixture("xep0249/01.xml"));
    ASSERT_TRUE(directParsed.has_value());
    EXPECT_TRUE(directParsed->direct);
    EXPECT_EQ(directParsed->room, "darkcave@macbeth.shakespeare.lit");
    EXPECT_EQ(directParsed->inviter, "crone1@shakespeare.lit");
    EXPECT_FALSE(xep::parseInvitation(fixture("xep0045/45.xml")).has_value());
}

// Example 155 (an instant room) is the bare form; ours carries the configuration of a private or public
// room in the FORM_TYPE of example 159.
TEST(Xep0045Muc, RoomConfigurationIsTheOwnerFormOfExample159) {
    auto fields = [](const xml::Element& iq) {
        std::map<std::string, std::string> out;
        const xml::Element* form = iq.child(ns::kMucOwner, "query")->child(ns::kDataForms, "x");
        EXPECT_EQ(form->attr("type"), "submit");
        for (const xml::Element* f : form->childrenNamed(ns::kDataForms, "field"))
            out[std::string(f->attr("var"))] = std::string(f->childText(ns::kDataForms, "value"));
        return out;
    };
    const auto example = fields(fixture("xep0045/159.xml"));
    xml::Element priv = xep::roomConfigIq("coven@chat.shakespeare.lit", {true, {}});
    EXPECT_EQ(priv.attr("type"), "set");
    EXPECT_EQ(priv.attr("to"), "coven@chat.shakespeare.lit");
    auto p = fields(priv);
    EXPECT_EQ(p["FORM_TYPE"], example.at("FORM_TYPE"));
    for (const auto& [var, value] : p) EXPECT_TRUE(example.count(var)) << var << " is no field of example 159";
    EXPECT_EQ(p["muc#roomconfig_membersonly"], "1");
    EXPECT_EQ(p["muc#roomconfig_whois"], "anyone");
    EXPECT_EQ(p["muc#roomconfig_persistentroom"], "1");
    EXPECT_EQ(p["muc#roomconfig_publicroom"], "0");
    auto pub = fields(xep::roomConfigIq("coven@chat.shakespeare.lit", {false, {}}));
    EXPECT_EQ(pub["muc#roomconfig_publicroom"], "1");
    EXPECT_EQ(pub["muc#roomconfig_membersonly"], "0");
    EXPECT_EQ(pub["muc#roomconfig_moderatedroom"], "0");
    EXPECT_EQ(pub.count("muc#roomconfig_whois"), 0u);
}

TEST(Xep0045Muc, EncryptableOnlyWhenMembersOnlyAndNonAnonymous) {
    EXPECT_TRUE(xep::roomIsEncryptable({"http://jabber.org/protocol/muc", "muc_membersonly", "muc_nonanonymous"}));
    EXPECT_FALSE(xep::roomIsEncryptable({"muc_membersonly", "muc_semianonymous"}));
    EXPECT_FALSE(xep::roomIsEncryptable({"muc_open", "muc_nonanonymous"}));
}

}  // namespace
}  // namespace starling
