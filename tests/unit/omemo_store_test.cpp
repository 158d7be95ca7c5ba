// The OMEMO store survives a restart: encoded to a blob, decoded into a new device, sessions go on.
#include "core/omemo/store_codec.h"

#include <gtest/gtest.h>

#include "core/crypto/drbg.h"
#include "core/omemo/local_device.h"
#include "support/drbg_random.h"

using namespace starling;
using namespace starling::omemo;

namespace {

Bytes text(std::string_view s) { return Bytes(s.begin(), s.end()); }

const Address kAlice{"alice@example.org", 1};
const Address kBob{"bob@example.org", 2};

TEST(OmemoStore, RoundTripKeepsEveryRecord) {
    auto random = test::makeDrbgRandom();
    auto device = LocalDevice::create(*random, std::make_unique<MemoryStore>());
    ASSERT_TRUE(device.ok());
    ASSERT_TRUE((*device)->generatePreKeys(1, 3).ok());
    ASSERT_TRUE((*device)->generateSignedPreKey(5, 42).ok());
    MemoryStore& store = (*device)->store();
    store.sessions[Address{"x@y", -7}] = Bytes{1, 2, 3};
    store.remoteIdentities[Address{"x@y", -7}] = Bytes(33, 9);

    Bytes blob = encodeStore(store);
    auto decoded = decodeStore(blob);
    ASSERT_TRUE(decoded.ok()) << decoded.error().message;
    const MemoryStore& back = **decoded;
    ASSERT_TRUE(back.identity.has_value());
    EXPECT_EQ(back.identity->publicKey, store.identity->publicKey);
    EXPECT_EQ(back.identity->privateKey, store.identity->privateKey);
    EXPECT_EQ(back.identity->registrationId, store.identity->registrationId);
    EXPECT_EQ(back.sessions, store.sessions);
    EXPECT_EQ(back.preKeys, store.preKeys);
    EXPECT_EQ(back.signedPreKeys, store.signedPreKeys);
    EXPECT_EQ(back.remoteIdentities, store.remoteIdentities);
    EXPECT_EQ(encodeStore(back), blob);
}

TEST(OmemoStore, EmptyStoreRoundTrips) {
    MemoryStore empty;
    auto decoded = decodeStore(encodeStore(empty));
    ASSERT_TRUE(decoded.ok());
    EXPECT_FALSE((*decoded)->identity.has_value());
    EXPECT_TRUE((*decoded)->sessions.empty());
}

TEST(OmemoStore, EveryTruncationAndCorruptionIsRejected) {
    auto random = test::makeDrbgRandom();
    auto device = LocalDevice::create(*random, std::make_unique<MemoryStore>());
    ASSERT_TRUE(device.ok());
    ASSERT_TRUE((*device)->generatePreKeys(1, 2).ok());
    const Bytes blob = encodeStore((*device)->store());
    for (std::size_t len = 0; len < blob.size(); ++len) {
        EXPECT_FALSE(decodeStore(Bytes(blob.begin(), blob.begin() + static_cast<std::ptrdiff_t>(len))).ok())
            << "prefix of " << len;
    }
    Bytes trailing = blob;
    trailing.push_back(0);
    EXPECT_FALSE(decodeStore(trailing).ok());
    Bytes badMagic = blob;
    badMagic[0] = 'X';
    EXPECT_FALSE(decodeStore(badMagic).ok());
    Bytes hugeLength = blob;
    hugeLength[4 + 1 + 3] = 0x7f;  // identity public key length's high byte
    auto r = decodeStore(hugeLength);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "bad-omemo-store");
}

TEST(OmemoStore, SessionContinuesAfterRestart) {
    auto aliceRandom = test::makeDrbgRandom();
    auto bobRandom = test::makeDrbgRandom();
    auto alice = LocalDevice::create(*aliceRandom, std::make_unique<MemoryStore>());
    auto bob = LocalDevice::create(*bobRandom, std::make_unique<MemoryStore>());
    ASSERT_TRUE(alice.ok() && bob.ok());
    ASSERT_TRUE((*bob)->generatePreKeys(1, 2).ok());
    ASSERT_TRUE((*bob)->generateSignedPreKey(1, 0).ok());
    auto bundle = (*bob)->bundle(1);
    ASSERT_TRUE(bundle.ok());
    ASSERT_TRUE((*alice)->buildSession(kBob, *bundle, bundle->preKeys[0]).ok());

    auto first = (*alice)->encrypt(kBob, text("before restart"));
    ASSERT_TRUE(first.ok());
    ASSERT_EQ((*bob)->decrypt(kAlice, *first).value(), text("before restart"));
    const Bytes identityBefore = (*bob)->identityKey();

    // Bob's tab reloads: only the blob survives.
    Bytes saved = encodeStore((*bob)->store());
    bob.value().reset();
    auto restored = decodeStore(saved);
    ASSERT_TRUE(restored.ok());
    auto bob2 = LocalDevice::create(*bobRandom, std::move(restored.value()));
    ASSERT_TRUE(bob2.ok());
    EXPECT_EQ((*bob2)->identityKey(), identityBefore);  // no new identity was generated
    EXPECT_TRUE((*bob2)->hasSession(kAlice));

    auto reply = (*bob2)->encrypt(kAlice, text("after restart"));
    ASSERT_TRUE(reply.ok());
    EXPECT_FALSE(reply->isPreKey);
    EXPECT_EQ((*alice)->decrypt(kBob, *reply).value(), text("after restart"));
    auto next = (*alice)->encrypt(kBob, text("and again"));
    ASSERT_TRUE(next.ok());
    EXPECT_EQ((*bob2)->decrypt(kAlice, *next).value(), text("and again"));
    // The replay protection survived too.
    auto replay = (*bob2)->decrypt(kAlice, *first);
    ASSERT_FALSE(replay.ok());
    EXPECT_EQ(replay.error().code, "duplicate-message");
}

}  // namespace
