#include <algorithm>
#include <cfloat>
#include <ctime>

#include <imgui.h>
#include <imgui_internal.h>

#include <cstdio>
#include <cstring>

#include "core/crypto/hash.h"
#include "ui/views.h"

namespace starling::ui {
namespace {

// ImGui writes into a char buffer; grow the std::string behind it on demand (like misc/cpp/imgui_stdlib).
int resizeCallback(ImGuiInputTextCallbackData* data) {
    if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
        auto* str = static_cast<std::string*>(data->UserData);
        str->resize(static_cast<std::size_t>(data->BufTextLen));
        data->Buf = str->data();
    }
    return 0;
}

// Decodes one UTF-8 sequence at s[i]; advances i. Invalid bytes decode as U+FFFD.
char32_t nextCodepoint(std::string_view s, std::size_t& i) {
    auto b = static_cast<unsigned char>(s[i]);
    int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + static_cast<std::size_t>(len) > s.size()) {
        ++i;
        return 0xFFFD;
    }
    char32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += static_cast<std::size_t>(len);
    return cp;
}

}  // namespace

bool inputString(const char* label, std::string& value, int flags, const char* hint) {
    flags |= ImGuiInputTextFlags_CallbackResize;
    if (hint != nullptr) {
        return ImGui::InputTextWithHint(label, hint, value.data(), value.capacity() + 1, flags, resizeCallback,
                                        &value);
    }
    return ImGui::InputText(label, value.data(), value.capacity() + 1, flags, resizeCallback, &value);
}

bool inputMultiline(const char* label, std::string& value, float width, float height, int flags) {
    flags |= ImGuiInputTextFlags_CallbackResize;
    return ImGui::InputTextMultiline(label, value.data(), value.capacity() + 1, ImVec2(width, height), flags,
                                     resizeCallback, &value);
}

void noteGlyphs(const Ctx& c, std::string_view text) {
    if (!c.hooks.missingGlyph) return;
    ImFont* font = ImGui::GetFont();
    for (std::size_t i = 0; i < text.size();) {
        if (static_cast<unsigned char>(text[i]) < 0xC0) {  // ASCII or a stray continuation byte: fast path
            ++i;
            continue;
        }
        const char32_t cp = nextCodepoint(text, i);
        if (cp < 0xA0) continue;  // C1 controls: nothing to draw
        if (font->FindGlyphNoFallback(static_cast<ImWchar>(cp)) == nullptr) c.hooks.missingGlyph(cp);
    }
}

constexpr char kEllipsis[] = "\xE2\x80\xA6";  // U+2026

std::string_view utf8Prefix(std::string_view text, std::size_t maxBytes) {
    if (text.size() <= maxBytes) return text;
    std::size_t end = maxBytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    return text.substr(0, end);
}

void textWrapped(Ctx& c, std::string_view text, std::size_t maxBytes) {
    std::string_view shown = utf8Prefix(text, maxBytes);
    c.report.textBytes += shown.size();
    noteGlyphs(c, shown);
    ImGui::PushTextWrapPos(0.0f);
    if (shown.size() == text.size()) {
        ImGui::TextUnformatted(shown.data(), shown.data() + shown.size());
    } else {
        std::string cut(shown);
        cut += kEllipsis;
        ImGui::TextUnformatted(cut.data(), cut.data() + cut.size());
    }
    ImGui::PopTextWrapPos();
}

void textEllipsis(Ctx& c, std::string_view text, float maxWidth) {
    // Only the first line, and of it only what could ever fit: the layout below never sees the rest.
    std::string_view line = utf8Prefix(text, kLineScanBytes);
    bool cut = line.size() < text.size();
    if (std::size_t nl = line.find('\n'); nl != std::string_view::npos) {
        line = line.substr(0, nl);
        cut = true;
    }
    c.report.textBytes += line.size();
    noteGlyphs(c, line);
    const char* begin = line.data();
    const char* end = begin + line.size();
    ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize();
    if (!cut && font->CalcTextSizeA(size, FLT_MAX, 0.0f, begin, end).x <= maxWidth) {
        ImGui::TextUnformatted(begin, end);
        return;
    }
    // The longest prefix that fits beside the "…" (CalcTextSizeA stops at maxWidth, at a code point).
    const float room = std::max(0.0f, maxWidth - ImGui::CalcTextSize(kEllipsis).x);
    const char* fits = begin;
    font->CalcTextSizeA(size, room, 0.0f, begin, end, &fits);
    std::string shown(begin, fits);
    shown += kEllipsis;
    ImGui::TextUnformatted(shown.data(), shown.data() + shown.size());
}

