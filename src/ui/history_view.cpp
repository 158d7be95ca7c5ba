// The history of the open chat: only the rows in view are drawn, from per-chat cached row heights.
// Older local history is loaded ahead of time, about two screens before the top; rows inserted above
// the view never move what the person sees (the row at the top keeps its screen position); only at the
// very top, with nothing older stored locally, is the server archive asked.
#include <algorithm>
#include <cfloat>
#include <cstdio>

#include <imgui.h>
#include <imgui_internal.h>  // SetNextWindowScroll, FindWindowByID: to scroll in the same frame rows change

#include "ui/room_view.h"
#include "ui/views.h"

namespace starling::ui {
namespace {

constexpr float kPrefetchScreens = 2.0f;  // load an older local segment this close to the top
constexpr double kHighlightSeconds = 2.0;

// Brings the cache in step with the messages; returns how many rows appeared in front of the old first
// row (negative: that many were dropped from the front). Prepended rows are measured and inserted; the
// rest is compared row by row (only when the client's revision moved) and re-measured from the first
// difference. A width or font change measures everything again.
std::ptrdiff_t updateRows(Ctx& c, const std::string& jid, RowCache& rows, const std::vector<model::Message>& msgs,
                          float width) {
    const float fontSize = ImGui::GetFontSize();
    if (rows.width != width || rows.fontSize != fontSize || rows.lang != c.lang()) {
        rows.width = width;
        rows.fontSize = fontSize;
        rows.lang = c.lang();
        rows.keys.clear();
        rows.heights.clear();
        rows.revision = ~std::uint64_t{0};
    }
    const std::uint64_t revision = c.client.revision();
    if (revision == rows.revision && rows.keys.size() == msgs.size()) return 0;
    rows.revision = revision;
    std::ptrdiff_t shift = 0;
    if (!rows.keys.empty() && !msgs.empty() && !rowKeyIsId(rows.keys.front(), msgs.front().id)) {
        std::size_t k = 1;
        while (k < msgs.size() && !rowKeyIsId(rows.keys.front(), msgs[k].id)) ++k;
        if (k < msgs.size()) {  // k older rows in front
            std::vector<std::string> keys;
            std::vector<float> heights;
            keys.reserve(k);
            heights.reserve(k);
            for (std::size_t i = 0; i < k; ++i) {
                keys.push_back(rowKey(c, jid, msgs[i]));
                heights.push_back(rowHeight(c, jid, msgs[i], width));
            }
            c.report.rowsMeasured += k;
            rows.keys.insert(rows.keys.begin(), keys.begin(), keys.end());
            rows.heights.insert(rows.heights.begin(), heights.begin(), heights.end());
            shift = static_cast<std::ptrdiff_t>(k);
        } else {
            std::size_t j = 1;
            while (j < rows.keys.size() && !rowKeyIsId(rows.keys[j], msgs.front().id)) ++j;
            if (j < rows.keys.size()) {  // the window let go of j rows at its front
                rows.keys.erase(rows.keys.begin(), rows.keys.begin() + static_cast<std::ptrdiff_t>(j));
                rows.heights.erase(rows.heights.begin(), rows.heights.begin() + static_cast<std::ptrdiff_t>(j));
                shift = -static_cast<std::ptrdiff_t>(j);
            } else {
                rows.keys.clear();
                rows.heights.clear();
            }
        }
    }
    std::size_t valid = 0;
    const std::size_t n = std::min(rows.keys.size(), msgs.size());
    while (valid < n && rowKeyMatches(c, jid, rows.keys[valid], msgs[valid])) ++valid;
    rows.keys.resize(valid);
    rows.heights.resize(valid);
    for (std::size_t i = valid; i < msgs.size(); ++i) {
        rows.keys.push_back(rowKey(c, jid, msgs[i]));
        rows.heights.push_back(rowHeight(c, jid, msgs[i], width));
    }
    c.report.rowsMeasured += msgs.size() - valid;
    rows.tops.resize(msgs.size() + 1);
    rows.tops[0] = 0.0f;
    for (std::size_t i = 0; i < msgs.size(); ++i) rows.tops[i + 1] = rows.tops[i] + rows.heights[i];
    return shift;
}

// The line above the first row: the archive is being asked, or it has nothing older.
void topLine(Ctx& c, const model::Conversation& conv) {
    if (conv.localBefore > 0) return;
    if (conv.loadingOlder) {
        ImGui::TextDisabled("%s", c.t(S::LoadingOlder));
        drawn(c, c.t(S::LoadingOlder));
    } else if (conv.archiveStart) {
        ImGui::TextDisabled("%s", c.t(S::HistoryStart));
        drawn(c, c.t(S::HistoryStart));
    }
}

// One loadOlder per chat and message count: a call that brought nothing is not repeated every frame.
void askOlder(Ctx& c, const model::Conversation& conv) {
    if (c.ui.olderAskedJid == conv.jid && c.ui.olderAskedCount == conv.messages.size()) return;
    c.ui.olderAskedJid = conv.jid;
    c.ui.olderAskedCount = conv.messages.size();
    c.client.loadOlder(conv.jid);
}

const model::Conversation* findConversation(const model::State& st, const std::string& jid) {
    auto it = st.conversations.find(jid);
    return it == st.conversations.end() ? nullptr : &it->second;
}

// The scroll position ImGui will use this frame before any of ours: last frame's, or where the wheel
// or scrollbar asked it to go.
float pendingScroll(const ImGuiWindow* w) {
    if (w == nullptr) return 0.0f;
    if (w->ScrollTarget.y < FLT_MAX) {
        return w->ScrollTarget.y - w->ScrollTargetCenterRatio.y * (w->InnerRect.GetHeight());
    }
    return w->Scroll.y;
}

// PageUp / PageDown scroll the history by most of a page unless a text field needs them (the composer
// only when its draft has more than one line). Returns the distance (0: no key).
float pageKeys(Ctx& c, const std::string& jid, float height) {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.KeyCtrl || io.KeyAlt) return 0.0f;
    if (io.WantTextInput) {
        auto draft = c.ui.drafts.find(jid);
        if (c.ui.searchActive || (draft != c.ui.drafts.end() && draft->second.find('\n') != std::string::npos)) return 0.0f;
    }
    float page = height * 0.85f;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_PageUp))) return -page;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_PageDown))) return page;
    return 0.0f;
}

}  // namespace

