// Live device lists through a whole logged-in Client: we advertise devicelist+notify behind XEP-0115 caps
// in our presence and answer the server's disco#info for node#ver; a PEP notification of a contact's list
// (XEP-0384 §4.1's example shape) adds its new device at once and announces it; notifications from a full
// JID or a stranger are refused, oversized lists are bounded; our own list without this device makes us
// publish it again.
#include <gtest/gtest.h>

#include "client_test_harness.h"
#include "core/xep/xep0060_pubsub.h"
#include "core/xep/xep0115_caps.h"
#include "core/xep/xep0384_omemo_legacy.h"

namespace starling {
namespace {

class OmemoEvents : public test::LoggedInClientTest {
protected:
    void SetUp() override {
        logIn();
        h->autoAnswerPep = false;
    }
    static std::string event(const std::string& from, const std::string& devices) {
        return R"(<message xmlns="jabber:client" from=")" + from +
               R"(" to="user@localhost" type="headline" id="update_01"><event xmlns="http://jabber.org/protocol/pubsub#event">)"
               R"(<items node="eu.siacs.conversations.axolotl.devicelist"><item id="current">)"
               R"(<list xmlns="eu.siacs.conversations.axolotl">)" + devices + "</list></item></items></event></message>";
    }
    std::vector<std::uint32_t> devicesOf(const std::string& bare) {
        std::vector<std::uint32_t> ids;
        auto it = h->state().omemo.devices.find(bare);
        if (it != h->state().omemo.devices.end())
            for (const auto& dev : it->second) ids.push_back(dev.id);
        return ids;
    }
};

TEST_F(OmemoEvents, PresenceCarriesCapsAndDiscoAnswersTheNode) {
    h->client->setPresence(model::Show::Away, "");
    auto sent = h->takeSent();
    ASSERT_EQ(sent.size(), 1u);
    const xml::Element* c = sent[0].child(ns::kCaps, "c");
    ASSERT_NE(c, nullptr) << xml::serialize(sent[0], ns::kClient);
    EXPECT_EQ(c->attr("hash"), "sha-1");
    EXPECT_EQ(c->attr("node"), xep::kStarlingCapsNode);
    const std::string ver(c->attr("ver"));

    h->feed(R"(<iq xmlns="jabber:client" type="get" from="localhost" id="d1"><query xmlns="http://jabber.org/protocol/disco#info" node=")" +
            std::string(xep::kStarlingCapsNode) + "#" + ver + R"("/></iq>)");
    sent = h->takeSent();
    ASSERT_EQ(sent.size(), 1u);
    ASSERT_EQ(sent[0].attr("type"), "result") << xml::serialize(sent[0], ns::kClient);
    xep::DiscoInfo info = xep::parseDiscoInfo(*sent[0].child(ns::kDiscoInfo, "query"));
    EXPECT_TRUE(info.hasFeature(xep::kOmemoDeviceListNotify));
    EXPECT_TRUE(info.hasFeature(xep::kCapsFeature));
    EXPECT_EQ(xep::capsVer(info), ver) << "the ver must be the hash of what we answer";

    h->feed(R"(<iq xmlns="jabber:client" type="get" from="localhost" id="d2"><query xmlns="http://jabber.org/protocol/disco#info" node="other#x"/></iq>)");
    sent = h->takeSent();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].attr("type"), "error");

    h->client->setPresence(model::Show::Offline, "");
    sent = h->takeSent();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].child(ns::kCaps, "c"), nullptr) << "no caps in unavailable presence";
}

TEST_F(OmemoEvents, ContactsNewDeviceAppearsLiveAndIsAnnounced) {
    h->feed(event("bob@localhost", R"(<device id="12345"/><device id="4223"/>)"));
    EXPECT_EQ(devicesOf("bob@localhost"), (std::vector<std::uint32_t>{12345, 4223}));
    EXPECT_EQ(h->state().notice, "") << "a contact's first devices are no news";
    EXPECT_TRUE(h->takeSent().empty()) << "no fetch needed: the list came with the event";
    // The chat is now encrypted by default; a third device joins later.
    EXPECT_TRUE(h->state().omemo.chatEncrypted.at("bob@localhost"));
    h->feed(event("bob@localhost", R"(<device id="12345"/><device id="4223"/><device id="777"/>)"));
    auto ids = devicesOf("bob@localhost");
    EXPECT_NE(std::find(ids.begin(), ids.end(), 777u), ids.end());
    EXPECT_EQ(h->state().notice, "omemo-new-device") << "a device joining the ones we knew is news";
}

TEST_F(OmemoEvents, RefusesFullJidsStrangersAndBoundsTheList) {
    h->feed(event("bob@localhost/evil", R"(<device id="666"/>)"));
    EXPECT_TRUE(devicesOf("bob@localhost").empty());
    h->feed(event("stranger@localhost", R"(<device id="667"/>)"));
    EXPECT_EQ(h->state().omemo.devices.count("stranger@localhost"), 0u);
    std::string many;
    for (int i = 1; i <= 500; ++i) many += R"(<device id=")" + std::to_string(i) + R"("/>)";
    h->feed(event("bob@localhost", many));
    EXPECT_EQ(devicesOf("bob@localhost").size(), xep::kOmemoMaxDevices);
    // Garbage ids are skipped, never a crash.
    h->feed(event("bob@localhost", R"(<device id="0"/><device id="-5"/><device id="abc"/><device id="4294967295"/><device id="9"/>)"));
    EXPECT_EQ(devicesOf("bob@localhost"), (std::vector<std::uint32_t>{9}));
}

TEST_F(OmemoEvents, OwnListWithoutThisDeviceIsRepublished) {
    const std::uint32_t own = h->state().omemo.ownDeviceId;
    h->feed(event("user@localhost", R"(<device id="31337"/>)"));
    EXPECT_EQ(h->state().notice, "omemo-new-own-device");
    auto sent = h->takeSent();
    ASSERT_EQ(sent.size(), 1u);
    const xml::Element* publish = sent[0].child(ns::kPubsub, "pubsub")->child(ns::kPubsub, "publish");
    ASSERT_NE(publish, nullptr);
    EXPECT_EQ(publish->attr("node"), xep::kOmemoDeviceListNode);
    auto ids = xep::parseOmemoDeviceList(*publish->child(ns::kPubsub, "item")->firstChild());
    EXPECT_EQ(ids, (std::vector<std::uint32_t>{31337, own}));
    // With our device in it, nothing is published.
    h->feed(event("user@localhost", R"(<device id="31337"/><device id=")" + std::to_string(own) + R"("/>)"));
    EXPECT_TRUE(h->takeSent().empty());
    // Our own list may also come without a from (from our account's server).
    h->feed(event("", R"(<device id="31337"/><device id="5"/>)"));
    EXPECT_EQ(h->takeSent().size(), 1u);
}

}  // namespace
}  // namespace starling
