#pragma once
// The OMEMO 0.3 (legacy) message payload: AES-128-GCM under a fresh random key and IV. The key material
// that travels in the per-device <key/> elements is the 16-byte key followed by the 16-byte GCM tag
// (Conversations' layout); the <payload/> is the ciphertext without the tag. For old senders, 16-byte
// key material (tag appended to the payload instead) is accepted too.
#include <cstdint>
#include <vector>

#include "core/util/result.h"
#include "platform/random.h"

namespace starling::omemo {

using Bytes = std::vector<std::uint8_t>;

inline constexpr std::size_t kPayloadKeySize = 16;
inline constexpr std::size_t kPayloadTagSize = 16;
inline constexpr std::size_t kPayloadIvSize = 12;

struct SealedPayload {
    Bytes keyMaterial;  // key || tag (32 bytes): zero when done
    Bytes iv;           // 12 bytes
    Bytes ciphertext;   // same length as the plaintext
    ~SealedPayload();
};

// Encrypts with the given key and IV (known-answer tests) …
Result<SealedPayload> sealPayload(const Bytes& key, const Bytes& iv, const Bytes& plaintext);
// … or with fresh ones from `random`.
Result<SealedPayload> sealPayload(platform::Random& random, const Bytes& plaintext);
// Errors: "bad-key-material", "bad-iv", "auth-failed".
Result<Bytes> openPayload(const Bytes& keyMaterial, const Bytes& iv, const Bytes& ciphertext);

}  // namespace starling::omemo
