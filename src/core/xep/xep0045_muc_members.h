#pragma once
// XEP-0045: who belongs to a room, as plain values. The member list (§9.5, muc#admin: one affiliation per
// request; Prosody lets members of a members-only, non-anonymous room read it, which OMEMO in rooms needs)
// and the real JID a room's archive stores beside a message of a non-anonymous room (muc_mam: an
// <x xmlns='…muc#user'><item jid='…'/></x> it appends to the stored copy).
#include <string>
#include <string_view>
#include <vector>

#include "core/xml/element.h"

namespace starling::xep {

// <iq type='get' to='room'><query xmlns='…muc#admin'><item affiliation='member'/></query></iq>
xml::Element affiliationListIq(std::string_view roomJid, std::string_view affiliation);

struct AffiliatedJid {
    std::string jid;  // bare, normalized
    std::string affiliation;
    std::string nick;  // the registered nick, "" when none (untrusted, display only)
};
// The items of a member-list result; an item without a valid JID is left out, a full JID counts as its
// bare JID (an affiliation belongs to an account).
std::vector<AffiliatedJid> parseAffiliationList(const xml::Element& iqResult);

// An affiliation change a room announces to its occupants in a message of its own (XEP-0045 examples
// 176, 190, 195: someone not in the room became a member, admin or owner, or lost it): its items with a
// valid JID; empty when the message is no such notice (a groupchat or error message, one from an
// occupant, an invitation or a decline).
std::vector<AffiliatedJid> parseAffiliationNotice(const xml::Element& message);

// The bare real JID of the sender the room added to an archived message: the last muc#user item of the
// message (the room appends its own after whatever the sender put there); "" when none.
std::string archivedRealJid(const xml::Element& message);

}  // namespace starling::xep
