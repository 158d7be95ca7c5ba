// Full-text search: the field above the contact list (Ctrl+F / Ctrl+K focus it, Escape clears it) and,
// while it holds a query, the results in place of the contacts: chat, date and time, and a one-line
// snippet with the match in another colour. A click (or Enter on the selected row) opens the chat at
// that message. The core searches in slices (Client::searchStep, called by the host once per frame).
#include <algorithm>
#include <cstdio>
#include <ctime>

#include <imgui.h>

#include "ui/views.h"

namespace starling::ui {
namespace {

const ImVec4 kMatchColor(1.0f, 0.80f, 0.30f, 1.0f);

std::string dateTime(std::int64_t epochMs) {
    if (epochMs <= 0) return {};
    std::time_t secs = static_cast<std::time_t>(epochMs / 1000);
    std::tm local{};
    if (localtime_r(&secs, &local) == nullptr) return {};
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &local);
    return buf;
}

bool continuation(char ch) { return (static_cast<unsigned char>(ch) & 0xC0) == 0x80; }

// The snippet on one line: prefix, match (highlighted), rest; a long prefix is cut from the left with
// "…" so the match stays in view. Byte offsets from the core are clamped and moved to code point starts.
void snippetLine(Ctx& c, const model::SearchHit& hit, float right) {
    std::string text = hit.snippet;
    std::replace_if(text.begin(), text.end(), [](char ch) { return ch == '\n' || ch == '\r' || ch == '\t'; }, ' ');
    std::size_t a = std::min(hit.matchStart, text.size());
    std::size_t b = std::min(hit.matchStart + hit.matchLength, text.size());
    while (a > 0 && continuation(text[a])) --a;
    while (b < text.size() && continuation(text[b])) ++b;
    const char* base = text.data();
    const char* pre = base;
    const float room = right - ImGui::GetCursorPosX();
    static const char kEllipsis[] = "\xE2\x80\xA6";
    const float preW = ImGui::CalcTextSize(base, base + a).x;
    const float matchW = ImGui::CalcTextSize(base + a, base + b).x;
    bool cut = false;
    if (preW + matchW > room * 0.85f) {
        const float keep = room * 0.3f;
        while (pre < base + a && ImGui::CalcTextSize(pre, base + a).x > keep) {
            do ++pre;
            while (pre < base + a && continuation(*pre));
        }
        cut = true;
    }
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0.0f, ImGui::GetStyle().ItemSpacing.y));
    if (cut) {
        ImGui::TextDisabled("%s", kEllipsis);
        ImGui::SameLine();
    }
    if (pre < base + a) {
        ImGui::TextUnformatted(pre, base + a);
        ImGui::SameLine();
    }
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const ImVec2 size = ImGui::CalcTextSize(base + a, base + b);
    ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), IM_COL32(120, 90, 20, 160), 2.0f);
    ImGui::PushStyleColor(ImGuiCol_Text, kMatchColor);
    ImGui::TextUnformatted(base + a, base + b);
    ImGui::PopStyleColor();
    if (b < text.size()) {
        ImGui::SameLine();
        textEllipsis(c, std::string_view(base + b, text.size() - b), std::max(0.0f, right - ImGui::GetCursorPosX()));
    }
    ImGui::PopStyleVar();
}

void hitRow(Ctx& c, const model::SearchHit& hit, int index) {
    ImGui::PushID(index);  // received ids never become ImGui IDs
    const ImVec2 start = ImGui::GetCursorPos();
    const float rowH = ImGui::GetTextLineHeight() * 2.0f + ImGui::GetStyle().ItemSpacing.y;
    if (ImGui::Selectable("##hit", index == c.ui.searchSelected, 0, ImVec2(0, rowH))) {
        c.ui.searchSelected = index;
        openSearchHit(c, hit);
    }
    if (index == c.ui.searchSelected && c.ui.searchScrollToSelected) {
        ImGui::SetScrollHereY(0.5f);
        c.ui.searchScrollToSelected = false;
    }
    if (ImGui::IsItemVisible()) {
        const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
        const float s = c.scale > 0.0f ? c.scale : 1.0f;
        c.report.searchResults.push_back({hit.peer, hit.messageId, min.x / s, min.y / s, (max.x - min.x) / s, (max.y - min.y) / s});
    }
    ImGui::SetCursorPos(start);
    const float right = ImGui::GetWindowContentRegionMax().x;
    const std::string when = dateTime(hit.timestampMs);
    const float whenW = ImGui::CalcTextSize(when.c_str()).x;
    std::string name = displayName(c.st, hit.peer);
    textEllipsis(c, name, right - ImGui::GetCursorPosX() - whenW - ImGui::GetStyle().ItemSpacing.x);
    ImGui::SameLine(std::max(ImGui::GetCursorPosX(), right - whenW));
    ImGui::TextDisabled("%s", when.c_str());
    if (hit.outgoing) {
        ImGui::TextDisabled("%s:", c.t(S::Me));
        ImGui::SameLine();
    }
    noteGlyphs(c, hit.snippet);
    snippetLine(c, hit, right);
    ImGui::SetCursorPos(ImVec2(start.x, start.y + rowH + ImGui::GetStyle().ItemSpacing.y));
    ImGui::PopID();
}

}  // namespace

