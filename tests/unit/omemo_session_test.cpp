// Alice and Bob in one process: a libsignal session built from Bob's bundle with our mbedTLS crypto
// provider, messages both ways, out-of-order delivery, replay rejection. (Dino's session_builder test.)
#include "core/omemo/local_device.h"

#include <gtest/gtest.h>

#include <string>

#include "core/crypto/drbg.h"
#include "support/drbg_random.h"

using namespace starling;
using namespace starling::omemo;

namespace {

Bytes text(std::string_view s) { return Bytes(s.begin(), s.end()); }

class OmemoSession : public ::testing::Test {
protected:
    void SetUp() override {
        aliceRandom = test::makeDrbgRandom("alice");
        bobRandom = test::makeDrbgRandom("bob");
        auto a = LocalDevice::create(*aliceRandom, std::make_unique<MemoryStore>());
        auto b = LocalDevice::create(*bobRandom, std::make_unique<MemoryStore>());
        ASSERT_TRUE(a.ok()) << a.error().message;
        ASSERT_TRUE(b.ok()) << b.error().message;
        alice = std::move(a.value());
        bob = std::move(b.value());
        ASSERT_TRUE(bob->generatePreKeys(1, 5).ok());
        ASSERT_TRUE(bob->generateSignedPreKey(7, 1700000000000ULL).ok());
    }

    // Alice builds a session from Bob's published bundle, using its third pre-key.
    void aliceBuildsSession() {
        auto bundle = bob->bundle(7);
        ASSERT_TRUE(bundle.ok()) << bundle.error().message;
        ASSERT_EQ(bundle->preKeys.size(), 5u);
        usedPreKey = bundle->preKeys[2].id;
        auto built = alice->buildSession(kBob, *bundle, bundle->preKeys[2]);
        ASSERT_TRUE(built.ok()) << built.error().message;
    }

    Bytes roundTrip(LocalDevice& from, const Address& to, LocalDevice& receiver, const Address& sender,
                    std::string_view message) {
        auto enc = from.encrypt(to, text(message));
        EXPECT_TRUE(enc.ok());
        if (!enc.ok()) return {};
        auto dec = receiver.decrypt(sender, *enc);
        EXPECT_TRUE(dec.ok()) << dec.error().message;
        return dec.ok() ? *dec : Bytes{};
    }

    const Address kAlice{"alice@example.org", 1111};
    const Address kBob{"bob@example.org", 2222};
    std::unique_ptr<crypto::DrbgRandom> aliceRandom, bobRandom;
    std::unique_ptr<LocalDevice> alice, bob;
    std::uint32_t usedPreKey = 0;
};

TEST_F(OmemoSession, BundleHasSerializedKeysAndAValidSignatureShape) {
    auto bundle = bob->bundle(7);
    ASSERT_TRUE(bundle.ok());
    EXPECT_EQ(bundle->identityKey.size(), 33u);
    EXPECT_EQ(bundle->identityKey[0], 0x05);  // DJB key type
    EXPECT_EQ(bundle->signedPreKeyPublic.size(), 33u);
    EXPECT_EQ(bundle->signedPreKeySignature.size(), 64u);
    EXPECT_EQ(bundle->identityKey, bob->identityKey());
    EXPECT_NE(bob->identityKey(), alice->identityKey());
    EXPECT_FALSE(bob->bundle(99).ok());  // no such signed pre-key
}

TEST_F(OmemoSession, FirstMessageIsPreKeyThenBothWays) {
    aliceBuildsSession();
    EXPECT_TRUE(alice->hasSession(kBob));
    EXPECT_FALSE(bob->hasSession(kAlice));

    auto first = alice->encrypt(kBob, text("hello bob"));
    ASSERT_TRUE(first.ok());
    EXPECT_TRUE(first->isPreKey);
    auto plain = bob->decrypt(kAlice, *first);
    ASSERT_TRUE(plain.ok()) << plain.error().message;
    EXPECT_EQ(*plain, text("hello bob"));
    EXPECT_TRUE(bob->hasSession(kAlice));
    // The one-time pre-key is consumed.
    EXPECT_EQ(bob->store().preKeys.count(usedPreKey), 0u);
    EXPECT_EQ(bob->store().preKeys.size(), 4u);

    auto reply = bob->encrypt(kAlice, text("hi alice"));
    ASSERT_TRUE(reply.ok());
    EXPECT_FALSE(reply->isPreKey);
    auto replyPlain = alice->decrypt(kBob, *reply);
    ASSERT_TRUE(replyPlain.ok()) << replyPlain.error().message;
    EXPECT_EQ(*replyPlain, text("hi alice"));

    // Once Alice has heard back, her messages are ordinary SignalMessages.
    auto second = alice->encrypt(kBob, text("second"));
    ASSERT_TRUE(second.ok());
    EXPECT_FALSE(second->isPreKey);
    EXPECT_EQ(bob->decrypt(kAlice, *second).value(), text("second"));

    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(roundTrip(*alice, kBob, *bob, kAlice, "ping " + std::to_string(i)), text("ping " + std::to_string(i)));
        EXPECT_EQ(roundTrip(*bob, kAlice, *alice, kBob, "pong " + std::to_string(i)), text("pong " + std::to_string(i)));
    }
}

