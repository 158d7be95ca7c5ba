// Client: OMEMO (legacy) — PEP publication, key fetching, the encrypt step of sending and the decrypt
// stage of the incoming pipeline. See client_omemo.h.
#include "core/modules/xep0384_omemo_service.h"

#include <algorithm>

#include "core/crypto/hash.h"
#include "core/im/jid_util.h"
#include "core/storage/formats.h"
#include "core/xep/xep0060_pubsub.h"
#include "core/xep/xep0384_omemo_legacy.h"
#include "core/xml/ns.h"

namespace starling::modules {
namespace {

constexpr const char* kFallbackBody =
    "I sent you an OMEMO encrypted message but your client doesn't seem to support that.";

std::string blobPath(const std::string& account) { return storage::accountDir(account) + "/omemo.bin"; }

omemo::Bytes toBytes(std::string_view s) { return omemo::Bytes(s.begin(), s.end()); }

// No answer at all (the connection went, or the server did not reply in time): says nothing about the
// node, so nothing we know is replaced and nothing is published on its strength; asked again later.
bool noAnswer(const Error& e) { return e.code == "disconnected" || e.code == "timeout"; }

model::DeviceTrust toModel(omemo::Trust t) {
    switch (t) {
        case omemo::Trust::Verified: return model::DeviceTrust::Verified;
        case omemo::Trust::Untrusted: return model::DeviceTrust::Untrusted;
        case omemo::Trust::Blind: break;
    }
    return model::DeviceTrust::Blind;
}

}  // namespace

void OmemoService::load(const std::string& account) {
    ++m_generation;
    m_announced = false;
    m_account.reset();
    m_accountJid = account;
    m_waiting.clear();
    m_groupPeers.clear();
    forgetSessionLookups();
    d.state.omemo = {};
    if (account.empty()) return;
    auto text = d.store.read(blobPath(account));
    if (text) {
        omemo::Bytes blob = toBytes(*text);
        crypto::secureZero(text->data(), text->size());
        auto decoded = omemo::Account::decode(d.random, blob);
        crypto::secureZero(blob.data(), blob.size());
        if (decoded && (*decoded)->ownBare() == account) m_account = std::move(*decoded);
        else d.log("omemo: stored state unusable (" + (decoded ? std::string("other account") : decoded.error().code) +
                   "); keeping the file, starting without encryption keys");
        if (!m_account) return;  // never overwrite keys we could not read
    } else if (text.error().code == "not-found") {
        auto created = omemo::Account::create(d.random, account, static_cast<std::uint64_t>(d.clock.wallTimeMs()));
        if (!created) {
            d.log("omemo: cannot create keys: " + created.error().message);
            return;
        }
        m_account = std::move(*created);
        save();
    } else {
        d.log("omemo: cannot read the store: " + text.error().message);
        return;
    }
    mirror();
}

void OmemoService::save() {
    if (!m_account) return;
    omemo::Bytes blob = m_account->encode();
    auto r = d.store.writeAtomic(blobPath(m_accountJid),
                                 std::string_view(reinterpret_cast<const char*>(blob.data()), blob.size()));
    crypto::secureZero(blob.data(), blob.size());
    if (!r) d.log("omemo: saving failed: " + r.error().message);
    d.persistence.requestFlush();
}

void OmemoService::mirror() {
    model::Omemo& out = d.state.omemo;
    out = {};
    if (!m_account) return;
    out.waitingForKeys = m_waiting;
    out.ownDeviceId = m_account->deviceId();
    out.ownDeviceAnnounced = m_announced;
    out.ownFingerprint = m_account->ownFingerprint();
    std::set<std::string> bares{m_accountJid};
    for (const auto& [bare, conv] : d.state.conversations) bares.insert(bare);
    for (const auto& item : d.state.roster) bares.insert(item.jid);
    bares.insert(m_groupPeers.begin(), m_groupPeers.end());
    for (const std::string& bare : bares) {
        if (!m_account->knowsDeviceList(bare)) continue;
        auto& list = out.devices[bare];
        for (const auto& rec : m_account->devices(bare))
            list.push_back(model::OmemoDevice{rec.id, rec.identityKey.empty() ? "" : omemo::fingerprint(rec.identityKey),
                                              toModel(rec.trust)});
        out.chatEncrypted[bare] = m_account->encrypts(bare);
        if (auto mode = m_account->chatEncryption(bare); mode != omemo::ChatEncryption::Default)
            out.chatMode[bare] = static_cast<int>(mode);
    }
    if (d.changed) d.changed();
}

// What this session learnt or asked about others' devices: a new session (or account) asks again.
void OmemoService::forgetSessionLookups() {
    m_repairsAsked.clear();
    m_repairsPending.clear();
    m_listsFetched.clear();
    m_listsPending.clear();
    m_listsDoubted.clear();
    m_unlistedAsked.clear();
    m_bundlesPending.clear();
    m_broken.clear();
    m_askAgain.clear();
}

void OmemoService::onEstablished() {
    ++m_generation;
    m_announced = false;
    forgetSessionLookups();
    if (!m_account) return;
    announceOwnDevice(m_generation);
}

void OmemoService::onTimer() {
    // Not while a catch-up may still bring key exchanges that used them, nor before this session's
    // bundle (without them) is on the server.
    if (!m_account || !m_announced || !online() || d.state.sync != model::Sync::Done) return;
    if (m_account->usedPreKeysKept() == 0) return;
    if (m_account->forgetUsedPreKeys(static_cast<std::uint64_t>(d.clock.wallTimeMs()))) save();
}

// Our own list first: our device joins it (and the bundle is published) only on the strength of a real
// answer — "only this device" published after a lost reply would drop our other devices from it.
void OmemoService::announceOwnDevice(std::uint64_t gen) {
    d.session.sendIq(xep::pubsubItems("", xep::kOmemoDeviceListNode), [this, gen](const Result<xml::Element>& r) {
        if (gen != m_generation || !m_account) return;
        std::vector<std::uint32_t> ids;
        if (r) {
            if (const xml::Element* list = xep::pubsubFirstPayload(*r, xep::kOmemoDeviceListNode))
                ids = xep::parseOmemoDeviceList(*list);
        } else if (noAnswer(r.error())) {
            d.log("omemo: own device list not fetched: " + r.error().code);
            if (r.error().code == "timeout") announceOwnDevice(gen);  // "disconnected": the next session asks
            return;
        } else if (!xep::pubsubMeansEmpty(r.error())) {
            d.log("omemo: own device list: " + r.error().code);
        }
        m_account->avoidDeviceIdClash(ids);
        updateDeviceList(m_accountJid, ids);
        m_listsFetched.insert(m_accountJid);
        // The list, then the bundle right behind it in the same stream (the server handles a session's
        // stanzas in order). A contact who finds our device in the list asks for its bundle a round trip
        // later, when it is there. The other order left a window (one stanza) in which a contact found
        // no list at all and wrote his first message in plaintext (omemo.test.mjs on a busy machine).
        if (std::find(ids.begin(), ids.end(), m_account->deviceId()) == ids.end()) {
            if (ids.size() >= xep::kOmemoMaxDevices) ids.erase(ids.begin());
            ids.push_back(m_account->deviceId());
            publishDeviceList(ids);
        }
        publishBundle();
        save();
        mirror();
        if (d.ready) d.ready();
    });
}

void OmemoService::publishDeviceList(std::vector<std::uint32_t> ids) {
    d.session.sendIq(xep::pubsubPublish(xep::kOmemoDeviceListNode, "current", xep::omemoDeviceList(ids), true),
                     [this, ids](const Result<xml::Element>& r) {
                         if (r) return;
                         d.log("omemo: publishing the device list with publish-options: " + r.error().code +
                               "; retrying without");
                         d.session.sendIq(xep::pubsubPublish(xep::kOmemoDeviceListNode, "current",
                                                             xep::omemoDeviceList(ids), false),
                                          [this](const Result<xml::Element>& again) {
                                              if (!again) d.log("omemo: device list not published: " + again.error().code);
                                          });
                     });
}

void OmemoService::publishBundle() {
    auto bundle = m_account->bundle();
    if (!bundle) {
        d.log("omemo: no bundle: " + bundle.error().message);
        return;
    }
    const std::string node = xep::omemoBundleNode(m_account->deviceId());
    xml::Element payload = xep::omemoBundle(*bundle);
    d.session.sendIq(xep::pubsubPublish(node, "current", payload, true),
                     [this, node, payload, gen = m_generation](const Result<xml::Element>& r) {
                         if (r) {
                             bundleAnnounced(gen);
                             return;
                         }
                         d.log("omemo: publishing the bundle with publish-options: " + r.error().code +
                               "; retrying without");
                         d.session.sendIq(xep::pubsubPublish(node, "current", payload, false),
                                          [this, gen](const Result<xml::Element>& again) {
                                              if (again) bundleAnnounced(gen);
                                              else d.log("omemo: bundle not published: " + again.error().code);
                                          });
                     });
}

void OmemoService::bundleAnnounced(std::uint64_t gen) {
    if (gen != m_generation || !m_account) return;
    if (!m_account->published()) {
        m_account->setPublished();
        save();
    }
    m_announced = true;
    mirror();
}

void OmemoService::updateDeviceList(const std::string& bare, const std::vector<std::uint32_t>& ids) {
    // Only a device joining devices we knew is news: a contact's first list (a new contact, a new browser)
    // is not, nor our own list on this device's first login. A device added to our account later is.
    const bool news = bare == m_accountJid ? m_account->knowsDeviceList(bare) : !m_account->devices(bare).empty();
    const std::vector<std::uint32_t> fresh = m_account->setDeviceList(bare, ids);
    if (fresh.empty()) return;
    if (news) d.state.notice = bare == m_accountJid ? "omemo-new-own-device" : "omemo-new-device";
    d.log("omemo: " + std::to_string(fresh.size()) + " new device(s) of " + bare);
}

void OmemoService::fetchDeviceList(const std::string& bare) {
    if (m_listsPending.count(bare)) return;
    m_listsPending.insert(bare);
    const std::uint64_t gen = m_generation;
    d.session.sendIq(xep::pubsubItems(bare, xep::kOmemoDeviceListNode), [this, gen, bare](const Result<xml::Element>& r) {
        if (gen != m_generation || !m_account) return;
        m_listsPending.erase(bare);
        m_listsDoubted.erase(bare);
        if (!r && noAnswer(r.error()) && !m_account->knowsDeviceList(bare)) {
            // Never seen, and no answer: messages to this contact wait (Queued) for the next lookup
            // rather than leave in plaintext on a guess. A known list is used as it is.
            d.log("omemo: device list of " + bare + " not fetched: " + r.error().code);
            if (d.ready && r.error().code == "timeout") d.ready();  // asks again (one lookup at a time)
            return;
        }
        m_listsFetched.insert(bare);
        if (r) {
            std::vector<std::uint32_t> ids;
            if (const xml::Element* list = xep::pubsubFirstPayload(*r, xep::kOmemoDeviceListNode))
                ids = xep::parseOmemoDeviceList(*list);
            updateDeviceList(bare, ids);
        } else if (xep::pubsubMeansEmpty(r.error())) {
            m_account->setDeviceList(bare, {});
        } else {
            d.log("omemo: device list of " + bare + ": " + r.error().code + "; using what we knew");
            if (!m_account->knowsDeviceList(bare)) m_account->setDeviceList(bare, {});
        }
        save();
        mirror();
        if (d.ready) d.ready();
    });
}

void OmemoService::fetchBundle(const omemo::Address& device) {
    if (m_bundlesPending.count(device)) return;
    m_bundlesPending.insert(device);
    const std::uint64_t gen = m_generation;
    const std::string node = xep::omemoBundleNode(static_cast<std::uint32_t>(device.deviceId));
    const std::string to = device.name == m_accountJid ? std::string() : device.name;
    d.session.sendIq(xep::pubsubItems(to, node), [this, gen, device, node](const Result<xml::Element>& r) {
        if (gen != m_generation || !m_account) return;
        m_bundlesPending.erase(device);
        Error problem = makeError("no-bundle", "empty");
        bool found = false;  // a bundle was there (usable or not)
        if (m_account->hasSession(device)) {
            problem = Error{};  // their first message started one meanwhile: keep it, no second session
        } else if (r) {
            if (const xml::Element* b = xep::pubsubFirstPayload(*r, node)) {
                found = true;
                auto bundle = xep::parseOmemoBundle(*b);
                if (!bundle) problem = bundle.error();
                else if (auto built = m_account->buildSession(device, *bundle); !built) problem = built.error();
                else problem = Error{};
            }
        } else if (noAnswer(r.error())) {
            d.log("omemo: bundle of " + device.name + " device " + std::to_string(device.deviceId) +
                  " not fetched: " + r.error().code + "; asked again later");
            if (d.ready && r.error().code == "timeout") d.ready();
            return;
        } else {
            problem = r.error();
        }
        if (!problem.code.empty()) {
            m_broken.insert(device);
            if (!found) m_askAgain.insert(device);
            d.log("omemo: no session with " + device.name + " device " + std::to_string(device.deviceId) + ": " +
                  problem.code);
            if (problem.code == "identity-changed") d.state.notice = "omemo-identity-changed";
        }
        if (m_repairsPending.erase(device) && problem.code.empty()) sendKeyTransport(device);
        save();
        mirror();
        if (d.ready) d.ready();
    });
}

void OmemoService::repairSession(const omemo::Address& device) {
    if (!m_account || !online() || !m_repairsAsked.insert(device).second) return;
    d.log("omemo: the session of " + device.name + " device " + std::to_string(device.deviceId) +
          " with us is broken: starting a new one");
    m_account->dropSession(device);
    m_broken.erase(device);
    m_repairsPending.insert(device);
    fetchBundle(device);
}

void OmemoService::sendKeyTransport(const omemo::Address& device) {
    auto encrypted = m_account->encrypt({device}, omemo::Bytes{});
    if (!encrypted) {
        d.log("omemo: no key transport for " + device.name + ": " + encrypted.error().code);
        return;
    }
    encrypted->payload.reset();  // a KeyTransportElement: only the header
    save();
    xml::Element message(ns::kClient, "message");
    message.setAttr("to", device.name).setAttr("type", "chat").setAttr("id", d.uuid());
    message.add(xep::omemoEncrypted(*encrypted));
    message.add(ns::kHints, "store");
    d.session.send(message);
}

bool OmemoService::waitForKeys(const std::string& peer) {
    if (m_waiting.insert(peer).second) d.state.omemo.waitingForKeys.insert(peer);
    return false;
}

bool OmemoService::keysReady(const std::string& peer) {
    if (m_waiting.erase(peer)) d.state.omemo.waitingForKeys.erase(peer);
    return true;
}

bool OmemoService::prepareOutgoing(const std::string& peer, model::Message& m, xml::Element& stanza) {
    if (!m_account) {
        // Keys unavailable: plaintext only where the person did not ask for encryption.
        return true;
    }
    const omemo::ChatEncryption mode = m_account->chatEncryption(peer);
    if (mode == omemo::ChatEncryption::Off) return keysReady(peer);
    // Device lists we never saw are fetched before the first message; known ones are used at once and
    // refreshed once per session (besides PEP notifications, and a message from a device not in the list).
    if (!m_account->knowsDeviceList(m_accountJid)) return waitForKeys(peer);  // onEstablished fetches it
    if (!m_account->knowsDeviceList(peer)) {
        fetchDeviceList(peer);
        return waitForKeys(peer);
    }
    if (!m_listsFetched.count(peer)) fetchDeviceList(peer);
    // Without devices we know of, plaintext — unless a message from an unlisted device has us looking again.
    if (!m_account->encrypts(peer)) return m_listsDoubted.count(peer) ? waitForKeys(peer) : keysReady(peer);
    std::vector<omemo::Address> ready;
    if (sessionsFor(m_account->recipients(peer), ready)) return waitForKeys(peer);
    keysReady(peer);
    if (std::none_of(ready.begin(), ready.end(), [&](const omemo::Address& a) { return a.name == peer; })) {
        m.status = model::MessageStatus::Failed;
        m.error = "omemo-no-trusted-device";
        askAgainNextTime(peer);
        return false;
    }
    return seal(ready, m, stanza);
}

bool OmemoService::sessionsFor(const std::vector<omemo::Address>& targets, std::vector<omemo::Address>& ready) {
    bool waiting = false;
    for (const omemo::Address& a : targets) {
        if (m_broken.count(a)) continue;
        if (!m_account->hasSession(a)) {
            fetchBundle(a);
            waiting = true;
            continue;
        }
        ready.push_back(a);
    }
    return waiting;
}

void OmemoService::askAgainNextTime(const std::string& jid) {
    for (const omemo::Address& a : m_account->recipients(jid))
        if (m_askAgain.erase(a)) m_broken.erase(a);  // the next message asks again
}

bool OmemoService::seal(const std::vector<omemo::Address>& ready, model::Message& m, xml::Element& stanza) {
    // The stanza's body: a Decorate stage may have put more than the message's text there (a reply's
    // XEP-0461 quote, whose XEP-0428 fallback range counts in the decrypted body, as Dino and Conversations do).
    const xml::Element* body = stanza.child(ns::kClient, "body");
    auto encrypted = m_account->encrypt(ready, toBytes(body ? body->text() : m.body));
    if (!encrypted) {
        m.status = model::MessageStatus::Failed;
        m.error = "omemo-" + encrypted.error().code;
        return false;
    }
    save();  // the ratchet moved: commit before the ciphertext leaves
    stanza.removeChildren(ns::kClient, "body");
    stanza.addText(ns::kClient, "body", kFallbackBody);
    stanza.add(xep::omemoEncrypted(*encrypted));
    stanza.add(ns::kEme, "encryption").setAttr("namespace", ns::kOmemoLegacy).setAttr("name", "OMEMO");
    stanza.add(ns::kHints, "store");
    m.encrypted = true;
    return true;
}

}  // namespace starling::modules
