// Client: OMEMO (legacy) in rooms, as Conversations, Dino and Gajim do it: a groupchat message is sealed
// once and its key encrypted to every device of every member (bare JIDs the group chat side gives: the
// member list and the occupants' real JIDs) and to our other devices. The trust rules are one-to-one
// chat's: Untrusted devices get nothing, a device list never seen is fetched first, a bundle before the
// first session. What one-to-one chat would send in plaintext (a contact without devices) fails here: a
// private room's message never leaves unencrypted because one member cannot read it.
#include <algorithm>

#include "core/modules/xep0384_omemo_service.h"

namespace starling::modules {
namespace {

constexpr std::size_t kNamedMembers = 5;  // in a failed message's detail; more are counted

// "a@x, b@y and 3 more": the members a message could not be encrypted to (untrusted text: shown as is).
std::string namesOf(const std::vector<std::string>& jids) {
    std::string out;
    for (std::size_t i = 0; i < jids.size() && i < kNamedMembers; ++i) out += (i ? ", " : "") + jids[i];
    if (jids.size() > kNamedMembers) out += " +" + std::to_string(jids.size() - kNamedMembers);
    return out;
}

}  // namespace

bool OmemoService::notePeer(const std::string& bare) {
    if (bare.empty() || bare == m_accountJid) return false;
    return m_groupPeers.insert(bare).second;
}

bool OmemoService::prepareGroupOutgoing(const std::string& room, const std::set<std::string>& members,
                                        model::Message& m, xml::Element& stanza) {
    auto fail = [&](std::string error) {
        keysReady(room);
        m.status = model::MessageStatus::Failed;
        m.error = std::move(error);
        d.log("omemo: a message to room " + room + " not sent: " + m.error);
        return false;
    };
    if (!m_account) return fail("omemo-no-keys");  // plaintext only where encryption is off
    if (!m_account->knowsDeviceList(m_accountJid)) return waitForKeys(room);  // onEstablished fetches it
    bool fresh = false;
    bool waiting = false;
    for (const std::string& member : members) {
        fresh |= notePeer(member);
        if (!m_account->knowsDeviceList(member)) {
            fetchDeviceList(member);
            waiting = true;
            continue;
        }
        if (!m_listsFetched.count(member)) fetchDeviceList(member);  // refreshed once per session
        if (m_listsDoubted.count(member)) waiting = true;            // a message from an unlisted device
    }
    if (fresh) mirror();
    if (waiting) return waitForKeys(room);
    std::vector<std::string> without;
    std::set<omemo::Address> targets;
    for (const std::string& member : members) {
        if (member == m_accountJid) continue;
        if (!m_account->hasDevices(member)) without.push_back(member);
        for (const omemo::Address& a : m_account->recipients(member)) targets.insert(a);
    }
    if (!without.empty()) return fail("omemo-member-without-devices " + namesOf(without));
    for (const omemo::Address& a : m_account->recipients(m_accountJid)) targets.insert(a);  // ours alone in it
    std::vector<omemo::Address> ready;
    if (sessionsFor({targets.begin(), targets.end()}, ready)) return waitForKeys(room);
    keysReady(room);
    std::vector<std::string> unreachable;
    for (const std::string& member : members) {
        if (member == m_accountJid) continue;
        const bool usable = std::any_of(ready.begin(), ready.end(), [&](const omemo::Address& a) { return a.name == member; });
        if (usable) continue;
        unreachable.push_back(member);
        askAgainNextTime(member);
    }
    if (!unreachable.empty()) return fail("omemo-member-no-trusted-device " + namesOf(unreachable));
    return seal(ready, m, stanza);
}

}  // namespace starling::modules
