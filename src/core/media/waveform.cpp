#include "core/media/waveform.h"

#include <algorithm>
#include <cmath>

namespace starling::media {

std::vector<float> waveformBars(std::span<const float> levels, std::size_t bars) {
    if (levels.empty() || bars == 0) return {};
    const std::size_t n = std::min(bars, levels.size());
    std::vector<float> out(n, 0.0f);
    for (std::size_t i = 0; i < levels.size(); ++i) {
        const float v = std::isfinite(levels[i]) ? std::fabs(levels[i]) : 0.0f;  // from the browser: untrusted
        float& bar = out[i * n / levels.size()];
        bar = std::max(bar, v);
    }
    const float loudest = *std::max_element(out.begin(), out.end());
    for (float& v : out) v = loudest > 0 ? std::min(v / loudest, 1.0f) : 0.0f;
    return out;
}

}  // namespace starling::media