TEST_F(OmemoSession, CiphertextDiffersFromPlaintextAndBetweenMessages) {
    aliceBuildsSession();
    auto a = alice->encrypt(kBob, text("same text"));
    auto b = alice->encrypt(kBob, text("same text"));
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_NE(a->data, b->data);
    const std::string wire(a->data.begin(), a->data.end());
    EXPECT_EQ(wire.find("same text"), std::string::npos);
}

TEST_F(OmemoSession, OutOfOrderDelivery) {
    aliceBuildsSession();
    // Establish the session both ways so the following are SignalMessages.
    ASSERT_EQ(roundTrip(*alice, kBob, *bob, kAlice, "setup"), text("setup"));
    ASSERT_EQ(roundTrip(*bob, kAlice, *alice, kBob, "ack"), text("ack"));

    std::vector<EncryptedKey> sent;
    for (int i = 0; i < 4; ++i) {
        auto e = alice->encrypt(kBob, text("m" + std::to_string(i)));
        ASSERT_TRUE(e.ok());
        EXPECT_FALSE(e->isPreKey);
        sent.push_back(*e);
    }
    for (int i : {3, 0, 2, 1}) {
        auto d = bob->decrypt(kAlice, sent[i]);
        ASSERT_TRUE(d.ok()) << "message " << i << ": " << d.error().message;
        EXPECT_EQ(*d, text("m" + std::to_string(i)));
    }
}

TEST_F(OmemoSession, OutOfOrderPreKeyMessages) {
    aliceBuildsSession();
    auto m0 = alice->encrypt(kBob, text("zero"));
    auto m1 = alice->encrypt(kBob, text("one"));
    ASSERT_TRUE(m0.ok() && m1.ok());
    EXPECT_TRUE(m0->isPreKey && m1->isPreKey);
    EXPECT_EQ(bob->decrypt(kAlice, *m1).value(), text("one"));
    EXPECT_EQ(bob->decrypt(kAlice, *m0).value(), text("zero"));
}

TEST_F(OmemoSession, ReplayIsRejectedAndSessionSurvives) {
    aliceBuildsSession();
    auto first = alice->encrypt(kBob, text("once"));
    ASSERT_TRUE(first.ok());
    ASSERT_TRUE(bob->decrypt(kAlice, *first).ok());
    auto replayedPreKey = bob->decrypt(kAlice, *first);
    ASSERT_FALSE(replayedPreKey.ok());
    EXPECT_EQ(replayedPreKey.error().code, "duplicate-message");

    ASSERT_EQ(roundTrip(*bob, kAlice, *alice, kBob, "ack"), text("ack"));
    auto msg = alice->encrypt(kBob, text("only once"));
    ASSERT_TRUE(msg.ok());
    ASSERT_TRUE(bob->decrypt(kAlice, *msg).ok());
    auto replay = bob->decrypt(kAlice, *msg);
    ASSERT_FALSE(replay.ok());
    EXPECT_EQ(replay.error().code, "duplicate-message");

    // The failed decryptions changed nothing: the session still works both ways.
    EXPECT_EQ(roundTrip(*alice, kBob, *bob, kAlice, "still here"), text("still here"));
    EXPECT_EQ(roundTrip(*bob, kAlice, *alice, kBob, "me too"), text("me too"));
}

