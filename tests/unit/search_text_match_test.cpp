// Query parsing, body matching and snippets (core/search/text_match.h).
#include "core/search/text_match.h"

#include <gtest/gtest.h>

#include "core/util/utf8.h"

namespace starling::search {
namespace {

bool validUtf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        std::uint32_t cp = 0;
        const std::size_t len = utf8::decode(s, i, cp);
        if (len == 0) return false;
        i += len;
    }
    return true;
}

std::string highlighted(const Snippet& s) { return s.text.substr(s.matchStart, s.matchLength); }

Snippet find(std::string_view query, std::string_view body) {
    Matcher m(parseQuery(query));
    EXPECT_TRUE(m.matches(body)) << query << " in " << body;
    return makeSnippet(body, m.locate(body));
}

TEST(SearchTextMatch, QueryIsFoldedSplitAndDeduplicated) {
    Query q = parseQuery("  Привет \t МИР\xC2\xA0привет  ");
    EXPECT_EQ(q.phrase, "привет мир привет");
    ASSERT_EQ(q.words.size(), 2u);
    EXPECT_EQ(q.words[0], "привет");  // longest first
    EXPECT_EQ(q.words[1], "мир");
    EXPECT_TRUE(parseQuery("").empty());
    EXPECT_TRUE(parseQuery(" \t\n\xE3\x80\x80 ").empty());  // incl. U+3000
}

TEST(SearchTextMatch, CaseInsensitiveSubstringsLatinAndCyrillic) {
    EXPECT_EQ(highlighted(find("ПРИВЕТ", "привет, мир")), "привет");
    EXPECT_EQ(highlighted(find("Hello", "oh HELLO there")), "HELLO");
    EXPECT_EQ(highlighted(find("елка", "Новогодняя ЁЛКА")), "ЁЛКА");
    EXPECT_EQ(highlighted(find("istanbul", "İstanbul'da")), "İstanbul");
    EXPECT_EQ(highlighted(find("hell", "Hello")), "Hell");
    Matcher m(parseQuery("привет"));
    EXPECT_FALSE(m.matches("hello world"));
    EXPECT_FALSE(m.matches(""));
}

TEST(SearchTextMatch, AllWordsMustOccurThePhraseIsPreferredForTheHighlight) {
    Matcher both(parseQuery("мир привет"));
    EXPECT_TRUE(both.matches("Привет, мир!"));
    EXPECT_FALSE(both.matches("Привет всем"));
    // Words apart: the earliest word is highlighted.
    EXPECT_EQ(highlighted(find("мир привет", "Привет, мир!")), "Привет");
    // The phrase as typed wins over a single word earlier in the body.
    EXPECT_EQ(highlighted(find("big cat", "a cat and a BIG CAT")), "BIG CAT");
}

TEST(SearchTextMatch, SnippetIsOneLineOfAboutSixtyCharactersAroundTheMatch) {
    std::string body;
    for (int i = 0; i < 40; ++i) body += "слово ";
    body += "НАЙДИ меня\n\nи дальше";
    for (int i = 0; i < 40; ++i) body += " ещё";
    Snippet s = find("найди", body);
    EXPECT_EQ(highlighted(s), "НАЙДИ");
    EXPECT_TRUE(validUtf8(s.text));
    EXPECT_EQ(s.text.rfind("…", 0), 0u);                        // cut before
    EXPECT_EQ(s.text.substr(s.text.size() - 3), "…");           // and after
    EXPECT_EQ(s.text.find('\n'), std::string::npos);
    EXPECT_NE(s.text.find("меня и дальше"), std::string::npos);  // line breaks read as one space
    std::size_t chars = 0;
    for (unsigned char c : s.text) chars += (c & 0xC0) != 0x80;
    EXPECT_LE(chars, kSnippetChars + 2);
    EXPECT_GE(chars, kSnippetChars - 8);
}

TEST(SearchTextMatch, ShortBodyIsWholeAndMatchAtEitherEnd) {
    Snippet s = find("hello", "oh HELLO there");
    EXPECT_EQ(s.text, "oh HELLO there");
    EXPECT_EQ(s.matchStart, 3u);
    EXPECT_EQ(s.matchLength, 5u);
    s = find("мир", "\n  привет, мир");
    EXPECT_EQ(s.text, "привет, мир");
    EXPECT_EQ(highlighted(s), "мир");
    // A match at the very end of a long body takes its context from before.
    std::string longBody(200, 'x');
    longBody += " КОНЕЦ";
    s = find("конец", longBody);
    EXPECT_EQ(highlighted(s), "КОНЕЦ");
    EXPECT_EQ(s.text.substr(s.text.size() - std::string("КОНЕЦ").size()), "КОНЕЦ");
    EXPECT_GT(s.matchStart, 40u);
}

TEST(SearchTextMatch, SnippetCutsAtCodePointBoundariesAndReplacesInvalidBytes) {
    // Multi-byte characters everywhere: any byte-based cut would split one.
    std::string body;
    for (int i = 0; i < 30; ++i) body += "ж😀";
    body += "ЦЕЛЬ";
    for (int i = 0; i < 30; ++i) body += "中ё";
    Snippet s = find("цель", body);
    EXPECT_TRUE(validUtf8(s.text));
    EXPECT_EQ(highlighted(s), "ЦЕЛЬ");
    s = find("b", "a\xFF" "B\x01" "c");
    EXPECT_TRUE(validUtf8(s.text));
    EXPECT_EQ(s.text, "a\xEF\xBF\xBD" "B c");
    EXPECT_EQ(highlighted(s), "B");
}

}  // namespace
}  // namespace starling::search
