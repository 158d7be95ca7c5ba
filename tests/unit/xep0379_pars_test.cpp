// XEP-0379 pre-authenticated subscription and the XEP-0401 invitation links: the URIs as the XEPs and
// Prosody's mod_invites write them, the <preauth/> element, and links that must be refused.
#include "core/xep/xep0379_pars.h"

#include <gtest/gtest.h>

#include "core/xml/ns.h"
#include "xep_fixture.h"

namespace starling::xep {
namespace {

TEST(Xep0379ParsTest, RosterLinkOfXep0379) {
    // XEP-0379 §3: "xmpp:romeo@montague.lit?roster;preauth=1tMFqYDdKhfe2pwp"
    auto inv = parseInvitation("xmpp:romeo@montague.lit?roster;preauth=1tMFqYDdKhfe2pwp");
    ASSERT_TRUE(inv.ok()) << inv.error().message;
    EXPECT_EQ(inv->jid, "romeo@montague.lit");
    EXPECT_EQ(inv->domain, "montague.lit");
    EXPECT_EQ(inv->action, "roster");
    EXPECT_EQ(inv->token, "1tMFqYDdKhfe2pwp");
    EXPECT_FALSE(inv->ibr);  // befriends; does not let one register
    EXPECT_EQ(inv->inviter(), "romeo@montague.lit");
}

TEST(Xep0379ParsTest, InvitationWithRegistrationOfXep0401) {
    // XEP-0401 §4: the same link with ibr=y also lets the invitee create an account there.
    auto inv = parseInvitation("xmpp:juliet@capulet.lit?roster;preauth=TOKEN;ibr=y");
    ASSERT_TRUE(inv.ok());
    EXPECT_TRUE(inv->ibr);
    EXPECT_EQ(inv->domain, "capulet.lit");
    // Prosody's mod_invites account invitation: no inviter.
    auto account = parseInvitation("xmpp:localhost?register;preauth=hRF-X3ZYhvwJ");
    ASSERT_TRUE(account.ok());
    EXPECT_EQ(account->action, "register");
    EXPECT_TRUE(account->ibr);
    EXPECT_EQ(account->inviter(), "");
    EXPECT_EQ(account->domain, "localhost");
}

TEST(Xep0379ParsTest, PercentEncodingAndUnknownParameters) {
    auto inv = parseInvitation("xmpp:%D0%BC%D0%B8%D1%80@example.org?roster;name=Mir;preauth=a%2Bb;ibr=y");
    ASSERT_TRUE(inv.ok());
    EXPECT_EQ(inv->jid, "мир@example.org");
    EXPECT_EQ(inv->token, "a+b");
}

TEST(Xep0379ParsTest, BadLinksAreRefused) {
    for (const char* bad : {"", "https://example.org/invite", "xmpp:", "xmpp:@example.org?roster;preauth=x",
                            "xmpp:a@example.org/res?roster;preauth=x", "xmpp:a@example.org?message;body=hi",
                            "xmpp:example.org?roster;preauth=x", "xmpp:a@b.org?roster;preauth=%zz",
                            "xmpp:a@b.org?roster;preauth=with%20space", "xmpp://auth@x/a@b.org?roster"}) {
        auto r = parseInvitation(bad);
        EXPECT_FALSE(r.ok()) << bad;
        if (!r.ok()) {
            EXPECT_EQ(r.error().code, "bad-uri") << bad;
        }
    }
    EXPECT_FALSE(parseInvitation("xmpp:a@b.org?roster;preauth=" + std::string(300, 'x')).ok());
}

TEST(Xep0379ParsTest, PreauthSubscribeIsTheXepsPresence) {
    // XEP-0379 §4 Example 1 (from and id left to the server and the session).
    xml::Element p = preauthSubscribe("romeo@montague.lit", "1tMFqYDdKhfe2pwp");
    EXPECT_TRUE(xml::equivalent(p, test::parseStanza(
        R"(<presence to='romeo@montague.lit' type='subscribe'><preauth xmlns='urn:xmpp:pars:0' token='1tMFqYDdKhfe2pwp'/></presence>)")))
        << xml::serialize(p);
}

}  // namespace
}  // namespace starling::xep
