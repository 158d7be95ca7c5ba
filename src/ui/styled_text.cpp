#include "ui/styled_text.h"

#include <algorithm>
#include <cfloat>

#include <imgui.h>

#include "ui/room_view.h"

namespace starling::ui {
namespace {

using im::styling::Line;
using im::styling::LineKind;
using im::styling::Span;
using im::styling::SpanKind;

constexpr std::uint32_t kMaxQuoteBars = 8;  // deeper quotations are drawn as deep as this
constexpr float kMarkerAlpha = 0.45f;        // directives, as Conversations draws them
constexpr float kQuoteAlpha = 0.72f;
constexpr float kShear = 0.2f;               // emphasis: x moves this much per pixel up
constexpr std::size_t kMaxReportedRuns = 512;
const ImVec4 kLinkColor(0.45f, 0.72f, 1.0f, 1.0f);
const ImU32 kCodeBg = IM_COL32(120, 130, 150, 60);
const ImU32 kQuoteBar = IM_COL32(130, 140, 160, 200);

// Style bits of a run (the order of styleNames).
constexpr unsigned kStrong = 1, kEmphasis = 2, kStrike = 4, kCode = 8, kLink = 16, kMarker = 32, kQuote = 64, kPre = 128,
                   kAction = 256;

unsigned styleOf(SpanKind k) {
    switch (k) {
        case SpanKind::Strong: return kStrong;
        case SpanKind::Emphasis: return kEmphasis;
        case SpanKind::Strike: return kStrike;
        case SpanKind::Code: return kCode;
        case SpanKind::Link: return kLink;
    }
    return 0;
}

std::string styleNames(unsigned s) {
    static const char* const names[] = {"strong", "em", "strike", "code", "link", "marker", "quote", "pre", "action"};
    std::string out;
    for (unsigned i = 0; i < 9; ++i) {
        if ((s & (1u << i)) == 0) continue;
        if (!out.empty()) out += ' ';
        out += names[i];
    }
    return out;
}

std::size_t charLen(const char* s, const char* end) {
    const auto b = static_cast<unsigned char>(*s);
    const std::size_t n = b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    return std::min<std::size_t>(n, static_cast<std::size_t>(end - s));
}

bool preKind(LineKind k) { return k != LineKind::Text; }

// One pass over the lines, measuring or drawing: every visual line is one font size high.
class Layout {
public:
    // c: draw (null: only measure); scale: the device pixel ratio of Ctx::px.
    Layout(Ctx* c, float scale, const StyledBody& b, float width, ImVec2 origin)
        : m_c(c), m_b(b), m_width(std::max(1.0f, width)), m_origin(origin), m_font(ImGui::GetFont()),
          m_size(ImGui::GetFontSize()), m_scale(scale) {}

    float run() {
        const auto& lines = m_b.st.lines;
        std::size_t count = lines.size();
        // A last empty line after a line break takes no space (as ImGui lays out text).
        if (count > 1 && lines.back().begin == lines.back().end) --count;
        for (std::size_t i = 0; i < count; ++i) line(lines[i], i + 1 < count ? &lines[i + 1] : nullptr);
        return m_y;
    }
    const std::string& hovered() const { return m_hovered; }

private:
    float px(float v) const { return v * (m_scale > 0.0f ? m_scale : 1.0f); }
    bool drawing() const { return m_c != nullptr; }
    const char* at(std::size_t i) const { return m_b.text.data() + i; }
    // The visual line at m_y is inside the window's clip rectangle: lines scrolled away are only measured
    // (a part of 64 KB may be thousands of lines).
    bool visibleLine() const {
        return ImGui::IsRectVisible(ImVec2(m_origin.x, m_origin.y + m_y), ImVec2(m_origin.x + m_width, m_origin.y + m_y + m_size));
    }

    void line(const Line& l, const Line* next) {
        const std::uint32_t depth = std::min(l.quoteDepth, kMaxQuoteBars);
        const float indent = static_cast<float>(depth) * px(10.0f);
        const float x0 = m_origin.x + indent;
        const float avail = std::max(px(20.0f), m_width - indent);
        const float top = m_y;
        if (preKind(l.kind)) {
            preLine(l, next, x0, avail, depth > 0);
        } else {
            textLine(l, x0, avail, depth > 0);
        }
        if (drawing() && depth > 0 &&
            ImGui::IsRectVisible(ImVec2(m_origin.x, m_origin.y + top), ImVec2(x0, m_origin.y + m_y))) {
            ImDrawList* dl = ImGui::GetWindowDrawList();
            for (std::uint32_t k = 0; k < depth; ++k) {
                const float bx = m_origin.x + static_cast<float>(k) * px(10.0f) + px(1.0f);
                dl->AddRectFilled(ImVec2(bx, m_origin.y + top), ImVec2(bx + px(3.0f), m_origin.y + m_y), kQuoteBar);
            }
        }
    }

