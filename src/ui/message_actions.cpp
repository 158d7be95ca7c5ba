// Message actions in the open chat (message_actions.h). Received text (bodies, emoji, names) is only ever
// drawn with TextUnformatted or the draw list, never as a format or a widget label/ID.
#include "ui/message_actions.h"

#include <algorithm>
#include <cstdio>

#include <imgui.h>

#include "ui/views.h"

namespace starling::ui {
namespace {

constexpr const char* kQuickEmoji[] = {"👍", "❤️", "😂", "😮", "😢", "🙏", "🎉", "👎"};
constexpr std::size_t kRecentMax = 8;
constexpr std::size_t kChipsMax = 12;  // chips drawn per message (the rest as "+N")
const ImVec4 kQuoteColor(0.60f, 0.70f, 0.85f, 1.0f);

const model::Conversation* conversation(const Ctx& c, const std::string& jid) {
    auto it = c.st.conversations.find(jid);
    return it == c.st.conversations.end() ? nullptr : &it->second;
}

const model::Message* findIn(const model::Conversation& conv, const std::string& id) {
    for (auto it = conv.messages.rbegin(); it != conv.messages.rend(); ++it)
        if (it->id == id || (!it->originId.empty() && it->originId == id) || (!it->stanzaId.empty() && it->stanzaId == id))
            return &*it;
    return nullptr;
}

std::string firstLine(std::string_view text) {
    const std::size_t nl = text.find('\n');
    return std::string(utf8Prefix(text.substr(0, nl), kLineScanBytes / 8));
}

// Our own set of reactions to `m` after toggling `emoji`.
std::vector<std::string> toggled(const Ctx& c, const std::string& jid, const model::Message& m, const std::string& emoji) {
    auto room = c.st.rooms.find(jid);
    const std::string me = room != c.st.rooms.end() ? jid + "/" + room->second.nick : bareOf(c.st.ownJid);
    std::vector<std::string> mine;
    bool had = false;
    for (const auto& [e, who] : m.reactions)
        if (who.count(me)) {
            if (e == emoji) had = true;
            else mine.push_back(e);
        }
    if (!had) mine.push_back(emoji);
    return mine;
}

void react(Ctx& c, const std::string& jid, const model::Message& m, const std::string& emoji) {
    auto& recent = c.ui.actions.recent;
    recent.erase(std::remove(recent.begin(), recent.end(), emoji), recent.end());
    recent.insert(recent.begin(), emoji);
    if (recent.size() > kRecentMax) recent.resize(kRecentMax);
    c.client.react(jid, m.id, toggled(c, jid, m, emoji));
}

// A rounded button showing `text` (received text may be in it: drawn, never a label or an ID).
bool textButton(Ctx& c, const std::string& text, bool* hoveredOut = nullptr) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const ImVec2 size(ImGui::CalcTextSize(text.c_str()).x + style.FramePadding.x * 2, ImGui::GetFrameHeight());
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const bool click = ImGui::InvisibleButton("##text-button", size);
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(at, ImVec2(at.x + size.x, at.y + size.y),
                      ImGui::GetColorU32(hovered ? ImGuiCol_ButtonHovered : ImGuiCol_FrameBg), size.y * 0.5f);
    dl->AddText(ImVec2(at.x + style.FramePadding.x, at.y + style.FramePadding.y), ImGui::GetColorU32(ImGuiCol_Text),
                text.c_str());
    c.report.textBytes += text.size();
    if (hoveredOut) *hoveredOut = hovered;
    return click;
}

float textButtonWidth(const std::string& text) {
    return ImGui::CalcTextSize(text.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
}

void picker(Ctx& c, const std::string& jid, const model::Message& m) {
    if (!ImGui::BeginPopup("react-picker")) return;
    std::vector<std::string> choices = c.ui.actions.recent;
    for (const char* e : kQuickEmoji)
        if (std::find(choices.begin(), choices.end(), e) == choices.end()) choices.emplace_back(e);
    int i = 0;
    for (const auto& e : choices) {
        noteGlyphs(c, e);
        ImGui::PushID(i);
        if (i % 8 != 0) ImGui::SameLine();
        if (textButton(c, e)) {
            react(c, jid, m, e);
            ImGui::CloseCurrentPopup();
        }
        ImGui::PopID();
        ++i;
    }
    ImGui::EndPopup();
}

}  // namespace

bool hasActions(const model::Message& m) {
    return m.edited || m.retracted || !m.reactions.empty() || !m.replyTo.empty();
}

std::string actionsKey(const model::Message& m) {
    if (!hasActions(m)) return {};
    std::string key = "~";
    key += m.retracted ? 'D' : '-';
    key += m.replyTo.empty() ? '-' : 'R';
    key += m.reactions.empty() ? '-' : 'X';
    if (m.edited) key += std::to_string(std::hash<std::string>{}(m.body));
    return key;
}

std::string_view shownBody(Ctx& c, const model::Message& m) {
    if (m.retracted) return actionsText(c.lang(), "deleted");
    // A shared file's body is its URL, and an encrypted one's carries the key: never shown in a line.
    if (m.attachment) {
        switch (m.attachment->kind) {
            case model::AttachmentKind::Image: return mediaText(c.lang(), "preview-picture");
            case model::AttachmentKind::Audio: return mediaText(c.lang(), "preview-audio");
            default: return mediaText(c.lang(), "preview-file");
        }
    }
    return m.body;
}

float actionsExtraHeight(Ctx& c, const std::string& /*jid*/, const model::Message& m, float /*width*/) {
    const float line = ImGui::GetTextLineHeightWithSpacing();
    float h = 0;
    if (!m.replyTo.empty() && !m.retracted) h += line;
    if (!m.reactions.empty() && !m.retracted) h += ImGui::GetFrameHeightWithSpacing();
    (void)c;
    return h;
}

void headerActions(Ctx& c, const std::string& jid, const model::Message& m) {
    if (m.edited && !m.retracted) {
        ImGui::SameLine();
        const char* edited = actionsText(c.lang(), "edited");
        ImGui::TextDisabled("%s", edited);
        drawn(c, edited);
        if (ImGui::IsItemHovered() && !m.originalBody.empty()) {
            ImGui::BeginTooltip();
            ImGui::TextUnformatted(actionsText(c.lang(), "original"));
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
            const std::string_view orig = utf8Prefix(m.originalBody, kLineScanBytes);
            ImGui::TextUnformatted(orig.data(), orig.data() + orig.size());
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
        }
    }
    const bool hovered = c.ui.actions.hoverChat == jid && c.ui.actions.hoverId == m.id;
    const bool picking = c.ui.actions.pickerChat == jid && c.ui.actions.pickerId == m.id;
    if (m.retracted || (!hovered && !picking)) return;
    const bool ours = m.direction == model::Direction::Outgoing;
    ImGui::SameLine();
    if (ImGui::SmallButton(actionsText(c.lang(), "reply"))) {
        c.ui.actions.replyChat = jid;
        c.ui.actions.replyId = m.id;
        c.ui.actions.editChat.clear();
        c.ui.focusComposer = true;
    }
    drawn(c, actionsText(c.lang(), "reply"));
    if (ours) {
        ImGui::SameLine();
        if (ImGui::SmallButton(actionsText(c.lang(), "edit"))) {
            c.ui.actions.editChat = jid;
            c.ui.actions.editId = m.id;
            c.ui.actions.replyChat.clear();
            c.ui.drafts[jid] = m.body;
            c.ui.focusComposer = true;
        }
        drawn(c, actionsText(c.lang(), "edit"));
        ImGui::SameLine();
        if (ImGui::SmallButton(actionsText(c.lang(), "delete"))) c.client.retract(jid, m.id);
        drawn(c, actionsText(c.lang(), "delete"));
    }
    ImGui::SameLine();
    if (ImGui::SmallButton(actionsText(c.lang(), "react"))) {
        c.ui.actions.pickerChat = jid;
        c.ui.actions.pickerId = m.id;
        ImGui::OpenPopup("react-picker");
    }
    drawn(c, actionsText(c.lang(), "react"));
    ImGui::SameLine();
    if (ImGui::SmallButton(actionsText(c.lang(), "copy"))) ImGui::SetClipboardText(m.body.c_str());
    drawn(c, actionsText(c.lang(), "copy"));
    if (picking) picker(c, jid, m);
    if (picking && !ImGui::IsPopupOpen("react-picker")) c.ui.actions.pickerChat.clear();
}

void replyQuote(Ctx& c, const std::string& jid, const model::Message& m) {
    if (m.replyTo.empty() || m.retracted) return;
    const model::Conversation* conv = conversation(c, jid);
    const model::Message* target = conv ? findIn(*conv, m.replyTo) : nullptr;
    ImGui::PushStyleColor(ImGuiCol_Text, kQuoteColor);
    // The message as we have it, never the quote the sender put in front of his text.
    std::string line = "\xE2\x94\x83 ";  // ┃
    if (!target) line += actionsText(c.lang(), "quote-missing");
    else if (target->retracted) line += actionsText(c.lang(), "deleted");
    else line += firstLine(target->body);
    noteGlyphs(c, line);
    textEllipsis(c, line, ImGui::GetContentRegionAvail().x);
    ImGui::PopStyleColor();
}

void reactionChips(Ctx& c, const std::string& jid, const model::Message& m) {
    if (m.reactions.empty() || m.retracted) return;
    std::size_t i = 0;
    const ImGuiStyle& style = ImGui::GetStyle();
    float x = 0;
    const float avail = ImGui::GetContentRegionAvail().x;
    for (const auto& [emoji, who] : m.reactions) {
        char count[16];
        std::snprintf(count, sizeof count, " %zu", who.size());
        const std::string text = emoji + count;
        const float w = textButtonWidth(text);
        if (i >= kChipsMax || (i > 0 && x + w > avail)) {
            ImGui::SameLine();
            ImGui::TextDisabled("+%zu", m.reactions.size() - i);
            break;
        }
        if (i > 0) ImGui::SameLine();
        noteGlyphs(c, emoji);
        ImGui::PushID(static_cast<int>(i));
        bool hovered = false;
        const bool click = textButton(c, text, &hovered);
        if (hovered) {
            ImGui::BeginTooltip();
            ImGui::TextUnformatted(actionsText(c.lang(), "reacted"));
            std::size_t shown = 0;
            for (const auto& who1 : who) {
                if (++shown > 20) {
                    ImGui::TextUnformatted("\xE2\x80\xA6");
                    break;
                }
                const std::string name = displayName(c.st, who1);
                textEllipsis(c, name, ImGui::GetFontSize() * 20.0f);
            }
            ImGui::EndTooltip();
        }
        if (click) react(c, jid, m, emoji);
        ImGui::PopID();
        x += w + style.ItemSpacing.x;
        ++i;
    }
}

void noteRowHover(Ctx& c, const std::string& jid, const model::Message& m, float top) {
    const ImVec2 end = ImGui::GetCursorScreenPos();
    const ImVec2 from(ImGui::GetWindowPos().x, top);
    const ImVec2 to(ImGui::GetWindowPos().x + ImGui::GetWindowWidth(), end.y);
    if (ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) && ImGui::IsMouseHoveringRect(from, to, false)) {
        if (c.ui.actions.hoverChat != jid || c.ui.actions.hoverId != m.id) {
            c.ui.actions.hoverChat = jid;
            c.ui.actions.hoverId = m.id;
        }
    }
}

