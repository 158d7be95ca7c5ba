// libFuzzer target: OMEMO (legacy) messages from the network, parsed and decrypted by a real account.
//
// Two accounts in one process, Alice and Bob (omemo::Account over libsignal, keys from a DRBG with fixed
// entropy, so every process has the same keys and the seeds stay valid). Bob is kept as two snapshots
// (state blobs): "fresh" (has never heard from Alice) and "session" (has a session with her). Every run
// decodes one snapshot and hands it the input:
//   byte 0, bit 0: the snapshot (0 fresh, 1 session); bit 1: the rest is XML (else binary, below).
//   XML: one element, <encrypted/> (parsed, re-serialized and parsed again to the same value, then
//     decrypted as from Alice), <bundle/> (parsed, round-tripped, a session built from it and a message
//     encrypted with it) or <list/> (a device list of Alice's).
//   binary: flags (bit 0 prekey="true", bit 1 a payload follows, bit 2 "from our own account"), the
//     sender's device id (4 bytes, big-endian), the key's length (2 bytes) and bytes (the serialized
//     (PreKey)SignalMessage), the iv's length (1 byte) and bytes, then the payload (the rest).
// After a decryption that used a pre-key the account replenishes them, as the client does; the state
// blob it then encodes must decode again.
//
// Invariants: no crash, leak or UB; what parses round-trips; our own state blob always decodes.
// Seeds: STARLING_FUZZ_WRITE_SEEDS=DIR ./omemo_message_fuzz writes them (Alice's first message, a later
// one, her bundle and device list) into DIR and exits; tests/fuzz/corpus/omemo_message_fuzz/ holds them.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/crypto/drbg.h"
#include "core/omemo/omemo_account.h"
#include "core/xep/xep0384_omemo_legacy.h"
#include "core/xml/ns.h"
#include "core/xml/parser.h"

using namespace starling;
using omemo::Account;
using omemo::Bytes;

namespace {

const char* kAlice = "alice@example.org";
const char* kBob = "bob@example.org";
constexpr std::uint64_t kNow = 1767225600000ULL;

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "omemo_message_fuzz: %s\n", what);
    std::abort();
}

// A DRBG with fixed entropy: the same bytes in every process (predictable on purpose; tests only).
std::unique_ptr<crypto::DrbgRandom> fixedRandom(std::string_view label) {
    auto drbg = crypto::Drbg::create(
        [](std::uint8_t* out, std::size_t len) {
            for (std::size_t i = 0; i < len; ++i) out[i] = static_cast<std::uint8_t>(i * 131 + 7);
            return true;
        },
        label);
    if (!drbg) fail("no DRBG");
    return std::make_unique<crypto::DrbgRandom>(std::move(*drbg));
}

template <typename T>
T must(Result<T> r, const char* what) {
    if (!r) fail((std::string(what) + ": " + r.error().message).c_str());
    return std::move(*r);
}

struct World {
    std::unique_ptr<crypto::DrbgRandom> random = fixedRandom("omemo-fuzz");
    std::unique_ptr<Account> alice, bob;
    Bytes bobFresh, bobSession;  // Bob's state blobs
    std::uint32_t aliceDevice = 0, bobDevice = 0;
    xep::OmemoEncrypted first, later;  // Alice → Bob: a PreKeySignalMessage, then a SignalMessage
};
World* g_world = nullptr;
bool g_trace = false;  // STARLING_FUZZ_TRACE=1: say what each run decrypted

Bytes text(std::string_view s) { return Bytes(s.begin(), s.end()); }

void build(World& w) {
    w.alice = must(Account::create(*w.random, kAlice, kNow), "alice");
    w.bob = must(Account::create(*w.random, kBob, kNow), "bob");
    w.aliceDevice = w.alice->deviceId();
    w.bobDevice = w.bob->deviceId();
    w.alice->setDeviceList(kBob, {w.bobDevice});
    const omemo::Address bobAddr{kBob, static_cast<std::int32_t>(w.bobDevice)};
    const omemo::Address aliceAddr{kAlice, static_cast<std::int32_t>(w.aliceDevice)};
    if (!w.alice->buildSession(bobAddr, must(w.bob->bundle(), "bundle")).ok()) fail("session");
    w.bobFresh = w.bob->encode();
    w.first = must(w.alice->encrypt({bobAddr}, text("hello bob")), "encrypt");
    must(w.bob->decrypt(kAlice, w.first), "decrypt first");
    auto reply = must(w.bob->encrypt({aliceAddr}, text("hi alice")), "reply");
    must(w.alice->decrypt(kBob, reply), "decrypt reply");
    w.bobSession = w.bob->encode();
    w.later = must(w.alice->encrypt({bobAddr}, text("second")), "encrypt later");
    if (w.later.keys.empty() || w.later.keys[0].preKey) fail("the later message is a pre-key message");
}

void put16(std::string& out, std::size_t v) {
    out += static_cast<char>(v >> 8);
    out += static_cast<char>(v & 0xff);
}

std::string binarySeed(char mode, const xep::OmemoEncrypted& e) {
    const xep::OmemoKey& k = e.keys.at(0);
    std::string out(1, mode);
    out += static_cast<char>((k.preKey ? 1 : 0) | (e.payload ? 2 : 0));
    for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((e.sid >> shift) & 0xff);
    put16(out, k.data.size());
    out.append(k.data.begin(), k.data.end());
    out += static_cast<char>(e.iv.size());
    out.append(e.iv.begin(), e.iv.end());
    if (e.payload) out.append(e.payload->begin(), e.payload->end());
    return out;
}

