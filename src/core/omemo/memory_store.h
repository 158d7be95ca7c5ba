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

    std::optional<IdentityKeyPair> identity;
    std::map<Address, Bytes> sessions;
    std::map<std::uint32_t, Bytes> preKeys;
    std::map<std::uint32_t, Bytes> signedPreKeys;
    std::map<Address, Bytes> remoteIdentities;

private:
    TrustPolicy m_trustPolicy = TrustPolicy::TrustOnFirstUse;

    friend struct StoreCallbacks;
};

Address toAddress(const signal_protocol_address* address);

}  // namespace starling::omemo