float composerBarHeight(const Ctx& c, const std::string& jid) {
    const bool bar = (c.ui.actions.replyChat == jid && !c.ui.actions.replyId.empty()) ||
                     (c.ui.actions.editChat == jid && !c.ui.actions.editId.empty());
    return bar ? ImGui::GetFrameHeightWithSpacing() : 0.0f;
}

void composerBar(Ctx& c, const std::string& jid) {
    auto& a = c.ui.actions;
    const bool replying = a.replyChat == jid && !a.replyId.empty();
    const bool editing = a.editChat == jid && !a.editId.empty();
    if (!replying && !editing) return;
    if (ImGui::SmallButton(actionsText(c.lang(), "cancel"))) {
        if (editing) c.ui.drafts[jid].clear();
        a.replyChat.clear();
        a.editChat.clear();
        return;
    }
    drawn(c, actionsText(c.lang(), "cancel"));
    ImGui::SameLine();
    const char* label = actionsText(c.lang(), replying ? "replying" : "editing");
    ImGui::TextDisabled("%s", label);
    drawn(c, label);
    if (replying) {
        ImGui::SameLine();
        const model::Conversation* conv = conversation(c, jid);
        const model::Message* target = conv ? findIn(*conv, a.replyId) : nullptr;
        ImGui::PushStyleColor(ImGuiCol_Text, kQuoteColor);
        const std::string line = target ? firstLine(shownBody(c, *target)) : actionsText(c.lang(), "quote-missing");
        noteGlyphs(c, line);
        textEllipsis(c, line, ImGui::GetContentRegionAvail().x);
        ImGui::PopStyleColor();
    }
}

bool editLastOnUp(Ctx& c, const std::string& jid, std::string& draft, bool composerActive) {
    if (!composerActive || !draft.empty() || !ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow))) return false;
    const model::Conversation* conv = conversation(c, jid);
    if (!conv) return false;
    for (auto it = conv->messages.rbegin(); it != conv->messages.rend(); ++it) {
        if (it->direction != model::Direction::Outgoing || it->retracted) continue;
        c.ui.actions.editChat = jid;
        c.ui.actions.editId = it->id;
        c.ui.actions.replyChat.clear();
        draft = it->body;
        return true;
    }
    return false;
}

bool sendAction(Ctx& c, const std::string& jid, const std::string& text) {
    auto& a = c.ui.actions;
    if (a.editChat == jid && !a.editId.empty()) {
        const std::string id = a.editId;
        a.editChat.clear();
        a.editId.clear();
        c.client.correct(jid, id, text);
        return true;
    }
    if (a.replyChat == jid && !a.replyId.empty()) {
        const std::string id = a.replyId;
        a.replyChat.clear();
        a.replyId.clear();
        if (!c.client.reply(jid, id, text)) c.client.sendMessage(jid, text);
        return true;
    }
    return false;
}

}  // namespace starling::ui
