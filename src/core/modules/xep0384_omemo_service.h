#pragma once
// The client's OMEMO (legacy) service: loads and saves the account's OMEMO blob, publishes our device
// list and bundle through PEP, fetches contacts' device lists and bundles when a message needs them,
// encrypts outgoing messages (never sending plaintext in an encrypted chat) and is the pipeline's
// decrypt stage. It mirrors what the UI needs into model::State::omemo.
#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/state.h"
#include "core/omemo/omemo_account.h"
#include "core/storage/store.h"
#include "core/stream/session.h"
#include "platform/clock.h"
#include "platform/persistence.h"
#include "platform/random.h"

namespace starling::modules {

class OmemoService {
public:
    struct Deps {
        stream::Session& session;
        storage::Store& store;
        platform::Persistence& persistence;
        platform::Random& random;
        platform::Clock& clock;
        model::State& state;
        std::function<void(std::string_view)> log;
        std::function<void()> changed;  // state changed (redraw)
        std::function<void()> ready;    // something a queued message waited for arrived: flush the queue
        std::function<std::string()> uuid;  // a fresh stanza id
    };
    explicit OmemoService(Deps deps) : d(std::move(deps)) {}

    // Loads (or creates on first use) the account's OMEMO state. Empty `account`: unloads.
    void load(const std::string& account);
    // A new session was bound: announce our device and bundle, forget per-session fetch results.
    void onEstablished();
    // Once the archive catch-up is over, wipes the used pre-keys whose grace time has passed.
    void onTimer();

    // Outgoing: true when `stanza` (a chat message built from `m`) may be sent now — unchanged (plaintext
    // chat) or with its body replaced by the encrypted element. False: `m` stays Queued while keys are
    // fetched (ready() fires later), or is marked Failed (m.error) when it cannot be encrypted.
    bool prepareOutgoing(const std::string& peer, model::Message& m, xml::Element& stanza);
    // The pipeline's decrypt stage. False: drop (key transport, replay); undecryptable messages are kept
    // with an empty body and m.error = "omemo-undecryptable <device>".
    // `live`: a message just sent to us (not an archive result), whose broken session we repair.
    bool decryptStage(const xml::Element& stanza, model::Message& m, bool live);
    // The same, for a sender known by `senderBare` (a room's occupant: its real JID; "" when unknown).
    bool decryptStage(const xml::Element& stanza, model::Message& m, const std::string& senderBare,
                      bool live = false);

    // Rooms (xep0384_omemo_muc.cpp). A groupchat message to `room`, encrypted to every device of every
    // one of `members` (bare JIDs) and to our other devices, with the one-to-one trust rules. False: `m`
    // stays Queued while keys are fetched (ready() fires later), or is Failed (never plaintext): a member
    // without devices ("omemo-member-without-devices <JIDs>"), none of a member's devices usable
    // ("omemo-member-no-trusted-device <JIDs>"), or no keys of ours ("omemo-no-keys").
    bool prepareGroupOutgoing(const std::string& room, const std::set<std::string>& members, model::Message& m,
                              xml::Element& stanza);
    // A room member or sender: its devices are shown and its device list followed; true if new.
    bool notePeer(const std::string& bare);

    // The disco#info features OMEMO advertises (devicelist+notify: the server pushes device lists).
    static std::vector<const char*> discoFeatures();
    // A PEP device-list notification: true when `message` was one (handled or refused), false otherwise.
    bool handleEvent(const xml::Element& message);

    void setChatEncryption(const std::string& peer, omemo::ChatEncryption mode);
    void setTrust(const std::string& bare, std::uint32_t device, omemo::Trust trust);
    omemo::Account* account() { return m_account.get(); }

private:
    void forgetSessionLookups();
    void save();
    void mirror();
    bool online() const;
    void announceOwnDevice(std::uint64_t generation);
    void fetchDeviceList(const std::string& bare);
    void fetchBundle(const omemo::Address& device);
    void publishDeviceList(std::vector<std::uint32_t> ids);
    void publishBundle();
    void bundleAnnounced(std::uint64_t gen);
    // XEP-0384's business rules: `device` sent us a key exchange on a pre-key we no longer hold, or a
    // message for a session we do not have. Its side of the session is broken, so everything it encrypts to
    // this device would be unreadable until we answer: a fresh session from its bundle and an empty key
    // transport message start over (once per device and session).
    void repairSession(const omemo::Address& device);
    void sendKeyTransport(const omemo::Address& device);
    std::set<omemo::Address> m_repairsAsked;    // this session
    std::set<omemo::Address> m_repairsPending;  // waiting for the bundle  // the bundle publish of session `gen` was acknowledged
    // Stores `bare`'s device list; a device new to a list we knew is announced (State::notice).
    void updateDeviceList(const std::string& bare, const std::vector<std::uint32_t>& ids);
    // The body of `stanza` (or m.body) sealed for `to`: the fallback body, the encrypted element, EME and
    // a store hint replace it. False: m is Failed.
    bool seal(const std::vector<omemo::Address>& to, model::Message& m, xml::Element& stanza);

    Deps d;
    std::string m_accountJid;
    std::unique_ptr<omemo::Account> m_account;
    std::uint64_t m_generation = 0;  // bumps on load/session: stale IQ answers are ignored
    // This session's device list and bundle are on the server (the bundle's publish, sent after the list,
    // was acknowledged): a contact who looks us up from now on finds this device.
    bool m_announced = false;
    std::set<std::string> m_listsFetched;  // this session
    std::set<std::string> m_listsPending;
    std::set<std::string> m_listsDoubted;  // asked again after a message from an unlisted device
    std::set<omemo::Address> m_unlistedAsked;  // unlisted senders the list was asked again for (session)
    std::set<omemo::Address> m_bundlesPending;
    std::set<omemo::Address> m_broken;  // no usable bundle this session
    // Of those, the ones whose lookup found no bundle (not published yet: a new account's device, listed
    // by an older client before its bundle) or was refused (the owner blocks us for now): asked again for
    // the next message that fails without them. A bundle that was there but unusable is not.
    std::set<omemo::Address> m_askAgain;
    // Room members and senders we met (this account): their device lists are mirrored and followed like
    // contacts' (a room member is often no contact).
    std::set<std::string> m_groupPeers;
    std::set<std::string> m_waiting;    // chats whose message waits for keys (State::omemo.waitingForKeys)
    bool waitForKeys(const std::string& peer);  // false, after noting the chat waits
    bool keysReady(const std::string& peer);    // true, after noting it no longer does
    // The devices of `targets` we hold a session with go to `ready`; a bundle is fetched for each other one
    // that is not broken. True when any was fetched: the message waits for it.
    bool sessionsFor(const std::vector<omemo::Address>& targets, std::vector<omemo::Address>& ready);
    // A person none of whose devices could be used: devices marked broken that may be asked again are.
    void askAgainNextTime(const std::string& jid);
};

}  // namespace starling::modules