void drawSearchField(Ctx& c) {
    if (c.ui.focusSearch) {
        ImGui::SetKeyboardFocusHere();
        c.ui.focusSearch = false;
    }
    ImGui::SetNextItemWidth(-1.0f);
    noteGlyphs(c, c.ui.searchQuery);
    const bool enter = inputString("##search", c.ui.searchQuery, ImGuiInputTextFlags_EnterReturnsTrue, c.t(S::SearchHint));
    bool edited = ImGui::IsItemEdited();
    const bool active = ImGui::IsItemActive();
    drawn(c, c.t(S::SearchHint));
    if (c.ui.searchActive && !active && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        c.ui.searchQuery.clear();  // Escape: ImGui restored the text of before the edit; we clear it
        edited = true;
    }
    const std::size_t count = c.st.search.query == c.ui.searchQuery ? c.st.search.hits.size() : 0;
    if (active && count > 0) {
        const int before = c.ui.searchSelected;
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow))) ++c.ui.searchSelected;
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow))) --c.ui.searchSelected;
        c.ui.searchScrollToSelected |= before != c.ui.searchSelected;
    }
    c.ui.searchSelected = std::clamp(c.ui.searchSelected, 0, std::max(0, static_cast<int>(count) - 1));
    c.ui.searchActive = active;
    if (edited) {
        c.ui.searchSelected = 0;
        c.client.search(c.ui.searchQuery);  // restarts on every change; "" clears
    } else if (enter && count > 0) {
        openSearchHit(c, c.st.search.hits[static_cast<std::size_t>(c.ui.searchSelected)]);
        c.ui.focusComposer = false;
        c.ui.focusSearch = true;  // Down + Enter opens the next one
    }
}

bool drawSearchResults(Ctx& c, bool narrow) {
    (void)narrow;
    if (c.ui.searchQuery.empty()) return false;
    const model::Search& s = c.st.search;
    const bool current = s.query == c.ui.searchQuery;
    ImGui::BeginChild("search-results", ImVec2(0, 0), false);
    char line[160];
    if (!current || s.running) {
        std::snprintf(line, sizeof line, c.t(S::Searching), current ? s.scanned : std::size_t{0});
        ImGui::TextDisabled("%s", line);
        drawn(c, line);
    } else if (s.hits.empty()) {
        ImGui::TextDisabled("%s", c.t(S::NothingFound));
        drawn(c, c.t(S::NothingFound));
    }
    if (current && s.truncated) {
        std::snprintf(line, sizeof line, c.t(S::SearchTruncated), s.hits.size());
        ImGui::TextDisabled("%s", line);
        drawn(c, line);
    }
    if (current && !s.hits.empty()) {
        const float rowStep = ImGui::GetTextLineHeight() * 2.0f + ImGui::GetStyle().ItemSpacing.y * 2.0f;
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(s.hits.size()), rowStep);
        if (c.ui.searchScrollToSelected) clipper.ForceDisplayRangeByIndices(c.ui.searchSelected, c.ui.searchSelected + 1);
        while (clipper.Step()) {
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) hitRow(c, s.hits[static_cast<std::size_t>(i)], i);
        }
        clipper.End();
    }
    ImGui::EndChild();
    return true;
}

void openSearchHit(Ctx& c, const model::SearchHit& found) {
    const model::SearchHit hit = found;  // the intents below may change State::search
    openChatRow(c, hit.peer);
    c.client.revealMessage(hit.peer, hit.messageId);
    c.ui.revealChat = hit.peer;
    c.ui.revealId = hit.messageId;
    c.ui.scrollToBottom = false;
}

}  // namespace starling::ui
