#pragma once
// RFC 6121 §2 roster: get, set, remove, and pushes (accepted only from our own account).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/state.h"
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

// Items of a <query xmlns='jabber:iq:roster'/> (result or push); items without a valid bare JID skipped.
std::vector<RosterEntry> parseRosterQuery(const xml::Element& query);

// A push is valid when it has no `from`, or `from` is our own bare JID (RFC 6121 §2.1.6).
bool isRosterPush(const xml::Element& iq);
bool rosterPushOriginValid(const xml::Element& iq, std::string_view ownBareJid);

// Upsert or remove an entry, keeping the roster sorted by display name (name, else JID).
void applyRosterEntry(std::vector<model::RosterItem>& roster, const RosterEntry& entry);
void sortRoster(std::vector<model::RosterItem>& roster);
const model::RosterItem* findRosterItem(const std::vector<model::RosterItem>& roster, std::string_view jid);

}  // namespace starling::im
