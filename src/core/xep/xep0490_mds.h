#pragma once
// XEP-0490 Message Displayed Synchronization: "this chat is read up to that message", shared by all our
// devices through a private PEP node. One item per chat (the item id is the chat's bare JID), whose
// payload names the newest displayed message by its XEP-0359 stanza-id (assigned by our own archive for a
// one-to-one chat, by the room for a group chat). Values in, stanzas out.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/xml/element.h"

namespace starling::xep {

struct DisplayedUpTo {
    std::string chat;      // bare JID of the chat (the item id)
    std::string stanzaId;  // the stanza-id of the newest displayed message
    std::string by;        // who assigned it: our account, or the room
};

// <iq type='set'><pubsub><publish node='urn:xmpp:mds:displayed:0'><item id=chat><displayed><stanza-id by id/>
//   <publish-options> persist_items, max_items=max, send_last_published_item=never, access_model=whitelist
xml::Element displayedPublish(const DisplayedUpTo& displayed);
// <iq type='get'><pubsub><items node='urn:xmpp:mds:displayed:0'/></pubsub></iq>
xml::Element displayedFetch();
// The items of an <iq type='result'> to displayedFetch or of a <message> with a PEP event of the node;
// items without a usable stanza-id are skipped. nullopt when the stanza is neither.
std::optional<std::vector<DisplayedUpTo>> parseDisplayed(const xml::Element& stanza);

}  // namespace starling::xep
