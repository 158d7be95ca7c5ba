// XEP-0353 Jingle Message Initiation (0.8) on the XEP's examples 1, 3, 4, 5, 7, 9: propose, ringing, retract, proceed,
// reject and finish parsed, and written back as the examples are (the reason forms of 0.7+).
#include "core/xep/xep0353_jingle_message.h"

#include <gtest/gtest.h>

#include "xep_fixture.h"

namespace starling {
namespace {

using test::fixture;
constexpr const char* kSid = "ca3cf894-5325-482f-a412-a6e9f832298d";

// Our message for `jmi` equals the example, but for the from attribute the server adds.
void expectWrites(const char* name, const xep::Jmi& jmi) {
    xml::Element example = fixture(name);
    example.removeAttr("from");
    xml::Element ours = xep::jmiMessage(example.attr("to"), "", jmi);
    ours.removeAttr("id");
    EXPECT_TRUE(xml::equivalent(ours, example)) << name << "\n" << xml::serialize(ours);
}

TEST(Xep0353Jmi, ParsesAndWritesTheExamples) {
    auto propose = xep::parseJmi(fixture("xep0353/01.xml"));
    ASSERT_TRUE(propose);
    EXPECT_EQ(propose->action, xep::JmiAction::Propose);
    EXPECT_EQ(propose->id, kSid);
    EXPECT_EQ(propose->media, std::vector<std::string>{"audio"});
    expectWrites("xep0353/01.xml", *propose);

    auto ringing = xep::parseJmi(fixture("xep0353/03.xml"));
    ASSERT_TRUE(ringing);
    EXPECT_EQ(ringing->action, xep::JmiAction::Ringing);
    expectWrites("xep0353/03.xml", *ringing);

    auto retract = xep::parseJmi(fixture("xep0353/04.xml"));
    ASSERT_TRUE(retract);
    EXPECT_EQ(retract->action, xep::JmiAction::Retract);
    ASSERT_TRUE(retract->reason);
    EXPECT_EQ(retract->reason->condition, "cancel");
    EXPECT_EQ(retract->reason->text, "Retracted");
    expectWrites("xep0353/04.xml", *retract);

    auto proceed = xep::parseJmi(fixture("xep0353/05.xml"));
    ASSERT_TRUE(proceed);
    EXPECT_EQ(proceed->action, xep::JmiAction::Proceed);
    EXPECT_FALSE(proceed->reason);
    expectWrites("xep0353/05.xml", *proceed);

    auto reject = xep::parseJmi(fixture("xep0353/07.xml"));
    ASSERT_TRUE(reject);
    EXPECT_EQ(reject->action, xep::JmiAction::Reject);
    EXPECT_EQ(reject->reason->condition, "busy");
    expectWrites("xep0353/07.xml", *reject);

    auto finish = xep::parseJmi(fixture("xep0353/09.xml"));
    ASSERT_TRUE(finish);
    EXPECT_EQ(finish->action, xep::JmiAction::Finish);
    EXPECT_EQ(finish->reason->condition, "success");
    expectWrites("xep0353/09.xml", *finish);
}

TEST(Xep0353Jmi, TieBreakMigrationAndWhatIsNoJmi) {
    auto tie = xep::parseJmi(test::parseStanza(
        "<message><reject xmlns='urn:xmpp:jingle-message:0' id='x'><reason xmlns='urn:xmpp:jingle:1'><expired/>"
        "</reason><tie-break/></reject></message>"));
    ASSERT_TRUE(tie);
    EXPECT_TRUE(tie->tieBreak);
    EXPECT_EQ(tie->reason->condition, "expired");
    auto migrated = xep::parseJmi(test::parseStanza(
        "<message><finish xmlns='urn:xmpp:jingle-message:0' id='x'><reason xmlns='urn:xmpp:jingle:1'><expired/>"
        "</reason><migrated to='y'/></finish></message>"));
    ASSERT_TRUE(migrated);
    EXPECT_EQ(migrated->migratedTo, "y");
    // Older clients' reject without a reason; a proposal without id; another namespace.
    auto bare = xep::parseJmi(test::parseStanza("<message><reject xmlns='urn:xmpp:jingle-message:0' id='x'/></message>"));
    ASSERT_TRUE(bare);
    EXPECT_FALSE(bare->reason);
    EXPECT_FALSE(xep::parseJmi(test::parseStanza("<message><propose xmlns='urn:xmpp:jingle-message:0'/></message>")));
    EXPECT_FALSE(xep::parseJmi(test::parseStanza("<message><propose xmlns='urn:xmpp:jingle-message:1' id='x'/></message>")));
    EXPECT_FALSE(xep::parseJmi(test::parseStanza("<message><body>hi</body></message>")));
}

}  // namespace
}  // namespace starling
