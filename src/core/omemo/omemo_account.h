#pragma once
// One account's OMEMO (legacy) state above libsignal: our device (id, keys, pre-key supply), what we know
// of every contact's devices (ids from their device lists, identity keys, trust), the per-chat switch, and
// the message layer (payload sealed once, its key encrypted per device). No network: the client fetches
// device lists and bundles and hands them in. The whole state is one blob (encode/decode) that the client
// writes atomically after every change, together with the plaintext a decryption produced.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/omemo/local_device.h"
#include "core/xep/xep0384_omemo_legacy.h"
#include "platform/random.h"

namespace starling::omemo {

inline constexpr std::uint32_t kPreKeySupply = 100;
// A used pre-key's private part is kept this long after its use, and at least until the archive
// catch-up is over (XEP-0384 business rules): a sender who fetched our bundle before we republished it
// without that key, or whose message waited in the archive, can still start a session. At most
// kUsedPreKeysKept are kept (a flood of key exchanges cannot grow the store).
inline constexpr std::uint64_t kUsedPreKeyGraceMs = 10 * 60 * 1000;
inline constexpr std::size_t kUsedPreKeysKept = 200;
inline constexpr std::uint32_t kSignedPreKeyId = 1;

enum class Trust : std::uint8_t {
    Blind = 0,      // trusted without verification (blind trust before verification)
    Verified = 1,   // fingerprint compared by the person
    Untrusted = 2,  // not encrypted to, its messages flagged (new device after a verification, or refused)
};

struct DeviceRecord {
    std::uint32_t id = 0;
    Bytes identityKey;  // empty until a session exists
    Trust trust = Trust::Blind;
    bool active = true;    // listed in the owner's current device list
    bool announced = false;  // the person was told about it
};

// Per-chat switch: Default = on when the contact has devices (as Conversations does).
enum class ChatEncryption : std::uint8_t { Default = 0, On = 1, Off = 2 };

struct Decrypted {
    std::optional<Bytes> body;  // absent for a key transport element
    bool usedPreKey = false;    // a pre-key was consumed: replenish and republish
    bool usedPreKeyAgain = false;  // ...one that another key exchange had used already: move the session on
    std::uint32_t senderDevice = 0;
};

class Account {
public:
    // A fresh device: identity, random device id, kPreKeySupply pre-keys and a signed pre-key.
    static Result<std::unique_ptr<Account>> create(platform::Random& random, std::string ownBare, std::uint64_t nowMs);
    // Error "bad-omemo-store" on any damage (nothing partial).
    static Result<std::unique_ptr<Account>> decode(platform::Random& random, const Bytes& blob);
    Bytes encode() const;  // holds private keys: zero the copy when written

    const std::string& ownBare() const { return m_ownBare; }
    std::uint32_t deviceId() const { return m_deviceId; }
    Result<Bundle> bundle() const { return m_device->bundle(kSignedPreKeyId); }
    std::string ownFingerprint() const;
    // Before our first publication: a clash with an id already in our list picks a new one.
    void avoidDeviceIdClash(const std::vector<std::uint32_t>& ownList);
    bool published() const { return m_published; }
    void setPublished() { m_published = true; }

    // Device lists (ours included, under ownBare). Returns ids seen for the first time.
    std::vector<std::uint32_t> setDeviceList(const std::string& bare, const std::vector<std::uint32_t>& ids);
    // A list was fetched (possibly empty); devices known only from their messages do not count.
    bool knowsDeviceList(const std::string& bare) const;
    std::vector<DeviceRecord> devices(const std::string& bare) const;  // active ones, ours without this device
    bool hasDevices(const std::string& bare) const { return !devices(bare).empty(); }
    void markAnnounced(const std::string& bare);

    ChatEncryption chatEncryption(const std::string& bare) const;
    void setChatEncryption(const std::string& bare, ChatEncryption mode);
    // The rule: On → yes; Off → no; Default → yes when the contact has devices.
    bool encrypts(const std::string& bare) const;

    // Recipients of a message to `peer`: active, not Untrusted devices of the peer and our other devices.
    std::vector<Address> recipients(const std::string& peer) const;
    bool hasSession(const Address& a) const { return m_device->hasSession(a); }
    void dropSession(const Address& a);
    // Builds a session from a fetched bundle with a random pre-key. Error "identity-changed" when the
    // bundle's identity key differs from the one we know for that device.
    Result<void> buildSession(const Address& remote, const Bundle& bundle);

    // Seals `plaintext` once and encrypts its key for every address (each must have a session).
    Result<xep::OmemoEncrypted> encrypt(const std::vector<Address>& to, const Bytes& plaintext);
    // Errors: "not-for-us" (no key for this device), libsignal codes (see signalError), "auth-failed".
    Result<Decrypted> decrypt(const std::string& senderBare, const xep::OmemoEncrypted& message);
    // Tops the pre-key supply up to kPreKeySupply (new ids); true when keys were added.
    Result<bool> replenishPreKeys();
    // Used pre-keys not stamped yet get `nowMs` (wall clock): call after each decrypt.
    void stampUsedPreKeys(std::uint64_t nowMs);
    // Wipes the used pre-keys older than kUsedPreKeyGraceMs (the caller waits for the catch-up); true if any.
    bool forgetUsedPreKeys(std::uint64_t nowMs);
    std::size_t usedPreKeysKept() const;

    Trust trust(const Address& a) const;
    void setTrust(const Address& a, Trust trust);
    std::optional<Bytes> identityOf(const Address& a) const;

private:
    Account(platform::Random& random, std::string ownBare);
    DeviceRecord* record(const Address& a);
    void learnIdentity(const Address& a);
    Trust trustForNewDevice(const std::string& bare) const;

    platform::Random& m_random;
    std::string m_ownBare;
    std::uint32_t m_deviceId = 0;
    std::uint32_t m_nextPreKeyId = 1;
    bool m_published = false;
    std::unique_ptr<LocalDevice> m_device;
    std::map<std::string, std::vector<DeviceRecord>> m_devices;
    std::map<std::string, ChatEncryption> m_chats;
};

// "ab12cd34 ef56…": the identity key without its 0x05 type byte, lower-case hex in groups of 8 (Conversations'
// and Dino's form).
std::string fingerprint(const Bytes& identityKey);

}  // namespace starling::omemo