void writeSeeds(const World& w, const std::string& dir) {
    const auto xmlSeed = [](char mode, const xml::Element& e) { return std::string(1, mode) + xml::serialize(e); };
    omemo::Bundle bundle = must(w.alice->bundle(), "alice bundle");
    bundle.preKeys.resize(3);  // a small seed mutates faster; 3 are as good as 100 here
    const std::vector<std::pair<std::string, std::string>> seeds = {
        {"prekey-message", binarySeed(0, w.first)},
        {"prekey-message-again", binarySeed(1, w.first)},
        {"message", binarySeed(1, w.later)},
        {"message-no-session", binarySeed(0, w.later)},
        {"prekey-encrypted.xml", xmlSeed(2, xep::omemoEncrypted(w.first))},
        {"encrypted.xml", xmlSeed(3, xep::omemoEncrypted(w.later))},
        {"bundle.xml", xmlSeed(2, xep::omemoBundle(bundle))},
        {"devicelist.xml", xmlSeed(3, xep::omemoDeviceList({w.aliceDevice, 4242}))},
    };
    for (const auto& [name, bytes] : seeds) {
        std::ofstream f(dir + "/" + name, std::ios::binary);
        f << bytes;
        if (!f) fail("cannot write a seed");
    }
}

// A reader over the binary input; reading past the end yields zeros and sets `short_`.
struct Reader {
    std::string_view in;
    bool short_ = false;
    std::uint8_t byte() {
        if (in.empty()) return short_ = true, 0;
        const auto b = static_cast<std::uint8_t>(in[0]);
        in.remove_prefix(1);
        return b;
    }
    Bytes take(std::size_t n) {
        if (n > in.size()) short_ = true, n = in.size();
        Bytes out(in.begin(), in.begin() + static_cast<std::ptrdiff_t>(n));
        in.remove_prefix(n);
        return out;
    }
};

// What the client does after a decryption: replenish pre-keys when one was used, write the state blob.
void afterDecrypt(Account& bob, const Result<omemo::Decrypted>& r) {
    if (g_trace)
        std::fprintf(stderr, "omemo_message_fuzz: decrypt: %s\n",
                     r ? (r->body ? "a body" : "a key transport") : r.error().code.c_str());
    if (r && r->usedPreKey) (void)bob.replenishPreKeys();
    auto random = fixedRandom("reload");
    if (!Account::decode(*random, bob.encode())) fail("our own state blob does not decode");
}

void binary(Account& bob, std::string_view input) {
    Reader in{input};
    const std::uint8_t flags = in.byte();
    std::uint32_t sid = 0;
    for (int i = 0; i < 4; ++i) sid = sid << 8 | in.byte();
    xep::OmemoEncrypted e;
    e.sid = sid;
    std::size_t keyLen = in.byte();
    keyLen = keyLen << 8 | in.byte();
    e.keys.push_back(xep::OmemoKey{g_world->bobDevice, (flags & 1) != 0, in.take(keyLen)});
    e.iv = in.take(in.byte());
    if (flags & 2) e.payload = in.take(in.in.size());
    afterDecrypt(bob, bob.decrypt(flags & 4 ? kBob : kAlice, e));
}

bool sameEncrypted(const xep::OmemoEncrypted& a, const xep::OmemoEncrypted& b) {
    if (a.sid != b.sid || a.iv != b.iv || a.payload != b.payload || a.keys.size() != b.keys.size()) return false;
    for (std::size_t i = 0; i < a.keys.size(); ++i)
        if (a.keys[i].rid != b.keys[i].rid || a.keys[i].preKey != b.keys[i].preKey || a.keys[i].data != b.keys[i].data)
            return false;
    return true;
}

void fromXml(Account& bob, std::string_view input) {
    auto parsed = xml::parseFrame(input, {}, ns::kClient);
    if (!parsed || parsed->ns() != ns::kOmemoLegacy) return;
    if (parsed->name() == "encrypted") {
        auto e = xep::parseOmemoEncrypted(*parsed);
        if (!e) return;
        auto again = xep::parseOmemoEncrypted(xep::omemoEncrypted(*e));
        if (!again || !sameEncrypted(*e, *again)) fail("<encrypted/> does not round-trip");
        afterDecrypt(bob, bob.decrypt(kAlice, *e));
    } else if (parsed->name() == "bundle") {
        auto b = xep::parseOmemoBundle(*parsed);
        if (!b) return;
        auto again = xep::parseOmemoBundle(xep::omemoBundle(*b));
        if (!again || again->identityKey != b->identityKey || again->signedPreKeyPublic != b->signedPreKeyPublic ||
            again->signedPreKeySignature != b->signedPreKeySignature || again->preKeys.size() != b->preKeys.size())
            fail("<bundle/> does not round-trip");
        const omemo::Address carol{"carol@example.org", 4242};
        if (bob.buildSession(carol, *b)) (void)bob.encrypt({carol}, text("hello carol"));
    } else if (parsed->name() == "list") {
        const auto ids = xep::parseOmemoDeviceList(*parsed);
        if (ids.size() > xep::kOmemoMaxDevices) fail("device list over its bound");
        bob.setDeviceList(kAlice, ids);
        (void)bob.recipients(kAlice);
    }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    g_trace = std::getenv("STARLING_FUZZ_TRACE") != nullptr;
    g_world = new World;
    build(*g_world);
    if (const char* dir = std::getenv("STARLING_FUZZ_WRITE_SEEDS")) {
        writeSeeds(*g_world, dir);
        std::exit(0);
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::uint8_t mode = data[0];
    auto random = fixedRandom("bob");
    auto bob = Account::decode(*random, mode & 1 ? g_world->bobSession : g_world->bobFresh);
    if (!bob) fail("Bob's snapshot does not decode");
    const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
    if (mode & 2) fromXml(**bob, rest);
    else binary(**bob, rest);
    return 0;
}
