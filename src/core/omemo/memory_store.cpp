#include "core/omemo/memory_store.h"

#include "core/crypto/hash.h"

namespace starling::omemo {

Address toAddress(const signal_protocol_address* address) {
    return Address{std::string(address->name, address->name_len), address->device_id};
}

namespace {

MemoryStore& self(void* userData) { return *static_cast<MemoryStore*>(userData); }

int copyOut(signal_buffer** out, const Bytes& bytes) {
    signal_buffer* buffer = signal_buffer_create(bytes.data(), bytes.size());
    if (!buffer) return SG_ERR_NOMEM;
    *out = buffer;
    return 0;
}

void wipe(Bytes& bytes) {
    if (!bytes.empty()) crypto::secureZero(bytes.data(), bytes.size());
}

template <class Key>
void wipeAll(std::map<Key, Bytes>& records) {
    for (auto& [key, value] : records) wipe(value);
}

template <class Key>
int loadRecord(const std::map<Key, Bytes>& records, const Key& key, signal_buffer** out) {
    auto it = records.find(key);
    if (it == records.end()) return SG_ERR_INVALID_KEY_ID;
    int rc = copyOut(out, it->second);
    return rc < 0 ? rc : SG_SUCCESS;
}

template <class Key>
void storeRecord(std::map<Key, Bytes>& records, const Key& key, const std::uint8_t* data, std::size_t len) {
    Bytes& slot = records[key];
    wipe(slot);
    slot.assign(data, data + len);
}

template <class Key>
int removeRecord(std::map<Key, Bytes>& records, const Key& key) {
    auto it = records.find(key);
    if (it == records.end()) return 0;
    wipe(it->second);
    records.erase(it);
    return 1;
}

}  // namespace

// Static callbacks with access to the store's private members.
struct StoreCallbacks {
    // sessions
    static int loadSession(signal_buffer** record, signal_buffer** /*userRecord*/, const signal_protocol_address* a,
                           void* u) {
        auto& sessions = self(u).sessions;
        auto it = sessions.find(toAddress(a));
        if (it == sessions.end()) return 0;
        int rc = copyOut(record, it->second);
        return rc < 0 ? rc : 1;
    }
    static int subDeviceSessions(signal_int_list** out, const char* name, std::size_t nameLen, void* u) {
        signal_int_list* list = signal_int_list_alloc();
        if (!list) return SG_ERR_NOMEM;
        const std::string wanted(name, nameLen);
        int count = 0;
        for (const auto& [address, record] : self(u).sessions) {
            if (address.name != wanted) continue;
            if (signal_int_list_push_back(list, address.deviceId) < 0) {
                signal_int_list_free(list);
                return SG_ERR_NOMEM;
            }
            ++count;
        }
        *out = list;
        return count;
    }
    static int storeSession(const signal_protocol_address* a, std::uint8_t* record, std::size_t len,
                            std::uint8_t* /*userRecord*/, std::size_t /*userLen*/, void* u) {
        storeRecord(self(u).sessions, toAddress(a), record, len);
        return 0;
    }
    static int containsSession(const signal_protocol_address* a, void* u) {
        return self(u).sessions.count(toAddress(a)) ? 1 : 0;
    }
    static int deleteSession(const signal_protocol_address* a, void* u) {
        return removeRecord(self(u).sessions, toAddress(a));
    }
    static int deleteAllSessions(const char* name, std::size_t nameLen, void* u) {
        auto& sessions = self(u).sessions;
        const std::string wanted(name, nameLen);
        int removed = 0;
        for (auto it = sessions.begin(); it != sessions.end();) {
            if (it->first.name == wanted) {
                wipe(it->second);
                it = sessions.erase(it);
                ++removed;
            } else {
                ++it;
            }
        }
        return removed;
    }

    // pre-keys
    static int loadPreKey(signal_buffer** record, std::uint32_t id, void* u) {
        const MemoryStore& store = self(u);
        auto used = store.usedPreKeys.find(id);
        if (!store.preKeys.count(id) && used != store.usedPreKeys.end()) {
            int rc = copyOut(record, used->second.record);
            return rc < 0 ? rc : SG_SUCCESS;
        }
        return loadRecord(store.preKeys, id, record);
    }
    static int storePreKey(std::uint32_t id, std::uint8_t* record, std::size_t len, void* u) {
        storeRecord(self(u).preKeys, id, record, len);
        return 0;
    }
    static int containsPreKey(std::uint32_t id, void* u) {
        return self(u).preKeys.count(id) || self(u).usedPreKeys.count(id) ? 1 : 0;
    }
    // libsignal removes a pre-key right after its first use: it leaves the bundle, its record is kept.
    static int removePreKey(std::uint32_t id, void* u) {
        MemoryStore& store = self(u);
        auto it = store.preKeys.find(id);
        if (it == store.preKeys.end()) {
            if (store.usedPreKeys.count(id)) store.usedPreKeyAgain = true;
            return 0;
        }
        MemoryStore::UsedPreKey& used = store.usedPreKeys[id];
        wipe(used.record);
        used.record = std::move(it->second);
        used.usedAtMs = 0;
        store.preKeys.erase(it);
        return 0;
    }

