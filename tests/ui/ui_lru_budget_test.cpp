// The budget of what the browser holds for drawn media (ui/lru_budget.h): textures and audio players
// stay under their cap, the least recently drawn go first, never what is on screen now or kept (playing).
#include "ui/lru_budget.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace starling::ui {
namespace {

TEST(LruBudget, LetsGoOfTheLeastRecentlyDrawnUntilWithinTheCap) {
    LruBudget<std::string> b(1000);
    b.add("a", 400, 1);
    b.add("b", 400, 2);
    b.use("a", 3);
    b.add("c", 400, 4);
    EXPECT_EQ(b.over(4), std::vector<std::string>{"b"});
    EXPECT_EQ(b.total(), 800u);
    EXPECT_TRUE(b.over(4).empty());
}

TEST(LruBudget, NeverWhatIsDrawnInThisFrameNorWhatIsKept) {
    LruBudget<int> b(2);
    b.add(1, 1, 10);
    b.add(2, 1, 10);
    b.add(3, 1, 10);
    EXPECT_TRUE(b.over(10).empty()) << "all on screen: over the cap for now";
    EXPECT_EQ(b.total(), 3u);
    EXPECT_EQ(b.over(11, [](int k) { return k == 1; }), std::vector<int>{2}) << "1 plays";
    b.add(4, 1, 11);
    EXPECT_EQ(b.over(12, [](int k) { return k == 1; }), std::vector<int>{3});
    EXPECT_EQ(b.size(), 2u);
}

TEST(LruBudget, ScrollingThroughTwoHundredStaysUnderTheCap) {
    LruBudget<int> b(10 * 1024 * 1024);
    std::size_t worst = 0;
    for (int i = 0; i < 200; ++i) {
        b.add(i, 520 * 390 * 4, static_cast<std::uint64_t>(i));  // a thumbnail's texture
        b.over(static_cast<std::uint64_t>(i));
        worst = std::max(worst, b.total());
    }
    EXPECT_LE(worst, 10u * 1024 * 1024 + 520 * 390 * 4);
    EXPECT_LE(b.total(), b.cap());
    EXPECT_TRUE(b.contains(199));
    EXPECT_FALSE(b.contains(0));
}

}  // namespace
}  // namespace starling::ui
