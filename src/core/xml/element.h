#pragma once
// An owned, namespace-resolved XML element. No tinyxml2 type leaves the XML layer:
// frames are parsed into Element and the tinyxml2 document is dropped.
#include <string>
#include <string_view>
#include <vector>

namespace starling::xml {

struct Attribute {
    std::string ns;    // empty for unprefixed attributes (the usual case); else resolved URI (e.g. xml:lang)
    std::string name;  // local name
    std::string value;
};

class Element {
public:
    Element() = default;
    Element(std::string ns, std::string name) : m_ns(std::move(ns)), m_name(std::move(name)) {}

    const std::string& ns() const { return m_ns; }
    const std::string& name() const { return m_name; }
    bool is(std::string_view ns, std::string_view name) const { return m_ns == ns && m_name == name; }

    // Attributes (unprefixed unless ns given). attr() returns "" when absent.
    std::string_view attr(std::string_view name) const;
    const std::string* findAttr(std::string_view name, std::string_view ns = {}) const;
    bool hasAttr(std::string_view name) const { return findAttr(name) != nullptr; }
    Element& setAttr(std::string_view name, std::string_view value);
    Element& setAttrNs(std::string_view ns, std::string_view name, std::string_view value);
    void removeAttr(std::string_view name);
    const std::vector<Attribute>& attrs() const { return m_attrs; }

    // Concatenated character data of this element's direct text children.
    const std::string& text() const { return m_text; }
    Element& setText(std::string_view text);
    void appendText(std::string_view text) { m_text.append(text); }

    // Children (elements only). Lookups match (namespace URI, local name), never a prefix.
    const std::vector<Element>& children() const { return m_children; }
    std::vector<Element>& children() { return m_children; }
    const Element* child(std::string_view ns, std::string_view name) const;
    Element* child(std::string_view ns, std::string_view name);
    std::vector<const Element*> childrenNamed(std::string_view ns, std::string_view name) const;
    const Element* firstChild() const { return m_children.empty() ? nullptr : &m_children.front(); }
    // Text of child (ns,name) or "" if absent.
    std::string_view childText(std::string_view ns, std::string_view name) const;

    // Appends a child and returns a reference to it (valid until the next append to this element).
    Element& add(std::string ns, std::string name);
    Element& add(Element child);
    // Convenience: add child with text, returns *this for chaining.
    Element& addText(std::string ns, std::string name, std::string_view text);
    void removeChildren(std::string_view ns, std::string_view name);

private:
    std::string m_ns;
    std::string m_name;
    std::vector<Attribute> m_attrs;
    std::string m_text;
    std::vector<Element> m_children;
};

// Serializes with xmlns declarations wherever a child's namespace differs from its parent's.
// `parentNs` is the namespace in scope around the element (e.g. "jabber:client" for stanzas).
std::string serialize(const Element& element, std::string_view parentNs = {});

// Canonical comparison for tests: same names, namespaces, attribute sets, trimmed text, children order.
bool equivalent(const Element& a, const Element& b);

}  // namespace starling::xml
