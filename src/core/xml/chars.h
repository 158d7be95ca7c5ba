#pragma once
// UTF-8 decoding and the XML 1.0 Char production, shared by the frame checker and the serializer.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace starling::xml {

// Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
inline bool isXmlChar(std::uint32_t cp) {
    if (cp < 0x20) return cp == 0x09 || cp == 0x0A || cp == 0x0D;
    if (cp <= 0xD7FF) return true;
    if (cp < 0xE000) return false;
    if (cp <= 0xFFFD) return true;
    return cp >= 0x10000 && cp <= 0x10FFFF;
}

// Decodes one well-formed UTF-8 sequence at s[i] (no overlongs, no surrogates, nothing above U+10FFFF).
// Returns its length and sets cp, or returns 0 if the bytes there are not valid UTF-8.
inline std::size_t decodeUtf8(std::string_view s, std::size_t i, std::uint32_t& cp) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
        cp = b0;
        return 1;
    }
    std::size_t len = 0;
    if (b0 >= 0xC2 && b0 <= 0xDF) { len = 2; cp = b0 & 0x1Fu; }
    else if (b0 >= 0xE0 && b0 <= 0xEF) { len = 3; cp = b0 & 0x0Fu; }
    else if (b0 >= 0xF0 && b0 <= 0xF4) { len = 4; cp = b0 & 0x07u; }
    else return 0;
    if (len > s.size() - i) return 0;
    for (std::size_t k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b & 0x3Fu);
    }
    if (len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) return 0;
    if (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) return 0;
    return len;
}

// Length of the XML Char encoded at s[i], or 0 if it is invalid UTF-8 or not an XML Char.
inline std::size_t xmlCharLength(std::string_view s, std::size_t i) {
    std::uint32_t cp = 0;
    const std::size_t len = decodeUtf8(s, i, cp);
    return len != 0 && isXmlChar(cp) ? len : 0;
}

}  // namespace starling::xml
