// XEP-0393 Message Styling on every example of the XEP (§5.1 blocks, §5.2 spans and their lists of what is
// and is not styled), links, XEP-0245 "/me", and hostile bodies (700,000 characters of directives, quote
// markers, line breaks or invalid UTF-8) parsed in linear time.
#include "core/im/styling.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace starling::im::styling {
namespace {

const char* tag(SpanKind k, bool open) {
    switch (k) {
        case SpanKind::Strong: return open ? "<b>" : "</b>";
        case SpanKind::Emphasis: return open ? "<i>" : "</i>";
        case SpanKind::Strike: return open ? "<s>" : "</s>";
        case SpanKind::Code: return open ? "<tt>" : "</tt>";
        case SpanKind::Link: return open ? "<a>" : "</a>";
    }
    return "?";
}

// Each line as "<quote depth as '>'><kind>|text with spans as tags", joined with '\n'; checks that spans
// are ordered, inside one Text line each, and properly nested.
std::string show(std::string_view body, bool unstyled = false) {
    const Styled s = unstyled ? parseUnstyled(body) : parse(body);
    std::string out;
    std::size_t k = 0;
    for (const Line& l : s.lines) {
        if (!out.empty() || &l != &s.lines.front()) out += '\n';
        out += std::string(l.quoteDepth, '>');
        out += l.kind == LineKind::Text ? "" : l.kind == LineKind::PreOpen ? "PRE{" : l.kind == LineKind::Pre ? "PRE" : "}PRE";
        out += '|';
        std::vector<Span> open;
        for (std::size_t i = l.textBegin; i <= l.end; ++i) {
            while (!open.empty() && open.back().end == i) {
                out += tag(open.back().kind, false);
                open.pop_back();
            }
            while (k < s.spans.size() && s.spans[k].begin == i) {
                EXPECT_EQ(l.kind, LineKind::Text);
                EXPECT_LE(s.spans[k].end, l.end) << "a span leaves its line";
                if (!open.empty()) {
                    EXPECT_LE(s.spans[k].end, open.back().end) << "spans cross";
                }
                out += tag(s.spans[k].kind, true);
                open.push_back(s.spans[k++]);
            }
            if (i < l.end) out += body[i];
        }
        EXPECT_TRUE(open.empty());
    }
    EXPECT_EQ(k, s.spans.size()) << "spans outside the lines' text, or out of order";
    return out;
}

TEST(Styling, XepPlainBlocksSpansDoNotEscapeTheirLine) {
    EXPECT_EQ(show("There are three blocks in this body, one per line,\nbut there is no *formatting\n"
                   "as spans* may not escape blocks."),
              "|There are three blocks in this body, one per line,\n|but there is no *formatting\n"
              "|as spans* may not escape blocks.");
}

TEST(Styling, XepPreformattedBlock) {
    EXPECT_EQ(show("```ignored\n(println \"Hello, world!\")\n```\nThis should show up as monospace, "
                   "preformatted text \xE2\xA4\xB4"),
              "PRE{|```ignored\nPRE|(println \"Hello, world!\")\n}PRE|```\n|This should show up as monospace, "
              "preformatted text \xE2\xA4\xB4");
    EXPECT_EQ(show("```\n*not styled*\n> not a quote\n```"), "PRE{|```\nPRE|*not styled*\nPRE|> not a quote\n}PRE|```");
}

TEST(Styling, XepPreformattedBlockEndsWithItsQuotation) {
    EXPECT_EQ(show("> ```\n> (println \"Hello, world!\")\nThe entire blockquote is a preformatted text block, but "
                   "this line\nis plaintext!"),
              ">PRE{|```\n>PRE|(println \"Hello, world!\")\n|The entire blockquote is a preformatted text block, "
              "but this line\n|is plaintext!");
}

TEST(Styling, XepQuotations) {
    EXPECT_EQ(show("> That that is, is.\nSaid the old hermit of Prague."),
              ">|That that is, is.\n|Said the old hermit of Prague.");
    EXPECT_EQ(show(">> That that is, is.\n> Said the old hermit of Prague.\nWho?"),
              ">>|That that is, is.\n>|Said the old hermit of Prague.\n|Who?");
    // One whitespace character after each '>' is trimmed, then the child blocks are parsed.
    EXPECT_EQ(show("> > *deep*\n>  two spaces\n>"), ">>|<b>*deep*</b>\n>| two spaces\n>|");
    EXPECT_EQ(show("> _ <"), ">|_ <") << "the XEP's emoji example is a quotation";
}

TEST(Styling, XepSpanListsStyledAndNot) {
    EXPECT_EQ(show("plain span"), "|plain span");
    EXPECT_EQ(show("*strong span*"), "|<b>*strong span*</b>");
    EXPECT_EQ(show("plain _emphasis_ plain"), "|plain <i>_emphasis_</i> plain");
    EXPECT_EQ(show("`pre` plain *strong*"), "|<tt>`pre`</tt> plain <b>*strong*</b>");
    EXPECT_EQ(show("*strong*plain*"), "|<b>*strong*</b>plain*");
    EXPECT_EQ(show("* plain *strong*"), "|* plain <b>*strong*</b>");
    for (const char* none : {"not strong*", "*not strong", "*not \n strong*", "*not *strong", "**", "***", "****"})
        EXPECT_EQ(parse(none).spans.size(), 0u) << none;
}

TEST(Styling, XepExamplesOfEachSpan) {
    EXPECT_EQ(show("Two spans, both *alike in dignity*"), "|Two spans, both <b>*alike in dignity*</b>");
    EXPECT_EQ(show("The full title is _Twelfth Night, or What You Will_ but\n_most_ people shorten it."),
              "|The full title is <i>_Twelfth Night, or What You Will_</i> but\n|<i>_most_</i> people shorten it.");
    EXPECT_EQ(show("The full title is \"Twelfth Night, or What You Will\" but\n*most* people shorten it."),
              "|The full title is \"Twelfth Night, or What You Will\" but\n|<b>*most*</b> people shorten it.");
    EXPECT_EQ(show("Everyone ~dis~likes cake."), "|Everyone <s>~dis~</s>likes cake.");
    EXPECT_EQ(show("Wow, I can write in `monospace`!"), "|Wow, I can write in <tt>`monospace`</tt>!");
    EXPECT_EQ(show("This is `monospace`"), "|This is <tt>`monospace`</tt>");
    EXPECT_EQ(show("This is `*monospace*`"), "|This is <tt>`*monospace*`</tt>") << "nothing styled inside code";
    EXPECT_EQ(show("This is *`monospace and bold`*"), "|This is <b>*<tt>`monospace and bold`</tt>*</b>");
}

TEST(Styling, NestedSpansAndLazyMatching) {
    EXPECT_EQ(show("*_both_*"), "|<b>*<i>_both_</i>*</b>");
    EXPECT_EQ(show("_a *b_ c*"), "|<i>_a *b_</i> c*") << "the first closing one wins; spans never cross";
    EXPECT_EQ(show("*a* *b*"), "|<b>*a*</b> <b>*b*</b>");
    EXPECT_EQ(show("x*a* a_b_"), "|x*a* a_b_") << "an opening directive needs a word boundary";
    EXPECT_EQ(show("*a *"), "|*a *") << "a closing directive is not after whitespace";
    EXPECT_EQ(show("~~no~~ **no**"), "|~~no~~ **no**") << "styling is not Markdown";
}

TEST(Styling, OffsetsAreBytesOfTheUtf8Body) {
    const std::string body = "\xD0\xBF\xD1\x80\xD0\xB8 *\xD0\xBC\xD0\xB8\xD1\x80*";  // "при *мир*"
    const Styled s = parse(body);
    ASSERT_EQ(s.spans.size(), 1u);
    EXPECT_EQ(s.spans[0], (Span{SpanKind::Strong, 7, 15}));
    // Unicode whitespace counts: a no-break space after the directive, an ideographic space before one.
    EXPECT_EQ(parse("*\xC2\xA0x*").spans.size(), 0u);
    EXPECT_EQ(parse("\xE3\x80\x80*x*").spans.size(), 1u);
    EXPECT_EQ(parse("*x\xE3\x80\x80*").spans.size(), 0u);
}

TEST(Styling, LineBreaksCrLfAndEmptyLines) {
    const Styled s = parse("*a*\r\n\r\n> b\r\n");
    ASSERT_EQ(s.lines.size(), 4u);
    EXPECT_EQ(s.lines[0].end, 3u);
    EXPECT_EQ(s.lines[1].begin, s.lines[1].end);
    EXPECT_EQ(s.lines[2].quoteDepth, 1u);
    EXPECT_EQ(s.lines[2].end, 10u);
    ASSERT_EQ(s.spans.size(), 1u);
    EXPECT_EQ(parse("").lines.size(), 1u);
}

TEST(Styling, Links) {
    EXPECT_EQ(show("see https://example.org/a_b*c, then."), "|see <a>https://example.org/a_b*c</a>, then.");
    EXPECT_EQ(show("(see https://en.wikipedia.org/wiki/Foo_(bar))."),
              "|(see <a>https://en.wikipedia.org/wiki/Foo_(bar)</a>).");
    EXPECT_EQ(show("<http://a.org/x?y=1&z=2#f>"), "|<<a>http://a.org/x?y=1&z=2#f</a>>");
    EXPECT_EQ(show("HTTPS://A.ORG/\xD0\xBF!"), "|<a>HTTPS://A.ORG/\xD0\xBF</a>!");
    EXPECT_EQ(show("join xmpp:room@conference.example.org?join!"), "|join <a>xmpp:room@conference.example.org?join</a>!");
    EXPECT_EQ(show("xhttps://no https:// nohttp://x"), "|xhttps://no https:// nohttp://x");
    EXPECT_EQ(show("*https://example.org* _a https://x.org/b_c d_"),
              "|<b>*<a>https://example.org</a>*</b> <i>_a <a>https://x.org/b_c</a> d_</i>");
    EXPECT_EQ(show("`https://a.org` https://b.org"), "|<tt>`https://a.org`</tt> <a>https://b.org</a>")
        << "no link inside code";
    EXPECT_EQ(show("> https://q.org\n```\nhttps://pre.org\n```"), ">|<a>https://q.org</a>\nPRE{|```\nPRE|https://pre.org\n}PRE|```");
    EXPECT_EQ(show("https://a.org/\xFFx"), "|<a>https://a.org/</a>\xFFx") << "invalid UTF-8 ends a link";
    // A bidi override or a zero-width character ends it too: what is opened is what is seen.
    EXPECT_EQ(show("https://evil.org/\xE2\x80\xAEgro.elpmaxe"), "|<a>https://evil.org/</a>\xE2\x80\xAEgro.elpmaxe");
    EXPECT_EQ(show("https://a.org/b\xE2\x80\x8B.c"), "|<a>https://a.org/b</a>\xE2\x80\x8B.c");
}

TEST(Styling, MeAction) {
    EXPECT_EQ(parse("/me waves").actionLength, 4u);
    EXPECT_EQ(parse("/me *waves*").spans.size(), 1u);
    EXPECT_EQ(parse("/mewaves").actionLength, 0u);
    EXPECT_EQ(parse(" /me waves").actionLength, 0u);
    EXPECT_EQ(parse("/me").actionLength, 0u);
}

TEST(Styling, XmppUris) {
    EXPECT_EQ(parseXmppUri("xmpp:Bob@Example.org").jid, "bob@example.org");
    EXPECT_FALSE(parseXmppUri("xmpp:bob@example.org").join);
    XmppUri room = parseXmppUri("xmpp:room@conference.example.org?join");
    EXPECT_EQ(room.jid, "room@conference.example.org");
    EXPECT_TRUE(room.join);
    EXPECT_TRUE(parseXmppUri("xmpp:r@c.org?join;password=x").join);
    EXPECT_EQ(parseXmppUri("xmpp:bob%40example.org/phone?message;body=hi").jid, "bob@example.org");
    EXPECT_EQ(parseXmppUri("xmpp://me@example.org/bob@example.org").jid, "bob@example.org");
    EXPECT_EQ(parseXmppUri("xmpp:%zz@x.org").jid, "");
    EXPECT_EQ(parseXmppUri("xmpp:").jid, "");
    EXPECT_EQ(parseXmppUri("https://x.org").jid, "");
    EXPECT_TRUE(isWebLink("HTTP://x"));
    EXPECT_FALSE(isWebLink("javascript:alert(1)"));
    EXPECT_FALSE(isWebLink("xmpp:x@y"));
}

// Each hostile body: parsed whole, in time that grows with its length only (a quadratic parser takes
// minutes on these), and every span inside the body.
TEST(Styling, HostileBodiesParseInLinearTime) {
    const std::size_t n = 700000;
    std::vector<std::string> bodies;
    bodies.push_back(std::string(n, '*'));
    bodies.push_back(std::string(n, '>'));
    bodies.push_back(std::string(n, '\n'));
    bodies.push_back(std::string(n, '`'));
    std::string s;
    while (s.size() < n) s += "*a _b ~c `d ";  // openings without closings: each looks far ahead
    bodies.push_back(s);
    s.clear();
    while (s.size() < n) s += "a* b_ c~ d` ";  // closings without openings
    bodies.push_back(s);
    s.clear();
    while (s.size() < n) s += "*_~x";  // nesting openers
    bodies.push_back(s);
    s.clear();
    while (s.size() < n) s += "> ```\n";
    bodies.push_back(s);
    s.clear();
    while (s.size() < n) s += "https://x.org/((((]]]]....";
    bodies.push_back(s);
    s.clear();
    while (s.size() < n) s += "\xFF*\xC3 _\xE2\x80 x_\xF0";  // invalid and cut UTF-8 around directives
    bodies.push_back(s);
    bodies.push_back("https://" + std::string(n, 'a'));
    for (const std::string& body : bodies) {
        const auto start = std::chrono::steady_clock::now();
        const Styled st = parse(body);
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        EXPECT_LT(ms, 5000.0) << body.substr(0, 16);  // ~100 ms natively, ~400 ms under node; quadratic: minutes
        EXPECT_FALSE(st.lines.empty());
        for (const Span& sp : st.spans) {
            ASSERT_LT(sp.begin, sp.end);
            ASSERT_LE(sp.end, body.size());
        }
    }
    EXPECT_EQ(parse(std::string(n, '>')).lines[0].quoteDepth, n);
    EXPECT_EQ(parse("*_~x*_~x").spans.size(), 1u);
}

// XEP-0393 §6: the sender's <unstyled/> hint. Directives, quotation markers and fences are text; links
// (not styling) are still found, also where styling would have made a code span or a block; "/me" stays.
TEST(Styling, UnstyledBodiesKeepEverythingAsTextButLinks) {
    EXPECT_EQ(show("*bold* _it_ `code https://a.example/x` https://b.example", true),
              "|*bold* _it_ `code <a>https://a.example/x</a>` <a>https://b.example</a>");
    EXPECT_EQ(show("> quoted\n```\npre https://c.example\n```", true),
              "|> quoted\n|```\n|pre <a>https://c.example</a>\n|```");
    EXPECT_EQ(parseUnstyled("/me waves *hard*").actionLength, 4u);
    EXPECT_EQ(parseUnstyled("").lines.size(), 1u);
    EXPECT_EQ(parseUnstyled("a\r\nb").lines[0].end, 1u);
}

}  // namespace
}  // namespace starling::im::styling
