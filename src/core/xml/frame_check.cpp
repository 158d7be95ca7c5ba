#include "core/xml/frame_check.h"

#include <cstdint>
#include <vector>

#include "core/util/strings.h"
#include "core/xml/chars.h"

namespace starling::xml::detail {
namespace {

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool isAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isNameStart(char c) { return isAlpha(c) || c == '_' || c == ':' || static_cast<unsigned char>(c) >= 0x80; }
bool isNameChar(char c) { return isNameStart(c) || isDigit(c) || c == '-' || c == '.'; }

using util::hexValue;

class Scanner {
public:
    Scanner(std::string_view s, const Limits& limits, FrameMode mode) : m_s(s), m_limits(limits), m_mode(mode) {}

    Result<void> run() {
        if (m_s.size() > m_limits.maxBytes) return fail("frame exceeds the size limit");
        if (auto r = checkCharacters(); !r) return r;
        if (m_mode == FrameMode::Document && startsWith("\xEF\xBB\xBF")) m_i = 3;
        while (m_i < m_s.size()) {
            const char c = m_s[m_i];
            Result<void> r;
            if (c == '<') {
                r = markup();
            } else if (c == '&') {
                if (m_depth == 0) return fail("reference outside the root element");
                r = reference();
            } else {
                if (m_depth == 0 && !isSpace(c)) return fail("text outside the root element");
                if (c == ']' && startsWith("]]>")) return fail("']]>' in character data");
                ++m_i;
                if (m_depth > 0) skipCharacterData();
            }
            if (!r) return r;
        }
        if (!m_rootSeen) return fail("no root element");
        if (m_depth != 0) return fail("unclosed element");
        return {};
    }

private:
    static Error fail(const char* why) { return makeError("bad-frame", why); }

    bool startsWith(std::string_view p) const { return m_s.substr(m_i, p.size()) == p; }

    // Character data: straight to the next markup, reference or ']' (a long body is one tight scan; raw
    // pointers because at the browser build's -Os every string_view accessor is a call).
    void skipCharacterData() {
        const char* p = m_s.data() + m_i;
        const char* end = m_s.data() + m_s.size();
        while (p != end && *p != '<' && *p != '&' && *p != ']') ++p;
        m_i = static_cast<std::size_t>(p - m_s.data());
    }

    // One pass over all bytes: valid UTF-8 and XML 1.0 Char only.
    Result<void> checkCharacters() const {
        const auto* p = reinterpret_cast<const unsigned char*>(m_s.data());
        for (std::size_t i = 0; i < m_s.size();) {
            if (p[i] >= 0x20 && p[i] < 0x80) {
                ++i;
                continue;
            }
            const std::size_t len = xmlCharLength(m_s, i);
            if (len == 0) return fail("invalid UTF-8 or a character not allowed in XML");
            i += len;
        }
        return {};
    }

    Result<void> markup() {
        if (m_i + 1 >= m_s.size()) return fail("truncated markup");
        const char d = m_s[m_i + 1];
        if (d == '/') return endTag();
        if (d == '!') {
            if (m_depth > 0 && startsWith("<![CDATA[")) return skipPast(m_i + 9, "]]>", "unterminated CDATA");
            if (m_mode == FrameMode::Document && startsWith("<!--")) {
                const std::size_t end = m_s.find("--", m_i + 4);
                if (end == std::string_view::npos || end + 2 >= m_s.size() || m_s[end + 2] != '>')
                    return fail("bad comment");
                m_i = end + 3;
                return {};
            }
            return fail("comment, DOCTYPE or declaration not allowed");
        }
        if (d == '?') {
            if (m_mode == FrameMode::Document) return skipPast(m_i + 2, "?>", "unterminated processing instruction");
            return fail("processing instruction or XML declaration not allowed");
        }
        return startTag();
    }

    Result<void> skipPast(std::size_t from, std::string_view terminator, const char* why) {
        const std::size_t end = m_s.find(terminator, from);
        if (end == std::string_view::npos) return fail(why);
        m_i = end + terminator.size();
        return {};
    }

    std::string_view name() {
        const std::size_t start = m_i;
        if (m_i < m_s.size() && isNameStart(m_s[m_i])) {
            ++m_i;
            while (m_i < m_s.size() && isNameChar(m_s[m_i])) ++m_i;
        }
        return m_s.substr(start, m_i - start);
    }

