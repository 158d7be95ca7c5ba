#pragma once
// XEP-0402 PEP Native Bookmarks: a room bookmark as a plain value (the item id is the room's JID), the
// publish with the publish-options the XEP requires (persistent, max items, never sent on presence,
// whitelist access: bookmarks are never leaked to contacts), the retraction (notify='true', so other
// devices hear of it), the fetch, and the items of a result or an event notification.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/xml/element.h"

namespace starling::xep {

struct Bookmark {
    std::string room;  // bare JID of the room (the item id)
    std::string name;
    bool autojoin = false;
    std::string nick;
    std::string password;
    std::optional<xml::Element> extensions;  // kept as received: republishing must preserve it
};

// <conference xmlns='urn:xmpp:bookmarks:1' name? autojoin?><nick/>?<password/>?<extensions/>?</conference>
xml::Element conferenceElement(const Bookmark& bookmark);
// The bookmark of one <item id=room><conference/></item>; nullopt when the item is not a room bookmark.
std::optional<Bookmark> parseBookmarkItem(const xml::Element& item);
// <iq type='set'><pubsub><publish node='urn:xmpp:bookmarks:1'><item id=room>…</item></publish>
//   <publish-options> persist_items, max_items=max, send_last_published_item=never, access_model=whitelist
xml::Element bookmarkPublish(const Bookmark& bookmark);
// <iq type='set'><pubsub><retract node='urn:xmpp:bookmarks:1' notify='true'><item id=room/></retract>…
xml::Element bookmarkRetract(std::string_view room);
// <iq type='get'><pubsub><items node='urn:xmpp:bookmarks:1'/></pubsub></iq>
xml::Element bookmarksFetch();

// What a bookmarks items result or event notification says: bookmarks published, rooms retracted.
struct BookmarkItems {
    std::vector<Bookmark> published;
    std::vector<std::string> retracted;
};
// From an <iq type='result'> to bookmarksFetch or a <message> with a PEP event of the bookmarks node;
// nullopt when it is neither.
std::optional<BookmarkItems> parseBookmarkItems(const xml::Element& stanza);

}  // namespace starling::xep
