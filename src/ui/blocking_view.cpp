// XEP-0191 blocking in the UI (see blocking_view.h). Blocked addresses are received text: drawn with
// TextUnformatted, never a label, ID or format.
#include "ui/blocking_view.h"

#include <algorithm>

#include <imgui.h>

#include "core/jid/jid.h"
#include "core/util/strings.h"

namespace starling::ui {
namespace {

constexpr int kListRowsShown = 8;  // the settings list scrolls beyond this

const char* bt(const Ctx& c, const char* key) { return blockingText(c.lang(), key); }

// The entry of State::blocked that blocks this bare JID: itself, or else its server ("" if none).
std::string coveringEntry(const model::State& st, const std::string& jid) {
    if (std::binary_search(st.blocked.begin(), st.blocked.end(), jid)) return jid;
    const std::size_t at = jid.find('@');
    if (at == std::string::npos) return {};
    std::string domain = jid.substr(at + 1);
    return std::binary_search(st.blocked.begin(), st.blocked.end(), domain) ? domain : std::string();
}

void unblockCovering(Ctx& c, const std::string& jid) {
    const std::string entry = coveringEntry(c.st, jid);
    if (!entry.empty()) c.client.unblock(entry);
}

void wrappedDisabled(Ctx& c, const char* text) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", text);
    ImGui::PopTextWrapPos();
    drawn(c, text);
}

void blockedList(Ctx& c) {
    const auto& list = c.st.blocked;
    if (list.empty()) {
        wrappedDisabled(c, bt(c, "none"));
        return;
    }
    const float rowH = ImGui::GetTextLineHeightWithSpacing();  // a small button's row
    const int n = static_cast<int>(list.size());
    const float h = rowH * static_cast<float>(std::min(n, kListRowsShown)) + ImGui::GetStyle().WindowPadding.y * 2.0f;
    const char* unblockLabel = bt(c, "unblock");
    std::string chosen;  // unblock after the loop: the list is the state being drawn
    ImGui::BeginChild("blocked-list", ImVec2(0, h), true);
    ImGuiListClipper clipper;
    clipper.Begin(n, rowH);
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const std::string& jid = list[static_cast<std::size_t>(i)];
            ImGui::PushID(i);  // received JIDs never become IDs
            if (ImGui::SmallButton(unblockLabel)) chosen = jid;
            drawn(c, unblockLabel);
            ImGui::SameLine();
            noteGlyphs(c, jid);
            textEllipsis(c, jid, ImGui::GetContentRegionAvail().x);
            ImGui::PopID();
        }
    }
    clipper.End();
    ImGui::EndChild();
    if (!chosen.empty()) c.client.unblock(chosen);
}

}  // namespace

void blockChatButton(Ctx& c, const std::string& jid) {
    if (!c.st.blockingSupported) return;
    const bool blocked = model::isBlocked(c.st, jid);
    const char* label = bt(c, blocked ? "unblock" : "block");
    ImGui::SameLine();
    // The header's last button: on a line of its own where the line is full (narrow, Russian).
    const float w = ImGui::CalcTextSize(label).x + ImGui::GetStyle().FramePadding.x * 2.0f;
    if (ImGui::GetCursorPosX() + w > ImGui::GetWindowContentRegionMax().x) ImGui::NewLine();
    const bool press = ImGui::SmallButton(label);
    drawn(c, label);
    if (!press) return;
    if (blocked) unblockCovering(c, jid);
    else c.ui.blockJid = jid;
}

void blockMenuItem(Ctx& c, const std::string& jid) {
    if (!c.st.blockingSupported) return;
    const bool blocked = model::isBlocked(c.st, jid);
    if (!ImGui::MenuItem(bt(c, blocked ? "unblock" : "block"))) return;
    if (blocked) unblockCovering(c, jid);
    else c.ui.blockJid = jid;
}

void blockRequestButton(Ctx& c, const std::string& jid) {
    if (!c.st.blockingSupported) return;
    const char* label = bt(c, "block");
    ImGui::SameLine();
    const bool press = ImGui::SmallButton(label);
    drawn(c, label);
    if (press) c.ui.blockJid = jid;
}

