#include "core/xml/element.h"

#include <algorithm>

#include "core/xml/chars.h"
#include "core/xml/ns.h"

namespace starling::xml {

std::string_view Element::attr(std::string_view name) const {
    const std::string* v = findAttr(name);
    return v ? std::string_view(*v) : std::string_view();
}

const std::string* Element::findAttr(std::string_view name, std::string_view ns) const {
    for (const Attribute& a : m_attrs) {
        if (a.name == name && a.ns == ns) return &a.value;
    }
    return nullptr;
}

Element& Element::setAttr(std::string_view name, std::string_view value) {
    return setAttrNs({}, name, value);
}

Element& Element::setAttrNs(std::string_view ns, std::string_view name, std::string_view value) {
    for (Attribute& a : m_attrs) {
        if (a.name == name && a.ns == ns) {
            a.value.assign(value);
            return *this;
        }
    }
    m_attrs.push_back(Attribute{std::string(ns), std::string(name), std::string(value)});
    return *this;
}

void Element::removeAttr(std::string_view name) {
    m_attrs.erase(std::remove_if(m_attrs.begin(), m_attrs.end(),
                                 [&](const Attribute& a) { return a.ns.empty() && a.name == name; }),
                  m_attrs.end());
}

Element& Element::setText(std::string_view text) {
    m_text.assign(text);
    return *this;
}

const Element* Element::child(std::string_view ns, std::string_view name) const {
    for (const Element& c : m_children) {
        if (c.is(ns, name)) return &c;
    }
    return nullptr;
}

Element* Element::child(std::string_view ns, std::string_view name) {
    for (Element& c : m_children) {
        if (c.is(ns, name)) return &c;
    }
    return nullptr;
}

std::vector<const Element*> Element::childrenNamed(std::string_view ns, std::string_view name) const {
    std::vector<const Element*> out;
    for (const Element& c : m_children) {
        if (c.is(ns, name)) out.push_back(&c);
    }
    return out;
}

std::string_view Element::childText(std::string_view ns, std::string_view name) const {
    const Element* c = child(ns, name);
    return c ? std::string_view(c->text()) : std::string_view();
}

Element& Element::add(std::string ns, std::string name) {
    m_children.emplace_back(std::move(ns), std::move(name));
    return m_children.back();
}

Element& Element::add(Element child) {
    m_children.push_back(std::move(child));
    return m_children.back();
}

Element& Element::addText(std::string ns, std::string name, std::string_view text) {
    add(std::move(ns), std::move(name)).setText(text);
    return *this;
}

void Element::removeChildren(std::string_view ns, std::string_view name) {
    m_children.erase(std::remove_if(m_children.begin(), m_children.end(),
                                    [&](const Element& c) { return c.is(ns, name); }),
                     m_children.end());
}

namespace {

// Escapes markup characters. Text that is not valid UTF-8 or not an XML Char (e.g. a control character
// typed by a user) becomes U+FFFD: one bad character must not make the server close our stream.
void appendEscaped(std::string& out, std::string_view s, bool inAttribute) {
    for (std::size_t i = 0; i < s.size();) {
        const char c = s[i];
        switch (c) {
            case '&': out += "&amp;"; ++i; continue;
            case '<': out += "&lt;"; ++i; continue;
            case '>': out += "&gt;"; ++i; continue;
            case '"': out += inAttribute ? "&quot;" : "\""; ++i; continue;
            case '\'': out += inAttribute ? "&apos;" : "'"; ++i; continue;
            case '\r': out += "&#xD;"; ++i; continue;  // survives end-of-line normalization
            case '\n': out += inAttribute ? "&#xA;" : "\n"; ++i; continue;
            case '\t': out += inAttribute ? "&#x9;" : "\t"; ++i; continue;
            default: break;
        }
        const std::size_t len = xmlCharLength(s, i);
        if (len == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
            // Skip the continuation bytes of a broken sequence so it yields one replacement.
            while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
            continue;
        }
        out.append(s.substr(i, len));
        i += len;
    }
}

bool isBlankText(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
    return true;
}

void serializeInto(std::string& out, const Element& e, std::string_view parentNs) {
    out += '<';
    out += e.name();
    if (e.ns() != parentNs) {
        out += " xmlns=\"";
        appendEscaped(out, e.ns(), true);
        out += '"';
    }
    int prefixCounter = 0;
    for (const Attribute& a : e.attrs()) {
        out += ' ';
        if (a.ns.empty()) {
            out += a.name;
        } else if (a.ns == ns::kXml) {
            out += "xml:";
            out += a.name;
        } else {
            // A foreign-namespace attribute: declare a private prefix right here.
            const std::string prefix = "ns" + std::to_string(prefixCounter++);
            out += "xmlns:" + prefix + "=\"";
            appendEscaped(out, a.ns, true);
            out += "\" ";
            out += prefix + ":" + a.name;
        }
        out += "=\"";
        appendEscaped(out, a.value, true);
        out += '"';
    }
    if (e.text().empty() && e.children().empty()) {
        out += "/>";
        return;
    }
    out += '>';
    if (isBlankText(e.text())) {
        // A parser drops whitespace-only text between tags (tinyxml2 does): as references it survives
        // (xml_frame_fuzz: <iq>&#xA;</iq> came back as <iq/> after one round trip).
        for (char ch : e.text()) out += ch == ' ' ? "&#x20;" : ch == '\t' ? "&#x9;" : ch == '\n' ? "&#xA;" : "&#xD;";
    } else {
        appendEscaped(out, e.text(), false);
    }
    for (const Element& c : e.children()) serializeInto(out, c, e.ns());
    out += "</";
    out += e.name();
    out += '>';
}

std::string_view trimmed(std::string_view s) {
    const auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!s.empty() && ws(s.front())) s.remove_prefix(1);
    while (!s.empty() && ws(s.back())) s.remove_suffix(1);
    return s;
}

}  // namespace

std::string serialize(const Element& element, std::string_view parentNs) {
    std::string out;
    serializeInto(out, element, parentNs);
    return out;
}

bool equivalent(const Element& a, const Element& b) {
    if (a.ns() != b.ns() || a.name() != b.name()) return false;
    if (a.attrs().size() != b.attrs().size()) return false;
    for (const Attribute& x : a.attrs()) {
        const std::string* y = b.findAttr(x.name, x.ns);
        if (!y || *y != x.value) return false;
    }
    if (trimmed(a.text()) != trimmed(b.text())) return false;
    if (a.children().size() != b.children().size()) return false;
    for (std::size_t i = 0; i < a.children().size(); ++i) {
        if (!equivalent(a.children()[i], b.children()[i])) return false;
    }
    return true;
}

}  // namespace starling::xml
