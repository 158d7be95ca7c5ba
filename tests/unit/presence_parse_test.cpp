#include "core/im/presence.h"

#include <gtest/gtest.h>

#include "xep_fixture.h"

namespace starling::im {
namespace {

using test::parseStanza;

TEST(Presence, ParsesAvailabilityPerResource) {
    model::State state;
    PresenceUpdate u;
    ASSERT_TRUE(parsePresence(
        parseStanza("<presence from='bob@x/phone'><show>away</show><status>Обед 🍜</status><priority>5</priority></presence>"),
        u));
    EXPECT_EQ(u.type, PresenceType::Available);
    EXPECT_EQ(u.resource.resource, "phone");
    EXPECT_EQ(u.resource.show, model::Show::Away);
    EXPECT_EQ(u.resource.status, "Обед 🍜");
    EXPECT_EQ(u.resource.priority, 5);
    applyAvailability(state, u);
    ASSERT_TRUE(parsePresence(parseStanza("<presence from='bob@x/laptop'><show>dnd</show></presence>"), u));
    applyAvailability(state, u);
    ASSERT_EQ(state.presence["bob@x"].size(), 2u);
    EXPECT_EQ(model::bestShow(state, "bob@x"), model::Show::Away);  // priority 5 wins
    ASSERT_TRUE(parsePresence(parseStanza("<presence from='bob@x/phone' type='unavailable'/>"), u));
    applyAvailability(state, u);
    EXPECT_EQ(model::bestShow(state, "bob@x"), model::Show::DoNotDisturb);
    ASSERT_TRUE(parsePresence(parseStanza("<presence from='bob@x/laptop' type='unavailable'/>"), u));
    applyAvailability(state, u);
    EXPECT_EQ(state.presence.count("bob@x"), 0u);
    EXPECT_EQ(model::bestShow(state, "bob@x"), model::Show::Offline);
}

TEST(Presence, RejectsMissingFromAndUnknownType) {
    PresenceUpdate u;
    EXPECT_FALSE(parsePresence(parseStanza("<presence><show>away</show></presence>"), u));
    EXPECT_FALSE(parsePresence(parseStanza("<presence from='bob@x' type='bogus'/>"), u));
    EXPECT_FALSE(parsePresence(parseStanza("<presence from='a b@x'/>"), u));
    ASSERT_TRUE(parsePresence(parseStanza("<presence from='bob@x' type='subscribe'/>"), u));
    EXPECT_EQ(u.type, PresenceType::Subscribe);
    ASSERT_TRUE(parsePresence(parseStanza("<presence from='bob@x/r'><priority>999</priority></presence>"), u));
    EXPECT_EQ(u.resource.priority, 0);  // out of range
}

TEST(Presence, BuildsOwnAndSubscriptionPresence) {
    EXPECT_TRUE(xml::equivalent(ownPresence(model::Show::Available, ""), parseStanza("<presence/>")));
    EXPECT_TRUE(xml::equivalent(ownPresence(model::Show::DoNotDisturb, "busy"),
                                parseStanza("<presence><show>dnd</show><status>busy</status></presence>")));
    EXPECT_TRUE(xml::equivalent(ownPresence(model::Show::Offline, "bye"),
                                parseStanza("<presence type='unavailable'><status>bye</status></presence>")));
    EXPECT_TRUE(xml::equivalent(subscriptionPresence("bob@x", "subscribed"),
                                parseStanza("<presence to='bob@x' type='subscribed'/>")));
}

}  // namespace
}  // namespace starling::im
