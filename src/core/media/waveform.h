#pragma once
// The waveform of a voice message we recorded: the browser measures the microphone's peak level of each
// block of 2048 samples (~43 ms) while recording; these are folded into a fixed number of bars (the loudest level of each span),
// scaled so the loudest bar is full height (a quiet recording still shows its shape), for the player to
// draw as bars instead of a plain seek line.
#include <cstddef>
#include <span>
#include <vector>

namespace starling::media {

inline constexpr std::size_t kWaveformBars = 40;

// `bars` values in 0…1 (empty when there are no levels); fewer levels than bars give one bar each.
std::vector<float> waveformBars(std::span<const float> levels, std::size_t bars = kWaveformBars);

}  // namespace starling::media
