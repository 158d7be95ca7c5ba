#pragma once
// What may be fetched, drawn and saved — the safety rules for shared files, pure functions of their
// inputs (unit-tested in media_policy_test.cpp):
//   - nothing is fetched by itself from someone not in the roster (a click loads it);
//   - automatic download only up to kAutoDownloadLimit;
//   - a picture is drawn only when its header names a raster format we know (PNG, JPEG, GIF, WebP) and
//     at most kMaxImagePixels — read from the header, before anything decodes it; SVG, HTML and any
//     other active content is only ever offered as a file;
//   - saved file names cannot escape a folder or mislead (separators, controls, bidi overrides,
//     "photo.jpg.exe").
#include <cstdint>
#include <string>
#include <string_view>

#include "core/model/state.h"

namespace starling::media {

inline constexpr std::uint64_t kAutoDownloadLimit = 10ull * 1024 * 1024;
inline constexpr std::uint64_t kMaxImagePixels = 40'000'000;
inline constexpr std::uint64_t kMaxDownload = 100ull * 1024 * 1024;  // even on a click

enum class ImageFormat { None, Png, Jpeg, Gif, Webp };
struct ImageProbe {
    ImageFormat format = ImageFormat::None;
    int width = 0;
    int height = 0;
};
// The format and size a raster image's header states (None when not one we know or malformed).
ImageProbe probeImage(std::string_view bytes);
// What the UI may do with these bytes: Image (drawn; `error` empty), File (offered to save; `error`
// "image-too-large" when it was a picture over the limit).
struct Classified {
    model::AttachmentKind kind = model::AttachmentKind::File;
    int width = 0;
    int height = 0;
    std::string error;
};
// Audio (played inline; `error` empty) when the declared type is audio/* or the name's extension is
// one of audioExtension's, and the bytes start as an audio container (probeAudio): an HTML page named
// "x.mp3" stays a file.
Classified classify(std::string_view bytes, std::string_view declaredMime, std::string_view name = {});

// Audio containers a browser plays, told by their first bytes: Ogg, WebM/Matroska, MP4/M4A, MP3 (ID3 or
// a frame header), AAC (ADTS), WAV, FLAC.
bool probeAudio(std::string_view bytes);
// The file name ends in an audio extension (ogg, oga, opus, m4a, mp4, aac, mp3, webm, weba, wav, flac).
bool audioExtension(std::string_view name);

// A name safe to offer for saving: no folders, controls, bidi or invisible format characters, no dot
// files, no earlier extension that hides the real one ("photo.jpg.exe" → "photo_jpg.exe"), at most 120
// bytes; "file" when nothing is left.
std::string sanitizeFileName(std::string_view name);
// The last path segment of a URL, percent-decoded (then to be sanitized).
std::string fileNameFromUrl(std::string_view url);
// "host" of scheme://[user@]host[:port]/…, lower-cased ("" when none).
std::string urlHost(std::string_view url);

// May a file shared by `senderBare` (a room message: the occupant's real bare JID, "" when unknown) be
// fetched without a click? Only from a contact in our roster (or ourselves).
bool fromKnownSender(const model::State& state, std::string_view senderBare);

// An upload slot's URLs must be https on an https page, and their host must be our own service's: the
// upload service's domain, our account's domain, one of their subdomains, or the host we connect to.
struct SlotContext {
    bool pageIsHttps = true;
    std::string serviceJid;     // upload.example.org
    std::string accountDomain;  // example.org
    std::string connectHost;    // the WebSocket's host, may be ""
};
bool plausibleSlotUrl(std::string_view url, const SlotContext& context);

}  // namespace starling::media
