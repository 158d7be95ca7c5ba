// XEP-0313 Message Archive Management on the XEP's own examples: the query (form + RSM paging), the
// result messages (accepted only from our own archive) and the <fin/> of a page.
#include "core/xep/xep0313_mam.h"

#include <gtest/gtest.h>

#include "core/im/delay.h"
#include "core/im/messages.h"
#include "xep_fixture.h"

namespace starling::xep {
namespace {

using test::fixture;
using test::parseStanza;

constexpr const char* kJuliet = "juliet@capulet.lit";

std::int64_t at(const char* stamp) { return *im::parseXmppDateTime(stamp); }

TEST(Xep0313Mam, PageAfterAnIdIsExample20) {
    MamQuery q;
    q.startMs = at("2010-08-07T00:00:00Z");
    q.after = "09af3-cc343-b409f";
    q.max = 10;
    xml::Element iq = mamQueryIq(q);
    iq.setAttr("id", "q29303");
    EXPECT_TRUE(xml::equivalent(iq, fixture("xep0313/20.xml"))) << xml::serialize(iq, ns::kClient);
}

TEST(Xep0313Mam, LastPageIsExample23) {
    MamQuery q;
    q.startMs = at("2010-08-07T00:00:00Z");
    q.before = std::string();
    q.max = 10;
    xml::Element iq = mamQueryIq(q);
    iq.setAttr("id", "q29303");
    EXPECT_TRUE(xml::equivalent(iq, fixture("xep0313/23.xml"))) << xml::serialize(iq, ns::kClient);
}

TEST(Xep0313Mam, WithFilterQueryidAndPageBeforeAnId) {
    MamQuery q;
    q.queryId = "f27";
    q.with = "juliet@capulet.lit";
    q.before = "28482-98726-73623";
    q.endMs = at("2010-07-10T23:08:25.5Z");
    xml::Element iq = mamQueryIq(q);
    const xml::Element* query = iq.child(ns::kMam, "query");
    ASSERT_NE(query, nullptr);
    EXPECT_EQ(query->attr("queryid"), "f27");
    EXPECT_FALSE(iq.hasAttr("to"));  // our own archive
    std::map<std::string, std::string> fields;
    for (const auto* f : query->child(ns::kDataForms, "x")->childrenNamed(ns::kDataForms, "field"))
        fields[std::string(f->attr("var"))] = std::string(f->childText(ns::kDataForms, "value"));
    EXPECT_EQ(fields["FORM_TYPE"], "urn:xmpp:mam:2");
    EXPECT_EQ(fields["with"], "juliet@capulet.lit");
    EXPECT_EQ(fields["end"], "2010-07-10T23:08:25.500Z");
    EXPECT_EQ(fields.count("start"), 0u);
    const xml::Element* set = query->child(ns::kRsm, "set");
    EXPECT_EQ(set->childText(ns::kRsm, "before"), "28482-98726-73623");
    EXPECT_EQ(set->childText(ns::kRsm, "max"), "50");
}

TEST(Xep0313Mam, ResultOfExample3FromOurArchive) {
    const xml::Element m = fixture("xep0313/03.xml");  // the result points into it
    auto r = parseMamResult(m, kJuliet);
    ASSERT_TRUE(r.ok()) << r.error().code;
    EXPECT_EQ(r->queryId, "f27");
    EXPECT_EQ(r->archiveId, "28482-98726-73623");
    EXPECT_EQ(r->message->childText(ns::kClient, "body"), "Hail to thee");
    EXPECT_EQ(im::delayStamp(*r->forwarded), at("2010-07-10T23:08:25Z"));
}

TEST(Xep0313Mam, ResultsOnlyFromOurOwnArchive) {
    const std::string text = test::fixtureText("xep0313/03.xml");
    auto withFrom = [&](const std::string& from) {
        std::string t = text;
        t.insert(t.find("<message") + 8, " from='" + from + "'");
        return parseStanza(t);
    };
    EXPECT_TRUE(parseMamResult(withFrom("juliet@capulet.lit"), kJuliet).ok());
    EXPECT_TRUE(parseMamResult(withFrom("Juliet@Capulet.lit"), kJuliet).ok());
    for (const char* bad : {"romeo@montague.lit", "juliet@capulet.lit/balcony", "capulet.lit", "conf.capulet.lit"}) {
        auto r = parseMamResult(withFrom(bad), kJuliet);
        ASSERT_FALSE(r.ok()) << bad;
        EXPECT_EQ(r.error().code, "foreign") << bad;
    }
    // Without an archive id or a forwarded message: malformed.
    EXPECT_EQ(parseMamResult(parseStanza("<message xmlns='jabber:client'><result xmlns='urn:xmpp:mam:2' queryid='f27'>"
                                         "<forwarded xmlns='urn:xmpp:forward:0'><message xmlns='jabber:client'/>"
                                         "</forwarded></result></message>"),
                             kJuliet)
                  .error()
                  .code,
              "malformed");
    EXPECT_EQ(parseMamResult(parseStanza("<message xmlns='jabber:client'><result xmlns='urn:xmpp:mam:2' id='1'/></message>"),
                             kJuliet)
                  .error()
                  .code,
              "malformed");
}

TEST(Xep0313Mam, FinOfExamples4And22) {
    auto f = parseMamFin(fixture("xep0313/04.xml"));
    ASSERT_TRUE(f.ok());
    EXPECT_FALSE(f->complete);
    EXPECT_EQ(f->first, "28482-98726-73623");
    EXPECT_EQ(f->last, "09af3-cc343-b409f");
    EXPECT_FALSE(f->count.has_value());
    f = parseMamFin(fixture("xep0313/22.xml"));
    ASSERT_TRUE(f.ok());
    EXPECT_TRUE(f->complete);
    EXPECT_EQ(f->last, "390-2342-22");
    EXPECT_EQ(f->count, 16);
    EXPECT_FALSE(parseMamFin(parseStanza("<iq xmlns='jabber:client' type='result' id='x'/>")).ok());
}

TEST(Xep0313Mam, DateTimeRoundTrip) {
    for (const char* s : {"1970-01-01T00:00:00Z", "2010-07-10T23:08:25Z", "2000-02-29T12:00:00.001Z",
                          "2038-01-19T03:14:08Z", "1969-12-31T23:59:59.999Z"}) {
        EXPECT_EQ(formatXmppDateTime(at(s)), s);
    }
}

// The archived message of example 1 (stanza-id by our account) and its copy from the archive
// (example 3's shape) are one message: de-duplicated by the archive id when stanza-ids are trusted.
TEST(Xep0313Mam, ArchivedCopyOfALiveMessageIsADuplicate) {
    model::State state;
    im::MessagePipeline pipeline;
    im::IncomingOptions o;
    o.ownBareJid = kJuliet;
    o.nowMs = 5;
    auto live = pipeline.process(state, fixture("xep0313/01.xml"), o);
    ASSERT_EQ(live.outcome, im::IncomingOutcome::Stored) << live.reason;
    EXPECT_EQ(live.liveStanzaId, "28482-98726-73623");
    const xml::Element archived = parseStanza(
        "<message xmlns='jabber:client' id='aeb213' to='juliet@capulet.lit/chamber'><result xmlns='urn:xmpp:mam:2' "
        "queryid='f27' id='28482-98726-73623'><forwarded xmlns='urn:xmpp:forward:0'><delay xmlns='urn:xmpp:delay' "
        "stamp='2010-07-10T23:08:25Z'/><message xmlns='jabber:client' to='juliet@capulet.lit/balcony' "
        "from='romeo@montague.lit/orchard' type='chat'><body>Call me but love, and I'll be new baptized; Henceforth I "
        "never will be Romeo.</body></message></forwarded></result></message>");
    auto res = parseMamResult(archived, kJuliet);
    ASSERT_TRUE(res.ok());
    EXPECT_EQ(pipeline.processArchived(state, *res, o).outcome, im::IncomingOutcome::Duplicate);
    // Without urn:xmpp:sid:0 advertised, the archive id proves nothing: stored again (no origin-id).
    o.trustStanzaIds = false;
    EXPECT_EQ(pipeline.processArchived(state, *res, o).outcome, im::IncomingOutcome::Stored);
}

TEST(Xep0313Mam, OurOwnArchivedMessageIsOutgoingInTheChatWithTo) {
    model::State state;
    im::MessagePipeline pipeline;
    im::IncomingOptions o;
    o.ownBareJid = kJuliet;
    o.nowMs = at("2026-01-01T00:00:00Z");  // stamps after the arrival are not believed
    const xml::Element stanza = parseStanza("<message xmlns='jabber:client'><result xmlns='urn:xmpp:mam:2' queryid='q' id='A7'>"
                                          "<forwarded xmlns='urn:xmpp:forward:0'><delay xmlns='urn:xmpp:delay' "
                                          "stamp='2010-07-10T23:08:25Z'/><message xmlns='jabber:client' type='chat' "
                                          "from='juliet@capulet.lit/balcony' to='romeo@montague.lit'><body>Romeo!</body>"
                                          "<origin-id xmlns='urn:xmpp:sid:0' id='u-1'/></message></forwarded></result></message>");
    auto res = parseMamResult(stanza, kJuliet);
    ASSERT_TRUE(res.ok());
    auto r = pipeline.processArchived(state, *res, o);
    ASSERT_EQ(r.outcome, im::IncomingOutcome::Stored) << r.reason;
    EXPECT_EQ(r.peer, "romeo@montague.lit");
    EXPECT_EQ(r.message.direction, model::Direction::Outgoing);
    EXPECT_EQ(r.message.id, "u-1");
    EXPECT_EQ(r.message.stanzaId, "A7");
    EXPECT_EQ(r.message.timestampMs, at("2010-07-10T23:08:25Z"));
    EXPECT_EQ(state.conversations.at("romeo@montague.lit").unread, 0);
}

}  // namespace
}  // namespace starling::xep