    // signed pre-keys
    static int loadSignedPreKey(signal_buffer** record, std::uint32_t id, void* u) {
        return loadRecord(self(u).signedPreKeys, id, record);
    }
    static int storeSignedPreKey(std::uint32_t id, std::uint8_t* record, std::size_t len, void* u) {
        storeRecord(self(u).signedPreKeys, id, record, len);
        return 0;
    }
    static int containsSignedPreKey(std::uint32_t id, void* u) { return self(u).signedPreKeys.count(id) ? 1 : 0; }
    static int removeSignedPreKey(std::uint32_t id, void* u) {
        removeRecord(self(u).signedPreKeys, id);
        return 0;
    }

    // identities
    static int identityKeyPair(signal_buffer** publicData, signal_buffer** privateData, void* u) {
        const auto& identity = self(u).identity;
        if (!identity) return SG_ERR_INVALID_KEY;
        int rc = copyOut(publicData, identity->publicKey);
        if (rc < 0) return rc;
        rc = copyOut(privateData, identity->privateKey);
        if (rc < 0) {
            signal_buffer_free(*publicData);
            *publicData = nullptr;
            return rc;
        }
        return 0;
    }
    static int registrationId(void* u, std::uint32_t* id) {
        const auto& identity = self(u).identity;
        if (!identity) return SG_ERR_INVALID_KEY;
        *id = identity->registrationId;
        return 0;
    }
    static int saveIdentity(const signal_protocol_address* a, std::uint8_t* key, std::size_t len, void* u) {
        if (key) {
            storeRecord(self(u).remoteIdentities, toAddress(a), key, len);
        } else {
            removeRecord(self(u).remoteIdentities, toAddress(a));
        }
        return 0;
    }
    static int isTrusted(const signal_protocol_address* a, std::uint8_t* key, std::size_t len, void* u) {
        MemoryStore& store = self(u);
        if (store.m_trustPolicy == TrustPolicy::TrustAll) return 1;
        auto it = store.remoteIdentities.find(toAddress(a));
        if (it == store.remoteIdentities.end()) return 1;
        return it->second == Bytes(key, key + len) ? 1 : 0;
    }
};

MemoryStore::~MemoryStore() {
    if (identity) wipe(identity->privateKey);
    wipeAll(sessions);
    wipeAll(preKeys);
    for (auto& [id, used] : usedPreKeys) wipe(used.record);
    wipeAll(signedPreKeys);
}

std::size_t MemoryStore::forgetUsedPreKeys(std::uint64_t usedBeforeMs, std::size_t keepAtMost) {
    std::size_t forgotten = 0;
    for (auto it = usedPreKeys.begin(); it != usedPreKeys.end();) {
        if (it->second.usedAtMs < usedBeforeMs) {
            wipe(it->second.record);
            it = usedPreKeys.erase(it);
            ++forgotten;
        } else {
            ++it;
        }
    }
    while (usedPreKeys.size() > keepAtMost) {  // the oldest first
        auto oldest = usedPreKeys.begin();
        for (auto it = usedPreKeys.begin(); it != usedPreKeys.end(); ++it)
            if (it->second.usedAtMs < oldest->second.usedAtMs) oldest = it;
        wipe(oldest->second.record);
        usedPreKeys.erase(oldest);
        ++forgotten;
    }
    return forgotten;
}

Result<void> MemoryStore::install(signal_protocol_store_context* context) {
    signal_protocol_session_store sessionStore{};
    sessionStore.load_session_func = StoreCallbacks::loadSession;
    sessionStore.get_sub_device_sessions_func = StoreCallbacks::subDeviceSessions;
    sessionStore.store_session_func = StoreCallbacks::storeSession;
    sessionStore.contains_session_func = StoreCallbacks::containsSession;
    sessionStore.delete_session_func = StoreCallbacks::deleteSession;
    sessionStore.delete_all_sessions_func = StoreCallbacks::deleteAllSessions;
    sessionStore.user_data = this;

    signal_protocol_pre_key_store preKeyStore{};
    preKeyStore.load_pre_key = StoreCallbacks::loadPreKey;
    preKeyStore.store_pre_key = StoreCallbacks::storePreKey;
    preKeyStore.contains_pre_key = StoreCallbacks::containsPreKey;
    preKeyStore.remove_pre_key = StoreCallbacks::removePreKey;
    preKeyStore.user_data = this;

    signal_protocol_signed_pre_key_store signedStore{};
    signedStore.load_signed_pre_key = StoreCallbacks::loadSignedPreKey;
    signedStore.store_signed_pre_key = StoreCallbacks::storeSignedPreKey;
    signedStore.contains_signed_pre_key = StoreCallbacks::containsSignedPreKey;
    signedStore.remove_signed_pre_key = StoreCallbacks::removeSignedPreKey;
    signedStore.user_data = this;

    signal_protocol_identity_key_store identityStore{};
    identityStore.get_identity_key_pair = StoreCallbacks::identityKeyPair;
    identityStore.get_local_registration_id = StoreCallbacks::registrationId;
    identityStore.save_identity = StoreCallbacks::saveIdentity;
    identityStore.is_trusted_identity = StoreCallbacks::isTrusted;
    identityStore.user_data = this;

    if (signal_protocol_store_context_set_session_store(context, &sessionStore) != 0 ||
        signal_protocol_store_context_set_pre_key_store(context, &preKeyStore) != 0 ||
        signal_protocol_store_context_set_signed_pre_key_store(context, &signedStore) != 0 ||
        signal_protocol_store_context_set_identity_key_store(context, &identityStore) != 0) {
        return makeError("omemo-store", "installing the signal store failed");
    }
    return {};
}

}  // namespace starling::omemo
