#include "core/xep/xep0156_discovery.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace starling::xep {
namespace {

using Urls = std::vector<std::string>;

// XEP-0156 "Result for /.well-known/host-meta", verbatim (its "..." placeholders are plain text).
const char* kXepXrd = R"(<?xml version='1.0' encoding='utf-8'?>
<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'>
  ...
  <Link rel="urn:xmpp:alt-connections:xbosh"
        href="https://web.example.com:5280/bosh" />
  <Link rel="urn:xmpp:alt-connections:websocket"
        href="wss://web.example.com:443/ws" />
  ...
</XRD>
)";

// XEP-0156 "Result for /.well-known/host-meta.json" without its "..." placeholders (not JSON).
const char* kXepJrd = R"({
  "links": [
    {
      "rel": "urn:xmpp:alt-connections:xbosh",
      "href": "https://web.example.com:5280/bosh"
    },
    {
      "rel": "urn:xmpp:alt-connections:websocket",
      "href": "wss://web.example.com:443/ws"
    }
  ]
}
)";

TEST(Xep0156, HostMetaUrls) {
    auto urls = hostMetaUrls("Example.COM.");
    ASSERT_TRUE(urls.ok());
    EXPECT_EQ(urls->xml, "https://example.com/.well-known/host-meta");
    EXPECT_EQ(urls->json, "https://example.com/.well-known/host-meta.json");
    EXPECT_EQ(hostMetaUrls("[::1]")->xml, "https://[::1]/.well-known/host-meta");
    EXPECT_FALSE(hostMetaUrls("").ok());
    EXPECT_FALSE(hostMetaUrls("evil.com/path?").ok());
    EXPECT_FALSE(hostMetaUrls("user@example.com").ok());
    EXPECT_EQ(hostMetaUrls("a b").error().code, "bad-domain");
}

TEST(Xep0156, XepXmlExample) {
    auto r = parseHostMetaXml(kXepXrd);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(*r, Urls{"wss://web.example.com:443/ws"});
}

TEST(Xep0156, XepJsonExample) {
    auto r = parseHostMetaJson(kXepJrd);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(*r, Urls{"wss://web.example.com:443/ws"});
}

TEST(Xep0156, PrefersSecureAndDropsOtherSchemesAndDuplicates) {
    const char* xrd =
        "<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'>"
        "<Link rel='urn:xmpp:alt-connections:websocket' href='ws://plain.example/ws'/>"
        "<Link rel='urn:xmpp:alt-connections:websocket' href='https://not-a-socket.example/ws'/>"
        "<Link rel='urn:xmpp:alt-connections:websocket' href=' wss://a.example/xmpp-websocket '/>"
        "<Link rel='urn:xmpp:alt-connections:websocket' href='WSS://b.example/ws'/>"
        "<Link rel='urn:xmpp:alt-connections:websocket' href='wss://a.example/xmpp-websocket'/>"
        "<Link rel='urn:xmpp:alt-connections:websocket' href='wss:///nohost'/>"
        "<Link rel='urn:xmpp:alt-connections:websocket' href='wss://sp ace.example/'/>"
        "<Link rel='urn:xmpp:alt-connections:httppoll' href='wss://wrong-rel.example/'/>"
        "<Link xmlns='urn:other' rel='urn:xmpp:alt-connections:websocket' href='wss://wrong-ns.example/'/>"
        "</XRD>";
    auto r = parseHostMetaXml(xrd);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(*r, (Urls{"wss://a.example/xmpp-websocket", "WSS://b.example/ws", "ws://plain.example/ws"}));

    const char* jrd = R"({"subject":"x","links":[
        {"rel":"urn:xmpp:alt-connections:websocket","href":"ws://plain.example/ws"},
        {"rel":"urn:xmpp:alt-connections:websocket","href":42},
        {"rel":"urn:xmpp:alt-connections:websocket"},
        "not an object",
        {"rel":"urn:xmpp:alt-connections:websocket","href":"wss://secure.example/ws"}]})";
    auto j = parseHostMetaJson(jrd);
    ASSERT_TRUE(j.ok()) << j.error().message;
    EXPECT_EQ(*j, (Urls{"wss://secure.example/ws", "ws://plain.example/ws"}));
}

TEST(Xep0156, NoWebSocketLink) {
    const char* boshOnly =
        "<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'>"
        "<Link rel='urn:xmpp:alt-connections:xbosh' href='https://web.example.com/bosh'/></XRD>";
    EXPECT_EQ(parseHostMetaXml(boshOnly).error().code, "no-websocket");
    EXPECT_EQ(parseHostMetaJson(R"({"links":[]})").error().code, "no-websocket");
    EXPECT_EQ(parseHostMetaJson(R"({})").error().code, "no-websocket");
}

TEST(Xep0156, MalformedDocuments) {
    EXPECT_EQ(parseHostMetaXml("").error().code, "bad-host-meta");
    EXPECT_EQ(parseHostMetaXml("<html><body>404</body>").error().code, "bad-host-meta");
    EXPECT_EQ(parseHostMetaXml("<XRD><Link/></XRD>").error().code, "bad-host-meta");  // no XRD namespace
    EXPECT_EQ(parseHostMetaXml("<!DOCTYPE XRD><XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'/>")
                  .error()
                  .code,
              "bad-host-meta");
    EXPECT_EQ(parseHostMetaJson("<XRD/>").error().code, "bad-host-meta");
    EXPECT_EQ(parseHostMetaJson("[]").error().code, "bad-host-meta");
    EXPECT_EQ(parseHostMetaJson(R"({"links":[},)").error().code, "bad-host-meta");
}

}  // namespace
}  // namespace starling::xep
