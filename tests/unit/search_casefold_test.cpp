// Case folding for search (core/search/casefold.h): Latin, Cyrillic (Ё/ё → е), Greek (final sigma),
// other cased scripts, what stays as it is (emoji, ß, Turkish dotless ı), invalid UTF-8, and the map
// from folded bytes back to the original.
#include "core/search/casefold.h"

#include <gtest/gtest.h>

namespace starling::search {
namespace {

TEST(SearchCasefold, LatinAndCyrillicFoldToLowercase) {
    EXPECT_EQ(fold("Hello WORLD 123 !?"), "hello world 123 !?");
    EXPECT_EQ(fold("ПРИВЕТ, Мир"), "привет, мир");
    EXPECT_EQ(fold("ЖЁЛТЫЙ Ёж ёлка"), "желтый еж елка");  // ё and Ё read as е
    EXPECT_EQ(fold("ÀÉÎÕÜ Ÿ Ł Ő Ž Ǆ"), "àéîõü ÿ ł ő ž ǆ");
    EXPECT_EQ(fold("ІЇЄҐ Ў Ђ Ә Ө"), "іїєґ ў ђ ә ө");  // Ukrainian, Belarusian, Serbian, Kazakh
}

TEST(SearchCasefold, GreekFinalSigmaAndOtherScripts) {
    EXPECT_EQ(fold("ΟΔΟΣ"), fold("οδος"));  // Σ, σ and final ς are one letter
    EXPECT_EQ(fold("ς"), "σ");
    EXPECT_EQ(fold("Σ"), "σ");
    EXPECT_EQ(fold("ΆΈΉ"), "άέή");
    EXPECT_EQ(fold("ԱԲԳ"), "աբգ");              // Armenian
    EXPECT_EQ(fold("ႠႡ"), "ⴀⴁ");                // Georgian Asomtavruli
    EXPECT_EQ(fold("ＡＢＣ"), "ａｂｃ");          // fullwidth
    EXPECT_EQ(fold("\xF0\x90\x90\x80"), "\xF0\x90\x90\xA8");  // Deseret 𐐀 → 𐐨 (4-byte range)
    EXPECT_EQ(fold("ẞ"), "ß");                  // capital sharp s, simple folding
    EXPECT_EQ(fold("ſ K"), "s k");              // long s, Kelvin sign
}

TEST(SearchCasefold, TurkishAndUnfoldedCharactersAreSafe) {
    EXPECT_EQ(fold("İSTANBUL"), "istanbul");  // İ → i (2 bytes → 1)
    EXPECT_EQ(fold("ı"), "ı");                // dotless i has no other case
    EXPECT_EQ(fold("ß"), "ß");                // no expansion to "ss"
    EXPECT_EQ(fold("😀👍🏽 中文 العربية"), "😀👍🏽 中文 العربية");
    EXPECT_EQ(fold(""), "");
}

TEST(SearchCasefold, FoldingIsIdempotentOverTheBmp) {
    for (std::uint32_t cp = 0; cp < 0x30000; ++cp) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;
        const std::uint32_t f = foldCodePoint(cp);
        ASSERT_EQ(foldCodePoint(f), f) << std::hex << cp;
        ASSERT_FALSE(f >= 0xD800 && f <= 0xDFFF) << std::hex << cp;
    }
    EXPECT_EQ(foldCodePoint('Z'), static_cast<std::uint32_t>('z'));
    EXPECT_EQ(foldCodePoint(0x0416), 0x0436u);  // Ж → ж
    EXPECT_EQ(foldCodePoint(0x0100), 0x0101u);  // Ā → ā (stride-2 run)
    EXPECT_EQ(foldCodePoint(0x0101), 0x0101u);
}

TEST(SearchCasefold, InvalidUtf8BecomesReplacementPerByte) {
    EXPECT_EQ(fold("A\xFF" "B"), "a\xEF\xBF\xBD" "b");
    EXPECT_EQ(fold("\xD0"), "\xEF\xBF\xBD");                       // cut-off sequence
    EXPECT_EQ(fold("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");      // overlong
    EXPECT_EQ(fold("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
    EXPECT_EQ(fold("Ж\xD0"), "ж\xEF\xBF\xBD");
}

TEST(SearchCasefold, OriginMapsFoldedMatchesBackToOriginalBytes) {
    const std::string original = "xİSTANBUL\xFF" "Ёж";
    const FoldedText f = foldWithOrigin(original);
    EXPECT_EQ(f.text, fold(original));
    ASSERT_EQ(f.origin.size(), f.text.size() + 1);
    EXPECT_EQ(f.origin.back(), original.size());
    const std::size_t at = f.text.find("istanbul");
    ASSERT_NE(at, std::string::npos);
    auto [first, last] = f.originalRange(at, 8);
    EXPECT_EQ(original.substr(first, last - first), "İSTANBUL");
    const std::size_t ezh = f.text.find("еж");
    ASSERT_NE(ezh, std::string::npos);
    std::tie(first, last) = f.originalRange(ezh, std::string("еж").size());
    EXPECT_EQ(original.substr(first, last - first), "Ёж");
}

}  // namespace
}  // namespace starling::search
