#include "core/omemo/payload_cipher.h"

#include <mbedtls/gcm.h>

#include "core/crypto/hash.h"

namespace starling::omemo {
namespace {

struct Gcm {
    mbedtls_gcm_context ctx;
    Gcm() { mbedtls_gcm_init(&ctx); }
    ~Gcm() { mbedtls_gcm_free(&ctx); }
    Gcm(const Gcm&) = delete;
    Gcm& operator=(const Gcm&) = delete;
};

}  // namespace

SealedPayload::~SealedPayload() {
    if (!keyMaterial.empty()) crypto::secureZero(keyMaterial.data(), keyMaterial.size());
}

Result<SealedPayload> sealPayload(const Bytes& key, const Bytes& iv, const Bytes& plaintext) {
    if (key.size() != kPayloadKeySize) return makeError("bad-key-material", "payload key must be 16 bytes");
    if (iv.empty()) return makeError("bad-iv", "empty IV");
    Gcm gcm;
    if (mbedtls_gcm_setkey(&gcm.ctx, MBEDTLS_CIPHER_ID_AES, key.data(), 128) != 0)
        return makeError("crypto", "AES key setup failed");
    SealedPayload out;
    out.iv = iv;
    out.ciphertext.resize(plaintext.size());
    std::uint8_t tag[kPayloadTagSize];
    if (mbedtls_gcm_crypt_and_tag(&gcm.ctx, MBEDTLS_GCM_ENCRYPT, plaintext.size(), iv.data(), iv.size(), nullptr, 0,
                                  plaintext.data(), out.ciphertext.data(), sizeof tag, tag) != 0)
        return makeError("crypto", "AES-GCM encryption failed");
    out.keyMaterial = key;
    out.keyMaterial.insert(out.keyMaterial.end(), tag, tag + sizeof tag);
    return out;
}

Result<SealedPayload> sealPayload(platform::Random& random, const Bytes& plaintext) {
    Bytes key(kPayloadKeySize), iv(kPayloadIvSize);
    random.fill(key.data(), key.size());
    random.fill(iv.data(), iv.size());
    auto sealed = sealPayload(key, iv, plaintext);
    crypto::secureZero(key.data(), key.size());
    return sealed;
}

Result<Bytes> openPayload(const Bytes& keyMaterial, const Bytes& iv, const Bytes& ciphertext) {
    if (iv.empty() || iv.size() > 64) return makeError("bad-iv", "IV length " + std::to_string(iv.size()));
    const std::uint8_t* tag = nullptr;
    Bytes body;
    if (keyMaterial.size() == kPayloadKeySize + kPayloadTagSize) {
        tag = keyMaterial.data() + kPayloadKeySize;
        body = ciphertext;
    } else if (keyMaterial.size() == kPayloadKeySize && ciphertext.size() >= kPayloadTagSize) {
        // Old layout: the tag is the end of the payload.
        body.assign(ciphertext.begin(), ciphertext.end() - kPayloadTagSize);
        tag = ciphertext.data() + body.size();
    } else {
        return makeError("bad-key-material", "key material of " + std::to_string(keyMaterial.size()) + " bytes");
    }
    Gcm gcm;
    if (mbedtls_gcm_setkey(&gcm.ctx, MBEDTLS_CIPHER_ID_AES, keyMaterial.data(), 128) != 0)
        return makeError("crypto", "AES key setup failed");
    Bytes plain(body.size());
    if (mbedtls_gcm_auth_decrypt(&gcm.ctx, body.size(), iv.data(), iv.size(), nullptr, 0, tag, kPayloadTagSize,
                                 body.data(), plain.data()) != 0) {
        crypto::secureZero(plain.data(), plain.size());
        return makeError("auth-failed", "payload authentication failed");
    }
    return plain;
}

}  // namespace starling::omemo
