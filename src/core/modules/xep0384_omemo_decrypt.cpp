// Client: OMEMO's decrypt stage of the incoming pipeline, and the per-chat and trust intents.
#include <algorithm>

#include "core/modules/xep0384_omemo_service.h"
#include "core/im/jid_util.h"
#include "core/xep/xep0384_omemo_legacy.h"
#include "core/xml/ns.h"

namespace starling::modules {

bool OmemoService::decryptStage(const xml::Element& stanza, model::Message& m, bool live) {
    return decryptStage(stanza, m, im::normalizedBare(m.from), live);
}

bool OmemoService::decryptStage(const xml::Element& stanza, model::Message& m, const std::string& sender,
                                bool live) {
    const xml::Element* element = stanza.child(ns::kOmemoLegacy, "encrypted");
    if (!element) {
        m.encrypted = false;  // plaintext stays plaintext, even in an encrypted chat (the UI marks it)
        return true;
    }
    // From here on the fallback <body/> is never the content.
    m.body.clear();
    m.encrypted = true;
    auto parsed = xep::parseOmemoEncrypted(*element);
    auto undecryptable = [&](std::uint32_t device, const std::string& why) {
        m.error = "omemo-undecryptable " + std::to_string(device);
        d.log("omemo: cannot decrypt a message from " + sender + " device " + std::to_string(device) + ": " + why);
        return true;  // shown as such, never dropped
    };
    if (!parsed) return undecryptable(0, parsed.error().code);
    if (!m_account) return undecryptable(parsed->sid, "no keys");
    if (sender.empty()) return undecryptable(parsed->sid, "sender's real JID unknown");
    // Our own message coming back (archive, carbons): this device holds no key for itself, and the
    // plaintext is already stored under the same id.
    if (sender == m_accountJid && parsed->sid == m_account->deviceId()) return false;
    auto result = m_account->decrypt(sender, *parsed);
    m_account->stampUsedPreKeys(static_cast<std::uint64_t>(d.clock.wallTimeMs()));
    if (!result) {
        const std::string& code = result.error().code;
        if (code == "duplicate-message") return false;  // a replay of what we already decrypted
        if (code == "not-for-us" && !parsed->payload) return false;  // key transport for other devices
        if (code == "identity-changed") {
            d.state.notice = "omemo-identity-changed";
            m.omemoWarning = "identity-changed " + std::to_string(parsed->sid);
        }
        if (live && (code == "invalid-key-id" || code == "no-session"))
            repairSession(omemo::Address{sender, static_cast<std::int32_t>(parsed->sid)});
        return undecryptable(parsed->sid, code);
    }
    if (result->usedPreKey) {
        // The used pre-key is gone from the store: top the supply up and republish the bundle.
        if (auto more = m_account->replenishPreKeys(); more && *more && online()) publishBundle();
    }
    const omemo::Address from{sender, static_cast<std::int32_t>(parsed->sid)};
    // A pre-key two senders used (kept for the second): an empty message in the new session at once moves
    // its ratchet on from that key (XEP-0384's business rules).
    if (result->usedPreKeyAgain && online()) sendKeyTransport(from);
    // A device that is not in the list we hold (fetched before it was published, or a push we missed):
    // ask again now, so the answer to this message is encrypted to it as well (prepareOutgoing waits).
    // Once per device and session: a device its owner does not list (removed, or a client that never
    // publishes) must not cost a lookup per message.
    const auto known = m_account->devices(sender);
    if (online() && std::none_of(known.begin(), known.end(), [&](const auto& r) { return r.id == parsed->sid; }) &&
        m_unlistedAsked.insert(from).second) {
        m_listsFetched.erase(sender);
        m_listsDoubted.insert(sender);
        fetchDeviceList(sender);
    }
    // The session state and the plaintext it produced reach storage in the same flush: the client
    // appends the message right after this stage, before the platform flushes.
    save();
    mirror();
    if (!result->body) return false;  // key transport: the session moved, nothing to show
    m.body.assign(result->body->begin(), result->body->end());
    // Readable, but not from a device the person trusts: the row says so (never silently like a trusted one).
    if (m_account->trust(from) == omemo::Trust::Untrusted)
        m.omemoWarning = "untrusted " + std::to_string(parsed->sid);
    return true;
}

bool OmemoService::online() const { return d.session.state() == stream::SessionState::Established; }

void OmemoService::setChatEncryption(const std::string& peer, omemo::ChatEncryption mode) {
    if (!m_account) return;
    m_account->setChatEncryption(peer, mode);
    save();
    mirror();
}

void OmemoService::setTrust(const std::string& bare, std::uint32_t device, omemo::Trust trust) {
    if (!m_account) return;
    m_account->setTrust(omemo::Address{bare, static_cast<std::int32_t>(device)}, trust);
    save();
    mirror();
}

}  // namespace starling::modules
