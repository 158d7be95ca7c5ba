#include "core/im/styling.h"

#include <array>

#include "core/im/jid_util.h"
#include "core/util/utf8.h"

namespace starling::im::styling {
namespace {

bool whiteSpaceCp(std::uint32_t cp) {  // Unicode White_Space, which includes the category Z
    return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
           cp == 0x3000;
}

// C1 controls and the invisible format characters that reorder or hide text (bidi embeddings, overrides,
// isolates and marks, zero-width characters, the BOM): none is part of a link, so a link cannot hide what
// it opens.
bool invisibleCp(std::uint32_t cp) {
    return (cp >= 0x80 && cp < 0xA0) || cp == 0xAD || cp == 0x061C || (cp >= 0x200B && cp <= 0x200F) ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x206F) || cp == 0xFEFF;
}

// The length of the whitespace character at s[i], 0 if there is none (or the bytes are not UTF-8).
std::size_t whiteSpaceAt(std::string_view s, std::size_t i) {
    if (i >= s.size()) return 0;
    std::uint32_t cp = 0;
    const std::size_t len = utf8::decode(s, i, cp);
    return len != 0 && whiteSpaceCp(cp) ? len : 0;
}

// The character ending just before s[i] (not before `floor`) is whitespace.
bool whiteSpaceBefore(std::string_view s, std::size_t floor, std::size_t i) {
    std::size_t p = i;
    while (p > floor && i - p < 4) {
        --p;
        if ((static_cast<unsigned char>(s[p]) & 0xC0) != 0x80) break;
    }
    return p < i && whiteSpaceAt(s, p) == i - p;
}

char lower(char ch) { return ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch; }

bool startsWithNoCase(std::string_view s, std::size_t i, std::string_view prefix) {
    if (s.size() - i < prefix.size()) return false;
    for (std::size_t k = 0; k < prefix.size(); ++k)
        if (lower(s[i + k]) != prefix[k]) return false;
    return true;
}

bool alnum(char ch) { return (ch >= '0' && ch <= '9') || (lower(ch) >= 'a' && lower(ch) <= 'z'); }

// The length of the URI scheme starting at s[i] ("https://", "http://", "xmpp:"), 0 if none starts there.
std::size_t schemeAt(std::string_view s, std::size_t lineBegin, std::size_t i) {
    const char ch = lower(s[i]);
    if (ch != 'h' && ch != 'x') return 0;
    if (i > lineBegin) {  // a word boundary: not inside a word or another scheme ("xhttp:", "a+xmpp:")
        const char prev = s[i - 1];
        if (alnum(prev) || prev == '+' || prev == '-' || prev == '.' || prev == '_') return 0;
    }
    for (std::string_view scheme : {"https://", "http://", "xmpp:"})
        if (startsWithNoCase(s, i, scheme)) return scheme.size();
    return 0;
}

bool uriByte(unsigned char b) {
    if (b <= 0x20 || b == 0x7F) return false;
    switch (b) {
        case '<': case '>': case '"': case '`': case '{': case '}': case '|': case '\\': case '^': return false;
        default: return true;
    }
}

// The end of a link whose scheme ends at `from`, in s[..lineEnd): before trailing punctuation and unmatched
// closing brackets. Returns `from` when nothing of the URI is left.
std::size_t linkEnd(std::string_view s, std::size_t from, std::size_t lineEnd) {
    std::size_t p = from;
    int parens = 0, brackets = 0;  // opened minus closed
    while (p < lineEnd) {
        const auto b = static_cast<unsigned char>(s[p]);
        if (b < 0x80) {
            if (!uriByte(b)) break;
            parens += b == '(' ? 1 : b == ')' ? -1 : 0;
            brackets += b == '[' ? 1 : b == ']' ? -1 : 0;
            ++p;
            continue;
        }
        std::uint32_t cp = 0;
        const std::size_t len = utf8::decode(s.substr(0, lineEnd), p, cp);
        if (len == 0 || whiteSpaceCp(cp) || invisibleCp(cp)) break;
        p += len;
    }
    while (p > from) {
        const char last = s[p - 1];
        if (last == ')' && parens < 0) ++parens;
        else if (last == ']' && brackets < 0) ++brackets;
        else if (std::string_view(".,:;!?'*_~").find(last) == std::string_view::npos) break;
        --p;
    }
    return p;
}

// The links of one plain line, in order.
void findLinks(std::string_view s, std::size_t b, std::size_t e, std::vector<Span>& links) {
    for (std::size_t i = b; i < e;) {
        const std::size_t scheme = schemeAt(s, b, i);
        if (scheme == 0 || scheme > e - i) {
            ++i;
            continue;
        }
        const std::size_t end = linkEnd(s, i + scheme, e);
        if (end == i + scheme) {  // "https://" alone is no link
            i += scheme;
            continue;
        }
        links.push_back({SpanKind::Link, i, end});
        i = end;
    }
}

int directiveIndex(char ch) {
    switch (ch) {
        case '*': return 0;
        case '_': return 1;
        case '~': return 2;
        case '`': return 3;
        default: return -1;
    }
}

constexpr std::array<SpanKind, 4> kKinds{SpanKind::Strong, SpanKind::Emphasis, SpanKind::Strike, SpanKind::Code};

// The spans of one plain line s[b, e). Every position is looked at once; the closing directives of each
// kind are listed first and taken in order, so a line of unmatched directives costs its length.
class LineSpans {
public:
    LineSpans(std::string_view s, std::size_t b, std::size_t e, std::vector<Span>& out) : m_s(s), m_b(b), m_e(e), m_out(out) {}

