// XEP-0490 against the real Prosody (PEP with publish-options max_items=max, +notify through our caps):
// one account on two devices, a contact writes three messages; when the phone opens the chat the laptop's
// unread count for it drops to zero; a new message counts again, and the laptop reading it clears the
// phone's badge the same way.
#include <gtest/gtest.h>

#include <string>

#include "integration/client_harness.h"

namespace starling::integration {
namespace {

int unreadOf(const LiveClient& c, const std::string& chat) {
    auto it = c.state().conversations.find(chat);
    return it == c.state().conversations.end() ? -1 : it->second.unread;
}

TEST(MdsLive, ReadingOnOneDeviceClearsTheUnreadCountOnTheOther) {
    TempDir dirA, dirB, dirC;
    LiveClient laptop(dirA.path()), phone(dirB.path()), bob(dirC.path());
    const std::string user = uniqueName("mds"), friendName = uniqueName("mdsb");
    const std::string userJid = user + "@" + domain(), bobJid = friendName + "@" + domain();
    for (auto* c : {&laptop, &phone, &bob}) c->client().start();
    laptop.client().login(loginRequest(user, "p-" + user, /*registerAccount=*/true, /*remember=*/false));
    ASSERT_TRUE(pumpAll({&laptop}, [&] { return laptop.loggedIn() || !laptop.state().loginProblem.code.empty(); }));
    ASSERT_TRUE(laptop.loggedIn()) << describe(laptop);
    phone.client().login(loginRequest(user, "p-" + user, /*registerAccount=*/false, /*remember=*/false));
    bob.client().login(loginRequest(friendName, "p-" + friendName, /*registerAccount=*/true, /*remember=*/false));
    ASSERT_TRUE(pumpAll({&laptop, &phone, &bob}, [&] { return phone.loggedIn() && bob.loggedIn(); }))
        << describe(phone) << describe(bob);

    for (const char* text : {"one", "two", "three"}) bob.client().sendMessage(userJid, text);
    ASSERT_TRUE(pumpAll({&laptop, &phone, &bob}, [&] { return unreadOf(laptop, bobJid) == 3 && unreadOf(phone, bobJid) == 3; }))
        << describe(laptop) << describe(phone);

    phone.client().openChat(bobJid);
    EXPECT_EQ(unreadOf(phone, bobJid), 0);
    ASSERT_TRUE(pumpAll({&laptop, &phone, &bob}, [&] { return unreadOf(laptop, bobJid) == 0; })) << describe(laptop);

    phone.client().closeChat();
    bob.client().sendMessage(userJid, "four");
    ASSERT_TRUE(pumpAll({&laptop, &phone, &bob}, [&] { return unreadOf(laptop, bobJid) == 1 && unreadOf(phone, bobJid) == 1; }))
        << describe(laptop) << describe(phone);
    laptop.client().openChat(bobJid);
    ASSERT_TRUE(pumpAll({&laptop, &phone, &bob}, [&] { return unreadOf(phone, bobJid) == 0; })) << describe(phone);
}

}  // namespace
}  // namespace starling::integration
