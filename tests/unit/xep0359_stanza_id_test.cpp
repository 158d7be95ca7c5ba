#include "core/xep/xep0359_stanza_id.h"

#include <gtest/gtest.h>

#include "core/xml/ns.h"
#include "xep_fixture.h"

namespace starling::xep {
namespace {

using test::parseStanza;

TEST(Xep0359, TrustsOnlyOwnArchiveStanzaId) {
    // XEP-0359 Example 1 (with a second, foreign stanza-id in front).
    auto m = parseStanza("<message xmlns='jabber:client' to='juliet@capulet.lit/balcony' from='romeo@montague.lit/orchard'>"
                         "<body>Hi</body>"
                         "<stanza-id xmlns='urn:xmpp:sid:0' id='forged' by='romeo@montague.lit'/>"
                         "<stanza-id xmlns='urn:xmpp:sid:0' id='5f3dbc5e-e1d3-4077-a492-693f3769c7ad' by='juliet@capulet.lit'/>"
                         "<origin-id xmlns='urn:xmpp:sid:0' id='de305d54-75b4-431b-adb2-eb6b9e546013'/></message>");
    StanzaIds ids = parseStanzaIds(m, "juliet@capulet.lit");
    EXPECT_EQ(ids.stanzaId, "5f3dbc5e-e1d3-4077-a492-693f3769c7ad");
    EXPECT_EQ(ids.originId, "de305d54-75b4-431b-adb2-eb6b9e546013");
    EXPECT_TRUE(parseStanzaIds(m, "someone@else.lit").stanzaId.empty());
    EXPECT_TRUE(parseStanzaIds(parseStanza("<message><body>x</body></message>"), "a@b").originId.empty());
}

TEST(Xep0359, AddsOriginIdOnce) {
    xml::Element m(ns::kClient, "message");
    addOriginId(m, "one");
    addOriginId(m, "two");
    auto list = m.childrenNamed(ns::kStanzaId, "origin-id");
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0]->attr("id"), "two");
}

}  // namespace
}  // namespace starling::xep