    bool skipSpace() {
        const std::size_t start = m_i;
        while (m_i < m_s.size() && isSpace(m_s[m_i])) ++m_i;
        return m_i != start;
    }

    Result<void> startTag() {
        if (m_depth == 0 && m_rootSeen) return fail("more than one root element");
        ++m_i;
        const std::string_view tag = name();
        if (tag.empty()) return fail("bad element name");
        if (++m_elements > m_limits.maxElements) return fail("too many elements");
        if (m_depth + 1 > m_limits.maxDepth) return fail("nesting too deep");
        ++m_depth;
        m_rootSeen = true;
        std::size_t attributes = 0;
        for (;;) {
            const bool spaced = skipSpace();
            if (m_i >= m_s.size()) return fail("truncated start tag");
            if (m_s[m_i] == '>') {
                ++m_i;
                m_open.push_back(tag);
                return {};
            }
            if (m_s[m_i] == '/') {
                if (m_i + 1 >= m_s.size() || m_s[m_i + 1] != '>') return fail("bad empty-element tag");
                m_i += 2;
                --m_depth;
                return {};
            }
            if (!spaced) return fail("attributes must be separated by whitespace");
            if (++attributes > m_limits.maxAttributesPerElement) return fail("too many attributes");
            if (auto r = attribute(); !r) return r;
        }
    }

    Result<void> attribute() {
        if (name().empty()) return fail("bad attribute name");
        skipSpace();
        if (m_i >= m_s.size() || m_s[m_i] != '=') return fail("attribute without value");
        ++m_i;
        skipSpace();
        if (m_i >= m_s.size() || (m_s[m_i] != '"' && m_s[m_i] != '\'')) return fail("unquoted attribute value");
        const char quote = m_s[m_i++];
        while (m_i < m_s.size() && m_s[m_i] != quote) {
            if (m_s[m_i] == '<') return fail("'<' in attribute value");
            if (m_s[m_i] == '&') {
                if (auto r = reference(); !r) return r;
            } else {
                ++m_i;
            }
        }
        if (m_i >= m_s.size()) return fail("unterminated attribute value");
        ++m_i;
        return {};
    }

    Result<void> endTag() {
        m_i += 2;
        const std::string_view tag = name();
        skipSpace();
        if (m_i >= m_s.size() || m_s[m_i] != '>') return fail("bad end tag");
        ++m_i;
        if (m_open.empty() || m_open.back() != tag) return fail("mismatched end tag");
        m_open.pop_back();
        --m_depth;
        return {};
    }

    // The five predefined entities and character references to XML Chars; nothing else.
    Result<void> reference() {
        constexpr std::size_t kMaxLength = 12;  // "&#x0010FFFF;"
        const std::size_t semi = m_s.substr(m_i, kMaxLength).find(';');
        if (semi == std::string_view::npos) return fail("bad entity reference");
        const std::string_view body = m_s.substr(m_i + 1, semi - 1);
        m_i += semi + 1;
        if (body == "amp" || body == "lt" || body == "gt" || body == "quot" || body == "apos") return {};
        if (body.size() < 2 || body[0] != '#') return fail("entity reference not allowed");
        const bool hex = body[1] == 'x';
        const std::string_view digits = body.substr(hex ? 2 : 1);
        if (digits.empty()) return fail("bad character reference");
        std::uint32_t cp = 0;
        for (char c : digits) {
            const int v = hex ? hexValue(c) : (isDigit(c) ? c - '0' : -1);
            if (v < 0) return fail("bad character reference");
            cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(v);
            if (cp > 0x10FFFF) return fail("character reference out of range");
        }
        if (!isXmlChar(cp)) return fail("character reference to a character not allowed in XML");
        return {};
    }

    std::string_view m_s;
    const Limits& m_limits;
    FrameMode m_mode;
    std::size_t m_i = 0;
    std::size_t m_depth = 0;
    std::size_t m_elements = 0;
    bool m_rootSeen = false;
    std::vector<std::string_view> m_open;
};

}  // namespace

Result<void> checkFrame(std::string_view text, const Limits& limits, FrameMode mode) {
    return Scanner(text, limits, mode).run();
}

}  // namespace starling::xml::detail
