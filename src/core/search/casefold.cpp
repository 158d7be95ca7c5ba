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

namespace {

// Writes cp (a scalar value) as UTF-8 at o; returns the end.
inline char* put(char* o, std::uint32_t cp) {
    if (cp < 0x80) {
        *o++ = static_cast<char>(cp);
    } else if (cp < 0x800) {
        *o++ = static_cast<char>(0xC0 | (cp >> 6));
        *o++ = static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *o++ = static_cast<char>(0xE0 | (cp >> 12));
        *o++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        *o++ = static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        *o++ = static_cast<char>(0xF0 | (cp >> 18));
        *o++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        *o++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        *o++ = static_cast<char>(0x80 | (cp & 0x3F));
    }
    return o;
}

}  // namespace

// The hot loop of a search (every body is folded): ASCII and the 2-byte range (Cyrillic, Greek, Latin
// extended) by table without function calls, everything else through foldCodePoint.
void foldInto(std::string_view text, std::string& out) {
    // A code point never grows by more than 3× (a 1-byte invalid byte becomes 3-byte U+FFFD).
    out.resize(text.size() * 3);
    const std::uint16_t* table = twoByteTable().fold;
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const auto* end = p + text.size();
    char* o = out.data();
    while (p < end) {
        const unsigned b = *p;
        if (b < 0x80) {
            *o++ = static_cast<char>(b - 'A' < 26u ? b + 32 : b);
            ++p;
        } else if (b >= 0xC2 && b <= 0xDF && end - p >= 2 && (p[1] & 0xC0) == 0x80) {
            o = put(o, table[((b & 0x1Fu) << 6) | (p[1] & 0x3Fu)]);
            p += 2;
        } else {
            std::uint32_t cp = 0;
            const std::size_t i = static_cast<std::size_t>(p - reinterpret_cast<const unsigned char*>(text.data()));
            const std::size_t len = utf8::decode(text, i, cp);
            if (len == 0) {
                o = put(o, kReplacement);
                ++p;
            } else {
                o = put(o, foldCodePoint(cp));
                p += len;
            }
        }
    }
    out.resize(static_cast<std::size_t>(o - out.data()));
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
