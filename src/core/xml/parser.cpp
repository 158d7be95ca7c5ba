#include "core/xml/parser.h"

#include <map>
#include <string>
#include <vector>

#include <tinyxml2.h>

#include "core/xml/frame_check.h"
#include "core/xml/ns.h"

namespace starling::xml {
namespace {

using detail::FrameMode;

Error bad(std::string why) { return makeError("bad-frame", std::move(why)); }

struct QName {
    std::string_view prefix;  // empty when unprefixed
    std::string_view local;
};

// A prefix or local part must start as an XML name does (a letter, '_' or a non-ASCII character; not a digit,
// '-' or '.'): tinyxml2 checks only the whole name's first character, so "p:1" would pass and serialize
// unprefixed as "<1 xmlns=...>", which no parser takes.
bool startsLikeAName(std::string_view part) {
    if (part.empty()) return false;
    const auto c = static_cast<unsigned char>(part.front());
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

// Splits "prefix:local"; fails on an empty part, a second colon, or a part that does not start like a name.
bool splitQName(std::string_view name, QName& out) {
    const std::size_t colon = name.find(':');
    if (colon == std::string_view::npos) {
        out = {{}, name};
        return !name.empty();
    }
    out = {name.substr(0, colon), name.substr(colon + 1)};
    return startsLikeAName(out.prefix) && startsLikeAName(out.local) && out.local.find(':') == std::string_view::npos;
}

// Converts the tinyxml2 tree into Element, resolving scoped namespace declarations once, here.
class Converter {
public:
    explicit Converter(FrameMode mode) : m_mode(mode) {}

    // Depth is bounded by the frame check (Limits::maxDepth), so recursion is bounded too.
    Result<void> convert(const tinyxml2::XMLElement& x, Element& out, std::string_view inheritedNs) {
        std::string defaultNs(inheritedNs);
        std::vector<std::string> declared;
        for (const tinyxml2::XMLAttribute* a = x.FirstAttribute(); a; a = a->Next()) {
            const std::string_view name = a->Name();
            if (name == "xmlns") {
                defaultNs = a->Value();
            } else if (name.substr(0, 6) == "xmlns:") {
                const std::string_view prefix = name.substr(6);
                const std::string_view uri = a->Value();
                if (!startsLikeAName(prefix) || prefix.find(':') != std::string_view::npos) return bad("bad prefix declaration");
                if (uri.empty()) return bad("empty namespace for a prefix");
                if (prefix == "xmlns") return bad("the xmlns prefix cannot be declared");
                if ((prefix == "xml") != (uri == ns::kXml)) return bad("the xml prefix is reserved");
                m_prefixes[std::string(prefix)].emplace_back(uri);
                declared.emplace_back(prefix);
            }
        }

        QName qn;
        if (!splitQName(x.Name(), qn)) return bad("bad element name");
        if (qn.prefix == "xmlns") return bad("element in the xmlns namespace");
        std::string elementNs;
        if (qn.prefix.empty()) {
            elementNs = defaultNs;
        } else if (auto r = resolve(qn.prefix, elementNs); !r) {
            return r;
        }
        out = Element(std::move(elementNs), std::string(qn.local));

        for (const tinyxml2::XMLAttribute* a = x.FirstAttribute(); a; a = a->Next()) {
            const std::string_view name = a->Name();
            if (name == "xmlns" || name.substr(0, 6) == "xmlns:") continue;
            QName an;
            if (!splitQName(name, an)) return bad("bad attribute name");
            std::string attrNs;
            if (!an.prefix.empty()) {
                if (auto r = resolve(an.prefix, attrNs); !r) return r;
            }
            if (out.findAttr(an.local, attrNs)) return bad("duplicate attribute");
            out.setAttrNs(attrNs, an.local, a->Value());
        }

        for (const tinyxml2::XMLNode* n = x.FirstChild(); n; n = n->NextSibling()) {
            if (const tinyxml2::XMLElement* child = n->ToElement()) {
                out.children().emplace_back();
                if (auto r = convert(*child, out.children().back(), defaultNs); !r) return r;
            } else if (const tinyxml2::XMLText* text = n->ToText()) {
                out.appendText(text->Value());
            } else if (m_mode == FrameMode::Document && (n->ToComment() || n->ToDeclaration())) {
                continue;
            } else {
                return bad("unexpected node");
            }
        }
        for (const std::string& prefix : declared) {
            auto it = m_prefixes.find(prefix);
            it->second.pop_back();
            if (it->second.empty()) m_prefixes.erase(it);
        }
        return {};
    }

private:
    Result<void> resolve(std::string_view prefix, std::string& uri) const {
        if (prefix == "xml") {
            uri = ns::kXml;
            return {};
        }
        auto it = m_prefixes.find(prefix);
        if (it == m_prefixes.end()) return bad("unbound prefix");
        uri = it->second.back();
        return {};
    }

    FrameMode m_mode;
    std::map<std::string, std::vector<std::string>, std::less<>> m_prefixes;
};

bool isBlank(const char* s) {
    for (; *s; ++s) {
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r') return false;
    }
    return true;
}

Result<Element> parse(std::string_view text, const Limits& limits, std::string_view defaultNs, FrameMode mode) {
    if (auto r = detail::checkFrame(text, limits, mode); !r) return r.error();
    // The checked text is also what tinyxml2 sees; its document is dropped when this function returns.
    tinyxml2::XMLDocument doc(true, tinyxml2::PRESERVE_WHITESPACE);
    if (doc.Parse(text.data(), text.size()) != tinyxml2::XML_SUCCESS) {
        return bad(std::string("tinyxml2: ") + doc.ErrorStr());
    }
    const tinyxml2::XMLElement* root = nullptr;
    for (const tinyxml2::XMLNode* n = doc.FirstChild(); n; n = n->NextSibling()) {
        if (const tinyxml2::XMLElement* e = n->ToElement()) {
            if (root) return bad("more than one root element");
            root = e;
        } else if (const tinyxml2::XMLText* t = n->ToText()) {
            if (!isBlank(t->Value())) return bad("text outside the root element");
        } else if (mode != FrameMode::Document || !(n->ToComment() || n->ToDeclaration())) {
            return bad("unexpected node outside the root element");
        }
    }
    if (!root) return bad("no root element");
    Element out;
    Converter converter(mode);
    if (auto r = converter.convert(*root, out, defaultNs); !r) return r.error();
    return out;
}

}  // namespace

Result<Element> parseFrame(std::string_view text, const Limits& limits, std::string_view defaultNs) {
    return parse(text, limits, defaultNs, FrameMode::Frame);
}

Result<Element> parseDocument(std::string_view text, const Limits& limits) {
    return parse(text, limits, {}, FrameMode::Document);
}

}  // namespace starling::xml
