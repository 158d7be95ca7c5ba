// The media cache (core/media/media_cache.h): held bytes stay under the cap, the least recently used go
// first (a find() is a use), the one just put and files being sent stay, what was let go is known.
#include "core/media/media_cache.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace starling::media {
namespace {

MediaCache::Bytes bytes(std::size_t n, char fill = 'x') { return std::make_shared<const std::string>(n, fill); }

TEST(MediaCache, StaysUnderItsCapLettingGoOfTheLeastRecentlyUsed) {
    MediaCache cache;
    cache.setCap(1000);
    cache.put("a", bytes(400));
    cache.put("b", bytes(400));
    ASSERT_NE(cache.find("a"), nullptr);  // a is used after b
    cache.put("c", bytes(400));
    EXPECT_EQ(cache.bytes(), 800u);
    EXPECT_TRUE(cache.count("a"));
    EXPECT_FALSE(cache.count("b")) << "b was used least recently";
    EXPECT_TRUE(cache.evicted("b"));
    EXPECT_FALSE(cache.evicted("a"));
    EXPECT_EQ(cache.evictions(), 1u);
    cache.put("b", bytes(100));  // fetched again
    EXPECT_FALSE(cache.evicted("b"));
    EXPECT_LE(cache.bytes(), 1000u);
}

TEST(MediaCache, ManyFilesNeverHoldMoreThanTheCap) {
    MediaCache cache;
    cache.setCap(64 * 1024);
    for (int i = 0; i < 200; ++i) {
        cache.put("f" + std::to_string(i), bytes(5000 + i));
        EXPECT_LE(cache.bytes(), cache.cap());
    }
    EXPECT_TRUE(cache.count("f199"));
    EXPECT_FALSE(cache.count("f0"));
    EXPECT_GT(cache.evictions(), 180u);
}

TEST(MediaCache, KeepsTheOneJustPutAndFilesBeingSent) {
    MediaCache cache;
    cache.setCap(100);
    cache.put("local:m1", bytes(300));
    cache.put("big", bytes(500));
    EXPECT_TRUE(cache.count("local:m1")) << "no URL yet: it could not be fetched again";
    EXPECT_TRUE(cache.count("big")) << "the file just put is shown";
    cache.put("next", bytes(10));
    EXPECT_FALSE(cache.count("big"));
    EXPECT_TRUE(cache.count("local:m1"));
    cache.erase("local:m1");
    EXPECT_EQ(cache.bytes(), 10u);
    EXPECT_FALSE(cache.evicted("local:m1")) << "erased, not let go";
}

TEST(MediaCache, LoweringTheCapLetsGoAtOnceAndPutReplaces) {
    MediaCache cache;
    cache.put("a", bytes(300));
    cache.put("a", bytes(200));
    EXPECT_EQ(cache.bytes(), 200u);
    EXPECT_EQ(cache.size(), 1u);
    cache.put("b", bytes(200));
    cache.setCap(250);
    EXPECT_EQ(cache.size(), 1u);
    EXPECT_LE(cache.bytes(), 250u);
    cache.clear();
    EXPECT_EQ(cache.bytes(), 0u);
    EXPECT_FALSE(cache.evicted("a"));
}

}  // namespace
}  // namespace starling::media
