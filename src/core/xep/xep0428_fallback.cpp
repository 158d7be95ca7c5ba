#include "core/xep/xep0428_fallback.h"

#include <algorithm>
#include <cstdint>

#include "core/util/utf8.h"
#include "core/xml/ns.h"

namespace starling::xep {
namespace {

bool parseIndex(std::string_view text, std::size_t& out) {
    if (text.empty() || text.size() > 9) return false;
    out = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return false;
        out = out * 10 + static_cast<std::size_t>(c - '0');
    }
    return true;
}

}  // namespace

Fallback parseFallback(const xml::Element& message, std::string_view forNs) {
    Fallback f;
    for (const xml::Element* fb : message.childrenNamed(ns::kFallback, "fallback")) {
        if (fb->attr("for") != forNs) continue;
        f.present = true;
        const auto bodies = fb->childrenNamed(ns::kFallback, "body");
        if (bodies.empty()) f.whole = true;
        for (const xml::Element* b : bodies) {
            std::size_t start = 0, end = 0;
            if (!parseIndex(b->attr("start"), start) || !parseIndex(b->attr("end"), end)) {
                f.ranges.clear();
                f.ranges.emplace_back(1, 0);  // unusable: stripFallback leaves the body whole
                return f;
            }
            f.ranges.emplace_back(start, end);
        }
    }
    return f;
}

std::size_t codePointCount(std::string_view text) {
    std::size_t n = 0;
    for (char c : text)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    return n;
}

std::string stripFallback(std::string_view body, const Fallback& fallback) {
    if (!fallback.present) return std::string(body);
    if (fallback.whole) return {};
    auto ranges = fallback.ranges;
    std::sort(ranges.begin(), ranges.end());
    const std::size_t total = codePointCount(body);
    std::size_t prevEnd = 0;
    for (const auto& [start, end] : ranges)
        if (start > end || end > total || start < prevEnd) return std::string(body);
        else prevEnd = end;
    std::string out;
    out.reserve(body.size());
    std::size_t cp = 0, r = 0;
    for (std::size_t i = 0; i < body.size(); ++cp) {
        std::size_t len = 1;
        while (i + len < body.size() && (static_cast<unsigned char>(body[i + len]) & 0xC0) == 0x80) ++len;
        while (r < ranges.size() && cp >= ranges[r].second) ++r;
        const bool cut = r < ranges.size() && cp >= ranges[r].first;
        if (!cut) out.append(body.substr(i, len));
        i += len;
    }
    return out;
}

}  // namespace starling::xep
