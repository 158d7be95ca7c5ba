#include "core/omemo/local_device.h"

#include <string>

#include <curve.h>
#include <protocol.h>
#include <session_pre_key.h>

#include "core/omemo/signal_crypto_provider.h"

namespace starling::omemo {
namespace {

// libsignal keeps a pointer to the address for the lifetime of a builder/cipher: keep `remote` alive.
signal_protocol_address toSignal(const Address& remote) {
    return signal_protocol_address{remote.name.c_str(), remote.name.size(), remote.deviceId};
}

Result<Bytes> serializePublic(const ec_public_key* key) {
    BufferPtr buffer;
    int rc = ec_public_key_serialize(OutPtr(buffer), key);
    if (rc < 0) return signalError(rc, "serializing a public key");
    return toBytes(buffer.get());
}

}  // namespace

Error signalError(int code, const char* what) {
    const char* name = "signal-error";
    switch (code) {
        case SG_ERR_DUPLICATE_MESSAGE: name = "duplicate-message"; break;
        case SG_ERR_INVALID_MAC: name = "invalid-mac"; break;
        case SG_ERR_NO_SESSION: name = "no-session"; break;
        case SG_ERR_UNTRUSTED_IDENTITY: name = "untrusted-identity"; break;
        case SG_ERR_INVALID_KEY_ID: name = "invalid-key-id"; break;
        case SG_ERR_INVALID_MESSAGE:
        case SG_ERR_INVALID_PROTO_BUF:
        case SG_ERR_INVALID_VERSION:
        case SG_ERR_LEGACY_MESSAGE: name = "invalid-message"; break;
        case SG_ERR_INVALID_KEY: name = "invalid-key"; break;
        default: break;
    }
    return makeError(name, std::string(what) + " (libsignal " + std::to_string(code) + ")");
}

LocalDevice::LocalDevice(platform::Random& random, std::unique_ptr<MemoryStore> store)
    : m_random(random), m_store(std::move(store)) {}

LocalDevice::~LocalDevice() = default;

Result<std::unique_ptr<LocalDevice>> LocalDevice::create(platform::Random& random,
                                                         std::unique_ptr<MemoryStore> store) {
    if (!store) return makeError("omemo-store", "no store");
    std::unique_ptr<LocalDevice> device(new LocalDevice(random, std::move(store)));
    if (auto r = device->init(); !r) return r.error();
    return device;
}

Result<void> LocalDevice::init() {
    int rc = signal_context_create(OutPtr(m_context), this);
    if (rc < 0) return signalError(rc, "creating the signal context");
    signal_crypto_provider provider = makeCryptoProvider(m_random);
    rc = signal_context_set_crypto_provider(m_context.get(), &provider);
    if (rc < 0) return signalError(rc, "installing the crypto provider");
    rc = signal_protocol_store_context_create(OutPtr(m_storeContext), m_context.get());
    if (rc < 0) return signalError(rc, "creating the store context");
    if (auto r = m_store->install(m_storeContext.get()); !r) return r;
    if (m_store->identity) return {};

    RefPtr<ratchet_identity_key_pair> pair;
    rc = signal_protocol_key_helper_generate_identity_key_pair(OutPtr(pair), m_context.get());
    if (rc < 0) return signalError(rc, "generating the identity key");
    IdentityKeyPair identity;
    auto pub = serializePublic(ratchet_identity_key_pair_get_public(pair.get()));
    if (!pub) return pub.error();
    identity.publicKey = std::move(*pub);
    SecureBufferPtr priv;
    rc = ec_private_key_serialize(OutPtr(priv), ratchet_identity_key_pair_get_private(pair.get()));
    if (rc < 0) return signalError(rc, "serializing the identity key");
    identity.privateKey = toBytes(priv.get());
    rc = signal_protocol_key_helper_generate_registration_id(&identity.registrationId, 0, m_context.get());
    if (rc < 0) return signalError(rc, "generating the registration id");
    m_store->identity = std::move(identity);
    return {};
}

Result<void> LocalDevice::generatePreKeys(std::uint32_t startId, std::uint32_t count) {
    PreKeyListPtr head;
    int rc = signal_protocol_key_helper_generate_pre_keys(OutPtr(head), startId, count, m_context.get());
    if (rc < 0) return signalError(rc, "generating pre-keys");
    for (auto* node = head.get(); node; node = signal_protocol_key_helper_key_list_next(node)) {
        rc = signal_protocol_pre_key_store_key(m_storeContext.get(), signal_protocol_key_helper_key_list_element(node));
        if (rc < 0) return signalError(rc, "storing a pre-key");
    }
    return {};
}

Result<void> LocalDevice::generateSignedPreKey(std::uint32_t id, std::uint64_t timestampMs) {
    RefPtr<ratchet_identity_key_pair> pair;
    int rc = signal_protocol_identity_get_key_pair(m_storeContext.get(), OutPtr(pair));
    if (rc < 0) return signalError(rc, "loading the identity key");
    RefPtr<session_signed_pre_key> signedPreKey;
    rc = signal_protocol_key_helper_generate_signed_pre_key(OutPtr(signedPreKey), pair.get(), id, timestampMs,
                                                           m_context.get());
    if (rc < 0) return signalError(rc, "generating the signed pre-key");
    rc = signal_protocol_signed_pre_key_store_key(m_storeContext.get(), signedPreKey.get());
    if (rc < 0) return signalError(rc, "storing the signed pre-key");
    return {};
}

Result<Bundle> LocalDevice::bundle(std::uint32_t signedPreKeyId) const {
    Bundle out;
    RefPtr<session_signed_pre_key> signedPreKey;
    int rc = signal_protocol_signed_pre_key_load_key(m_storeContext.get(), OutPtr(signedPreKey), signedPreKeyId);
    if (rc < 0) return signalError(rc, "loading the signed pre-key");
    out.signedPreKeyId = signedPreKeyId;
    auto spk = serializePublic(ec_key_pair_get_public(session_signed_pre_key_get_key_pair(signedPreKey.get())));
    if (!spk) return spk.error();
    out.signedPreKeyPublic = std::move(*spk);
    const std::uint8_t* sig = session_signed_pre_key_get_signature(signedPreKey.get());
    out.signedPreKeySignature.assign(sig, sig + session_signed_pre_key_get_signature_len(signedPreKey.get()));
    out.identityKey = identityKey();
    for (const auto& [id, record] : m_store->preKeys) {
        RefPtr<session_pre_key> preKey;
        rc = session_pre_key_deserialize(OutPtr(preKey), record.data(), record.size(), m_context.get());
        if (rc < 0) return signalError(rc, "reading a pre-key");
        auto pub = serializePublic(ec_key_pair_get_public(session_pre_key_get_key_pair(preKey.get())));
        if (!pub) return pub.error();
        out.preKeys.push_back(PreKeyPublic{id, std::move(*pub)});
    }
    return out;
}

Result<void> LocalDevice::buildSession(const Address& remote, const Bundle& bundle, const PreKeyPublic& preKey) {
    RefPtr<ec_public_key> preKeyPublic, signedPreKeyPublic, identity;
    int rc = curve_decode_point(OutPtr(preKeyPublic), preKey.publicKey.data(), preKey.publicKey.size(),
                                m_context.get());
    if (rc >= 0) {
        rc = curve_decode_point(OutPtr(signedPreKeyPublic), bundle.signedPreKeyPublic.data(),
                                bundle.signedPreKeyPublic.size(), m_context.get());
    }
    if (rc >= 0) {
        rc = curve_decode_point(OutPtr(identity), bundle.identityKey.data(), bundle.identityKey.size(),
                                m_context.get());
    }
    if (rc < 0) return signalError(rc, "decoding the bundle's keys");

    RefPtr<session_pre_key_bundle> signalBundle;
    rc = session_pre_key_bundle_create(OutPtr(signalBundle), 0, remote.deviceId, preKey.id, preKeyPublic.get(),
                                       bundle.signedPreKeyId, signedPreKeyPublic.get(),
                                       bundle.signedPreKeySignature.data(), bundle.signedPreKeySignature.size(),
                                       identity.get());
    if (rc < 0) return signalError(rc, "creating the bundle");

    const signal_protocol_address address = toSignal(remote);
    SessionBuilderPtr builder;
    rc = session_builder_create(OutPtr(builder), m_storeContext.get(), &address, m_context.get());
    if (rc < 0) return signalError(rc, "creating the session builder");
    rc = session_builder_process_pre_key_bundle(builder.get(), signalBundle.get());
    if (rc < 0) return signalError(rc, "building the session");
    return {};
}

bool LocalDevice::hasSession(const Address& remote) const {
    const signal_protocol_address address = toSignal(remote);
    return signal_protocol_session_contains_session(m_storeContext.get(), &address) == 1;
}

Result<EncryptedKey> LocalDevice::encrypt(const Address& remote, const Bytes& plaintext) {
    if (!hasSession(remote)) return makeError("no-session", "no session with " + remote.name);
    const signal_protocol_address address = toSignal(remote);
    SessionCipherPtr cipher;
    int rc = session_cipher_create(OutPtr(cipher), m_storeContext.get(), &address, m_context.get());
    if (rc < 0) return signalError(rc, "creating the session cipher");
    RefPtr<ciphertext_message> message;
    rc = session_cipher_encrypt(cipher.get(), plaintext.data(), plaintext.size(), OutPtr(message));
    if (rc < 0) return signalError(rc, "encrypting");
    EncryptedKey out;
    out.isPreKey = ciphertext_message_get_type(message.get()) == CIPHERTEXT_PREKEY_TYPE;
    out.data = toBytes(ciphertext_message_get_serialized(message.get()));
    return out;
}

Result<Bytes> LocalDevice::decrypt(const Address& remote, const EncryptedKey& message) {
    const signal_protocol_address address = toSignal(remote);
    SessionCipherPtr cipher;
    int rc = session_cipher_create(OutPtr(cipher), m_storeContext.get(), &address, m_context.get());
    if (rc < 0) return signalError(rc, "creating the session cipher");
    SecureBufferPtr plaintext;
    if (message.isPreKey) {
        RefPtr<pre_key_signal_message> parsed;
        rc = pre_key_signal_message_deserialize(OutPtr(parsed), message.data.data(), message.data.size(),
                                                m_context.get());
        if (rc < 0) return signalError(rc, "parsing a pre-key message");
        rc = session_cipher_decrypt_pre_key_signal_message(cipher.get(), parsed.get(), nullptr, OutPtr(plaintext));
    } else {
        RefPtr<signal_message> parsed;
        rc = signal_message_deserialize(OutPtr(parsed), message.data.data(), message.data.size(), m_context.get());
        if (rc < 0) return signalError(rc, "parsing a message");
        rc = session_cipher_decrypt_signal_message(cipher.get(), parsed.get(), nullptr, OutPtr(plaintext));
    }
    if (rc < 0) return signalError(rc, "decrypting");
    return toBytes(plaintext.get());
}

const Bytes& LocalDevice::identityKey() const { return m_store->identity->publicKey; }

}  // namespace starling::omemo
