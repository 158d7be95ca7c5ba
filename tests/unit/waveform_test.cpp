// The waveform of a recorded voice message (core/media/waveform.h): levels folded into bars by their
// loudest, scaled to the loudest bar; nothing, silence and bad numbers from the browser are harmless.
#include "core/media/waveform.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace starling::media {
namespace {

TEST(Waveform, FoldsLevelsIntoBarsByTheirLoudestScaledToTheLoudest) {
    std::vector<float> levels(400, 0.1f);
    levels[5] = 0.5f;    // bar 0
    levels[395] = 0.25f;  // bar 39
    const auto bars = waveformBars(levels, 40);
    ASSERT_EQ(bars.size(), 40u);
    EXPECT_FLOAT_EQ(bars[0], 1.0f);
    EXPECT_FLOAT_EQ(bars[39], 0.5f);
    EXPECT_FLOAT_EQ(bars[20], 0.2f);
}

TEST(Waveform, ShortSilentAndBadInput) {
    EXPECT_TRUE(waveformBars({}).empty());
    const std::vector<float> three = {0.2f, 0.4f, 0.1f};
    EXPECT_EQ(waveformBars(three, 40), (std::vector<float>{0.5f, 1.0f, 0.25f})) << "one bar per level";
    const std::vector<float> silent(100, 0.0f);
    for (float v : waveformBars(silent)) EXPECT_EQ(v, 0.0f);
    const std::vector<float> bad = {std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity(), -0.5f, 0.25f};
    const auto bars = waveformBars(bad, 4);
    ASSERT_EQ(bars.size(), 4u);
    for (float v : bars) EXPECT_TRUE(std::isfinite(v) && v >= 0 && v <= 1);
    EXPECT_FLOAT_EQ(bars[2], 1.0f) << "a negative sample counts by its size";
}

}  // namespace
}  // namespace starling::media
