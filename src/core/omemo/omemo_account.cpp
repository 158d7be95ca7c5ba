#include "core/omemo/omemo_account.h"

#include <algorithm>

#include "core/crypto/hash.h"
#include "core/omemo/blob_io.h"
#include "core/omemo/payload_cipher.h"
#include "core/omemo/store_codec.h"

namespace starling::omemo {
namespace {

constexpr char kMagic[4] = {'S', 'O', 'A', '1'};
constexpr std::uint8_t kEnd = 0xFF;
constexpr std::uint32_t kMaxPreKeyId = 0xFFFFFE;  // libsignal's medium id range
constexpr std::uint32_t kMaxBares = 100000;

std::uint32_t randomDeviceId(platform::Random& random) {
    std::uint32_t id = 0;
    while (!xep::validOmemoDeviceId(id)) {
        std::uint8_t b[4];
        random.fill(b, sizeof b);
        id = (std::uint32_t(b[0]) | std::uint32_t(b[1]) << 8 | std::uint32_t(b[2]) << 16 | std::uint32_t(b[3]) << 24) &
             0x7FFFFFFF;
    }
    return id;
}

std::uint32_t randomBelow(platform::Random& random, std::uint32_t n) {
    std::uint8_t b[4];
    random.fill(b, sizeof b);
    const std::uint32_t v =
        std::uint32_t(b[0]) | std::uint32_t(b[1]) << 8 | std::uint32_t(b[2]) << 16 | std::uint32_t(b[3]) << 24;
    return n ? v % n : 0;
}

}  // namespace

std::string fingerprint(const Bytes& identityKey) {
    Bytes raw = identityKey;
    if (raw.size() == 33 && raw[0] == 0x05) raw.erase(raw.begin());
    const std::string hex = crypto::hexEncode(raw);
    std::string out;
    for (std::size_t i = 0; i < hex.size(); i += 8) {
        if (i) out += ' ';
        out += hex.substr(i, 8);
    }
    return out;
}

Account::Account(platform::Random& random, std::string ownBare) : m_random(random), m_ownBare(std::move(ownBare)) {}

Result<std::unique_ptr<Account>> Account::create(platform::Random& random, std::string ownBare, std::uint64_t nowMs) {
    std::unique_ptr<Account> a(new Account(random, std::move(ownBare)));
    auto device = LocalDevice::create(random, std::make_unique<MemoryStore>());
    if (!device) return device.error();
    a->m_device = std::move(*device);
    a->m_deviceId = randomDeviceId(random);
    if (auto r = a->m_device->generateSignedPreKey(kSignedPreKeyId, nowMs); !r) return r.error();
    if (auto r = a->replenishPreKeys(); !r) return r.error();
    return a;
}

Bytes Account::encode() const {
    blob::Writer w;
    for (char c : kMagic) w.u8(static_cast<std::uint8_t>(c));
    w.text(m_ownBare);
    w.u32(m_deviceId);
    w.u32(m_nextPreKeyId);
    w.u8(m_published ? 1 : 0);
    Bytes store = encodeStore(m_device->store());
    w.bytes(store);
    crypto::secureZero(store.data(), store.size());
    w.u32(static_cast<std::uint32_t>(m_devices.size()));
    for (const auto& [bare, list] : m_devices) {
        w.text(bare);
        w.u32(static_cast<std::uint32_t>(list.size()));
        for (const auto& d : list) {
            w.u32(d.id);
            w.bytes(d.identityKey);
            w.u8(static_cast<std::uint8_t>(d.trust));
            w.u8(static_cast<std::uint8_t>((d.active ? 1 : 0) | (d.announced ? 2 : 0)));
        }
    }
    w.u32(static_cast<std::uint32_t>(m_chats.size()));
    for (const auto& [bare, mode] : m_chats) {
        w.text(bare);
        w.u8(static_cast<std::uint8_t>(mode));
    }
    w.u8(kEnd);
    return w.take();
}

Result<std::unique_ptr<Account>> Account::decode(platform::Random& random, const Bytes& in) {
    auto bad = [](const char* why) { return makeError("bad-omemo-store", why); };
    blob::Reader r(in);
    for (char c : kMagic) {
        std::uint8_t v = 0;
        if (!r.u8(v) || v != static_cast<std::uint8_t>(c)) return bad("not an OMEMO account blob");
    }
    std::string ownBare;
    std::uint32_t deviceId = 0, nextPreKeyId = 0, count = 0;
    std::uint8_t published = 0;
    Bytes store;
    if (!r.text(ownBare) || !r.u32(deviceId) || !r.u32(nextPreKeyId) || !r.u8(published) || !r.bytes(store, 64u << 20))
        return bad("truncated header");
    if (!xep::validOmemoDeviceId(deviceId)) return bad("bad device id");
    std::unique_ptr<Account> a(new Account(random, ownBare));
    a->m_deviceId = deviceId;
    a->m_nextPreKeyId = nextPreKeyId;
    a->m_published = published != 0;
    auto memory = decodeStore(store);
    crypto::secureZero(store.data(), store.size());
    if (!memory) return memory.error();
    auto device = LocalDevice::create(random, std::move(*memory));
    if (!device) return device.error();
    a->m_device = std::move(*device);
    if (!r.u32(count) || count > kMaxBares) return bad("device table");
    for (std::uint32_t i = 0; i < count; ++i) {
        std::string bare;
        std::uint32_t n = 0;
        if (!r.text(bare) || !r.u32(n) || n > xep::kOmemoMaxDevices * 4) return bad("device list");
        auto& list = a->m_devices[bare];
        for (std::uint32_t j = 0; j < n; ++j) {
            DeviceRecord d;
            std::uint8_t trust = 0, flags = 0;
            if (!r.u32(d.id) || !r.bytes(d.identityKey, 64) || !r.u8(trust) || !r.u8(flags) || trust > 2)
                return bad("device record");
            d.trust = static_cast<Trust>(trust);
            d.active = flags & 1;
            d.announced = flags & 2;
            list.push_back(std::move(d));
        }
    }
    if (!r.u32(count) || count > kMaxBares) return bad("chat table");
    for (std::uint32_t i = 0; i < count; ++i) {
        std::string bare;
        std::uint8_t mode = 0;
        if (!r.text(bare) || !r.u8(mode) || mode > 2) return bad("chat record");
        a->m_chats[bare] = static_cast<ChatEncryption>(mode);
    }
    std::uint8_t end = 0;
    if (!r.u8(end) || end != kEnd || !r.atEnd()) return bad("no end marker");
    return a;
}

std::string Account::ownFingerprint() const { return fingerprint(m_device->identityKey()); }

void Account::avoidDeviceIdClash(const std::vector<std::uint32_t>& ownList) {
    if (m_published) return;
    while (std::find(ownList.begin(), ownList.end(), m_deviceId) != ownList.end()) m_deviceId = randomDeviceId(m_random);
}

Trust Account::trustForNewDevice(const std::string& bare) const {
    auto it = m_devices.find(bare);
    if (it == m_devices.end()) return Trust::Blind;
    for (const auto& d : it->second)
        if (d.trust == Trust::Verified) return Trust::Untrusted;
    return Trust::Blind;
}

std::vector<std::uint32_t> Account::setDeviceList(const std::string& bare, const std::vector<std::uint32_t>& ids) {
    std::vector<std::uint32_t> fresh;
    const Trust initial = trustForNewDevice(bare);
    auto& list = m_devices[bare];
    for (auto& d : list) d.active = std::find(ids.begin(), ids.end(), d.id) != ids.end();
    for (std::uint32_t id : ids) {
        if (bare == m_ownBare && id == m_deviceId) continue;
        auto it = std::find_if(list.begin(), list.end(), [&](const DeviceRecord& d) { return d.id == id; });
        if (it != list.end()) continue;
        DeviceRecord d;
        d.id = id;
        d.trust = initial;
        list.push_back(std::move(d));
        fresh.push_back(id);
    }
    // Bounded: forget inactive devices beyond the limit (oldest first).
    while (list.size() > xep::kOmemoMaxDevices * 2) {
        auto it = std::find_if(list.begin(), list.end(), [](const DeviceRecord& d) { return !d.active; });
        if (it == list.end()) break;
        list.erase(it);
    }
    return fresh;
}

bool Account::knowsDeviceList(const std::string& bare) const {
    auto it = m_devices.find(bare);
    if (it == m_devices.end()) return false;
    if (it->second.empty()) return true;  // fetched: nobody there
    for (const auto& d : it->second)
        if (d.active) return true;
    return false;  // only devices learned from their messages (learnIdentity)
}

std::vector<DeviceRecord> Account::devices(const std::string& bare) const {
    std::vector<DeviceRecord> out;
    auto it = m_devices.find(bare);
    if (it == m_devices.end()) return out;
    for (const auto& d : it->second)
        if (d.active && !(bare == m_ownBare && d.id == m_deviceId)) out.push_back(d);
    return out;
}

void Account::markAnnounced(const std::string& bare) {
    for (auto& d : m_devices[bare]) d.announced = true;
}

ChatEncryption Account::chatEncryption(const std::string& bare) const {
    auto it = m_chats.find(bare);
    return it == m_chats.end() ? ChatEncryption::Default : it->second;
}

void Account::setChatEncryption(const std::string& bare, ChatEncryption mode) {
    if (mode == ChatEncryption::Default) m_chats.erase(bare);
    else m_chats[bare] = mode;
}

bool Account::encrypts(const std::string& bare) const {
    switch (chatEncryption(bare)) {
        case ChatEncryption::On: return true;
        case ChatEncryption::Off: return false;
        case ChatEncryption::Default: break;
    }
    return hasDevices(bare);
}

std::vector<Address> Account::recipients(const std::string& peer) const {
    std::vector<Address> out;
    auto add = [&](const std::string& bare) {
        for (const auto& d : devices(bare))
            if (d.trust != Trust::Untrusted) out.push_back(Address{bare, static_cast<std::int32_t>(d.id)});
    };
    add(peer);
    if (peer != m_ownBare) add(m_ownBare);
    return out;
}

DeviceRecord* Account::record(const Address& a) {
    auto& list = m_devices[a.name];
    auto it = std::find_if(list.begin(), list.end(),
                           [&](const DeviceRecord& d) { return d.id == static_cast<std::uint32_t>(a.deviceId); });
    return it == list.end() ? nullptr : &*it;
}

void Account::learnIdentity(const Address& a) {
    auto& ids = m_device->store().remoteIdentities;
    auto it = ids.find(a);
    if (it == ids.end()) return;
    DeviceRecord* d = record(a);
    if (!d) {
        DeviceRecord fresh;
        fresh.id = static_cast<std::uint32_t>(a.deviceId);
        fresh.trust = trustForNewDevice(a.name);
        fresh.active = false;  // not (yet) in a device list we fetched
        m_devices[a.name].push_back(std::move(fresh));
        d = record(a);
    }
    d->identityKey = it->second;
}

Result<void> Account::buildSession(const Address& remote, const Bundle& bundle) {
    if (bundle.preKeys.empty()) return makeError("bad-bundle", "no pre-keys");
    if (auto known = identityOf(remote); known && *known != bundle.identityKey)
        return makeError("identity-changed", "the identity key of " + remote.name + " changed");
    const PreKeyPublic& preKey = bundle.preKeys[randomBelow(m_random, static_cast<std::uint32_t>(bundle.preKeys.size()))];
    auto built = m_device->buildSession(remote, bundle, preKey);
    if (!built) {
        if (built.error().code == "untrusted-identity") return makeError("identity-changed", built.error().message);
        return built;
    }
    learnIdentity(remote);
    return {};
}

Result<xep::OmemoEncrypted> Account::encrypt(const std::vector<Address>& to, const Bytes& plaintext) {
    auto sealed = sealPayload(m_random, plaintext);
    if (!sealed) return sealed.error();
    xep::OmemoEncrypted out;
    out.sid = m_deviceId;
    out.iv = sealed->iv;
    out.payload = sealed->ciphertext;
    for (const Address& a : to) {
        auto key = m_device->encrypt(a, sealed->keyMaterial);
        if (!key) return key.error();
        out.keys.push_back(xep::OmemoKey{static_cast<std::uint32_t>(a.deviceId), key->isPreKey, std::move(key->data)});
    }
    return out;
}

Result<Decrypted> Account::decrypt(const std::string& senderBare, const xep::OmemoEncrypted& message) {
    const xep::OmemoKey* key = message.keyFor(m_deviceId);
    if (!key) return makeError("not-for-us", "no key for device " + std::to_string(m_deviceId));
    const Address sender{senderBare, static_cast<std::int32_t>(message.sid)};
    if (senderBare == m_ownBare && message.sid == m_deviceId) return makeError("invalid-message", "from ourselves");
    m_device->store().usedPreKeyAgain = false;
    auto material = m_device->decrypt(sender, EncryptedKey{key->data, key->preKey});
    if (!material) {
        if (material.error().code == "untrusted-identity")
            return makeError("identity-changed", material.error().message);
        return material.error();
    }
    learnIdentity(sender);
    Decrypted out;
    out.usedPreKey = key->preKey;
    out.usedPreKeyAgain = m_device->store().usedPreKeyAgain;
    out.senderDevice = message.sid;
    if (message.payload) {
        auto body = openPayload(*material, message.iv, *message.payload);
        crypto::secureZero(material->data(), material->size());
        if (!body) return body.error();
        out.body = std::move(*body);
    } else {
        crypto::secureZero(material->data(), material->size());
    }
    return out;
}

Result<bool> Account::replenishPreKeys() {
    const std::size_t have = m_device->store().preKeys.size();
    if (have >= kPreKeySupply) return false;
    const auto count = static_cast<std::uint32_t>(kPreKeySupply - have);
    if (m_nextPreKeyId == 0 || m_nextPreKeyId > kMaxPreKeyId) m_nextPreKeyId = 1;
    if (auto r = m_device->generatePreKeys(m_nextPreKeyId, count); !r) return r.error();
    m_nextPreKeyId = (m_nextPreKeyId + count - 1) % kMaxPreKeyId + 1;
    return true;
}

void Account::dropSession(const Address& a) {
    auto& sessions = m_device->store().sessions;
    auto it = sessions.find(a);
    if (it == sessions.end()) return;
    if (!it->second.empty()) crypto::secureZero(it->second.data(), it->second.size());
    sessions.erase(it);
}

void Account::stampUsedPreKeys(std::uint64_t nowMs) {
    for (auto& [id, used] : m_device->store().usedPreKeys)
        if (used.usedAtMs == 0) used.usedAtMs = nowMs;
    m_device->store().forgetUsedPreKeys(0, kUsedPreKeysKept);
}

bool Account::forgetUsedPreKeys(std::uint64_t nowMs) {
    const std::uint64_t before = nowMs > kUsedPreKeyGraceMs ? nowMs - kUsedPreKeyGraceMs : 0;
    return m_device->store().forgetUsedPreKeys(before, kUsedPreKeysKept) > 0;
}

std::size_t Account::usedPreKeysKept() const { return m_device->store().usedPreKeys.size(); }

Trust Account::trust(const Address& a) const {
    auto it = m_devices.find(a.name);
    if (it != m_devices.end())
        for (const auto& d : it->second)
            if (d.id == static_cast<std::uint32_t>(a.deviceId)) return d.trust;
    return trustForNewDevice(a.name);
}

void Account::setTrust(const Address& a, Trust t) {
    if (DeviceRecord* d = record(a)) d->trust = t;
}

std::optional<Bytes> Account::identityOf(const Address& a) const {
    auto& ids = m_device->store().remoteIdentities;
    auto it = ids.find(a);
    if (it == ids.end()) return std::nullopt;
    return it->second;
}

}  // namespace starling::omemo
