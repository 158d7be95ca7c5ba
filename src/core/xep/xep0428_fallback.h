#pragma once
// XEP-0428 Fallback Indication: which parts of <body/> are only there for clients without a feature
// (<fallback for='ns'><body start end/></fallback>, offsets in Unicode code points; no <body/> child:
// the whole body).
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/xml/element.h"

namespace starling::xep {

struct Fallback {
    bool present = false;
    bool whole = false;                                   // the whole body is fallback
    std::vector<std::pair<std::size_t, std::size_t>> ranges;  // [start, end) in code points
};

Fallback parseFallback(const xml::Element& message, std::string_view forNs);
// `body` without the fallback ranges. A range that is backwards, overlaps another or runs past the
// end makes the fallback untrustworthy: the body is returned whole.
std::string stripFallback(std::string_view body, const Fallback& fallback);
std::size_t codePointCount(std::string_view text);

}  // namespace starling::xep
