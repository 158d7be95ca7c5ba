#pragma once
// XEP-0461 Message Replies: <reply to='author full JID' id='…' xmlns='urn:xmpp:reply:0'/>, with a
// XEP-0428 fallback quote ("> line" per quoted line) at the start of the body for clients without it.
#include <optional>
#include <string>
#include <string_view>

#include "core/xml/element.h"

namespace starling::xep {

inline constexpr const char* kRepliesFeature = "urn:xmpp:reply:0";
inline constexpr std::size_t kMaxQuoteLines = 3;
inline constexpr std::size_t kMaxQuoteBytes = 300;

struct Reply {
    std::string to;  // may be empty (the attribute is optional)
    std::string id;
};

std::optional<Reply> parseReply(const xml::Element& message);
// The fallback quote of `quoted`: its first kMaxQuoteLines lines (kMaxQuoteBytes at most, cut at a code
// point, "…" when cut), each as "> line\n".
std::string replyQuote(std::string_view quoted);
// <reply to id/>; and when quoteCodePoints > 0, <fallback for='urn:xmpp:reply:0'><body start='0' end=…/>.
void addReply(xml::Element& message, const Reply& reply, std::size_t quoteCodePoints);

}  // namespace starling::xep
