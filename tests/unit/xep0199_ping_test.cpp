#include "core/xep/xep0199_ping.h"

#include <gtest/gtest.h>

#include "core/xml/ns.h"
#include "core/xml/parser.h"

namespace starling::xep {
namespace {

xml::Element parse(std::string_view text) {
    auto r = xml::parseFrame(text, {}, ns::kClient);
    EXPECT_TRUE(r.ok()) << text;
    return r.ok() ? *r : xml::Element();
}

TEST(Xep0199, AnswersServerToClientPing) {
    // XEP-0199 Example 1 and 2.
    auto ping = parse("<iq from='capulet.lit' to='juliet@capulet.lit/balcony' id='s2c1' type='get'>"
                      "<ping xmlns='urn:xmpp:ping'/></iq>");
    ASSERT_TRUE(isPingRequest(ping));
    EXPECT_TRUE(xml::equivalent(pingResult(ping), parse("<iq to='capulet.lit' id='s2c1' type='result'/>")));
    EXPECT_FALSE(isPingRequest(parse("<iq id='x' type='result'><ping xmlns='urn:xmpp:ping'/></iq>")));
    EXPECT_TRUE(xml::equivalent(pingRequest("capulet.lit"),
                                parse("<iq to='capulet.lit' type='get'><ping xmlns='urn:xmpp:ping'/></iq>")));
}

}  // namespace
}  // namespace starling::xep
