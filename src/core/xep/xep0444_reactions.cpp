#include "core/xep/xep0444_reactions.h"

#include <algorithm>

#include "core/xml/ns.h"

namespace starling::xep {

std::string normalizedReaction(std::string_view text) {
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!text.empty() && space(text.front())) text.remove_prefix(1);
    while (!text.empty() && space(text.back())) text.remove_suffix(1);
    if (text.empty() || text.size() > kMaxReactionBytes) return {};
    for (char c : text)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return {};
    return std::string(text);
}

std::optional<Reactions> parseReactions(const xml::Element& message) {
    const xml::Element* r = message.child(ns::kReactions, "reactions");
    if (!r || r->attr("id").empty()) return std::nullopt;
    Reactions out;
    out.id = std::string(r->attr("id"));
    for (const xml::Element& c : r->children()) {
        if (!c.is(ns::kReactions, "reaction")) continue;
        if (out.emoji.size() >= kMaxReactionsPerSender) {
            out.truncated = true;
            break;  // a flood: the rest is not even looked at
        }
        std::string e = normalizedReaction(c.text());
        if (e.empty() || std::find(out.emoji.begin(), out.emoji.end(), e) != out.emoji.end()) continue;
        out.emoji.push_back(std::move(e));
    }
    return out;
}

xml::Element reactionsMessage(std::string_view to, std::string_view type, std::string_view id,
                              std::string_view reactedId, const std::vector<std::string>& emoji) {
    xml::Element m(ns::kClient, "message");
    m.setAttr("to", to).setAttr("type", type).setAttr("id", id);
    xml::Element& r = m.add(ns::kReactions, "reactions");
    r.setAttr("id", reactedId);
    for (const auto& e : emoji) r.addText(ns::kReactions, "reaction", e);
    m.add(ns::kHints, "store");
    return m;
}

}  // namespace starling::xep
