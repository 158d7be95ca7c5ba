// XEP-0402 bookmarks against the real Prosody (PEP with publish-options): one account on two devices
// (two native clients, two stores). A room joined on the first is bookmarked; the second device, fresh,
// joins it by itself; a leave on the first retracts the bookmark and the second leaves too.
#include <gtest/gtest.h>

#include <string>

#include "integration/client_harness.h"

namespace starling::integration {
namespace {

bool inRoom(const LiveClient& c, const std::string& room) {
    auto it = c.state().rooms.find(room);
    return it != c.state().rooms.end() && it->second.joined;
}

TEST(BookmarksLive, ARoomFollowsTheAccountToAnotherDeviceAndALeaveToo) {
    TempDir dirA, dirB;
    LiveClient laptop(dirA.path()), phone(dirB.path());
    const std::string user = uniqueName("bm");
    laptop.client().start();
    laptop.client().login(loginRequest(user, "p-" + user, /*registerAccount=*/true, /*remember=*/false));
    ASSERT_TRUE(pumpAll({&laptop}, [&] { return laptop.loggedIn() || !laptop.state().loginProblem.code.empty(); }));
    ASSERT_TRUE(laptop.loggedIn()) << describe(laptop);
    const std::string room = uniqueName("bmroom") + "@conference." + domain();
    ASSERT_TRUE(laptop.client().joinRoom(room, "Laptop"));
    ASSERT_TRUE(pumpAll({&laptop}, [&] { return inRoom(laptop, room); })) << describe(laptop);
    pumpAll({&laptop}, [] { return false; }, 700);  // the bookmark's publish answered

    phone.client().start();
    phone.client().login(loginRequest(user, "p-" + user, /*registerAccount=*/false, /*remember=*/false));
    ASSERT_TRUE(pumpAll({&laptop, &phone}, [&] { return phone.loggedIn(); })) << describe(phone);
    ASSERT_TRUE(pumpAll({&laptop, &phone}, [&] { return inRoom(phone, room); })) << describe(phone);
    EXPECT_EQ(phone.state().rooms.at(room).nick, "Laptop");  // the bookmark's nick

    ASSERT_TRUE(laptop.client().leaveRoom(room));
    ASSERT_TRUE(pumpAll({&laptop, &phone}, [&] { return phone.state().rooms.count(room) == 0; })) << describe(phone);
}

}  // namespace
}  // namespace starling::integration
