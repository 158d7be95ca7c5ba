#pragma once
// UTF-8 decoding and encoding shared by the XML layer, JIDs and JSON.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace starling::utf8 {

// Decodes one well-formed UTF-8 sequence at s[i] (no overlongs, no surrogates, nothing above U+10FFFF).
// Returns its length and sets cp, or returns 0 if the bytes there are not valid UTF-8.
// (Raw pointers: at the browser build's -Os, string_view's operator[] is a call per byte.)
inline std::size_t decode(std::string_view s, std::size_t i, std::uint32_t& cp) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
    const unsigned b0 = p[0];
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
        const unsigned b = p[k];
        if ((b & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b & 0x3Fu);
    }
    if (len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) return 0;
    if (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) return 0;
    return len;
}

// Appends the UTF-8 encoding of a code point (the caller ensures it is a valid scalar value).
inline void append(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// At most `maxBytes` of valid UTF-8 text, cut at a code point boundary (the text is body text already
// checked by the XML layer).
inline std::string truncate(std::string_view s, std::size_t maxBytes) {
    if (s.size() <= maxBytes) return std::string(s);
    std::size_t end = maxBytes;
    while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
    return std::string(s.substr(0, end));
}

// The longest prefix of `text` (valid UTF-8, as every received text is) with at most `max` code points.
inline std::string prefixCodePoints(std::string_view text, std::size_t max) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool starts = (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
        if (starts && count++ == max) return std::string(text.substr(0, i));
    }
    return std::string(text);
}

}  // namespace starling::utf8
