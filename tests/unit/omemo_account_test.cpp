// OMEMO accounts above libsignal: Alice (two devices) and Bob in one process. Sessions from bundles that
// went through the wire format, messages both ways and to own other devices, pre-key use and supply,
// blind trust and its end at the first verification, a changed identity refused, and the state blob
// surviving a restart in the middle of a conversation.
#include "core/omemo/omemo_account.h"

#include <gtest/gtest.h>

#include "core/crypto/drbg.h"
#include "core/xep/xep0384_omemo_legacy.h"
#include "support/drbg_random.h"

using namespace starling;
using namespace starling::omemo;

namespace {

Bytes text(std::string_view s) { return Bytes(s.begin(), s.end()); }

// The bundle as a peer receives it: serialized and parsed again.
Bundle overTheWire(Account& a) {
    auto b = a.bundle();
    EXPECT_TRUE(b.ok());
    auto parsed = xep::parseOmemoBundle(xep::omemoBundle(*b));
    EXPECT_TRUE(parsed.ok());
    return *parsed;
}

xep::OmemoEncrypted overTheWire(const xep::OmemoEncrypted& e) {
    auto parsed = xep::parseOmemoEncrypted(xep::omemoEncrypted(e));
    EXPECT_TRUE(parsed.ok());
    return *parsed;
}

class OmemoAccounts : public ::testing::Test {
protected:
    void SetUp() override {
        random = test::makeDrbgRandom("accounts");
        alice = make("alice@example.org");
        alice2 = make("alice@example.org");
        bob = make("bob@example.org");
        alice->setDeviceList("bob@example.org", {bob->deviceId()});
        alice->setDeviceList("alice@example.org", {alice->deviceId(), alice2->deviceId()});
    }
    std::unique_ptr<Account> make(const std::string& bare) {
        auto a = Account::create(*random, bare, 1700000000000ULL);
        EXPECT_TRUE(a.ok()) << a.error().message;
        return std::move(*a);
    }
    // Alice sends to everything she knows, building sessions from bundles first.
    xep::OmemoEncrypted aliceSends(std::string_view body) {
        for (const Address& to : alice->recipients("bob@example.org")) {
            if (alice->hasSession(to)) continue;
            Account& owner = to.name == "bob@example.org" ? *bob : *alice2;
            EXPECT_TRUE(alice->buildSession(to, overTheWire(owner)).ok());
        }
        auto e = alice->encrypt(alice->recipients("bob@example.org"), text(body));
        EXPECT_TRUE(e.ok());
        return overTheWire(*e);
    }
    std::unique_ptr<crypto::DrbgRandom> random;
    std::unique_ptr<Account> alice, alice2, bob;
};

}  // namespace

TEST_F(OmemoAccounts, DeviceIdsAndSupply) {
    EXPECT_TRUE(xep::validOmemoDeviceId(alice->deviceId()));
    EXPECT_NE(alice->deviceId(), alice2->deviceId());
    auto b = alice->bundle();
    ASSERT_TRUE(b.ok());
    EXPECT_EQ(b->preKeys.size(), kPreKeySupply);
    const std::string fp = alice->ownFingerprint();
    EXPECT_EQ(fp.size(), 64u + 7u);  // 32 bytes as 8 groups of 8 hex digits
    EXPECT_EQ(fp[8], ' ');
}