    void run() {
        std::vector<Span> links;
        findLinks(m_s, m_b, m_e, links);
        listClosings(links);
        const std::size_t firstSpan = m_out.size();
        styles(links);
        merge(links, firstSpan);
    }

private:
    void listClosings(const std::vector<Span>& links) {
        std::size_t link = 0;
        for (std::size_t j = m_b; j < m_e; ++j) {
            if (link < links.size() && j >= links[link].begin) {
                j = links[link++].end - 1;  // text inside a link has no directives
                continue;
            }
            const int d = directiveIndex(m_s[j]);
            if (d >= 0 && j > m_b && !whiteSpaceBefore(m_s, m_b, j)) m_closings[d].push_back(j);
        }
    }

    // The first closing directive of kind d after `from` and before `bound`; 0 if none (never a position
    // a closing directive can have: it follows the line's start).
    std::size_t closing(int d, std::size_t from, std::size_t bound) {
        auto& list = m_closings[d];
        std::size_t& next = m_next[d];
        while (next < list.size() && list[next] <= from) ++next;
        return next < list.size() && list[next] < bound ? list[next] : 0;
    }

    void styles(const std::vector<Span>& links) {
        std::vector<std::size_t> open;  // closing positions of the spans around i, innermost last
        std::size_t link = 0;
        std::size_t lastOpener = std::string_view::npos;  // an opening directive candidate just before i
        for (std::size_t i = m_b; i < m_e;) {
            if (!open.empty() && i == open.back()) {  // the enclosing span's closing directive
                open.pop_back();
                ++i;
                continue;
            }
            if (link < links.size() && i >= links[link].begin) {
                i = links[link++].end;
                continue;
            }
            const char ch = m_s[i];
            const int d = directiveIndex(ch);
            if (d < 0 || i + 1 >= m_e) {
                ++i;
                continue;
            }
            const bool atStart = i == m_b || whiteSpaceBefore(m_s, m_b, i) ||
                                 (lastOpener + 1 == i && m_s[lastOpener] != ch);
            if (!atStart || m_s[i + 1] == ch || whiteSpaceAt(m_s, i + 1) != 0) {
                ++i;
                continue;
            }
            lastOpener = i;
            const std::size_t close = closing(d, i + 1, open.empty() ? m_e : open.back());
            if (close == 0) {
                ++i;
                continue;
            }
            m_out.push_back({kKinds[static_cast<std::size_t>(d)], i, close + 1});
            if (ch == '`') {  // code: nothing inside is styled
                i = close + 1;
                while (link < links.size() && links[link].begin < i) ++link;
                continue;
            }
            open.push_back(close);
            ++i;
        }
    }

    // Links in order among the line's spans (m_out from firstSpan on), those inside a code span left out.
    void merge(const std::vector<Span>& links, std::size_t firstSpan) {
        if (links.empty()) return;
        std::vector<Span> styled(m_out.begin() + static_cast<std::ptrdiff_t>(firstSpan), m_out.end());
        m_out.resize(firstSpan);
        std::size_t k = 0;
        std::size_t codeEnd = 0;  // end of the last code span passed
        for (const Span& l : links) {
            while (k < styled.size() && styled[k].begin < l.begin) {
                if (styled[k].kind == SpanKind::Code) codeEnd = styled[k].end;
                m_out.push_back(styled[k++]);
            }
            if (l.end > codeEnd) m_out.push_back(l);
        }
        while (k < styled.size()) m_out.push_back(styled[k++]);
    }