TEST_F(OmemoSession, TamperedMessageFailsCleanly) {
    aliceBuildsSession();
    ASSERT_EQ(roundTrip(*alice, kBob, *bob, kAlice, "setup"), text("setup"));
    ASSERT_EQ(roundTrip(*bob, kAlice, *alice, kBob, "ack"), text("ack"));
    auto msg = alice->encrypt(kBob, text("integrity"));
    ASSERT_TRUE(msg.ok());
    EncryptedKey tampered = *msg;
    tampered.data[tampered.data.size() - 12] ^= 0x01;  // inside the body/MAC
    EXPECT_FALSE(bob->decrypt(kAlice, tampered).ok());
    EXPECT_EQ(bob->decrypt(kAlice, *msg).value(), text("integrity"));
}

TEST_F(OmemoSession, TamperedPreKeyMessageCreatesNothing) {
    aliceBuildsSession();
    auto first = alice->encrypt(kBob, text("first contact"));
    ASSERT_TRUE(first.ok());
    EncryptedKey tampered = *first;
    tampered.data[tampered.data.size() - 3] ^= 0x80;  // inside the MAC of the embedded message
    EXPECT_FALSE(bob->decrypt(kAlice, tampered).ok());
    EXPECT_FALSE(bob->hasSession(kAlice));
    EXPECT_EQ(bob->store().preKeys.count(usedPreKey), 1u);  // not consumed by a forgery
    EXPECT_EQ(bob->decrypt(kAlice, *first).value(), text("first contact"));
}

TEST_F(OmemoSession, RandomMutationsNeverDecryptAndNeverBreakTheSession) {
    aliceBuildsSession();
    ASSERT_EQ(roundTrip(*alice, kBob, *bob, kAlice, "setup"), text("setup"));
    ASSERT_EQ(roundTrip(*bob, kAlice, *alice, kBob, "ack"), text("ack"));
    auto msg = alice->encrypt(kBob, text("target"));
    ASSERT_TRUE(msg.ok());
    std::uint32_t state = 12345;  // fixed xorshift: reproducible
    auto next = [&state] {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        return state;
    };
    for (int i = 0; i < 300; ++i) {
        EncryptedKey m = *msg;
        const int flips = 1 + static_cast<int>(next() % 3);
        for (int f = 0; f < flips; ++f) m.data[next() % m.data.size()] ^= static_cast<std::uint8_t>(1u << (next() % 8));
        if (next() % 4 == 0) m.data.resize(next() % m.data.size());  // truncation too
        if (m.data == msg->data) continue;
        EXPECT_FALSE(bob->decrypt(kAlice, m).ok()) << "mutation " << i;
    }
    EXPECT_EQ(bob->decrypt(kAlice, *msg).value(), text("target"));
    EXPECT_EQ(roundTrip(*bob, kAlice, *alice, kBob, "still fine"), text("still fine"));
}

TEST_F(OmemoSession, NoSessionAndGarbageAreErrors) {
    auto enc = alice->encrypt(kBob, text("x"));
    ASSERT_FALSE(enc.ok());
    EXPECT_EQ(enc.error().code, "no-session");
    EXPECT_FALSE(bob->decrypt(kAlice, EncryptedKey{text("not a message"), false}).ok());
    EXPECT_FALSE(bob->decrypt(kAlice, EncryptedKey{text("not a message"), true}).ok());
}

TEST_F(OmemoSession, ForgedBundleSignatureIsRejected) {
    auto bundle = bob->bundle(7);
    ASSERT_TRUE(bundle.ok());
    bundle->signedPreKeySignature[10] ^= 0x40;
    auto built = alice->buildSession(kBob, *bundle, bundle->preKeys[0]);
    EXPECT_FALSE(built.ok());
    EXPECT_FALSE(alice->hasSession(kBob));
}

TEST_F(OmemoSession, ChangedIdentityIsUntrustedUnderTofu) {
    aliceBuildsSession();
    // A different device claims Bob's address with another identity key.
    auto mallory = LocalDevice::create(*bobRandom, std::make_unique<MemoryStore>());
    ASSERT_TRUE(mallory.ok());
    ASSERT_TRUE((*mallory)->generatePreKeys(1, 1).ok());
    ASSERT_TRUE((*mallory)->generateSignedPreKey(1, 0).ok());
    auto forged = (*mallory)->bundle(1);
    ASSERT_TRUE(forged.ok());
    auto built = alice->buildSession(kBob, *forged, forged->preKeys[0]);
    ASSERT_FALSE(built.ok());
    EXPECT_EQ(built.error().code, "untrusted-identity");
}

}  // namespace
