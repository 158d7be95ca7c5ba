#include "core/xep/xep0461_replies.h"

#include "core/xml/ns.h"

namespace starling::xep {

std::optional<Reply> parseReply(const xml::Element& message) {
    const xml::Element* r = message.child(ns::kReply, "reply");
    if (!r || r->attr("id").empty()) return std::nullopt;
    return Reply{std::string(r->attr("to")), std::string(r->attr("id"))};
}

std::string replyQuote(std::string_view quoted) {
    std::string out;
    std::size_t lines = 0, used = 0, pos = 0;
    bool cut = false;
    while (pos < quoted.size() || lines == 0) {
        if (lines == kMaxQuoteLines) {
            cut = true;
            break;
        }
        std::size_t end = quoted.find('\n', pos);
        if (end == std::string_view::npos) end = quoted.size();
        std::string_view line = quoted.substr(pos, end - pos);
        if (used + line.size() > kMaxQuoteBytes) {
            std::size_t keep = kMaxQuoteBytes > used ? kMaxQuoteBytes - used : 0;
            while (keep > 0 && (static_cast<unsigned char>(line[keep]) & 0xC0) == 0x80) --keep;
            line = line.substr(0, keep);
            cut = true;
        }
        if (lines > 0) out += '\n';
        out += "> ";
        out += line;
        used += line.size();
        ++lines;
        pos = end + 1;
        if (cut) break;
    }
    if (cut) out += "\xE2\x80\xA6";  // …
    out += '\n';
    return out;
}

void addReply(xml::Element& message, const Reply& reply, std::size_t quoteCodePoints) {
    xml::Element& r = message.add(ns::kReply, "reply");
    if (!reply.to.empty()) r.setAttr("to", reply.to);
    r.setAttr("id", reply.id);
    if (quoteCodePoints == 0) return;
    xml::Element& fb = message.add(ns::kFallback, "fallback");
    fb.setAttr("for", ns::kReply);
    fb.add(ns::kFallback, "body").setAttr("start", "0").setAttr("end", std::to_string(quoteCodePoints));
}

}  // namespace starling::xep
