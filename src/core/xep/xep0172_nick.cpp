#include "core/xep/xep0172_nick.h"

#include "core/im/jid_util.h"
#include "core/util/utf8.h"
#include "core/xep/xep0060_pubsub.h"
#include "core/xml/ns.h"

namespace starling::xep {
namespace {

bool bidiControl(std::uint32_t cp) { return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069); }

std::string cleaned(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        std::uint32_t cp = 0;
        const std::size_t n = utf8::decode(text, i, cp);
        if (n == 0) return {};  // the XML layer gives valid UTF-8; anything else is refused whole
        if (cp < 0x20 || cp == 0x7F) out += ' ';
        else if (!bidiControl(cp)) out.append(text.substr(i, n));
        i += n;
    }
    const std::size_t first = out.find_first_not_of(' ');
    if (first == std::string::npos) return {};
    out = out.substr(first, out.find_last_not_of(' ') - first + 1);
    return utf8::prefixCodePoints(out, kMaxNickCodePoints);
}

}  // namespace

std::optional<std::string> nickOf(const xml::Element& parent) {
    const xml::Element* nick = parent.child(ns::kNick, "nick");
    if (!nick) return std::nullopt;
    std::string text = cleaned(nick->text());
    if (text.empty()) return std::nullopt;
    return text;
}

std::optional<NickUpdate> parseNickEvent(const xml::Element& message) {
    const xml::Element* items = pubsubItemsOf(message);
    if (!items || items->attr("node") != ns::kNick) return std::nullopt;
    NickUpdate u;
    u.from = im::normalizedAccount(message.attr("from"));  // a full JID or garbage is not a publisher
    if (u.from.empty()) return std::nullopt;
    for (const xml::Element& item : items->children()) {
        if (item.ns() != items->ns() || item.name() != "item") continue;
        u.nick = nickOf(item).value_or(std::string());  // the newest item is the last one
    }
    return u;
}

}  // namespace starling::xep