TEST_F(OmemoAccounts, ToContactAndOwnOtherDeviceThenReply) {
    const auto recipients = alice->recipients("bob@example.org");
    ASSERT_EQ(recipients.size(), 2u);  // Bob's device and Alice's other device, never this one
    auto first = aliceSends("hello bob");
    ASSERT_EQ(first.keys.size(), 2u);
    EXPECT_TRUE(first.keys[0].preKey);
    EXPECT_EQ(first.iv.size(), 12u);

    EXPECT_FALSE(bob->knowsDeviceList("alice@example.org"));
    auto atBob = bob->decrypt("alice@example.org", first);
    ASSERT_TRUE(atBob.ok()) << atBob.error().message;
    // A device known only from its message is no device list: the client must still fetch it.
    EXPECT_FALSE(bob->knowsDeviceList("alice@example.org"));
    EXPECT_FALSE(bob->encrypts("alice@example.org"));
    EXPECT_EQ(*atBob->body, text("hello bob"));
    EXPECT_TRUE(atBob->usedPreKey);
    EXPECT_EQ(bob->bundle()->preKeys.size(), kPreKeySupply - 1);  // the used one is gone
    auto more = bob->replenishPreKeys();
    ASSERT_TRUE(more.ok() && *more);
    EXPECT_EQ(bob->bundle()->preKeys.size(), kPreKeySupply);

    auto atAlice2 = alice2->decrypt("alice@example.org", first);
    ASSERT_TRUE(atAlice2.ok()) << atAlice2.error().message;
    EXPECT_EQ(*atAlice2->body, text("hello bob"));

    // A replay is refused cleanly.
    EXPECT_EQ(bob->decrypt("alice@example.org", first).error().code, "duplicate-message");

    // Bob answers over the session Alice started (no bundle needed) — a plain SignalMessage.
    bob->setDeviceList("alice@example.org", {alice->deviceId()});
    EXPECT_TRUE(bob->knowsDeviceList("alice@example.org"));
    EXPECT_TRUE(bob->encrypts("alice@example.org"));
    auto reply = bob->encrypt({Address{"alice@example.org", static_cast<std::int32_t>(alice->deviceId())}}, text("hi"));
    ASSERT_TRUE(reply.ok());
    EXPECT_FALSE(reply->keys[0].preKey);
    auto back = alice->decrypt("bob@example.org", overTheWire(*reply));
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(*back->body, text("hi"));
    EXPECT_FALSE(back->usedPreKey);
}

TEST_F(OmemoAccounts, NotForUsAndTamperedPayload) {
    auto msg = aliceSends("x");
    auto stranger = make("carol@example.org");
    EXPECT_EQ(stranger->decrypt("alice@example.org", msg).error().code, "not-for-us");
    (*msg.payload)[0] ^= 1;
    EXPECT_EQ(bob->decrypt("alice@example.org", msg).error().code, "auth-failed");
}

TEST_F(OmemoAccounts, BlindTrustUntilAVerification) {
    auto first = aliceSends("one");
    ASSERT_TRUE(bob->decrypt("alice@example.org", first).ok());
    const Address aliceDev{"alice@example.org", static_cast<std::int32_t>(alice->deviceId())};
    EXPECT_EQ(bob->trust(aliceDev), Trust::Blind);
    EXPECT_EQ(bob->setDeviceList("alice@example.org", {alice->deviceId()}), std::vector<std::uint32_t>{});
    bob->setTrust(aliceDev, Trust::Verified);
    // A new device of a contact with a verified device is not trusted blindly.
    const auto fresh = bob->setDeviceList("alice@example.org", {alice->deviceId(), 777});
    EXPECT_EQ(fresh, std::vector<std::uint32_t>{777});
    EXPECT_EQ(bob->trust(Address{"alice@example.org", 777}), Trust::Untrusted);
    for (const Address& a : bob->recipients("alice@example.org")) EXPECT_NE(a.deviceId, 777);
}

TEST_F(OmemoAccounts, ChangedIdentityIsRefused) {
    auto first = aliceSends("one");
    ASSERT_TRUE(bob->decrypt("alice@example.org", first).ok());
    // Someone republishes Bob's device id with other keys.
    auto impostor = make("bob@example.org");
    const Address bobDev{"bob@example.org", static_cast<std::int32_t>(bob->deviceId())};
    auto built = alice->buildSession(bobDev, overTheWire(*impostor));
    ASSERT_FALSE(built.ok());
    EXPECT_EQ(built.error().code, "identity-changed");
}

TEST_F(OmemoAccounts, PerChatSwitch) {
    EXPECT_TRUE(alice->encrypts("bob@example.org"));  // default: on when the contact has devices
    EXPECT_FALSE(alice->encrypts("nobody@example.org"));
    alice->setChatEncryption("bob@example.org", ChatEncryption::Off);
    EXPECT_FALSE(alice->encrypts("bob@example.org"));
    alice->setChatEncryption("nobody@example.org", ChatEncryption::On);
    EXPECT_TRUE(alice->encrypts("nobody@example.org"));
}

