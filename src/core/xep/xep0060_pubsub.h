#pragma once
// XEP-0060 Publish-Subscribe as PEP (XEP-0163) uses it: publish one item with publish-options, fetch a
// node's items, read PEP event notifications. Values in, stanzas out; the caller sends and tracks them.
#include <string>
#include <string_view>

#include "core/util/result.h"
#include "core/xml/element.h"

namespace starling::xep {

inline constexpr const char* kPublishOptionsFeature = "http://jabber.org/protocol/pubsub#publish-options";

// <iq type='set'><pubsub><publish node><item id>payload</item></publish>
//   <publish-options> FORM_TYPE + pubsub#access_model=open (when openAccess)</publish-options></pubsub></iq>
xml::Element pubsubPublish(std::string_view node, std::string_view itemId, xml::Element payload, bool openAccess);
// A publish to private PEP storage (XEP-0223 as XEP-0402 and XEP-0490 use it): publish-options
// persist_items=true, max_items=max, send_last_published_item=never, access_model=whitelist, so the item
// stays, each item id keeps its own item, and no contact ever gets it.
xml::Element privatePublish(std::string_view node, std::string_view itemId, xml::Element payload);
// <iq type='get' to?><pubsub><items node max_items?/></pubsub></iq> (`to` empty: our own account).
xml::Element pubsubItems(std::string_view to, std::string_view node, int maxItems = 0);

// The payload of the first <item/> of `node` in an items result (or an event), nullptr when none.
const xml::Element* pubsubFirstPayload(const xml::Element& reply, std::string_view node);
// The <items/> of an items result (<iq><pubsub><items>) or of a PEP notification (<message><event><items>),
// nullptr when the stanza is neither.
const xml::Element* pubsubItemsOf(const xml::Element& stanza);
// <message><event><items node>… of a PEP notification: the <items/> element, nullptr when it is not one.
const xml::Element* pubsubEventItems(const xml::Element& message);

// A PEP items error that means "nothing published" rather than a failure: item-not-found (Prosody sends it
// without a legacy code) and forbidden/not-authorized (no presence subscription to the owner).
bool pubsubMeansEmpty(const Error& error);

}  // namespace starling::xep
