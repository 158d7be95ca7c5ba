#include "core/xep/xep0384_omemo_legacy.h"

#include <algorithm>
#include <charconv>

#include "core/crypto/hash.h"
#include "core/xml/ns.h"

namespace starling::xep {
namespace {

// One frame's worth (xml::Limits::maxBytes): a long message's payload is as readable as its plaintext.
constexpr std::size_t kMaxBase64 = 1 << 20;

std::optional<std::int64_t> parseInt(std::string_view s) {
    if (s.empty() || s.size() > 12) return std::nullopt;
    std::int64_t v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
    return v;
}

std::optional<std::uint32_t> parseId(std::string_view s) {
    auto v = parseInt(s);
    if (!v || !validOmemoDeviceId(*v)) return std::nullopt;
    return static_cast<std::uint32_t>(*v);
}

// Base64 with the whitespace XML pretty-printing adds (the XEP's own examples have it).
bool decode64(std::string_view text, omemo::Bytes& out) {
    if (text.size() > kMaxBase64) return false;
    std::string compact;
    compact.reserve(text.size());
    for (char c : text)
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t') compact += c;
    return !compact.empty() && crypto::base64Decode(compact, out);
}

// libsignal wants 33-byte keys (0x05 type byte first); some clients publish the bare 32 bytes.
bool normalizeKey(omemo::Bytes& key) {
    if (key.size() == 32) key.insert(key.begin(), 0x05);
    return key.size() == 33 && key[0] == 0x05;
}

bool decodeKey(const xml::Element* e, omemo::Bytes& out) {
    return e && decode64(e->text(), out) && normalizeKey(out);
}

}  // namespace

bool validOmemoDeviceId(std::int64_t id) { return id >= 1 && id <= 0x7FFFFFFF; }

std::string omemoBundleNode(std::uint32_t deviceId) { return kOmemoBundlesPrefix + std::to_string(deviceId); }

std::vector<std::uint32_t> parseOmemoDeviceList(const xml::Element& list) {
    std::vector<std::uint32_t> ids;
    if (!list.is(ns::kOmemoLegacy, "list")) return ids;
    for (const xml::Element* d : list.childrenNamed(ns::kOmemoLegacy, "device")) {
        auto id = parseId(d->attr("id"));
        if (!id || std::find(ids.begin(), ids.end(), *id) != ids.end()) continue;
        ids.push_back(*id);
        if (ids.size() == kOmemoMaxDevices) break;
    }
    return ids;
}

xml::Element omemoDeviceList(const std::vector<std::uint32_t>& ids) {
    xml::Element list(ns::kOmemoLegacy, "list");
    for (std::uint32_t id : ids) list.add(ns::kOmemoLegacy, "device").setAttr("id", std::to_string(id));
    return list;
}

Result<omemo::Bundle> parseOmemoBundle(const xml::Element& bundle) {
    auto bad = [](const std::string& why) { return makeError("bad-bundle", why); };
    if (!bundle.is(ns::kOmemoLegacy, "bundle")) return bad("not a bundle");
    omemo::Bundle out;
    const xml::Element* spk = bundle.child(ns::kOmemoLegacy, "signedPreKeyPublic");
    if (!spk) return bad("no signedPreKeyPublic");
    auto spkId = parseInt(spk->attr("signedPreKeyId"));
    if (!spkId || *spkId < 0 || *spkId > 0xFFFFFF) return bad("bad signedPreKeyId");
    out.signedPreKeyId = static_cast<std::uint32_t>(*spkId);
    if (!decodeKey(spk, out.signedPreKeyPublic)) return bad("bad signedPreKeyPublic");
    const xml::Element* sig = bundle.child(ns::kOmemoLegacy, "signedPreKeySignature");
    if (!sig || !decode64(sig->text(), out.signedPreKeySignature) || out.signedPreKeySignature.size() != 64)
        return bad("bad signedPreKeySignature");
    if (!decodeKey(bundle.child(ns::kOmemoLegacy, "identityKey"), out.identityKey)) return bad("bad identityKey");
    const xml::Element* prekeys = bundle.child(ns::kOmemoLegacy, "prekeys");
    if (!prekeys) return bad("no prekeys");
    for (const xml::Element* pk : prekeys->childrenNamed(ns::kOmemoLegacy, "preKeyPublic")) {
        auto id = parseInt(pk->attr("preKeyId"));
        omemo::PreKeyPublic key;
        if (!id || *id < 0 || *id > 0xFFFFFF || !decodeKey(pk, key.publicKey)) continue;  // skip a bad one
        key.id = static_cast<std::uint32_t>(*id);
        out.preKeys.push_back(std::move(key));
        if (out.preKeys.size() == kOmemoMaxPreKeys) break;
    }
    if (out.preKeys.empty()) return bad("no usable pre-key");
    return out;
}

xml::Element omemoBundle(const omemo::Bundle& b) {
    xml::Element bundle(ns::kOmemoLegacy, "bundle");
    bundle.add(ns::kOmemoLegacy, "signedPreKeyPublic")
        .setAttr("signedPreKeyId", std::to_string(b.signedPreKeyId))
        .setText(crypto::base64Encode(b.signedPreKeyPublic));
    bundle.addText(ns::kOmemoLegacy, "signedPreKeySignature", crypto::base64Encode(b.signedPreKeySignature));
    bundle.addText(ns::kOmemoLegacy, "identityKey", crypto::base64Encode(b.identityKey));
    xml::Element& prekeys = bundle.add(ns::kOmemoLegacy, "prekeys");
    for (const auto& pk : b.preKeys)
        prekeys.add(ns::kOmemoLegacy, "preKeyPublic")
            .setAttr("preKeyId", std::to_string(pk.id))
            .setText(crypto::base64Encode(pk.publicKey));
    return bundle;
}

const OmemoKey* OmemoEncrypted::keyFor(std::uint32_t rid) const {
    for (const auto& k : keys)
        if (k.rid == rid) return &k;
    return nullptr;
}

Result<OmemoEncrypted> parseOmemoEncrypted(const xml::Element& encrypted) {
    auto bad = [](const std::string& why) { return makeError("bad-encrypted", why); };
    if (!encrypted.is(ns::kOmemoLegacy, "encrypted")) return bad("not an encrypted element");
    const xml::Element* header = encrypted.child(ns::kOmemoLegacy, "header");
    if (!header) return bad("no header");
    OmemoEncrypted out;
    auto sid = parseId(header->attr("sid"));
    if (!sid) return bad("bad sid");
    out.sid = *sid;
    const xml::Element* iv = header->child(ns::kOmemoLegacy, "iv");
    if (!iv || !decode64(iv->text(), out.iv) || out.iv.size() < 12 || out.iv.size() > 16) return bad("bad iv");
    for (const xml::Element* k : header->childrenNamed(ns::kOmemoLegacy, "key")) {
        OmemoKey key;
        auto rid = parseId(k->attr("rid"));
        if (!rid || !decode64(k->text(), key.data)) continue;  // not for anyone we can name
        key.rid = *rid;
        const std::string_view prekey = k->attr("prekey");
        key.preKey = prekey == "true" || prekey == "1";
        out.keys.push_back(std::move(key));
        if (out.keys.size() == kOmemoMaxKeys) break;
    }
    if (const xml::Element* payload = encrypted.child(ns::kOmemoLegacy, "payload")) {
        omemo::Bytes bytes;
        if (!payload->text().empty() && !decode64(payload->text(), bytes)) return bad("bad payload");
        out.payload = std::move(bytes);
    }
    return out;
}

xml::Element omemoEncrypted(const OmemoEncrypted& e) {
    xml::Element encrypted(ns::kOmemoLegacy, "encrypted");
    xml::Element& header = encrypted.add(ns::kOmemoLegacy, "header");
    header.setAttr("sid", std::to_string(e.sid));
    for (const auto& k : e.keys) {
        xml::Element& key = header.add(ns::kOmemoLegacy, "key");
        if (k.preKey) key.setAttr("prekey", "true");
        key.setAttr("rid", std::to_string(k.rid));
        key.setText(crypto::base64Encode(k.data));
    }
    header.addText(ns::kOmemoLegacy, "iv", crypto::base64Encode(e.iv));
    if (e.payload) encrypted.addText(ns::kOmemoLegacy, "payload", crypto::base64Encode(*e.payload));
    return encrypted;
}

}  // namespace starling::xep
