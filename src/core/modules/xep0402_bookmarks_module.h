#pragma once
// XEP-0402 bookmarks: the rooms we are in follow the account to a new browser and to our other devices.
// Online, the account's bookmarks are fetched and every autojoin one we are not in is joined; a room we
// enter is bookmarked with autojoin (nick, password); a room the person leaves has its bookmark retracted
// (notify='true'), and a retraction or an autojoin='false' from another device makes this one leave.
// bookmarks.json keeps the rooms this device saw bookmarked (listed, or published and acknowledged): one of
// ours missing from the list fetched after a time offline was left on another device (left here too), one
// never bookmarked is published.
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/modules/module.h"
#include "core/modules/xep0045_muc_module.h"
#include "core/xep/xep0402_bookmarks.h"

namespace starling::modules {

class BookmarksModule : public Module {
public:
    BookmarksModule(Core& core, MucModule& muc);
    const char* name() const override { return "xep0402-bookmarks"; }
    std::vector<std::string> features() const override;  // +notify: the server sends other devices' changes
    void onAccount() override;
    void onEstablished() override;
    void onOnline() override;

private:
    router::Handled onEvent(const xml::Element& message);
    // `authoritative`: the server listed the node's items (false: it has no bookmarks node at all, which
    // is no sign of a leave elsewhere).
    void fetched(const xep::BookmarkItems& items, bool authoritative);
    void published(const xep::Bookmark& bookmark);  // one item of the list or of a notification
    void retracted(const std::string& room);
    void entered(const model::Room& room);
    void left(const std::string& room);
    void publish(const model::Room& room);
    void leaveHere(const std::string& room);  // another device's leave: leave, without retracting again
    void loadSeen();
    void saveSeen();

    MucModule& m_muc;
    std::map<std::string, xep::Bookmark> m_bookmarks;  // the account's, as fetched and notified
    std::set<std::string> m_seen;                      // bookmarks.json
    bool m_fetched = false;  // this session's list arrived
    bool m_remote = false;   // leaving because of another device: no retraction
    std::uint64_t m_epoch = 0;
};

}  // namespace starling::modules
