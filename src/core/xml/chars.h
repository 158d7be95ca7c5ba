#pragma once
// UTF-8 decoding and the XML 1.0 Char production, shared by the frame checker and the serializer.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/util/utf8.h"

namespace starling::xml {

// Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
inline bool isXmlChar(std::uint32_t cp) {
    if (cp < 0x20) return cp == 0x09 || cp == 0x0A || cp == 0x0D;
    if (cp <= 0xD7FF) return true;
    if (cp < 0xE000) return false;
    if (cp <= 0xFFFD) return true;
    return cp >= 0x10000 && cp <= 0x10FFFF;
}

// Length of the XML Char encoded at s[i], or 0 if it is invalid UTF-8 or not an XML Char.
inline std::size_t xmlCharLength(std::string_view s, std::size_t i) {
    std::uint32_t cp = 0;
    const std::size_t len = utf8::decode(s, i, cp);
    return len != 0 && isXmlChar(cp) ? len : 0;
}

}  // namespace starling::xml
