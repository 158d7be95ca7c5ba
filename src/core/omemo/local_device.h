#pragma once
// Our OMEMO device on top of libsignal-protocol-c: identity, pre-keys, the bundle we publish, sessions
// built from other devices' bundles, and per-device encryption of message keys (OMEMO 0.3 / legacy).
// Single-threaded; errors are values.
#include <cstdint>
#include <memory>
#include <vector>

#include "core/omemo/memory_store.h"
#include "core/omemo/signal_wrappers.h"
#include "core/util/result.h"
#include "platform/random.h"

namespace starling::omemo {

struct PreKeyPublic {
    std::uint32_t id = 0;
    Bytes publicKey;  // serialized (33 bytes)
};

// What a device publishes (XEP-0384 bundle): all values as libsignal serializes them.
struct Bundle {
    std::uint32_t signedPreKeyId = 0;
    Bytes signedPreKeyPublic;
    Bytes signedPreKeySignature;
    Bytes identityKey;
    std::vector<PreKeyPublic> preKeys;
};

struct EncryptedKey {
    Bytes data;             // serialized (PreKey)SignalMessage
    bool isPreKey = false;  // OMEMO's prekey="true"
};

// libsignal error codes mapped to Error::code: "duplicate-message", "invalid-mac", "no-session",
// "untrusted-identity", "invalid-key-id", "invalid-message", "invalid-key", "signal-error".
Error signalError(int code, const char* what);

class LocalDevice {
public:
    // Creates an identity (key pair + registration id) in `store` if it has none.
    // `random` must outlive the device.
    static Result<std::unique_ptr<LocalDevice>> create(platform::Random& random, std::unique_ptr<MemoryStore> store);
    ~LocalDevice();
    LocalDevice(const LocalDevice&) = delete;
    LocalDevice& operator=(const LocalDevice&) = delete;

    // Generates `count` one-time pre-keys with ids startId.. (ids wrap within libsignal's range).
    Result<void> generatePreKeys(std::uint32_t startId, std::uint32_t count);
    Result<void> generateSignedPreKey(std::uint32_t id, std::uint64_t timestampMs);
    Result<Bundle> bundle(std::uint32_t signedPreKeyId) const;

    // Starts a session with `remote` from its bundle and one of its pre-keys (chosen by the caller).
    Result<void> buildSession(const Address& remote, const Bundle& bundle, const PreKeyPublic& preKey);
    bool hasSession(const Address& remote) const;

    Result<EncryptedKey> encrypt(const Address& remote, const Bytes& plaintext);
    // A pre-key message creates the session; its one-time pre-key is then removed from the store.
    Result<Bytes> decrypt(const Address& remote, const EncryptedKey& message);

    const Bytes& identityKey() const;
    MemoryStore& store() { return *m_store; }
    const MemoryStore& store() const { return *m_store; }

private:
    LocalDevice(platform::Random& random, std::unique_ptr<MemoryStore> store);
    Result<void> init();

    platform::Random& m_random;
    std::unique_ptr<MemoryStore> m_store;  // outlives m_storeContext (declared before it)
    ContextPtr m_context;
    StoreContextPtr m_storeContext;
};

}  // namespace starling::omemo