TEST_F(OmemoAccounts, BlobSurvivesARestartMidConversation) {
    auto first = aliceSends("before restart");
    ASSERT_TRUE(bob->decrypt("alice@example.org", first).ok());
    alice->setChatEncryption("carol@example.org", ChatEncryption::Off);
    const Bytes blob = alice->encode();
    auto restored = Account::decode(*random, blob);
    ASSERT_TRUE(restored.ok()) << restored.error().message;
    alice = std::move(*restored);
    EXPECT_EQ(alice->encode(), blob);
    EXPECT_EQ(alice->chatEncryption("carol@example.org"), ChatEncryption::Off);
    auto second = aliceSends("after restart");
    auto got = bob->decrypt("alice@example.org", second);
    ASSERT_TRUE(got.ok()) << got.error().message;
    EXPECT_EQ(*got->body, text("after restart"));
    for (std::size_t cut : {std::size_t(0), std::size_t(3), blob.size() / 2, blob.size() - 1}) {
        auto broken = Account::decode(*random, Bytes(blob.begin(), blob.begin() + static_cast<std::ptrdiff_t>(cut)));
        ASSERT_FALSE(broken.ok());
        EXPECT_EQ(broken.error().code, "bad-omemo-store");
    }
}

// Two senders took the same pre-key from a bundle fetched before Bob republished it without that key
// (XEP-0384's race, seen live: Alice's other device had used it a moment earlier). Both must get
// through; the used key never goes back into the bundle, survives a restart, and is wiped once its
// grace time has passed.
TEST_F(OmemoAccounts, TwoSendersOfOneStaleBundleBothGetThroughUntilTheGraceEnds) {
    Bundle stale = overTheWire(*bob);
    stale.preKeys.resize(1);  // both senders draw the same pre-key
    const std::uint32_t used = stale.preKeys[0].id;
    const Address toBob{"bob@example.org", static_cast<std::int32_t>(bob->deviceId())};
    auto sendWith = [&](Account& sender, std::string_view body) {
        EXPECT_TRUE(sender.buildSession(toBob, stale).ok());
        auto e = sender.encrypt({toBob}, text(body));
        EXPECT_TRUE(e.ok());
        return overTheWire(*e);
    };
    const std::uint64_t t0 = 1700000000000ULL;

    auto first = bob->decrypt("alice@example.org", sendWith(*alice, "first"));
    ASSERT_TRUE(first.ok()) << first.error().message;
    EXPECT_TRUE(first->usedPreKey);
    bob->stampUsedPreKeys(t0);
    ASSERT_TRUE(bob->replenishPreKeys().ok());
    for (const auto& k : bob->bundle()->preKeys) EXPECT_NE(k.id, used) << "a used pre-key is published again";
    EXPECT_EQ(bob->bundle()->preKeys.size(), kPreKeySupply);
    EXPECT_EQ(bob->usedPreKeysKept(), 1u);

    // The restart in between: the used key is in the blob.
    auto restored = Account::decode(*random, bob->encode());
    ASSERT_TRUE(restored.ok()) << restored.error().message;
    bob = std::move(*restored);
    EXPECT_EQ(bob->usedPreKeysKept(), 1u);

    auto carol = make("carol@example.org");
    auto second = bob->decrypt("carol@example.org", sendWith(*carol, "second"));
    ASSERT_TRUE(second.ok()) << second.error().message;
    EXPECT_EQ(*second->body, text("second"));

    EXPECT_FALSE(bob->forgetUsedPreKeys(t0 + kUsedPreKeyGraceMs - 1));
    EXPECT_TRUE(bob->forgetUsedPreKeys(t0 + kUsedPreKeyGraceMs + 1));
    EXPECT_EQ(bob->usedPreKeysKept(), 0u);
    auto dave = make("dave@example.org");
    auto third = bob->decrypt("dave@example.org", sendWith(*dave, "third"));
    ASSERT_FALSE(third.ok());
    EXPECT_EQ(third.error().code, "invalid-key-id");
}

// However many key exchanges arrive, only kUsedPreKeysKept used pre-keys stay.
TEST_F(OmemoAccounts, UsedPreKeysKeptAreBounded) {
    const Address toBob{"bob@example.org", static_cast<std::int32_t>(bob->deviceId())};
    std::uint64_t now = 1700000000000ULL;
    for (std::size_t i = 0; i < kUsedPreKeysKept + 5; ++i) {  // Alice starts over and over again
        ASSERT_TRUE(alice->buildSession(toBob, overTheWire(*bob)).ok());
        auto e = alice->encrypt({toBob}, text("x"));
        ASSERT_TRUE(e.ok());
        ASSERT_TRUE(bob->decrypt("alice@example.org", overTheWire(*e)).ok());
        bob->stampUsedPreKeys(++now);
        ASSERT_TRUE(bob->replenishPreKeys().ok());
    }
    EXPECT_EQ(bob->usedPreKeysKept(), kUsedPreKeysKept);
}
