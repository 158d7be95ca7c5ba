#include "core/xep/xep0402_bookmarks.h"

#include "core/im/jid_util.h"
#include "core/xep/xep0060_pubsub.h"
#include "core/xml/ns.h"

namespace starling::xep {

xml::Element conferenceElement(const Bookmark& b) {
    xml::Element c(ns::kBookmarks, "conference");
    if (!b.name.empty()) c.setAttr("name", b.name);
    if (b.autojoin) c.setAttr("autojoin", "true");
    if (!b.nick.empty()) c.addText(ns::kBookmarks, "nick", b.nick);
    if (!b.password.empty()) c.addText(ns::kBookmarks, "password", b.password);
    if (b.extensions) c.add(*b.extensions);
    return c;
}

std::optional<Bookmark> parseBookmarkItem(const xml::Element& item) {
    const xml::Element* c = item.child(ns::kBookmarks, "conference");
    const std::string room = im::normalizedAccount(item.attr("id"));
    if (!c || room.empty()) return std::nullopt;
    Bookmark b;
    b.room = room;
    b.name = std::string(c->attr("name"));
    const std::string_view autojoin = c->attr("autojoin");
    b.autojoin = autojoin == "true" || autojoin == "1";
    b.nick = std::string(c->childText(ns::kBookmarks, "nick"));
    b.password = std::string(c->childText(ns::kBookmarks, "password"));
    if (const xml::Element* ext = c->child(ns::kBookmarks, "extensions")) b.extensions = *ext;
    return b;
}

xml::Element bookmarkPublish(const Bookmark& b) { return privatePublish(ns::kBookmarks, b.room, conferenceElement(b)); }

xml::Element bookmarkRetract(std::string_view room) {
    xml::Element iq(ns::kClient, "iq");
    iq.setAttr("type", "set");
    xml::Element& retract = iq.add(ns::kPubsub, "pubsub").add(ns::kPubsub, "retract");
    retract.setAttr("node", ns::kBookmarks).setAttr("notify", "true");
    retract.add(ns::kPubsub, "item").setAttr("id", room);
    return iq;
}

xml::Element bookmarksFetch() {
    xml::Element iq(ns::kClient, "iq");
    iq.setAttr("type", "get");
    iq.add(ns::kPubsub, "pubsub").add(ns::kPubsub, "items").setAttr("node", ns::kBookmarks);
    return iq;
}

std::optional<BookmarkItems> parseBookmarkItems(const xml::Element& stanza) {
    const xml::Element* items = pubsubItemsOf(stanza);
    if (!items || items->attr("node") != ns::kBookmarks) return std::nullopt;
    BookmarkItems out;
    for (const xml::Element& e : items->children()) {
        if (e.ns() != items->ns()) continue;
        if (e.name() == "item") {
            if (auto b = parseBookmarkItem(e)) out.published.push_back(std::move(*b));
        } else if (e.name() == "retract") {
            if (std::string room = im::normalizedAccount(e.attr("id")); !room.empty()) out.retracted.push_back(room);
        }
    }
    return out;
}

}  // namespace starling::xep