    void preLine(const Line& l, const Line* next, float x0, float avail, bool quoted) {
        if (drawing() && visibleLine()) {
            const float y = m_origin.y + m_y;
            const bool first = l.kind == LineKind::PreOpen;
            const bool last = l.kind == LineKind::PreClose || next == nullptr || next->kind == LineKind::Text ||
                              next->kind == LineKind::PreOpen;
            ImDrawFlags corners = (first ? ImDrawFlags_RoundCornersTop : 0) | (last ? ImDrawFlags_RoundCornersBottom : 0);
            if (corners == 0) corners = ImDrawFlags_RoundCornersNone;
            ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(x0, y), ImVec2(x0 + avail, y + m_size), kCodeBg, px(4.0f), corners);
            // Nothing past the block's width is laid out: a huge line costs what fits.
            const char* b = at(l.textBegin);
            const char* e = at(l.end);
            const char* shownEnd = e;
            m_font->CalcTextSizeA(m_size, avail, 0.0f, b, e, &shownEnd);
            if (shownEnd < e) shownEnd += charLen(shownEnd, e);
            const unsigned style = kPre | (quoted ? kQuote : 0u) | (l.kind == LineKind::Pre ? 0u : kMarker);
            const ImVec4 clip(x0, y, x0 + avail - px(2.0f), y + m_size);
            const float w = m_font->CalcTextSizeA(m_size, FLT_MAX, 0.0f, b, shownEnd).x;
            drawRun(b, shownEnd, ImVec2(x0 + px(3.0f), y), w, style, &clip);
        }
        m_y += m_size;
    }

    void textLine(const Line& l, float x0, float avail, bool quoted) {
        const auto& spans = m_b.st.spans;
        while (m_span < spans.size() && spans[m_span].begin < l.textBegin) ++m_span;
        m_open.clear();
        const float scale = m_size / m_font->FontSize;
        const char* s = at(l.textBegin);
        const char* end = at(l.end);
        do {
            const char* eol = m_font->CalcWordWrapPositionA(scale, s, end, avail);
            if (eol == s && s < end) eol = s + charLen(s, end);
            if (drawing() && visibleLine()) segment(s, eol, x0, quoted);
            m_y += m_size;
            s = eol;
            while (s < end && (*s == ' ' || *s == '\t')) ++s;  // a wrapped line starts with no blank
        } while (s < end);
    }

    // The runs of one visual line: a run ends where a span begins or ends, or after a directive.
    void segment(const char* s, const char* e, float x0, bool quoted) {
        const auto& spans = m_b.st.spans;
        const std::size_t segEnd = static_cast<std::size_t>(e - m_b.text.data());
        std::size_t p = static_cast<std::size_t>(s - m_b.text.data());
        float x = x0;
        const float y = m_origin.y + m_y;
        while (p < segEnd) {
            while (!m_open.empty() && m_open.back().end <= p) m_open.pop_back();
            while (m_span < spans.size() && spans[m_span].begin <= p) {
                if (spans[m_span].end > p) m_open.push_back(spans[m_span]);
                ++m_span;
            }
            std::size_t q = segEnd;
            if (m_span < spans.size()) q = std::min(q, spans[m_span].begin);
            unsigned style = (quoted ? kQuote : 0u) | (m_b.action ? kAction : 0u);
            const Span* link = nullptr;
            for (const Span& sp : m_open) {
                style |= styleOf(sp.kind);
                if (sp.kind == SpanKind::Link) {
                    link = &sp;
                } else {
                    if (p == sp.begin || p + 1 == sp.end) style |= kMarker;
                    if (sp.begin + 1 > p) q = std::min(q, sp.begin + 1);
                    if (sp.end - 1 > p) q = std::min(q, sp.end - 1);
                }
                q = std::min(q, sp.end);
            }
            const float w = m_font->CalcTextSizeA(m_size, FLT_MAX, 0.0f, at(p), at(q)).x;
            for (const Span& sp : m_open) {  // code: one rounded background per span, under its text
                if (sp.kind != SpanKind::Code) continue;
                ImDrawFlags corners = (p == sp.begin ? ImDrawFlags_RoundCornersLeft : 0) |
                                      (q == sp.end ? ImDrawFlags_RoundCornersRight : 0);
                if (corners == 0) corners = ImDrawFlags_RoundCornersNone;
                ImGui::GetWindowDrawList()->AddRectFilled(
                    ImVec2(x - (p == sp.begin ? px(2.0f) : 0.0f), y),
                    ImVec2(x + w + (q == sp.end ? px(2.0f) : 0.0f), y + m_size), kCodeBg, px(3.0f), corners);
            }
            drawRun(at(p), at(q), ImVec2(x, y), w, style, nullptr);
            if (link != nullptr && ImGui::IsWindowHovered() &&
                ImGui::IsMouseHoveringRect(ImVec2(x, y), ImVec2(x + w, y + m_size), false)) {
                m_hovered.assign(at(link->begin), link->end - link->begin);
            }
            x += w;
            p = q;
        }
    }

