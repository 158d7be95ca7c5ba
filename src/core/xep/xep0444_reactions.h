#pragma once
// XEP-0444 Message Reactions: <reactions id='…' xmlns='urn:xmpp:reactions:0'><reaction>👋</reaction>…
// </reactions> is the sender's whole set of reactions to message `id` (empty: none any more).
// Received sets are bounded: at most kMaxReactionsPerSender distinct reactions of at most
// kMaxReactionBytes each (surrounding whitespace trimmed, control characters refused); the rest of a
// flood is ignored.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/xml/element.h"

namespace starling::xep {

inline constexpr const char* kReactionsFeature = "urn:xmpp:reactions:0";
inline constexpr std::size_t kMaxReactionsPerSender = 16;
inline constexpr std::size_t kMaxReactionBytes = 64;

struct Reactions {
    std::string id;                  // the message reacted to
    std::vector<std::string> emoji;  // distinct, in the order sent
    bool truncated = false;          // more were sent than kept
};

std::optional<Reactions> parseReactions(const xml::Element& message);
// The text of one reaction as kept (trimmed), or "" when it is refused.
std::string normalizedReaction(std::string_view text);
xml::Element reactionsMessage(std::string_view to, std::string_view type, std::string_view id,
                              std::string_view reactedId, const std::vector<std::string>& emoji);

}  // namespace starling::xep
