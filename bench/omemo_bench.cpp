// OMEMO (legacy) costs: account creation (identity + 100 pre-keys), session setup from a bundle that went
// through the wire format, encrypting one message to 5 devices, decrypting, and the bytes a message
// gains on the wire. Runs natively and, in the Wasm build, under node:
//   build/omemo-native/omemo_bench          node --no-experimental-fetch build/omemo-wasm/omemo_bench.js
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "core/crypto/drbg.h"
#include "core/im/messages.h"
#include "core/omemo/omemo_account.h"
#include "core/xml/ns.h"

using namespace starling;
using namespace starling::omemo;
using Clock = std::chrono::steady_clock;

namespace {

double msSince(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

std::unique_ptr<Account> make(platform::Random& random, const std::string& bare) {
    auto a = Account::create(random, bare, 1700000000000ULL);
    if (!a) {
        std::fprintf(stderr, "create: %s\n", a.error().message.c_str());
        std::exit(1);
    }
    return std::move(*a);
}

Bundle wireBundle(Account& a) {
    auto parsed = xep::parseOmemoBundle(xep::omemoBundle(*a.bundle()));
    return *parsed;
}

}  // namespace

int main() {
    auto drbg = crypto::Drbg::create([](std::uint8_t* out, std::size_t len) { return getentropy(out, len) == 0; },
                                     "omemo-bench");
    if (!drbg) return 1;
    crypto::DrbgRandom random(std::move(*drbg));
    constexpr int kRounds = 100;

    auto t0 = Clock::now();
    auto alice = make(random, "alice@example.org");
    const double createMs = msSince(t0);

    std::vector<std::unique_ptr<Account>> bobs;
    std::vector<Address> to;
    std::vector<std::uint32_t> ids;
    for (int i = 0; i < 5; ++i) {
        bobs.push_back(make(random, "bob@example.org"));
        ids.push_back(bobs.back()->deviceId());
    }
    alice->setDeviceList("bob@example.org", ids);
    for (const auto& b : bobs) to.push_back(Address{"bob@example.org", static_cast<std::int32_t>(b->deviceId())});

    // Session setup from a bundle (parse + X3DH), on fresh addresses so each one is a first contact.
    const Bundle bundle = wireBundle(*bobs[0]);
    t0 = Clock::now();
    for (int i = 0; i < kRounds; ++i) {
        auto r = alice->buildSession(Address{"setup@example.org", i + 1}, bundle);
        if (!r) return 2;
    }
    const double setupMs = msSince(t0) / kRounds;
    for (std::size_t i = 0; i < bobs.size(); ++i)
        if (!alice->buildSession(to[i], wireBundle(*bobs[i]))) return 3;

    // Encrypt to 5 devices; Bob's first device decrypts every message in order.
    const Bytes body = {'H', 'e', 'l', 'l', 'o', ',', ' ', 'B', 'o', 'b', '!'};
    std::vector<xep::OmemoEncrypted> sent;
    t0 = Clock::now();
    for (int i = 0; i < kRounds; ++i) {
        auto e = alice->encrypt(to, body);
        if (!e) return 4;
        sent.push_back(std::move(*e));
    }
    const double encryptMs = msSince(t0) / kRounds;
    t0 = Clock::now();
    for (const auto& e : sent)
        if (!bobs[0]->decrypt("alice@example.org", e)) return 5;
    const double decryptMs = msSince(t0) / kRounds;

    // Wire bytes: the plaintext chat stanza against the encrypted one (fallback body, header, keys).
    const std::string text(body.begin(), body.end());
    const xml::Element plain = im::chatMessage("bob@example.org", "5f6c1a2e-0000-4000-8000-000000000000", text);
    auto measure = [&](std::size_t devices) {
        xml::Element m = plain;
        std::vector<Address> some(to.begin(), to.begin() + static_cast<std::ptrdiff_t>(devices));
        auto e = alice->encrypt(some, body);
        m.removeChildren(ns::kClient, "body");
        m.addText(ns::kClient, "body", "I sent you an OMEMO encrypted message but your client doesn't seem to support that.");
        m.add(xep::omemoEncrypted(*e));
        m.add(ns::kHints, "store");
        return xml::serialize(m).size() - xml::serialize(plain).size();
    };
    std::printf("omemo_bench (%d rounds each)\n", kRounds);
    std::printf("  account creation (identity, signed pre-key, 100 pre-keys): %8.2f ms\n", createMs);
    std::printf("  session setup from a bundle:                                %8.3f ms\n", setupMs);
    std::printf("  encrypt one message to 5 devices:                           %8.3f ms\n", encryptMs);
    std::printf("  decrypt one message:                                        %8.3f ms\n", decryptMs);
    std::printf("  bytes added per message, 1 device (steady session):         %8zu\n", measure(1));
    std::printf("  bytes added per message, 5 devices (steady session):        %8zu\n", measure(5));
    return 0;
}
