#pragma once
// The strict, linear pre-scan that stands in front of tinyxml2 (which is lenient and recurses per depth).
#include <string_view>

#include "core/util/result.h"
#include "core/xml/parser.h"

namespace starling::xml::detail {

enum class FrameMode {
    Frame,     // one WebSocket frame: nothing but whitespace around one element
    Document,  // an HTTP document (host-meta): also a BOM, an XML declaration, comments and PIs
};

// Ok if `text` passes every rule in parser.h; else Error{"bad-frame", reason}. O(n) in time.
Result<void> checkFrame(std::string_view text, const Limits& limits, FrameMode mode);

}  // namespace starling::xml::detail
