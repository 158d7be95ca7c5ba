#pragma once
// XEP-0393 Message Styling, links and XEP-0245 "/me" of a message body, as byte offsets into it, for the
// UI to draw. Pure and platform-free; one pass over the body (plus a bounded look at each line's end), so a
// 700,000-character body, unbalanced directives and invalid UTF-8 cost what their length does.
//
// Blocks (XEP-0393 §5.1): each line is a plain block, a line starting with "```" opens a preformatted block
// that a line of only "```" (or the end of its parent block) closes, and lines starting with '>' are a
// quotation whose lines lose the '>' and one whitespace character before their own blocks are parsed
// (quotations nest: ">>" is depth 2; a preformatted block inside a quotation ends with it).
//
// Spans (§5.2) inside a plain line: *strong*, _emphasis_, ~strike~, `code` (no spans inside code). An
// opening directive is at the line's start, after whitespace or right after a different opening directive,
// and is followed by neither whitespace nor the same directive (so "**", "***", "****" and Markdown's
// **x** style nothing, as the XEP's examples ask); the closing one is the first later one of its kind not
// preceded by whitespace, inside the enclosing span (lazy matching); a span never leaves its line.
//
// Directives stay in the text, as the XEP recommends and Conversations does: the UI draws them dimmed
// (Conversations: 45 % alpha) with the style of what they enclose. A quotation's '>' markers are not drawn
// (Conversations and Dino draw a bar instead): Line::textBegin is after them.
//
// Links: http://, https:// and xmpp: URIs starting at a word boundary in a plain line, up to whitespace or a
// character no URI has (<>"`{}|\^, controls, invalid UTF-8); trailing punctuation .,:;!?'*_~ and a closing
// ) or ] without its opening one in the link are not part of it. Directive characters inside a link are
// text; a link inside a code span is none.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace starling::im::styling {

enum class LineKind : std::uint8_t {
    Text,      // a plain block: spans inside
    PreOpen,   // the "```…" line opening a preformatted block (what follows the ``` is ignored)
    Pre,       // a line inside a preformatted block: shown as it is
    PreClose,  // the "```" line closing it
};

struct Line {
    std::size_t begin = 0;      // first byte of the line, its quotation markers included
    std::size_t textBegin = 0;  // first byte after the quotation markers: what is drawn
    std::size_t end = 0;        // end of the line: its '\n' (and a '\r' before it) excluded
    std::uint32_t quoteDepth = 0;
    LineKind kind = LineKind::Text;
};

enum class SpanKind : std::uint8_t { Strong, Emphasis, Strike, Code, Link };

// [begin, end) of the body. A style span includes its two one-byte directives (begin and end - 1); a link
// is the URI alone.
struct Span {
    SpanKind kind = SpanKind::Strong;
    std::size_t begin = 0;
    std::size_t end = 0;
    bool operator==(const Span&) const = default;
};

struct Styled {
    std::vector<Line> lines;  // every line of the body, in order
    std::vector<Span> spans;  // ordered by begin, an enclosing span before those inside it; none crosses a line
    std::size_t actionLength = 0;  // the body starts with "/me " (XEP-0245): 4, the action follows it
};

Styled parse(std::string_view body);
// A body whose sender asked for no styling (XEP-0393 §6, <unstyled/>): every line plain text, nothing
// stripped (quotation markers and fences are text), spans only for links; "/me" still counts (XEP-0245).
Styled parseUnstyled(std::string_view body);

// An xmpp: URI (RFC 5122) as the UI acts on it: the bare JID it names, and whether it asks to join a room
// (?join). Empty jid: not a usable xmpp: URI.
struct XmppUri {
    std::string jid;
    bool join = false;
};
XmppUri parseXmppUri(std::string_view uri);

// The URI is http:// or https:// (case-insensitive), what the page may open in a new tab.
bool isWebLink(std::string_view uri);

}  // namespace starling::im::styling