void wipe(std::string& secret) {
    secret.resize(secret.capacity());  // the whole buffer, not only what is in use now
    crypto::secureZero(secret.data(), secret.size());
    secret.clear();
}

void wipeTextEditState() {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    ImGuiInputTextState& st = g.InputTextState;
    if (!st.TextW.empty()) crypto::secureZero(st.TextW.Data, static_cast<std::size_t>(st.TextW.Size) * sizeof(ImWchar));
    if (!st.TextA.empty()) crypto::secureZero(st.TextA.Data, static_cast<std::size_t>(st.TextA.Size));
    if (!st.InitialTextA.empty()) crypto::secureZero(st.InitialTextA.Data, static_cast<std::size_t>(st.InitialTextA.Size));
    crypto::secureZero(&st.Stb, sizeof st.Stb);  // the undo buffer holds typed characters too
    st.ClearFreeMemory();
    st.CurLenW = st.CurLenA = 0;
    st.ID = 0;
    ImGui::ClearActiveID();
}

void textColored(const ImVec4& color, const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextUnformatted(text);
    ImGui::PopStyleColor();
}

void drawn(Ctx& c, const char* text) {
    if (!ImGui::IsItemVisible()) return;
    ImVec2 min = ImGui::GetItemRectMin();
    ImVec2 max = ImGui::GetItemRectMax();
    float s = c.scale > 0.0f ? c.scale : 1.0f;
    c.report.texts.push_back({text, min.x / s, min.y / s, (max.x - min.x) / s, (max.y - min.y) / s});
}

ImVec4 showColor(model::Show show) {
    using Sh = model::Show;
    switch (show) {
        case Sh::Available:
        case Sh::Chat: return ImVec4(0.30f, 0.78f, 0.40f, 1.0f);
        case Sh::Away:
        case Sh::ExtendedAway: return ImVec4(0.95f, 0.70f, 0.20f, 1.0f);
        case Sh::DoNotDisturb: return ImVec4(0.90f, 0.30f, 0.30f, 1.0f);
        case Sh::Offline: break;
    }
    return ImVec4(0.55f, 0.55f, 0.58f, 1.0f);
}

// A filled circle at the cursor, vertically centred on the current text line; advances like an item.
void presenceDot(model::Show show, float radius, float lineHeight) {
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float line = lineHeight > 0.0f ? lineHeight : ImGui::GetTextLineHeight();
    ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(pos.x + radius, pos.y + line * 0.5f), radius,
                                                ImGui::GetColorU32(showColor(show)), 16);
    ImGui::Dummy(ImVec2(radius * 2.0f, line));
}

std::string displayName(const model::State& st, const std::string& bareJid) {
    // A private chat with a room's occupant (room@service/nick): the nick.
    if (const std::size_t slash = bareJid.find('/'); slash != std::string::npos) return bareJid.substr(slash + 1);
    for (const auto& item : st.roster) {
        if (item.jid == bareJid && !item.name.empty()) return item.name;
    }
    // The name they gave themselves (XEP-0172), where we gave them none.
    if (auto nick = st.nicknames.find(bareJid); nick != st.nicknames.end()) return nick->second;
    return bareJid;
}

std::string formatTime(std::int64_t epochMs) {
    if (epochMs <= 0) return {};
    std::time_t secs = static_cast<std::time_t>(epochMs / 1000);
    std::tm local{};
    if (localtime_r(&secs, &local) == nullptr) return {};
    std::time_t nowSecs = std::time(nullptr);
    std::tm now{};
    localtime_r(&nowSecs, &now);
    // Formatted here, not with strftime: Emscripten's strftime is JavaScript with a dozen regular
    // expressions per call, and every visible row asks for its time in every frame.
    char buf[40];
    if (local.tm_year == now.tm_year && local.tm_yday == now.tm_yday) {
        std::snprintf(buf, sizeof buf, "%02d:%02d", local.tm_hour, local.tm_min);
    } else {
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d", local.tm_year + 1900, local.tm_mon + 1, local.tm_mday,
                      local.tm_hour, local.tm_min);
    }
    return buf;
}

std::string bareOf(const std::string& jid) {
    auto slash = jid.find('/');
    return slash == std::string::npos ? jid : jid.substr(0, slash);
}

}  // namespace starling::ui
