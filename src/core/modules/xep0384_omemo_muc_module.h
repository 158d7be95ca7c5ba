#pragma once
// OMEMO in rooms (XEP-0384 legacy in XEP-0045 rooms, as Conversations, Dino and Gajim do it). A room is
// encryptable when its disco#info says members-only and non-anonymous; there OMEMO is on by default
// (Room::encrypted, unless the person turned it off for the room), and a public or semi-anonymous room
// stays plain. Its members are the room's member list (owner, admin, member: muc#admin, asked when the
// room's features arrive, then kept in step by the room's notices of affiliation changes) and the real
// JIDs of its occupants. Outgoing groupchat messages wait until the
// room's features (and then its members) are known this session, then go through
// OmemoService::prepareGroupOutgoing. Incoming ones are decrypted for the occupant's real JID: the
// occupant under that nick now (its occupant-id agreeing), or, in the room's archive, the JID the room
// stored with the message. Our own reflection never reaches decryption (de-duplicated by origin-id first).
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>

#include "core/modules/module.h"
#include "core/modules/xep0045_muc_module.h"
#include "core/modules/xep0384_omemo_service.h"

namespace starling::modules {

class OmemoMucModule : public Module {
public:
    // Built after OmemoModule and before the modules whose Decrypt stages read the decrypted body (OOB).
    // `ready`: what a queued message waited for arrived (flush the outbox).
    OmemoMucModule(Core& core, OmemoService& omemo, MucModule& muc, std::function<void()> ready);
    const char* name() const override { return "xep0384-omemo-muc"; }
    void onAccount() override;
    void onEstablished() override;

    // Room::encrypted again, after the person switched encryption for `room` (Client::setChatEncryption).
    void refresh(const std::string& room);

private:
    struct RoomKeys {  // what this session learnt about a room
        bool info = false;         // its disco#info answered (Room::encryptable is this session's)
        bool infoFailed = false;   // or it did not: private or not is unknown unless we made it private
        bool failWaiting = false;  // the messages that waited for it are failing now
        int listsPending = 0;      // member-list requests not answered yet
        bool listsFetched = false;  // all answered
        std::set<std::string> affiliated;  // owners, admins, members (bare JIDs)
    };
    void roomInfo(const std::string& room, bool known);
    router::Handled affiliationNotice(const xml::Element& message);
    void fetchMembers(const std::string& room);
    std::set<std::string> members(const model::Room& room) const;
    std::string senderOf(const model::Room& room, const im::Incoming& in) const;
    im::OutFlow encryptStage(im::Outgoing& out);
    im::Flow decryptStage(im::Incoming& in);

    OmemoService& m_omemo;
    MucModule& m_muc;
    std::function<void()> m_ready;
    std::map<std::string, RoomKeys> m_rooms;
    std::uint64_t m_epoch = 0;  // a new account or session ignores old answers
};

}  // namespace starling::modules
