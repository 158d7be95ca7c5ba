#include "core/xep/xep0199_ping.h"

#include <gtest/gtest.h>

#include "xep_fixture.h"

namespace starling::xep {
namespace {

using test::parseStanza;

TEST(Xep0199, AnswersServerToClientPing) {
    // XEP-0199 Example 1 and 2.
    auto ping = parseStanza("<iq from='capulet.lit' to='juliet@capulet.lit/balcony' id='s2c1' type='get'>"
                            "<ping xmlns='urn:xmpp:ping'/></iq>");
    ASSERT_TRUE(isPingRequest(ping));
    EXPECT_TRUE(xml::equivalent(pingResult(ping), parseStanza("<iq to='capulet.lit' id='s2c1' type='result'/>")));
    EXPECT_FALSE(isPingRequest(parseStanza("<iq id='x' type='result'><ping xmlns='urn:xmpp:ping'/></iq>")));
    EXPECT_TRUE(xml::equivalent(pingRequest("capulet.lit"),
                                parseStanza("<iq to='capulet.lit' type='get'><ping xmlns='urn:xmpp:ping'/></iq>")));
}

}  // namespace
}  // namespace starling::xep
