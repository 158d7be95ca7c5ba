// Messages from devices the person does not trust are marked: through a whole logged-in Client, Bob's
// device starts a session from our published bundle; its messages read normally while trusted, carry
// "untrusted <device>" once the person distrusts it, and a message under Bob's device id with another
// identity key (an impostor) is refused and marked "identity-changed <device>". The mark survives the
// history record (encode/decode).
#include <gtest/gtest.h>

#include "client_test_harness.h"
#include "core/omemo/omemo_account.h"
#include "core/storage/formats.h"
#include "core/xep/xep0060_pubsub.h"
#include "core/xep/xep0384_omemo_legacy.h"

namespace starling {
namespace {

class OmemoTrustMark : public test::LoggedInClientTest {
protected:
    void SetUp() override {
        logIn();
        for (const auto& iq : h->pepRequests) {
            const xml::Element* pubsub = iq.child(ns::kPubsub, "pubsub");
            const xml::Element* publish = pubsub ? pubsub->child(ns::kPubsub, "publish") : nullptr;
            if (!publish || publish->attr("node") != xep::omemoBundleNode(h->state().omemo.ownDeviceId)) continue;
            auto parsed = xep::parseOmemoBundle(*publish->child(ns::kPubsub, "item")->firstChild());
            ASSERT_TRUE(parsed.ok());
            ours = *parsed;
        }
        ASSERT_FALSE(ours.preKeys.empty());
        us = omemo::Address{"user@localhost", static_cast<std::int32_t>(h->state().omemo.ownDeviceId)};
    }
    std::unique_ptr<omemo::Account> account(std::uint64_t seed) {
        randoms.push_back(std::make_unique<test::FakeRandom>(seed));
        auto a = omemo::Account::create(*randoms.back(), "bob@localhost", 1700000000000ULL);
        EXPECT_TRUE(a.ok());
        return a.ok() ? std::move(*a) : nullptr;
    }
    void send(omemo::Account& from, const std::string& text, const std::string& id, std::uint32_t sid = 0) {
        if (!from.hasSession(us)) {
            ASSERT_TRUE(from.buildSession(us, ours).ok());
        }
        auto e = from.encrypt({us}, omemo::Bytes(text.begin(), text.end()));
        ASSERT_TRUE(e.ok());
        if (sid) e->sid = sid;
        xml::Element in(ns::kClient, "message");
        in.setAttr("from", "bob@localhost/phone").setAttr("type", "chat").setAttr("id", id);
        in.addText(ns::kClient, "body", "fallback");
        in.add(xep::omemoEncrypted(*e));
        h->feed(xml::serialize(in));
    }
    const model::Message& last() { return h->state().conversations.at("bob@localhost").messages.back(); }

    std::vector<std::unique_ptr<test::FakeRandom>> randoms;
    omemo::Bundle ours;
    omemo::Address us;
};

TEST_F(OmemoTrustMark, DistrustedDeviceAndChangedIdentityAreMarked) {
    auto bob = account(101);
    send(*bob, "trusted hello", "m1");
    EXPECT_EQ(last().body, "trusted hello");
    EXPECT_TRUE(last().omemoWarning.empty()) << last().omemoWarning;

    h->client->setDeviceTrust("bob@localhost", bob->deviceId(), false);
    send(*bob, "after distrust", "m2");
    EXPECT_EQ(last().body, "after distrust") << "still readable";
    EXPECT_TRUE(last().encrypted);
    EXPECT_EQ(last().omemoWarning, "untrusted " + std::to_string(bob->deviceId()));

    h->client->setDeviceTrust("bob@localhost", bob->deviceId(), true);  // verified again
    send(*bob, "verified again", "m3");
    EXPECT_TRUE(last().omemoWarning.empty());

    // An impostor speaks under Bob's device id with another identity key.
    auto impostor = account(202);
    send(*impostor, "i am bob", "m4", bob->deviceId());
    EXPECT_TRUE(last().body.empty()) << "never accepted";
    EXPECT_EQ(last().omemoWarning, "identity-changed " + std::to_string(bob->deviceId()));
    EXPECT_EQ(last().error, "omemo-undecryptable " + std::to_string(bob->deviceId()));
    EXPECT_EQ(h->state().notice, "omemo-identity-changed");

    // The marks are in the history records.
    auto history = storage::decodeHistory(storage::encodeMessageRecord(h->state().conversations.at("bob@localhost").messages[1]) +
                                          storage::encodeMessageRecord(last()));
    ASSERT_EQ(history.messages.size(), 2u);
    EXPECT_EQ(history.messages[0].omemoWarning, "untrusted " + std::to_string(bob->deviceId()));
    EXPECT_EQ(history.messages[1].omemoWarning, "identity-changed " + std::to_string(bob->deviceId()));
    EXPECT_EQ(history.messages[0].body, "after distrust");
}

TEST(OmemoTrustMarkRecord, AbsentMarkStaysAbsent) {
    model::Message m;
    m.id = "x";
    m.body = "hi";
    const std::string record = storage::encodeMessageRecord(m);
    EXPECT_EQ(record.find("\"ow\""), std::string::npos) << "no field when there is no warning";
    auto h = storage::decodeHistory(record);
    ASSERT_EQ(h.messages.size(), 1u);
    EXPECT_TRUE(h.messages[0].omemoWarning.empty());
}

}  // namespace
}  // namespace starling