bool blockedBanner(Ctx& c, const std::string& jid, float height) {
    const std::string entry = coveringEntry(c.st, jid);
    if (entry.empty()) return false;
    const char* text = bt(c, entry == jid ? "banner" : "banner-server");
    const char* unblockLabel = bt(c, "unblock");
    const ImGuiStyle& style = ImGui::GetStyle();
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0.40f, 0.13f, 0.13f, 1.0f));
    ImGui::BeginChild("blocked-banner", ImVec2(0, height), false);
    ImGui::SetCursorPos(ImVec2(style.FramePadding.x * 2.0f, style.FramePadding.y));
    const float buttonW = ImGui::CalcTextSize(unblockLabel).x + style.FramePadding.x * 2.0f;
    const float wrapX = ImGui::GetWindowContentRegionMax().x - buttonW - style.ItemSpacing.x * 2.0f;
    ImGui::PushTextWrapPos(std::max(wrapX, ImGui::GetCursorPosX() + ImGui::GetFontSize() * 6.0f));
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    drawn(c, text);
    if (c.st.blockingSupported) {
        ImGui::SetCursorPos(ImVec2(ImGui::GetWindowContentRegionMax().x - buttonW, style.FramePadding.y));
        const bool press = ImGui::Button(unblockLabel);
        drawn(c, unblockLabel);
        if (press) c.client.unblock(entry);
    }
    ImGui::EndChild();
    ImGui::PopStyleColor();
    return true;
}

void drawBlockedSettings(Ctx& c, bool narrow) {
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::TextUnformatted(bt(c, "title"));
    drawn(c, bt(c, "title"));
    if (!c.st.blockingSupported) {
        // Unknown until the session is online and the server answered; offline says so.
        const bool online = c.st.connection == model::Connection::Online;
        wrappedDisabled(c, online ? bt(c, "unsupported") : noticeText(c.lang(), "offline"));
        return;
    }
    const char* blockLabel = bt(c, "block");
    const ImGuiStyle& style = ImGui::GetStyle();
    const float buttonW = ImGui::CalcTextSize(blockLabel).x + style.FramePadding.x * 2.0f;
    ImGui::SetNextItemWidth(std::max(ImGui::GetContentRegionAvail().x - buttonW - style.ItemSpacing.x, c.px(80)));
    bool ask = inputString("##block-address", c.ui.blockField, ImGuiInputTextFlags_EnterReturnsTrue, bt(c, "address-hint"));
    if (ImGui::IsItemEdited()) c.ui.blockFieldBad = false;
    ImGui::SameLine();
    ask |= ImGui::Button(blockLabel);
    drawn(c, blockLabel);
    if (ask && !util::trim(c.ui.blockField).empty()) {
        const std::string typed(util::trim(c.ui.blockField));
        c.ui.blockFieldBad = !jid::Jid::parse(typed);
        if (!c.ui.blockFieldBad) c.ui.blockJid = typed;
    }
    if (c.ui.blockFieldBad) wrappedDisabled(c, noticeText(c.lang(), "bad-jid"));
    // The roster pane says these beside settings; alone on a narrow screen, settings say them.
    for (const char* code : {"blocked", "unblocked", "blocking-error", "offline"}) {
        if (narrow && c.st.notice == code) wrappedDisabled(c, noticeText(c.lang(), code));
    }
    blockedList(c);
}

void drawBlockDialog(Ctx& c) {
    if (!c.ui.blockJid.empty() && !ImGui::IsPopupOpen("block-address")) ImGui::OpenPopup("block-address");
    ImGui::SetNextWindowSize(ImVec2(std::min(c.px(420), ImGui::GetMainViewport()->Size.x - c.px(16)), 0));
    if (!ImGui::BeginPopupModal("block-address", nullptr, ImGuiWindowFlags_NoTitleBar)) return;
    ImGui::TextUnformatted(bt(c, "confirm"));
    drawn(c, bt(c, "confirm"));
    noteGlyphs(c, c.ui.blockJid);
    textWrapped(c, c.ui.blockJid);
    ImGui::Spacing();
    wrappedDisabled(c, bt(c, "confirm-detail"));
    ImGui::Spacing();
    const char* blockLabel = bt(c, "block");
    const bool confirm = ImGui::Button(blockLabel);
    drawn(c, blockLabel);
    ImGui::SameLine();
    const bool cancel = ImGui::Button(c.t(S::Cancel));
    drawn(c, c.t(S::Cancel));
    if (confirm) {
        if (c.client.block(c.ui.blockJid) && util::trim(c.ui.blockField) == c.ui.blockJid) c.ui.blockField.clear();
    }
    if (confirm || cancel || c.ui.blockJid.empty()) {
        c.ui.blockJid.clear();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

}  // namespace starling::ui
