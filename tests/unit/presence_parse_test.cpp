#include "core/im/presence.h"

#include <gtest/gtest.h>

#include "core/xml/ns.h"
#include "core/xml/parser.h"

namespace starling::im {
namespace {

xml::Element parse(std::string_view text) {
    auto r = xml::parseFrame(text, {}, ns::kClient);
    EXPECT_TRUE(r.ok()) << text;
    return r.ok() ? *r : xml::Element();
}

TEST(Presence, ParsesAvailabilityPerResource) {
    model::State state;
    PresenceUpdate u;
    ASSERT_TRUE(parsePresence(
        parse("<presence from='bob@x/phone'><show>away</show><status>Обед 🍜</status><priority>5</priority></presence>"),
        u));
    EXPECT_EQ(u.type, PresenceType::Available);
    EXPECT_EQ(u.resource.resource, "phone");
    EXPECT_EQ(u.resource.show, model::Show::Away);
    EXPECT_EQ(u.resource.status, "Обед 🍜");
    EXPECT_EQ(u.resource.priority, 5);
    applyAvailability(state, u);
    ASSERT_TRUE(parsePresence(parse("<presence from='bob@x/laptop'><show>dnd</show></presence>"), u));
    applyAvailability(state, u);
    ASSERT_EQ(state.presence["bob@x"].size(), 2u);
    EXPECT_EQ(model::bestShow(state, "bob@x"), model::Show::Away);  // priority 5 wins
    ASSERT_TRUE(parsePresence(parse("<presence from='bob@x/phone' type='unavailable'/>"), u));
    applyAvailability(state, u);
    EXPECT_EQ(model::bestShow(state, "bob@x"), model::Show::DoNotDisturb);
    ASSERT_TRUE(parsePresence(parse("<presence from='bob@x/laptop' type='unavailable'/>"), u));
    applyAvailability(state, u);
    EXPECT_EQ(state.presence.count("bob@x"), 0u);
    EXPECT_EQ(model::bestShow(state, "bob@x"), model::Show::Offline);
}

TEST(Presence, RejectsMissingFromAndUnknownType) {
    PresenceUpdate u;
    EXPECT_FALSE(parsePresence(parse("<presence><show>away</show></presence>"), u));
    EXPECT_FALSE(parsePresence(parse("<presence from='bob@x' type='bogus'/>"), u));
    EXPECT_FALSE(parsePresence(parse("<presence from='a b@x'/>"), u));
    ASSERT_TRUE(parsePresence(parse("<presence from='bob@x' type='subscribe'/>"), u));
    EXPECT_EQ(u.type, PresenceType::Subscribe);
    ASSERT_TRUE(parsePresence(parse("<presence from='bob@x/r'><priority>999</priority></presence>"), u));
    EXPECT_EQ(u.resource.priority, 0);  // out of range
}

TEST(Presence, BuildsOwnAndSubscriptionPresence) {
    EXPECT_TRUE(xml::equivalent(ownPresence(model::Show::Available, ""), parse("<presence/>")));
    EXPECT_TRUE(xml::equivalent(ownPresence(model::Show::DoNotDisturb, "busy"),
                                parse("<presence><show>dnd</show><status>busy</status></presence>")));
    EXPECT_TRUE(xml::equivalent(ownPresence(model::Show::Offline, "bye"),
                                parse("<presence type='unavailable'><status>bye</status></presence>")));
    EXPECT_TRUE(xml::equivalent(subscriptionPresence("bob@x", "subscribed"),
                                parse("<presence to='bob@x' type='subscribed'/>")));
}

}  // namespace
}  // namespace starling::im