void drawHistory(Ctx& c, const std::string& jid, float height) {
    const model::Conversation* conv = findConversation(c.st, jid);
    if (conv == nullptr || conv->messages.empty()) {
        ImGui::BeginChild("history", ImVec2(0, height), false);
        ImGui::TextDisabled("%s", c.t(S::NoMessages));
        ImGui::EndChild();
        return;
    }
    HistoryPlace& place = c.ui.place;
    const bool newChat = place.jid != jid || c.ui.lastChat != jid;
    const ImGuiWindow* win = place.windowId != 0 ? ImGui::FindWindowByID(place.windowId) : nullptr;
    const float scroll = newChat ? 0.0f : pendingScroll(win);
    const bool wasAtBottom = win != nullptr && win->Scroll.y >= win->ScrollMax.y - 2.0f;
    const bool revealing = c.ui.revealChat == jid && !c.ui.revealId.empty();
    const bool toBottom = (c.ui.scrollToBottom || newChat) && !revealing;

    // While the scrollbar is held, ImGui places the view where the grab is: rows added above would move
    // what is under the mouse, so older history waits for the release.
    const bool dragging = win != nullptr &&
                          ImGui::GetActiveID() == ImGui::GetWindowScrollbarID(const_cast<ImGuiWindow*>(win), ImGuiAxis_Y);
    // Older local history, well before the person reaches the top (synchronous: one segment).
    if (!newChat && !toBottom && !revealing && !dragging && conv->localBefore > 0 && !conv->loadingOlder &&
        scroll < height * kPrefetchScreens) {
        askOlder(c, *conv);
        conv = findConversation(c.st, jid);
        if (conv == nullptr || conv->messages.empty()) return;
    }
    const auto& msgs = conv->messages;
    const float width = ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ScrollbarSize;
    RowCache& rows = c.ui.rows[jid];
    const std::ptrdiff_t shift = updateRows(c, jid, rows, msgs, width);
    const auto& tops = rows.tops;
    const float headerH = ImGui::GetTextLineHeightWithSpacing();

    // A new message at the end while the view was at the bottom: follow it.
    const bool follow = !newChat && wasAtBottom && msgs.back().id != place.lastId;
    float target = -1.0f;
    if (revealing) {
        std::size_t i = msgs.size();
        while (i > 0 && msgs[i - 1].id != c.ui.revealId) --i;
        if (i > 0) {
            const std::size_t row = i - 1;
            target = std::max(0.0f, headerH + (tops[row] + tops[row + 1]) * 0.5f - height * 0.5f);
            c.ui.highlightChat = jid;
            c.ui.highlightId = c.ui.revealId;
            c.ui.highlightUntil = ImGui::GetTime() + kHighlightSeconds;
        } else if (newChat) {
            target = headerH + tops.back();  // not in this chat after all: its newest messages
        }
        c.ui.revealId.clear();
        c.ui.revealChat.clear();
        c.ui.scrollToBottom = false;
    } else if (toBottom || follow) {
        target = headerH + tops.back();  // clamped by ImGui to the end
        c.ui.scrollToBottom = false;
    } else if (!place.anchorId.empty()) {
        // Keep the row that was at the top of the view where it was; PageUp / PageDown move by a page.
        float moved = pageKeys(c, jid, height);
        std::size_t idx = place.anchorIndex;
        if (shift != 0 || idx >= msgs.size() || msgs[idx].id != place.anchorId) {
            idx = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(place.anchorIndex) + shift);
            if (idx >= msgs.size() || msgs[idx].id != place.anchorId) {
                idx = 0;
                while (idx < msgs.size() && msgs[idx].id != place.anchorId) ++idx;
            }
        }
        if (idx < msgs.size()) moved += tops[idx] - place.anchorTop;
        if (moved != 0.0f) target = std::max(0.0f, scroll + moved);
    }
    c.ui.lastChat = jid;
    place.lastId = msgs.back().id;

    ImGui::SetNextWindowContentSize(ImVec2(0.0f, headerH + tops.back()));
    if (target >= 0.0f) ImGui::SetNextWindowScroll(ImVec2(-1.0f, target));
    ImGui::BeginChild("history", ImVec2(0, height), false, ImGuiWindowFlags_AlwaysVerticalScrollbar);
    place.jid = jid;
    place.windowId = ImGui::GetCurrentWindow()->ID;
    place.viewHeight = height;
    topLine(c, *conv);
    const float scrollY = ImGui::GetScrollY();
    // At the very top with nothing older stored here: ask the archive (again only after the page came).
    if (scrollY <= 0.0f && target < 0.0f && !dragging && conv->localBefore == 0 && !conv->loadingOlder &&
        !conv->archiveStart && c.st.connection == model::Connection::Online) {
        askOlder(c, *conv);
    }

    // First row whose bottom is below the top of the view; draw until a row starts below the view.
    auto first = static_cast<std::size_t>(std::upper_bound(tops.begin(), tops.end(), scrollY - headerH) - tops.begin());
    first = first > 0 ? std::min(first - 1, msgs.size() - 1) : 0;
    place.anchorId = msgs[first].id;
    place.anchorIndex = first;
    place.anchorTop = tops[first];
    const bool highlight = c.ui.highlightChat == jid && ImGui::GetTime() < c.ui.highlightUntil;
    const float s = c.scale > 0.0f ? c.scale : 1.0f;
    std::string peerName = displayName(c.st, jid);
    const bool room = isRoomChat(c, jid);
    for (std::size_t i = first; i < msgs.size() && tops[i] + headerH < scrollY + height; ++i) {
        ImGui::SetCursorPosY(headerH + tops[i]);
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float h = tops[i + 1] - tops[i];
        if (highlight && msgs[i].id == c.ui.highlightId) {
            ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x - c.px(4), p.y), ImVec2(p.x + width, p.y + h),
                                                      IM_COL32(190, 150, 40, 90), c.px(4));
            c.report.highlighted = msgs[i].id;
        } else if (room && mentionsMe(c, jid, msgs[i])) {  // names our nick in a room
            ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x - c.px(4), p.y), ImVec2(p.x + width, p.y + h),
                                                      IM_COL32(200, 120, 40, 60), c.px(4));
            c.report.mentionRows.push_back(msgs[i].id);
        }
        const std::size_t shown = messageRow(c, jid, msgs[i], i, peerName);
        if (tops[i + 1] + headerH > scrollY) {
            float bodyTop = headerH + tops[i] + ImGui::GetTextLineHeightWithSpacing();
            if (bodyTop < scrollY + height) {  // what is drawn of it: a huge body is not copied each frame
                const BodyWindow w = shownPart(c, jid, msgs[i]);
                c.report.visibleBodies.emplace_back(msgs[i].body, w.begin, w.end - w.begin);
            }
            c.report.visibleMessages.push_back({msgs[i].id, p.y / s, h / s, shown, msgs[i].body.size()});
        }
    }
    ImGui::SetCursorPosY(headerH + tops.back());
    ImGui::Dummy(ImVec2(1, 1));
    ImGui::EndChild();
}

}  // namespace starling::ui
