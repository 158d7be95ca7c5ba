#pragma once
// Minimal JID helpers for the IM layer until jid/jid.h (RFC 7622) is shared; string-level only.
#include <string>
#include <string_view>

namespace starling::im {

// "a@b/c" → "a@b"; "b/c" → "b".
inline std::string bareOf(std::string_view jid) {
    const std::size_t slash = jid.find('/');
    return std::string(slash == std::string_view::npos ? jid : jid.substr(0, slash));
}

inline std::string resourceOf(std::string_view jid) {
    const std::size_t slash = jid.find('/');
    return slash == std::string_view::npos ? std::string() : std::string(jid.substr(slash + 1));
}

// Shape check: [local@]domain[/resource], non-empty parts, no whitespace or control characters in the
// bare part, sizes within RFC 7622 bounds.
inline bool looksLikeJid(std::string_view jid) {
    if (jid.empty() || jid.size() > 3071) return false;
    const std::size_t slash = jid.find('/');
    const std::string_view bare = slash == std::string_view::npos ? jid : jid.substr(0, slash);
    if (slash != std::string_view::npos && slash + 1 >= jid.size()) return false;  // empty resource
    const std::size_t at = bare.find('@');
    if (at != std::string_view::npos) {
        if (at == 0 || bare.find('@', at + 1) != std::string_view::npos) return false;
        if (at > 1023) return false;
    }
    const std::string_view domain = at == std::string_view::npos ? bare : bare.substr(at + 1);
    if (domain.empty() || domain.size() > 1023 || domain.front() == '.' || domain.back() == '.') return false;
    for (const char c : bare) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7F || c == '"' || c == '&' || c == '\'' || c == ':' || c == '<' || c == '>')
            return false;
    }
    return true;
}

inline bool isBareJid(std::string_view jid) { return looksLikeJid(jid) && jid.find('/') == std::string_view::npos; }

// Domain-part comparison is case-insensitive (ASCII); we lower-case the bare JID we keep.
inline std::string lowerAscii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

}  // namespace starling::im
