#pragma once
// XEP-0384 v0.3 OMEMO (legacy namespace eu.siacs.conversations.axolotl): the device list, the bundle and
// the encrypted message element as plain values, one parser and one serializer each. Parsers take
// whatever the network sends: ids outside 1…2³¹−1, bad base64 and oversized lists are refused or skipped.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/omemo/local_device.h"
#include "core/util/result.h"
#include "core/xml/element.h"

namespace starling::xep {

inline constexpr const char* kOmemoDeviceListNode = "eu.siacs.conversations.axolotl.devicelist";
inline constexpr const char* kOmemoDeviceListNotify = "eu.siacs.conversations.axolotl.devicelist+notify";
inline constexpr const char* kOmemoBundlesPrefix = "eu.siacs.conversations.axolotl.bundles:";
inline constexpr std::size_t kOmemoMaxDevices = 64;    // per account; more are ignored
inline constexpr std::size_t kOmemoMaxPreKeys = 200;   // per bundle
inline constexpr std::size_t kOmemoMaxKeys = 256;      // <key/> elements per message

bool validOmemoDeviceId(std::int64_t id);
std::string omemoBundleNode(std::uint32_t deviceId);

// <list xmlns='eu.siacs.conversations.axolotl'><device id/>…</list>: valid ids in order, no duplicates,
// at most kOmemoMaxDevices.
std::vector<std::uint32_t> parseOmemoDeviceList(const xml::Element& list);
xml::Element omemoDeviceList(const std::vector<std::uint32_t>& ids);

// <bundle/>: Error "bad-bundle" when a required part is missing or malformed. Keys without the 0x05
// type byte (32 bytes) are accepted and normalized to libsignal's 33-byte form.
Result<omemo::Bundle> parseOmemoBundle(const xml::Element& bundle);
xml::Element omemoBundle(const omemo::Bundle& bundle);

struct OmemoKey {
    std::uint32_t rid = 0;
    bool preKey = false;
    omemo::Bytes data;
};

struct OmemoEncrypted {
    std::uint32_t sid = 0;
    std::vector<OmemoKey> keys;
    omemo::Bytes iv;
    std::optional<omemo::Bytes> payload;  // absent: a KeyTransportElement

    const OmemoKey* keyFor(std::uint32_t rid) const;
};

// <encrypted/>: Error "bad-encrypted" when the header, sid or iv is missing or malformed.
Result<OmemoEncrypted> parseOmemoEncrypted(const xml::Element& encrypted);
xml::Element omemoEncrypted(const OmemoEncrypted& encrypted);

}  // namespace starling::xep
