#pragma once
// Where a chat's history lives on disk, in segments so that nothing ever has to read (or IDBFS
// re-store) a whole long chat:
//
//   accounts/<bare>/history/<fileNameFor(peer)>.d/s00000000.log, s00000001.log, …
//
// Segment names sort in history order (oldest first). Each segment is JSON lines in the format of
// formats.h ("msg" records, "upd" records for later status changes of a message in this or an
// older segment, and — first, when the directory name is hashed — a "peer" record). New messages
// are appended to the newest segment until it holds kSegmentMessages "msg" records, or until the next
// record would take it over kSegmentBytes; then a new one starts. (A segment is one file of the
// browser's in-memory file system and one IndexedDB record: appending to a big one copies it whole, so a
// contact's huge message sits in a segment of its own.) A chat stored by an older Starling as one file (<fileNameFor(peer)>.log) is split into
// segments when first loaded. Every segment of a hashed directory starts with the "peer" record.
// Beside the segments, index.json describes the sealed ones (history_store.h); it is only a cache.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/storage/store.h"

namespace starling::storage {

inline constexpr std::size_t kSegmentMessages = 500;
inline constexpr std::size_t kSegmentBytes = 256 * 1024;

std::string historyChatDir(std::string_view account, std::string_view peer);  // …/history/<name>.d
std::string segmentName(std::uint32_t sequence);                              // "s00000042.log"
// The sequence number of a segment file name, or -1 when it is not one.
std::int64_t segmentSequence(std::string_view fileName);

// Bare JIDs of every chat with history on disk (segmented or still in the old one-file form), sorted.
// Hashed directory names are resolved through the "peer" record of their first segment.
std::vector<std::string> historyPeers(const Store& store, std::string_view account);
// Paths (relative to the store root) of the chat's segments, oldest first.
std::vector<std::string> segmentPaths(const Store& store, std::string_view account, std::string_view peer);

}  // namespace starling::storage
