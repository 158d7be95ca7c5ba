#pragma once
// RFC 6121 §2 roster: get, set, remove, and pushes (accepted only from our own account).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/state.h"
#include "core/util/result.h"
#include "core/xml/element.h"

namespace starling::im {

struct RosterEntry {
    model::RosterItem item;
    bool remove = false;  // subscription='remove' in a push
};

xml::Element rosterGet();
// <iq type='set'><query><item jid name><group/>…</item></query></iq>
xml::Element rosterSet(const model::RosterItem& item);
xml::Element rosterRemove(const std::string& bareJid);

// Names and group names are cut to this many code points at parse (between two of them): what a
// contact or a server puts in a roster is shown in lists, and 100,000 characters froze the page.
inline constexpr std::size_t kMaxRosterNameCodePoints = 256;

// Items of a <query xmlns='jabber:iq:roster'/> (result or push); items without a valid bare JID skipped.
std::vector<RosterEntry> parseRosterQuery(const xml::Element& query);

// RFC 6121 §2.1.6: a roster push carries one and only one <item/>. Returns that entry, or Error
// "bad-request" when the push has no item, more than one (a contact replaced by another) or one without
// a valid bare JID: then nothing of it is applied, and the push is answered
// iqError(iq, "modify", "bad-request") (RFC 6121 §2.3.3 has a server answer a roster set with more
// than one item so). For a push (isRosterPush) whose origin was checked first (rosterPushOriginValid;
// a push from elsewhere is ignored without an answer).
Result<RosterEntry> parseRosterPush(const xml::Element& iq);

// A push is valid when it has no `from`, or `from` is our own bare JID (RFC 6121 §2.1.6).
bool isRosterPush(const xml::Element& iq);
bool rosterPushOriginValid(const xml::Element& iq, std::string_view ownBareJid);

// Upsert or remove an entry, keeping the roster sorted by display name (name, else JID).
void applyRosterEntry(std::vector<model::RosterItem>& roster, const RosterEntry& entry);
void sortRoster(std::vector<model::RosterItem>& roster);
const model::RosterItem* findRosterItem(const std::vector<model::RosterItem>& roster, std::string_view jid);

}  // namespace starling::im
