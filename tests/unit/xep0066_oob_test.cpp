// XEP-0066 Out of Band Data as a message payload (example 5), and what makes a received message a shared
// file: a body that is exactly its OOB URL (as Conversations sends an upload), or — inside OMEMO only —
// an XEP-0454 aesgcm:// link. Anything else stays text.
#include "core/xep/xep0066_oob.h"

#include <gtest/gtest.h>

#include "core/modules/xep0066_oob_module.h"
#include "core/xml/ns.h"
#include "xep_fixture.h"

namespace starling {
namespace {

using test::fixture;
using test::parseStanza;

constexpr const char* kLink =
    "aesgcm://upload.example/a/cat.jpg#8c3d050e9386ec173861778f68e9af38a97aaf82faa4063b4d0878a61261534410c8a84331eaac851759f587";

TEST(Xep0066Oob, ReadsAndWritesExample5) {
    const xml::Element example = fixture("xep0066/05.xml");
    auto oob = xep::oobOf(example);
    ASSERT_TRUE(oob);
    EXPECT_EQ(oob->url, "http://www.jabber.org/images/psa-license.jpg");
    EXPECT_TRUE(xml::equivalent(xep::oobElement(*oob), *example.child(ns::kOob, "x")));
}

TEST(Xep0066Oob, Example5IsNotAFileItsBodyIsText) {
    const xml::Element example = fixture("xep0066/05.xml");
    EXPECT_FALSE(modules::sharedFileOf(example, example.childText(ns::kClient, "body"), false));
}

TEST(Xep0066Oob, BodyEqualToOobUrlIsAFile) {
    const auto m = parseStanza(
        R"(<message type="chat"><body>https://up.example/x/t%C3%A8st%20cat.png</body><x xmlns="jabber:x:oob"><url>https://up.example/x/t%C3%A8st%20cat.png</url></x></message>)");
    auto a = modules::sharedFileOf(m, "https://up.example/x/t%C3%A8st%20cat.png", false);
    ASSERT_TRUE(a);
    EXPECT_EQ(a->url, "https://up.example/x/t%C3%A8st%20cat.png");
    EXPECT_EQ(a->name, "tèst cat.png");
    EXPECT_FALSE(a->encrypted);
    // no OOB, or another URL in it, or not http(s): text
    EXPECT_FALSE(modules::sharedFileOf(parseStanza(R"(<message><body>https://up.example/x.png</body></message>)"),
                                       "https://up.example/x.png", false));
    const auto js = parseStanza(R"(<message><x xmlns="jabber:x:oob"><url>javascript:alert(1)</url></x></message>)");
    EXPECT_FALSE(modules::sharedFileOf(js, "javascript:alert(1)", false));
}

TEST(Xep0066Oob, AesGcmLinkIsAFileOnlyInsideOmemo) {
    const auto m = parseStanza(R"(<message type="chat"/>)");
    EXPECT_FALSE(modules::sharedFileOf(m, kLink, false));
    auto a = modules::sharedFileOf(m, kLink, true);
    ASSERT_TRUE(a);
    EXPECT_TRUE(a->encrypted);
    EXPECT_EQ(a->url, kLink);
    EXPECT_EQ(a->name, "cat.jpg");
    EXPECT_FALSE(modules::sharedFileOf(m, std::string("my key: ") + kLink, true));
}

}  // namespace
}  // namespace starling