    std::string_view m_s;
    std::size_t m_b, m_e;
    std::vector<Span>& m_out;
    std::array<std::vector<std::size_t>, 4> m_closings;
    std::array<std::size_t, 4> m_next{};
};

// Strips up to `limit` quotation markers ('>' and one whitespace character after it) from s[p..e).
std::uint32_t stripQuotes(std::string_view s, std::size_t& p, std::size_t e, std::uint32_t limit) {
    std::uint32_t depth = 0;
    while (depth < limit && p < e && s[p] == '>') {
        ++p;
        ++depth;
        if (p < e) p += whiteSpaceAt(s.substr(0, e), p);
    }
    return depth;
}

bool fence(std::string_view s, std::size_t p, std::size_t e) { return e - p >= 3 && s.compare(p, 3, "```") == 0; }

}  // namespace

Styled parse(std::string_view body) {
    Styled out;
    if (body.compare(0, 4, "/me ") == 0) out.actionLength = 4;
    constexpr std::uint32_t kNoPre = ~std::uint32_t{0};
    std::uint32_t preDepth = kNoPre;  // quotation depth of the open preformatted block
    for (std::size_t begin = 0; begin <= body.size();) {
        std::size_t next = body.find('\n', begin);
        if (next == std::string_view::npos) next = body.size();
        std::size_t end = next;
        if (end > begin && next < body.size() && body[end - 1] == '\r') --end;
        Line line{begin, begin, end, 0, LineKind::Text};
        if (preDepth != kNoPre) {
            std::size_t p = begin;
            if (stripQuotes(body, p, end, preDepth) == preDepth) {
                line.textBegin = p;
                line.quoteDepth = preDepth;
                line.kind = end - p == 3 && fence(body, p, end) ? LineKind::PreClose : LineKind::Pre;
                if (line.kind == LineKind::PreClose) preDepth = kNoPre;
            } else {
                preDepth = kNoPre;  // its quotation ended: so did the block (end of the parent block)
            }
        }
        if (preDepth == kNoPre && line.kind == LineKind::Text) {
            std::size_t p = begin;
            line.quoteDepth = stripQuotes(body, p, end, kNoPre - 1);
            line.textBegin = p;
            if (fence(body, p, end)) {
                line.kind = LineKind::PreOpen;
                preDepth = line.quoteDepth;
            } else {
                LineSpans(body, p, end, out.spans).run();
            }
        }
        out.lines.push_back(line);
        begin = next + 1;
    }
    return out;
}

Styled parseUnstyled(std::string_view body) {
    Styled out;
    if (body.compare(0, 4, "/me ") == 0) out.actionLength = 4;
    for (std::size_t begin = 0; begin <= body.size();) {
        std::size_t next = body.find('\n', begin);
        if (next == std::string_view::npos) next = body.size();
        std::size_t end = next;
        if (end > begin && next < body.size() && body[end - 1] == '\r') --end;
        findLinks(body, begin, end, out.spans);
        out.lines.push_back(Line{begin, begin, end, 0, LineKind::Text});
        begin = next + 1;
    }
    return out;
}

bool isWebLink(std::string_view uri) {
    return startsWithNoCase(uri, 0, "https://") || startsWithNoCase(uri, 0, "http://");
}

XmppUri parseXmppUri(std::string_view uri) {
    XmppUri out;
    if (!startsWithNoCase(uri, 0, "xmpp:")) return out;
    std::string_view rest = uri.substr(5);
    if (rest.substr(0, 2) == "//") {  // xmpp://account@host/target: the account to use, then the target
        const std::size_t slash = rest.find('/', 2);
        if (slash == std::string_view::npos) return out;
        rest = rest.substr(slash + 1);
    }
    rest = rest.substr(0, rest.find('#'));
    const std::size_t q = rest.find('?');
    if (q != std::string_view::npos) {
        const std::string_view query = rest.substr(q + 1);
        out.join = query.substr(0, query.find(';')) == "join";
        rest = rest.substr(0, q);
    }
    std::string decoded;
    for (std::size_t i = 0; i < rest.size(); ++i) {
        if (rest[i] != '%') {
            decoded += rest[i];
            continue;
        }
        auto hex = [&](std::size_t k) -> int {
            if (k >= rest.size()) return -1;
            const char h = lower(rest[k]);
            return h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : -1;
        };
        const int hi = hex(i + 1), lo = hex(i + 2);
        if (hi < 0 || lo < 0) return {};
        decoded += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    out.jid = normalizedBare(decoded);
    if (out.jid.empty()) out.join = false;
    return out;
}

}  // namespace starling::im::styling
