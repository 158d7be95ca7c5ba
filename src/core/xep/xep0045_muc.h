#pragma once
// XEP-0045 Multi-User Chat: the payloads, as plain values (no client): the join and leave presences, an
// occupant's presence (muc#user item and status codes, XEP-0421 occupant-id), join errors as codes, the
// subject, the owner's configuration form for a new room, mediated (muc#user) and direct (XEP-0249)
// invitations, and the moderation requests (muc#admin).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/state.h"
#include "core/util/result.h"
#include "core/xml/element.h"

namespace starling::xep {

// Status codes of muc#user presence (XEP-0045 §15.6) that the client acts on.
namespace muc_status {
inline constexpr int kNonAnonymous = 100;
inline constexpr int kSelf = 110;
inline constexpr int kNowNonAnonymous = 172;
inline constexpr int kCreated = 201;
inline constexpr int kNickAssigned = 210;
inline constexpr int kBanned = 301;
inline constexpr int kNickChanged = 303;
inline constexpr int kKicked = 307;
inline constexpr int kRemovedAffiliation = 321;
inline constexpr int kRemovedMembersOnly = 322;
inline constexpr int kRemovedShutdown = 332;
}  // namespace muc_status

// <presence to='room/nick'><x xmlns='…muc'><history maxstanzas='0'/>[<password/>]</x></presence>:
// no discussion history, the room's archive (XEP-0313) gives it.
xml::Element mucJoinPresence(std::string_view roomJid, std::string_view nick, std::string_view password = {});
// <presence to='room/nick' type='unavailable'/>
xml::Element mucLeavePresence(std::string_view roomJid, std::string_view nick);

// An occupant's presence as a room sends it (not an error).
struct OccupantPresence {
    std::string room;  // bare JID of the room
    std::string nick;  // the resource of `from`
    bool available = true;
    std::string affiliation;  // item@affiliation ("none" when absent)
    std::string role;         // item@role ("none" when absent)
    std::string realJid;      // item@jid, "" when the room hides it
    std::string newNick;      // item@nick with status 303: the nick this occupant changes to
    std::string reason;       // item/reason or destroy/reason (untrusted text)
    std::vector<int> statuses;
    bool destroyed = false;      // <destroy/>: the room is gone
    std::string alternateRoom;   // destroy@jid
    std::string occupantId;      // XEP-0421, "" when none
    model::Show show = model::Show::Available;
    bool has(int code) const;
    bool self() const { return has(muc_status::kSelf); }
};
// Fails ("not-occupant") when `from` has no resource or the presence carries no muc#user <x/>.
Result<OccupantPresence> parseOccupantPresence(const xml::Element& presence);

// The code a join refused with this error presence gets (model::Room::error): conflict → "nick-conflict",
// not-authorized → "password-required", registration-required → "members-only", forbidden → "banned",
// item-not-found → "not-found", not-allowed → "creation-restricted", service-unavailable → "room-full",
// anything else → "join-failed".
std::string joinErrorCode(const xml::Element& errorPresence);
// A nickname to try when `nick` is taken: "nick_", then "nick_2", "nick_3", …
std::string alternativeNick(std::string_view nick);

// The subject a groupchat message sets: <subject/> without <body/> (an empty subject clears it).
std::optional<std::string> subjectOf(const xml::Element& message);
// <message to='room' type='groupchat'><subject>…</subject></message>
xml::Element subjectMessage(std::string_view roomJid, std::string_view subject);
// XEP-0421: the occupant-id the room stamped on a stanza ("" when none).
std::string occupantIdOf(const xml::Element& stanza);

// The owner's configuration of a room just created (status 201): private = members-only, non-anonymous
// (whois anyone), persistent, not public, members may invite; public = public, persistent, open to all,
// not moderated.
struct RoomConfig {
    bool isPrivate = true;
    std::string name;  // "" leaves the room name unset
};
// <iq to='room' type='set'><query xmlns='…muc#owner'><x xmlns='jabber:x:data' type='submit'>…</x></query></iq>
xml::Element roomConfigIq(std::string_view roomJid, const RoomConfig& config);
// An instant room (XEP-0045 §10.1.2): the default configuration accepted, which unlocks a room a plain join
// created. <iq to='room' type='set'><query xmlns='…muc#owner'><x xmlns='jabber:x:data' type='submit'/></query></iq>
xml::Element instantRoomIq(std::string_view roomJid);
// What a room's disco#info says about encryption: members-only and non-anonymous (OMEMO reaches all).
bool roomIsEncryptable(const std::vector<std::string>& features);

// Invitations. Mediated: <message to='room'><x xmlns='…muc#user'><invite to='jid'/></x></message>
// (the room forwards it); direct (XEP-0249): <message to='jid'><x xmlns='jabber:x:conference' jid='room'/>.
xml::Element mediatedInvite(std::string_view roomJid, std::string_view invitee, std::string_view reason = {});
xml::Element directInvite(std::string_view roomJid, std::string_view invitee, std::string_view password = {},
                          std::string_view reason = {});
struct Invitation {
    std::string room;     // bare JID
    std::string inviter;  // who invited (mediated: invite@from; direct: the message's from)
    std::string password;
    std::string reason;
    bool direct = false;
};
// A mediated invitation (from a room) or a direct one in a message; nullopt when it is none.
std::optional<Invitation> parseInvitation(const xml::Element& message);

// Moderation (muc#admin): kick = role none by nick; ban = affiliation outcast by JID; membership =
// affiliation member by JID.
xml::Element kickIq(std::string_view roomJid, std::string_view nick, std::string_view reason = {});
xml::Element affiliationIq(std::string_view roomJid, std::string_view jid, std::string_view affiliation,
                           std::string_view reason = {});

}  // namespace starling::xep
