#pragma once
// Voice messages are Opus in Ogg (RFC 7845), the format Conversations records and every XMPP client we
// meet plays (docs/voice-messages.md). Browsers record Opus in WebM (Chromium's MediaRecorder offers no
// Ogg), so the recording is remuxed here: the Opus packets are taken out of the WebM file unchanged and
// written as Ogg pages. Pure functions of their input; bad input is an error, never a crash.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.h"

namespace starling::media {

// Views into the bytes it was read from.
struct OpusStream {
    std::string_view head;                  // the OpusHead packet (RFC 7845 §5.1), at least 19 bytes
    std::vector<std::string_view> packets;  // the audio packets in order
};

// The first Opus track of a WebM (Matroska) file as MediaRecorder writes it: SimpleBlocks or Blocks
// without lacing, in clusters of known or unknown size. Errors: "webm-malformed", "webm-no-opus",
// "webm-lacing", "opus-empty".
Result<OpusStream> opusFromWebm(std::string_view webm);

// Samples at 48 kHz that one Opus packet decodes to, from its TOC byte (RFC 6716 §3.1); 0 when malformed.
int opusPacketSamples(std::string_view packet);

// An Ogg Opus file of the stream: OpusHead and OpusTags pages, then audio pages of at most about a second,
// each with the granule position of its last packet; the last page carries end-of-stream. `durationMs`:
// its playing time (samples after the pre-skip).
struct OggOpus {
    std::string bytes;
    std::int64_t durationMs = 0;
};
Result<OggOpus> oggOpus(const OpusStream& stream, std::uint32_t serial);

// What a recording becomes: WebM/Opus → Ogg/Opus.
Result<OggOpus> webmToOggOpus(std::string_view webm, std::uint32_t serial);

}  // namespace starling::media
