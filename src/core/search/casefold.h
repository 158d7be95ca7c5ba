#pragma once
// Case folding for search: a UTF-8 text becomes a folded key in which "ПРИВЕТ", "Привет" and "привет"
// (and "Hello"/"HELLO", "ΟΔΟΣ"/"οδος", …) are the same bytes, so that a search is a plain substring find.
//
// Rules (the table is generated, see casefold_gen.py): Unicode simple case folding for every cased script
// (Latin incl. extended, Greek incl. final sigma, Cyrillic, Armenian, Georgian, Cherokee, Glagolitic,
// fullwidth, Deseret, Adlam, …); Ё/ё fold to е (Russian is often typed without ё) and İ to i. Folding is
// code point to code point: ß stays ß (no "ss"), and a match in the folded text always covers whole code
// points of the original. Not done: Unicode normalization (a decomposed "é" does not match a composed
// one) and accent stripping. Bytes that are not valid UTF-8 fold to U+FFFD, one per byte.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace starling::search {

// The folded form of one code point (itself when it has none).
std::uint32_t foldCodePoint(std::uint32_t cp);

// Folds `text` into `out` (replacing its contents). ASCII-only text folds at memcpy-like speed.
void foldInto(std::string_view text, std::string& out);
std::string fold(std::string_view text);

// A folded text that remembers where each of its bytes came from, to map a match found in the folded
// text back to the bytes of the original (folding may change lengths: "İ" is 2 bytes, "i" one).
struct FoldedText {
    std::string text;
    // origin[i]: byte offset in the original of the code point that folded byte i came from;
    // origin[text.size()] = the original's size.
    std::vector<std::uint32_t> origin;

    // The original's bytes [first, second) of the folded bytes [start, start + length), which must lie
    // on code point boundaries of `text` (a match of a folded, valid UTF-8 needle always does).
    std::pair<std::size_t, std::size_t> originalRange(std::size_t start, std::size_t length) const {
        return {origin[start], origin[start + length]};
    }
};
FoldedText foldWithOrigin(std::string_view text);

}  // namespace starling::search
