// "Our device is announced" (State::omemo.ownDeviceAnnounced) means what a contact's lookup will find: it
// turns true only when the server acknowledged this session's bundle publish, which goes out right behind
// the device list; a new session starts it over. Tests and the UI wait on it before a new account's first
// message, instead of on the device id (known before anything reached the server).
#include <gtest/gtest.h>

#include "client_test_harness.h"
#include "core/xep/xep0060_pubsub.h"
#include "core/xep/xep0384_omemo_legacy.h"

namespace starling {
namespace {

using test::ClientHarness;

// The pubsub IQ among `sent` that publishes `node` (nullptr when none does).
const xml::Element* publishOf(const std::vector<xml::Element>& sent, const std::string& node) {
    for (const auto& iq : sent) {
        const xml::Element* pubsub = iq.child(ns::kPubsub, "pubsub");
        const xml::Element* publish = pubsub ? pubsub->child(ns::kPubsub, "publish") : nullptr;
        if (publish && publish->attr("node") == node) return &iq;
    }
    return nullptr;
}

std::string resultFor(const xml::Element& iq) {
    return R"(<iq xmlns="jabber:client" type="result" id=")" + std::string(iq.attr("id")) + R"("/>)";
}

TEST(OmemoAnnounce, OwnDeviceIsAnnouncedWhenTheServerAcknowledgedItsBundle) {
    test::TempDir dir;
    ClientHarness h(dir.path);
    h.holdPep = true;
    test::ScramServer server("SCRAM-SHA-256", test::kPassword);
    h.login(server, test::kBobRoster);
    const std::uint32_t own = h.state().omemo.ownDeviceId;
    ASSERT_NE(own, 0u);
    EXPECT_FALSE(h.state().omemo.ownDeviceAnnounced) << "announced before anything was published";

    // Our own list is looked up first; nobody published one yet.
    h.takeSent();
    const xml::Element* listGet = nullptr;
    for (const auto& iq : h.heldPep) {
        const xml::Element* pubsub = iq.child(ns::kPubsub, "pubsub");
        const xml::Element* items = pubsub ? pubsub->child(ns::kPubsub, "items") : nullptr;
        if (iq.attr("type") == "get" && items && items->attr("node") == xep::kOmemoDeviceListNode) listGet = &iq;
    }
    ASSERT_NE(listGet, nullptr) << "own device list not looked up";
    const xml::Element get = *listGet;
    h.heldPep.clear();  // other PEP nodes (bookmarks) stay unanswered: not what this test is about
    h.feed(R"(<iq xmlns="jabber:client" type="error" id=")" + std::string(get.attr("id")) +
           R"("><error type="cancel"><item-not-found xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>)");

    h.takeSent();
    std::vector<xml::Element> sent = std::move(h.heldPep);
    h.heldPep.clear();
    const xml::Element* list = publishOf(sent, xep::kOmemoDeviceListNode);
    const xml::Element* bundle = publishOf(sent, xep::omemoBundleNode(own));
    ASSERT_NE(list, nullptr);
    ASSERT_NE(bundle, nullptr);
    EXPECT_FALSE(h.state().omemo.ownDeviceAnnounced) << "announced while both publishes are unanswered";
    h.feed(resultFor(*list));
    EXPECT_FALSE(h.state().omemo.ownDeviceAnnounced) << "announced before the bundle is on the server";

    // The bundle refused with publish-options, then accepted without: announced.
    h.feed(R"(<iq xmlns="jabber:client" type="error" id=")" + std::string(bundle->attr("id")) +
           R"("><error type="modify"><conflict xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>)");
    EXPECT_FALSE(h.state().omemo.ownDeviceAnnounced);
    h.takeSent();
    sent = std::move(h.heldPep);
    const xml::Element* again = publishOf(sent, xep::omemoBundleNode(own));
    ASSERT_NE(again, nullptr) << "the bundle is not published again without publish-options";
    h.feed(resultFor(*again));
    EXPECT_TRUE(h.state().omemo.ownDeviceAnnounced);
}

}  // namespace
}  // namespace starling