    // Draws text[b, e) (w wide) in a style at pos.
    void drawRun(const char* b, const char* e, ImVec2 pos, float w, unsigned style, const ImVec4* clip) {
        if (b == e) return;
        ImVec4 col = style & kLink ? kLinkColor : ImGui::GetStyleColorVec4(ImGuiCol_Text);
        if (style & kQuote) col.w *= kQuoteAlpha;
        if (style & kMarker) col.w *= kMarkerAlpha;
        const ImU32 c32 = ImGui::GetColorU32(col);
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const int firstVtx = dl->VtxBuffer.Size;
        dl->AddText(m_font, m_size, pos, c32, b, e, 0.0f, clip);
        if (style & kStrong) dl->AddText(m_font, m_size, ImVec2(pos.x + px(1.0f), pos.y), c32, b, e, 0.0f, clip);
        if (style & (kEmphasis | kAction)) {
            const float mid = pos.y + m_size * 0.5f;
            for (int i = firstVtx; i < dl->VtxBuffer.Size; ++i) dl->VtxBuffer[i].pos.x += (mid - dl->VtxBuffer[i].pos.y) * kShear;
        }
        if (style & kStrike) dl->AddLine(ImVec2(pos.x, pos.y + m_size * 0.55f), ImVec2(pos.x + w, pos.y + m_size * 0.55f), c32, px(1.0f));
        if (style & kLink) dl->AddLine(ImVec2(pos.x, pos.y + m_size - px(1.0f)), ImVec2(pos.x + w, pos.y + m_size - px(1.0f)), c32, px(1.0f));
        report(b, e, pos, w, style);
    }

    void report(const char* b, const char* e, ImVec2 pos, float w, unsigned style) {
        DrawReport& r = m_c->report;
        if (style == 0) return;  // plain text: visibleBodies has it
        if (r.styledRuns.size() >= kMaxReportedRuns) return;
        const float s = m_scale > 0.0f ? m_scale : 1.0f;
        r.styledRuns.push_back({std::string(b, e), styleNames(style), pos.x / s, pos.y / s, w / s, m_size / s});
    }

    Ctx* m_c;
    const StyledBody& m_b;
    float m_width;
    ImVec2 m_origin;
    ImFont* m_font;
    float m_size;
    float m_scale;
    float m_y = 0.0f;
    std::size_t m_span = 0;
    std::vector<Span> m_open;  // spans around the current position, innermost last (at most 5 deep)
    std::string m_hovered;     // the link under the mouse
};

}  // namespace

StyledBody styleBody(std::string_view part, bool fromStart, std::string_view actor, bool unstyled) {
    const auto parse = unstyled ? im::styling::parseUnstyled : im::styling::parse;
    StyledBody b;
    b.text = part;
    b.st = parse(part);
    if (!fromStart || b.st.actionLength == 0) return b;
    // "* name " then the action, parsed on its own and moved behind the name.
    b.action = true;
    b.owned = "* " + safeNick(actor) + " ";
    const std::size_t shift = b.owned.size();
    const std::string_view rest = part.substr(b.st.actionLength);
    b.owned.append(rest);
    b.text = b.owned;
    b.st = parse(rest);
    b.st.actionLength = 0;
    for (Line& l : b.st.lines) {
        l.begin += shift;
        l.textBegin += shift;
        l.end += shift;
    }
    for (Span& sp : b.st.spans) {
        sp.begin += shift;
        sp.end += shift;
    }
    Line& first = b.st.lines.front();  // the name starts the first line, drawn as text
    first.kind = LineKind::Text;
    first.quoteDepth = 0;
    first.begin = first.textBegin = 0;
    return b;
}

float styledHeight(const Ctx& c, const StyledBody& b, float width) {
    return Layout(nullptr, c.scale, b, width, ImVec2(0, 0)).run();
}

void drawStyled(Ctx& c, const StyledBody& b) {
    const float width = ImGui::GetContentRegionAvail().x;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    Layout layout(&c, c.scale, b, width, origin);
    const float height = layout.run();
    ImGui::Dummy(ImVec2(width, height));
    if (layout.hovered().empty()) return;
    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    const std::string& uri = layout.hovered();
    const char* what = im::styling::isWebLink(uri)                ? "open-link"
                       : im::styling::parseXmppUri(uri).jid.empty() ? ""
                       : im::styling::parseXmppUri(uri).join       ? "join-room"
                                                                    : "open-chat";
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(stylingText(c.lang(), what));
    drawn(c, stylingText(c.lang(), what));
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    textWrapped(c, uri);
    ImGui::PopStyleColor();
    ImGui::EndTooltip();
    if (ImGui::IsMouseClicked(0)) openLink(c, uri);
}

void openLink(Ctx& c, std::string_view uri) {
    if (im::styling::isWebLink(uri)) {
        if (c.hooks.openUrl) c.hooks.openUrl(std::string(uri));
        return;
    }
    const im::styling::XmppUri x = im::styling::parseXmppUri(uri);
    if (x.jid.empty()) return;
    if (x.join) openJoinDialog(c, x.jid, "", "");
    else openChatRow(c, x.jid);
}

}  // namespace starling::ui
