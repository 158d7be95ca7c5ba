#pragma once
// What a search query matches in one message body, and the snippet a result shows.
//
// Query: folded (casefold.h) and split at whitespace into words. A body matches when it contains every
// word as a folded substring, anywhere and in any order ("мир привет" finds "привет, мир"); words match
// inside longer words ("hell" finds "Hello"). The highlight is the whole query where it occurs as typed
// (whitespace runs read as one space), else the earliest occurrence of any of its words.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace starling::search {

struct Query {
    std::string phrase;              // folded words joined by one space
    std::vector<std::string> words;  // folded, distinct, longest first
    bool empty() const { return words.empty(); }
};
// Whitespace: ASCII blanks and controls, U+00A0, U+1680, U+2000–U+200B, U+2028/2029, U+202F, U+205F, U+3000.
Query parseQuery(std::string_view typed);

// Bytes of the body that the highlight covers.
struct BodyMatch {
    std::size_t start = 0;
    std::size_t length = 0;
};
class Matcher {
public:
    explicit Matcher(Query query);
    const Query& query() const { return m_query; }
    // Whether `body` matches; cheap when it does not (one fold into a reused buffer, plain finds).
    bool matches(std::string_view body);
    // Where to highlight in a body that matches (folds again, keeping the byte map).
    BodyMatch locate(std::string_view body) const;

private:
    Query m_query;
    // Horspool shift per byte value for each word (the words are short, the bodies many: this beats
    // memchr-on-the-first-byte when that byte is 0xD0/0xD1, as in every Cyrillic word).
    std::vector<std::array<std::uint32_t, 256>> m_shifts;
    std::string m_folded;  // scratch
};

// A single line of about kSnippetChars code points around the match, cut at code point boundaries:
// controls and line breaks become spaces, runs of whitespace one space, invalid UTF-8 U+FFFD, "…" marks
// a cut at either end. [matchStart, matchStart + matchLength) are the snippet's bytes of the match.
inline constexpr std::size_t kSnippetChars = 60;
struct Snippet {
    std::string text;
    std::size_t matchStart = 0;
    std::size_t matchLength = 0;
};
Snippet makeSnippet(std::string_view body, BodyMatch match);

}  // namespace starling::search
