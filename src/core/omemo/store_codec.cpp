#include "core/omemo/store_codec.h"

#include <cstring>

#include "core/crypto/hash.h"
#include "core/omemo/blob_io.h"

namespace starling::omemo {
namespace {

constexpr char kMagic[4] = {'S', 'O', 'M', '1'};
constexpr std::uint32_t kMaxField = 1u << 20;  // no single record is anywhere near 1 MiB

enum Tag : std::uint8_t { kIdentity = 1, kSession = 2, kPreKey = 3, kSignedPreKey = 4, kRemoteIdentity = 5, kUsedPreKey = 6,
                            kEnd = 0xFF };

using blob::Reader;
using blob::Writer;

bool readAddress(Reader& r, Address& a) {
    std::uint32_t device = 0;
    if (!r.text(a.name, kMaxField) || !r.u32(device)) return false;
    a.deviceId = static_cast<std::int32_t>(device);
    return true;
}

void writeAddress(Writer& w, const Address& a) {
    w.text(a.name);
    w.u32(static_cast<std::uint32_t>(a.deviceId));
}

// Reads one record; sets `end` at the end marker (which must carry the record count).
bool readRecord(Reader& r, MemoryStore& store, std::uint32_t recordsSoFar, bool& end) {
    std::uint8_t tag = 0;
    if (!r.u8(tag)) return false;
    switch (tag) {
        case kEnd: {
            std::uint32_t count = 0;
            if (!r.u32(count) || count != recordsSoFar || !r.atEnd()) return false;
            end = true;
            return true;
        }
        case kIdentity: {
            if (store.identity) return false;  // exactly one
            IdentityKeyPair id;
            if (!r.bytes(id.publicKey) || !r.bytes(id.privateKey) || !r.u32(id.registrationId)) return false;
            store.identity = std::move(id);
            return true;
        }
        case kSession:
        case kRemoteIdentity: {
            Address a;
            Bytes record;
            if (!readAddress(r, a) || !r.bytes(record)) return false;
            auto& map = tag == kSession ? store.sessions : store.remoteIdentities;
            return map.emplace(std::move(a), std::move(record)).second;
        }
        case kPreKey:
        case kSignedPreKey: {
            std::uint32_t id = 0;
            Bytes record;
            if (!r.u32(id) || !r.bytes(record)) return false;
            auto& map = tag == kPreKey ? store.preKeys : store.signedPreKeys;
            return map.emplace(id, std::move(record)).second;
        }
        case kUsedPreKey: {
            std::uint32_t id = 0, low = 0, high = 0;
            MemoryStore::UsedPreKey used;
            if (!r.u32(id) || !r.u32(low) || !r.u32(high) || !r.bytes(used.record)) return false;
            used.usedAtMs = (static_cast<std::uint64_t>(high) << 32) | low;
            return store.usedPreKeys.emplace(id, std::move(used)).second;
        }
        default: return false;
    }
}

}  // namespace

Bytes encodeStore(const MemoryStore& store) {
    Writer w;
    for (char c : kMagic) w.u8(static_cast<std::uint8_t>(c));
    const auto count = static_cast<std::uint32_t>((store.identity ? 1 : 0) + store.sessions.size() +
                                                  store.preKeys.size() + store.signedPreKeys.size() +
                                                  store.remoteIdentities.size() + store.usedPreKeys.size());
    if (store.identity) {
        w.u8(kIdentity);
        w.bytes(store.identity->publicKey);
        w.bytes(store.identity->privateKey);
        w.u32(store.identity->registrationId);
    }
    for (const auto& [address, record] : store.sessions) {
        w.u8(kSession);
        writeAddress(w, address);
        w.bytes(record);
    }
    for (const auto& [id, record] : store.preKeys) {
        w.u8(kPreKey);
        w.u32(id);
        w.bytes(record);
    }
    for (const auto& [id, used] : store.usedPreKeys) {
        w.u8(kUsedPreKey);
        w.u32(id);
        w.u32(static_cast<std::uint32_t>(used.usedAtMs));
        w.u32(static_cast<std::uint32_t>(used.usedAtMs >> 32));
        w.bytes(used.record);
    }
    for (const auto& [id, record] : store.signedPreKeys) {
        w.u8(kSignedPreKey);
        w.u32(id);
        w.bytes(record);
    }
    for (const auto& [address, key] : store.remoteIdentities) {
        w.u8(kRemoteIdentity);
        writeAddress(w, address);
        w.bytes(key);
    }
    // The end marker makes a truncated blob (even one cut at a record boundary) detectable.
    w.u8(kEnd);
    w.u32(count);
    return w.take();
}

Result<std::unique_ptr<MemoryStore>> decodeStore(const Bytes& blob) {
    if (blob.size() < sizeof kMagic || std::memcmp(blob.data(), kMagic, sizeof kMagic) != 0) {
        return makeError("bad-omemo-store", "not an OMEMO store (magic)");
    }
    // Parse a copy without the magic so the reader's offsets start at the records.
    Bytes body(blob.begin() + sizeof kMagic, blob.end());
    auto store = std::make_unique<MemoryStore>();  // zeroes whatever it took on early return
    Reader r(body);
    bool ok = true, end = false;
    for (std::uint32_t records = 0; ok && !end; ++records) ok = readRecord(r, *store, records, end);
    if (!body.empty()) crypto::secureZero(body.data(), body.size());
    if (!ok) return makeError("bad-omemo-store", "truncated or malformed OMEMO store");
    return store;
}

}  // namespace starling::omemo
