#pragma once
// The Signal protocol store held whole in memory (sessions, pre-keys, signed pre-keys, our identity,
// remote identities), installed into a signal_protocol_store_context. Persistent storage loads it whole
// and writes back what changed (QXmpp's model); tests use it as it is. Records are zeroed on destruction.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <signal_protocol.h>

#include "core/util/result.h"

namespace starling::omemo {

using Bytes = std::vector<std::uint8_t>;

struct Address {
    std::string name;  // bare JID
    std::int32_t deviceId = 0;
    // (Emscripten 3.1.6's libc++ has no operator<=> for std::string.)
    bool operator==(const Address& o) const { return deviceId == o.deviceId && name == o.name; }
    bool operator<(const Address& o) const { return name != o.name ? name < o.name : deviceId < o.deviceId; }
};

struct IdentityKeyPair {
    Bytes publicKey;   // serialized (33 bytes, type prefix 0x05)
    Bytes privateKey;  // serialized (32 bytes)
    std::uint32_t registrationId = 0;
};

// How unknown or changed remote identity keys are treated when libsignal asks.
enum class TrustPolicy {
    TrustOnFirstUse,  // a key seen first is trusted; a changed key is not
    TrustAll,         // trust is decided above libsignal (OMEMO's own trust UI)
};

class MemoryStore {
public:
    MemoryStore() = default;
    ~MemoryStore();
    MemoryStore(const MemoryStore&) = delete;
    MemoryStore& operator=(const MemoryStore&) = delete;

    // Points the store context's callbacks at this object; it must outlive the context.
    Result<void> install(signal_protocol_store_context* context);

    void setTrustPolicy(TrustPolicy policy) { m_trustPolicy = policy; }
    // Wipes the used pre-keys stamped before `usedBeforeMs`, then the oldest beyond `keepAtMost`.
    std::size_t forgetUsedPreKeys(std::uint64_t usedBeforeMs, std::size_t keepAtMost);

    std::optional<IdentityKeyPair> identity;
    std::map<Address, Bytes> sessions;
    std::map<std::uint32_t, Bytes> preKeys;  // unused ones: these make the bundle
    // Used ones, kept a while after libsignal removed them (XEP-0384's business rules): a second sender
    // who took the same pre-key from a bundle fetched before our republish still gets through. Never
    // published again; `usedAtMs` (wall clock) is 0 until the account stamps it.
    struct UsedPreKey {
        Bytes record;
        std::uint64_t usedAtMs = 0;
    };
    std::map<std::uint32_t, UsedPreKey> usedPreKeys;
    // Set when a key exchange used a pre-key that an earlier one had used already (its reader resets it).
    bool usedPreKeyAgain = false;
    std::map<std::uint32_t, Bytes> signedPreKeys;
    std::map<Address, Bytes> remoteIdentities;

private:
    TrustPolicy m_trustPolicy = TrustPolicy::TrustOnFirstUse;

    friend struct StoreCallbacks;
};

Address toAddress(const signal_protocol_address* address);

}  // namespace starling::omemo
