#include "core/modules/xep0402_bookmarks_module.h"

#include "core/im/jid_util.h"
#include "core/util/json.h"
#include "core/xep/xep0060_pubsub.h"
#include "core/xml/ns.h"

namespace starling::modules {

namespace {
constexpr const char* kSeenFile = "bookmarks.json";
}

BookmarksModule::BookmarksModule(Core& core, MucModule& muc) : Module(core), m_muc(muc) {
    m_core.router.onMessage(name(), router::Filter{router::Kind::Message, {}, ns::kPubsubEvent, "event"},
                            [this](const xml::Element& message) { return onEvent(message); });
    m_muc.onEntered = [this](const model::Room& room) { entered(room); };
    m_muc.onLeft = [this](const std::string& room) { left(room); };
}

std::vector<std::string> BookmarksModule::features() const { return {ns::kBookmarksNotify}; }

void BookmarksModule::onAccount() {
    ++m_epoch;
    m_bookmarks.clear();
    m_seen.clear();
    m_fetched = false;
    if (!m_core.account.empty()) loadSeen();
}

void BookmarksModule::onEstablished() {
    ++m_epoch;
    m_fetched = false;
}

void BookmarksModule::onOnline() {
    const std::uint64_t epoch = m_epoch;
    m_core.session.sendIq(xep::bookmarksFetch(), [this, epoch](const Result<xml::Element>& r) {
        if (epoch != m_epoch) return;
        if (!r) {
            if (!xep::pubsubMeansEmpty(r.error())) {
                m_core.log("bookmarks not fetched: " + r.error().code);
                return;
            }
            fetched({}, false);  // no node: nothing published yet (or not kept), which says nothing of leaves
            return;
        }
        auto items = xep::parseBookmarkItems(*r);
        fetched(items ? *items : xep::BookmarkItems{}, items.has_value());
    });
}

void BookmarksModule::fetched(const xep::BookmarkItems& items, bool authoritative) {
    m_fetched = true;
    const std::set<std::string> seenBefore = m_seen;
    m_bookmarks.clear();
    m_seen.clear();
    for (const auto& b : items.published) published(b);
    // Ours, not in the list: left on another device if this one had seen it bookmarked; else bookmarked now.
    std::vector<std::string> ours;
    for (const auto& [jid, room] : m_core.state.rooms) ours.push_back(jid);
    for (const auto& jid : ours) {
        if (m_bookmarks.count(jid)) continue;
        auto room = m_core.state.rooms.find(jid);
        if (room == m_core.state.rooms.end()) continue;
        if (authoritative && seenBefore.count(jid)) leaveHere(jid);
        else if (room->second.error.empty()) publish(room->second);
    }
    saveSeen();
    m_core.touch();
}

void BookmarksModule::published(const xep::Bookmark& b) {
    m_bookmarks[b.room] = b;
    m_seen.insert(b.room);
    auto room = m_core.state.rooms.find(b.room);
    if (b.autojoin && room == m_core.state.rooms.end()) {
        std::string nick = b.nick;
        if (nick.empty()) nick = m_core.account.substr(0, m_core.account.find('@'));
        m_muc.joinRoom(b.room, nick, b.password);
    } else if (!b.autojoin && room != m_core.state.rooms.end()) {
        leaveHere(b.room);
    } else if (!b.autojoin) {
        m_muc.rememberRoom(b.room);  // a room all the same: its occupants' private messages are private chats
    }
}

void BookmarksModule::retracted(const std::string& jid) {
    m_bookmarks.erase(jid);
    m_seen.erase(jid);
    if (m_core.state.rooms.count(jid)) leaveHere(jid);
}

// PEP notifications of our own bookmarks node (from our bare JID, or with no from: our own account).
router::Handled BookmarksModule::onEvent(const xml::Element& message) {
    auto items = xep::parseBookmarkItems(message);
    if (!items) return router::Handled::No;
    const std::string from(message.attr("from"));
    if (!from.empty() && im::normalizedBare(from) != m_core.account) {
        m_core.log("bookmarks notification from another account ignored");
        return router::Handled::Yes;
    }
    for (const auto& b : items->published) published(b);
    for (const auto& jid : items->retracted) retracted(jid);
    saveSeen();
    m_core.touch();
    return router::Handled::Yes;
}

void BookmarksModule::entered(const model::Room& room) {
    if (!m_fetched) return;  // the list, when it comes, says whether it is bookmarked
    auto b = m_bookmarks.find(room.jid);
    if (b != m_bookmarks.end() && b->second.autojoin && b->second.nick == room.nick && b->second.password == room.password)
        return;
    publish(room);
}

void BookmarksModule::left(const std::string& jid) {
    m_bookmarks.erase(jid);
    m_seen.erase(jid);
    saveSeen();
    if (m_remote || !m_core.online()) return;
    const std::uint64_t epoch = m_epoch;
    m_core.session.sendIq(xep::bookmarkRetract(jid), [this, epoch, jid](const Result<xml::Element>& r) {
        if (epoch == m_epoch && !r) m_core.log("bookmark of " + jid + " not retracted: " + r.error().code);
    });
}

void BookmarksModule::publish(const model::Room& room) {
    if (!m_core.online()) return;
    xep::Bookmark b = m_bookmarks.count(room.jid) ? m_bookmarks[room.jid] : xep::Bookmark{};
    b.room = room.jid;
    b.autojoin = true;
    b.nick = room.nick;
    b.password = room.password;
    m_bookmarks[room.jid] = b;
    const std::uint64_t epoch = m_epoch;
    const std::string jid = room.jid;
    m_core.session.sendIq(xep::bookmarkPublish(b), [this, epoch, jid](const Result<xml::Element>& r) {
        if (epoch != m_epoch) return;
        if (!r) {
            m_core.log("bookmark of " + jid + " not published: " + r.error().code);
            return;
        }
        // Only a bookmark the server took counts as seen: its absence from a later list is a leave.
        if (m_core.state.rooms.count(jid)) {
            m_seen.insert(jid);
            saveSeen();
        }
    });
}

void BookmarksModule::leaveHere(const std::string& jid) {
    m_remote = true;
    m_muc.leaveRoom(jid);
    m_remote = false;
}

void BookmarksModule::loadSeen() {
    const std::string text = m_core.data.loadAccountFile(m_core.account, kSeenFile);
    if (text.empty()) return;
    auto root = Json::parse(text);
    const Json* rooms = root && root->isObject() ? root->find("rooms") : nullptr;
    if (!rooms || !rooms->isArray()) return;
    for (const auto& r : rooms->items())
        if (r.isString())
            if (std::string jid = im::normalizedAccount(r.asString()); !jid.empty()) m_seen.insert(jid);
}

void BookmarksModule::saveSeen() {
    if (m_core.account.empty()) return;
    Json rooms = Json::array();
    for (const auto& jid : m_seen) rooms.push(Json(jid));
    Json root = Json::object();
    root.set("rooms", std::move(rooms));
    m_core.data.saveAccountFile(m_core.account, kSeenFile, root.dump() + "\n");
}

}  // namespace starling::modules
