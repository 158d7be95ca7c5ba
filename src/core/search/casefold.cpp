#include "core/search/casefold.h"

#include <algorithm>
#include <iterator>

#include "core/util/utf8.h"

namespace starling::search {
namespace {

struct Run {
    std::uint32_t first;
    std::uint32_t count;
    std::int32_t delta;
    std::uint32_t stride;
};

// Sorted by `first`; generated (see the file's first line).
constexpr Run kRuns[] = {
#include "core/search/casefold_table.inc"
};

constexpr std::uint32_t kReplacement = 0xFFFD;

// Appends the folded form of text[i…] (one code point or one invalid byte); returns bytes consumed.
inline std::size_t foldOne(std::string_view text, std::size_t i, std::string& out) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
        out += static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b);
        return 1;
    }
    std::uint32_t cp = 0;
    std::size_t len = utf8::decode(text, i, cp);
    if (len == 0) {
        utf8::append(out, kReplacement);
        return 1;
    }
    const std::uint32_t f = foldCodePoint(cp);
    if (f == cp) out.append(text.data() + i, len);
    else utf8::append(out, f);
    return len;
}

std::uint32_t lookup(std::uint32_t cp) {
    // The last run starting at or before cp.
    auto it = std::upper_bound(std::begin(kRuns), std::end(kRuns), cp,
                               [](std::uint32_t c, const Run& r) { return c < r.first; });
    if (it == std::begin(kRuns)) return cp;
    const Run& r = *std::prev(it);
    const std::uint32_t offset = cp - r.first;
    if (offset % r.stride != 0 || offset / r.stride >= r.count) return cp;
    return static_cast<std::uint32_t>(static_cast<std::int64_t>(cp) + r.delta);
}

// Code points below U+0800 (Latin, Greek, Cyrillic, Armenian: the 2-byte range) folded by one load.
struct TwoByteTable {
    std::uint16_t fold[0x800];
    TwoByteTable() {
        for (std::uint32_t cp = 0; cp < 0x800; ++cp) fold[cp] = static_cast<std::uint16_t>(lookup(cp));
    }
};
const TwoByteTable& twoByteTable() {
    static const TwoByteTable table;
    return table;
}

}  // namespace

std::uint32_t foldCodePoint(std::uint32_t cp) {
    if (cp < 0x800) return twoByteTable().fold[cp];
    return lookup(cp);
}

void foldInto(std::string_view text, std::string& out) {
    out.clear();
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        // Runs of ASCII without capitals are copied as they are.
        std::size_t j = i;
        while (j < text.size()) {
            const auto b = static_cast<unsigned char>(text[j]);
            if (b >= 0x80 || (b >= 'A' && b <= 'Z')) break;
            ++j;
        }
        out.append(text.data() + i, j - i);
        i = j;
        if (i < text.size()) i += foldOne(text, i, out);
    }
}

std::string fold(std::string_view text) {
    std::string out;
    foldInto(text, out);
    return out;
}

FoldedText foldWithOrigin(std::string_view text) {
    FoldedText f;
    f.text.reserve(text.size());
    f.origin.reserve(text.size() + 1);
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t before = f.text.size();
        const std::size_t used = foldOne(text, i, f.text);
        f.origin.insert(f.origin.end(), f.text.size() - before, static_cast<std::uint32_t>(i));
        i += used;
    }
    f.origin.push_back(static_cast<std::uint32_t>(text.size()));
    return f;
}

}  // namespace starling::search
