#pragma once
// JID helpers for the IM layer, on top of jid::Jid (RFC 7622 parsing and case folding).
#include <string>
#include <string_view>

#include "core/jid/jid.h"

namespace starling::im {

// The normalized bare JID of `text` ("Bob@Example.org/x" → "bob@example.org"); "" if it is no JID.
inline std::string normalizedBare(std::string_view text) {
    auto j = jid::Jid::parse(text);
    return j ? j->bareString() : std::string();
}

// Like normalizedBare, but only for text that is itself a bare JID with a localpart (an account or
// a contact address); "" otherwise.
inline std::string normalizedAccount(std::string_view text) {
    auto j = jid::Jid::parse(text);
    return j && j->isBare() && !j->local().empty() ? j->bareString() : std::string();
}

inline bool isJid(std::string_view text) { return jid::Jid::parse(text).ok(); }

// The resource of a JID ("" if none or invalid).
inline std::string resourceOf(std::string_view text) {
    auto j = jid::Jid::parse(text);
    return j ? j->resource() : std::string();
}

// For display sorting only.
inline std::string lowerAscii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

}  // namespace starling::im
