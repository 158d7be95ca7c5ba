#pragma once
// XEP-0045 group chats: joining, creating (XEP-0045 §10.1, configured by the owner form), leaving and
// moderating rooms; occupants and our own state in State::rooms (presence from rooms); the room's
// groupchat messages claimed at the incoming pipeline's Origin stage (before one-to-one chat's), then
// de-duplicated by the room's stanza-id and stored by the chat module like any chat's; invitations
// (mediated and XEP-0249 direct). The rooms we are in are kept in rooms.json: a new session or a reload
// joins them again; a resumed stream keeps them.
//
// After each join the room's own archive (XEP-0313 on the room JID) is caught up after the newest
// stanza-id of the room we have; results are de-duplicated by that stanza-id like live messages.
//
// Files: xep0045_muc_module.cpp (lifecycle, intents), xep0045_muc_presence.cpp (presence from rooms),
// xep0045_muc_messages.cpp (pipeline stages), xep0045_muc_archive.cpp (the room's archive),
// xep0045_muc_store.cpp (rooms.json), xep0045_muc_private.cpp (private messages to an occupant, kept in
// a chat of their own: im/occupant_chat.h).
#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "core/modules/module.h"
#include "core/xep/xep0045_muc.h"

namespace starling::modules {

// A room message names `nick` (case-insensitively, anywhere in the text): a mention.
bool mentionsNick(std::string_view body, std::string_view nick);

class MucModule : public Module {
public:
    // `flushQueued`: the chat module's outbox flush (a room's messages wait Queued until we are in it).
    MucModule(Core& core, std::function<void()> flushQueued);
    const char* name() const override { return "xep0045-muc"; }
    std::vector<std::string> features() const override;
    void onAccount() override;
    void onEstablished() override;
    void onOnline() override;

    // Intents (Client API). Each returns false when the room JID or nick is not valid or we are offline
    // (nothing sent).
    bool joinRoom(const std::string& room, const std::string& nick, const std::string& password);
    // Joins; when the room is new (status 201) submits the owner configuration, then makes `members`
    // members and invites them (mediated and direct).
    bool createRoom(const std::string& room, const std::string& nick, bool isPrivate,
                    const std::vector<std::string>& members);
    bool leaveRoom(const std::string& room);
    bool setSubject(const std::string& room, const std::string& subject);
    bool kick(const std::string& room, const std::string& nick, const std::string& reason);
    bool ban(const std::string& room, const std::string& jid, const std::string& reason);
    bool grantMembership(const std::string& room, const std::string& jid);
    bool invite(const std::string& room, const std::string& jid);
    // The room's display of our own sent message: from = room/nick (the reflection carries that too).
    std::string ownOccupantJid(const std::string& room) const;
    bool isRoom(const std::string& bare) const { return m_core.state.rooms.count(bare) != 0; }
    // Bookmarks (XEP-0402) follow these: we entered a room (the self-presence ending a join), and the
    // person left one (leaveRoom; the room is gone from State::rooms by then).
    std::function<void(const model::Room&)> onEntered;
    std::function<void(const std::string& room)> onLeft;
    // Self-ping (XEP-0410) follows these: something came from a room we are in (a presence or a live
    // message), and rejoin() joins a room again that silently dropped us.
    std::function<void(const std::string& room)> onActivity;
    void rejoin(const std::string& room);
    // A room we know but are not in (a bookmark without autojoin): State::formerRooms.
    void rememberRoom(const std::string& room);
    // OMEMO in rooms follows this: the room's disco#info was answered (Room::encryptable is set), after
    // each join. `known` is false when it was not (an error, or no answer after a few tries):
    // Room::encryptable is then only what we knew before (a room we created private).
    std::function<void(const std::string& room, bool known)> onInfo;
    // Asks the room's disco#info once more (a message waits on a room that did not answer).
    void askRoomFeaturesAgain(const std::string& room);

private:
    struct Pending {  // a createRoom waiting for the room's answer
        bool isPrivate = true;
        std::vector<std::string> members;
    };
    // presence (xep0045_muc_presence.cpp)
    router::Handled onPresence(const xml::Element& presence);
    void onJoinError(model::Room& room, const xml::Element& presence);
    void onOccupant(model::Room& room, const xep::OccupantPresence& p);
    void onSelf(model::Room& room, const xep::OccupantPresence& p);
    void removed(model::Room& room, const xep::OccupantPresence& p);
    void configureNewRoom(const std::string& room);
    void askRoomFeatures(const std::string& room);
    // messages (xep0045_muc_messages.cpp)
    im::Flow originStage(im::Incoming& in);
    im::Flow invitationStage(im::Incoming& in);
    im::Flow notifyStage(im::Incoming& in);
    im::OutFlow decorateStage(im::Outgoing& out);
    // private messages through a room (xep0045_muc_private.cpp)
    im::Flow privateStage(im::Incoming& in);
    im::OutFlow privateDecorate(im::Outgoing& out);
    // the room's archive (xep0045_muc_archive.cpp)
    struct RoomQuery {
        std::string room;
        int page = 0;
        bool countUnread = true;  // news since we were last in (false: a first join's newest page)
        std::int64_t floorMs = 0;  // the time of the message we page after: results stand no earlier
    };
    void catchUp(const std::string& room);
    void queryPage(const std::string& room, const std::string& after, int page, bool countUnread, std::int64_t floorMs);
    im::Flow unwrapStage(im::Incoming& in);
    // rooms.json (xep0045_muc_store.cpp)
    void loadRooms();
    void saveRooms();

    static constexpr std::size_t kMaxFormerRooms = 1000;  // State::formerRooms (rooms.json) at most
    void remember(const std::string& room);  // into State::formerRooms, not saved yet

    bool sendJoin(model::Room& room);
    bool canAct(const std::string& room) const;

    std::function<void()> m_flushQueued;
    std::map<std::string, Pending> m_pending;
    std::map<std::string, RoomQuery> m_queries;  // query id → the room's archive query it belongs to  // room → what createRoom still has to do
    std::uint64_t m_epoch = 0;                 // a new account or session ignores old answers
    std::map<std::string, int> m_infoTries;    // room → disco#info requests of this session that timed out
};

}  // namespace starling::modules
