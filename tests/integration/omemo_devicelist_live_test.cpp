// Live OMEMO device lists through a real Prosody (XEP-0163 +notify behind XEP-0115 caps): Alice and Bob
// share presence; while Alice stays logged in, Bob logs in on a second device (a second client with its own
// store, hence a new device id). Alice never asks for Bob's list, yet sees the new device at once: Prosody
// resolved our caps by asking our disco#info for node#ver and pushed the devicelist event. Bob's first
// device sees its sibling appear in the own list the same way.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "integration/client_harness.h"

namespace starling::integration {
namespace {

::testing::AssertionResult online(LiveClient& c, const std::string& user, bool registerAccount) {
    return logInWithOmemo(c, loginRequest(user, "pw-" + user, registerAccount, /*remember=*/true));
}

bool knows(const LiveClient& c, const std::string& bare, std::uint32_t device) {
    auto it = c.state().omemo.devices.find(bare);
    if (it == c.state().omemo.devices.end()) return false;
    return std::any_of(it->second.begin(), it->second.end(), [&](const model::OmemoDevice& d) { return d.id == device; });
}

bool logged(const LiveClient& c, const std::string& needle) {
    return std::any_of(c.log.begin(), c.log.end(), [&](const std::string& l) { return l.find(needle) != std::string::npos; });
}

TEST(OmemoDeviceListLive, ContactsSecondDeviceAppearsWithoutRelogin) {
    TempDir dirA, dirB1, dirB2;
    const std::string a = uniqueName("dla"), b = uniqueName("dlb");
    const std::string bJid = b + "@" + domain();
    LiveClient alice(dirA.path()), bob1(dirB1.path());
    ASSERT_TRUE(online(alice, a, true));
    ASSERT_TRUE(online(bob1, b, true));
    ASSERT_TRUE(befriend(alice, bob1));
    const std::uint32_t first = bob1.state().omemo.ownDeviceId;
    // Once subscribed, Prosody pushes Bob's current list to Alice (she never fetches it: no message).
    ASSERT_TRUE(pumpAll({&alice, &bob1}, [&] { return knows(alice, bJid, first); }))
        << "Bob's first device never pushed\n" << describe(alice);

    LiveClient bob2(dirB2.path());
    ASSERT_TRUE(online(bob2, b, false));
    const std::uint32_t second = bob2.state().omemo.ownDeviceId;
    ASSERT_NE(first, second);
    ASSERT_TRUE(pumpAll({&alice, &bob1, &bob2}, [&] { return knows(alice, bJid, second) && knows(bob1, bJid, second); }))
        << "the second device did not appear live\nalice: " << describe(alice) << "\nbob1: " << describe(bob1);
    EXPECT_TRUE(knows(alice, bJid, first));
    EXPECT_EQ(alice.state().notice, "omemo-new-device");
    EXPECT_TRUE(knows(bob2, bJid, first)) << "the new device knows its sibling";
    EXPECT_FALSE(logged(alice, "device-list event from")) << "no refused events";
}

}  // namespace
}  // namespace starling::integration
