// Creating an account (issue 17): the servers of config.json to pick from (or one typed), the check,
// the server's own form drawn as it came (legacy XEP-0077 fields or a XEP-0004 data form, a XEP-0158
// CAPTCHA picture through the media host), its problems in words, and the way back. Server text is data:
// drawn with TextUnformatted/textWrapped, never a format or an ImGui ID (fields are PushID'd by index).
#include <algorithm>
#include <cstdio>

#include <imgui.h>

#include "core/site_config.h"
#include "ui/media_host.h"
#include "ui/views.h"

namespace starling::ui {
namespace {

using model::SignupStep;
using Answers = std::map<std::string, std::vector<std::string>>;

constexpr int kPictureSide = 360;  // decode size of a CAPTCHA picture (pixels)

const char* st(Ctx& c, const char* key) { return signupText(c.lang(), key); }

// Our text with one received %s argument, bounded.
std::string format(const char* fmt, std::string_view arg) {
    char buf[512];
    const std::string a(utf8Prefix(arg, 200));
    std::snprintf(buf, sizeof buf, fmt, a.c_str());
    return buf;
}

void problemLine(Ctx& c) {
    const model::Signup& s = c.st.signup;
    if (s.problem.empty()) return;
    const char* text = signupText(c.lang(), s.problem);
    if (*text == '\0') text = problemText(c.lang(), s.problem);
    const std::string shown = s.problem == "missing-field" ? format(text, s.detail) : std::string(text);
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.45f, 0.45f, 1.0f));
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(shown.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    drawn(c, text);
    if (!s.detail.empty() && s.problem != "missing-field") {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        textWrapped(c, s.detail, 512);  // the server's words
        ImGui::PopStyleColor();
    }
}

// The picker: one wide button per configured server (its domain and note), then "Another server…".
void drawPicker(Ctx& c) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(st(c, "pick"));
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    const auto& servers = c.client.config().servers;
    const ImGuiStyle& style = ImGui::GetStyle();
    const float width = ImGui::GetContentRegionAvail().x;
    const std::string lang = langTag(c.lang());
    for (std::size_t i = 0; i < servers.size(); ++i) {
        const ServerChoice& server = servers[i];
        const std::string& note = serverNote(server, lang);
        const float wrap = width - style.FramePadding.x * 2.0f;
        const float noteH = note.empty() ? 0.0f : ImGui::CalcTextSize(note.c_str(), nullptr, false, wrap).y;
        const float h = ImGui::GetTextLineHeight() + noteH + style.FramePadding.y * 2.0f + (note.empty() ? 0.0f : 2.0f);
        ImGui::PushID(static_cast<int>(i));
        const bool pick = ImGui::Button("##server", ImVec2(width, h));
        const ImVec2 min = ImGui::GetItemRectMin();
        drawn(c, server.domain.c_str());
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImVec2 at(min.x + style.FramePadding.x, min.y + style.FramePadding.y);
        dl->AddText(at, ImGui::GetColorU32(ImGuiCol_Text), server.domain.c_str());
        if (!note.empty())
            dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(at.x, at.y + ImGui::GetTextLineHeight() + 2.0f),
                        ImGui::GetColorU32(ImGuiCol_TextDisabled), note.c_str(), nullptr, wrap);
        ImGui::PopID();
        if (pick) c.client.signupCheck(server.domain, server.websocket);
    }
    ImGui::Spacing();
    if (!c.ui.signup.typing && !servers.empty()) {
        if (ImGui::Button(st(c, "other"))) c.ui.signup.typing = true;
        drawn(c, st(c, "other"));
    } else {
        ImGui::TextUnformatted(st(c, "other"));
        ImGui::PushItemWidth(-1.0f);
        const bool enter = inputString("##other-server", c.ui.signup.otherDomain, ImGuiInputTextFlags_EnterReturnsTrue,
                                       st(c, "other-hint"));
        drawn(c, st(c, "other-hint"));
        ImGui::PopItemWidth();
        if (ImGui::Button(st(c, "continue")) || enter) c.client.signupCheck(c.ui.signup.otherDomain);
        drawn(c, st(c, "continue"));
    }
}

// The field's label: ours for the XEP-0077 names we know (`ours` true), else the server's, else its var.
std::string fieldLabel(Ctx& c, const model::SignupField& f, bool& ours) {
    const char* known = signupText(c.lang(), "field-" + f.var);
    ours = *known != '\0' && (f.label.empty() || c.lang() == Lang::Ru || f.var == "username" || f.var == "password");
    std::string label = ours ? std::string(known) : f.label.empty() ? f.var : f.label;
    if (f.required) label += " *";
    return label;
}

// Resets what the UI keeps when a new form arrives: the server's defaults, but the name typed so far stays.
void syncForm(Ctx& c) {
    SignupUi& u = c.ui.signup;
    const model::Signup& s = c.st.signup;
    if (u.formVersion == s.formVersion) return;
    u.formVersion = s.formVersion;
    std::map<std::string, std::string> kept;
    for (const auto& f : s.fields)
        if (!f.challenge && f.type != "text-private" && u.text.count(f.var)) kept[f.var] = u.text[f.var];
    for (auto& [var, text] : u.text) wipe(text);
    u.text.clear();
    u.multi.clear();
    for (const auto& f : s.fields) {
        std::string v;
        for (std::size_t i = 0; i < f.values.size(); ++i) v += (i ? "\n" : "") + f.values[i];
        u.text[f.var] = kept.count(f.var) ? kept[f.var] : v;
        if (f.type == "list-multi") u.multi[f.var] = f.values;
    }
    u.focus = true;
}

void drawPicture(Ctx& c, const model::SignupField& f) {
    if (!f.pictureError.empty()) {
        ImGui::TextDisabled("%s", st(c, f.pictureError.c_str()));
        return;
    }
    if (f.pictureKey.empty()) return;
    const media::MediaCache::Bytes bytes = c.st.media.find(f.pictureKey);  // drawn: the cache keeps it
    if (!bytes || !c.hooks.media) return;
    const MediaHost::Picture p = c.hooks.media->picture(f.pictureKey, bytes, kPictureSide);
    if (p.texture) {
        const float scale = std::min(1.0f, ImGui::GetContentRegionAvail().x / std::max(1, p.width));
        ImGui::Image(p.texture, ImVec2(p.width * scale, p.height * scale));
        c.report.media.push_back({f.pictureKey, "captcha", p.width * scale / c.scale, p.height * scale / c.scale});
    } else {
        ImGui::TextDisabled("%s", st(c, p.failed ? "picture-failed" : "picture-loading"));
    }
}

// One field; true when Enter was pressed in it.
bool drawField(Ctx& c, const model::SignupField& f, std::size_t index) {
    SignupUi& u = c.ui.signup;
    ImGui::PushID(static_cast<int>(index));
    bool enter = false;
    if (f.type == "fixed") {
        for (const auto& v : f.values) textWrapped(c, v, 1024);
        if (f.values.empty()) textWrapped(c, f.label, 1024);
        ImGui::PopID();
        return false;
    }
    bool ours = false;
    const std::string label = fieldLabel(c, f, ours);
    std::string& text = u.text[f.var];
    if (f.type == "boolean") {
        bool on = text == "1" || text == "true";
        if (ImGui::Checkbox("##bool", &on)) text = on ? "1" : "0";
        ImGui::SameLine();
        textWrapped(c, label, 1024);
    } else {
        textWrapped(c, label, 1024);
        if (!f.desc.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
            textWrapped(c, f.desc, 1024);
            ImGui::PopStyleColor();
        }
        drawPicture(c, f);
        if (!f.link.empty()) {
            ImGui::TextDisabled("%s", st(c, "link"));
            textWrapped(c, f.link, 1024);
        }
        ImGui::PushItemWidth(-1.0f);
        if (f.type == "list-single") {
            const model::SignupOption* chosen = nullptr;
            for (const auto& o : f.options)
                if (o.value == text) chosen = &o;
            const std::string preview(utf8Prefix(chosen ? (chosen->label.empty() ? chosen->value : chosen->label) : text, 200));
            if (ImGui::BeginCombo("##list", preview.c_str())) {
                for (std::size_t i = 0; i < f.options.size(); ++i) {
                    const auto& o = f.options[i];
                    ImGui::PushID(static_cast<int>(i));
                    if (ImGui::Selectable("##option", o.value == text)) text = o.value;
                    ImGui::SameLine(0.0f, 0.0f);
                    ImGui::TextUnformatted(std::string(utf8Prefix(o.label.empty() ? o.value : o.label, 200)).c_str());
                    ImGui::PopID();
                }
                ImGui::EndCombo();
            }
        } else if (f.type == "list-multi") {
            auto& chosen = u.multi[f.var];
            for (std::size_t i = 0; i < f.options.size(); ++i) {
                const auto& o = f.options[i];
                ImGui::PushID(static_cast<int>(i));
                auto at = std::find(chosen.begin(), chosen.end(), o.value);
                bool on = at != chosen.end();
                if (ImGui::Checkbox("##multi", &on)) {
                    if (on) chosen.push_back(o.value);
                    else chosen.erase(at);
                }
                ImGui::SameLine();
                textWrapped(c, o.label.empty() ? o.value : o.label, 200);
                ImGui::PopID();
            }
        } else if (f.type == "text-multi" || f.type == "jid-multi") {
            inputMultiline("##multi-text", text, -1.0f, ImGui::GetTextLineHeight() * 4.0f);
        } else {
            int flags = ImGuiInputTextFlags_EnterReturnsTrue;
            if (f.type == "text-private") flags |= ImGuiInputTextFlags_Password;
            if (u.focus && index == 0) {
                ImGui::SetKeyboardFocusHere();
                u.focus = false;
            }
            enter = inputString("##text", text, flags);
        }
        if (ours) drawn(c, label.c_str());  // the input itself, under our label (the test hook clicks it)
        ImGui::PopItemWidth();
    }
    ImGui::Spacing();
    ImGui::PopID();
    return enter;
}

Answers answersOf(Ctx& c) {
    Answers answers;
    for (const auto& f : c.st.signup.fields) {
        if (f.type == "fixed") continue;
        if (f.type == "list-multi") {
            answers[f.var] = c.ui.signup.multi[f.var];
            continue;
        }
        const std::string& text = c.ui.signup.text[f.var];
        if (f.type == "text-multi" || f.type == "jid-multi") {
            std::vector<std::string> lines;
            std::size_t start = 0;
            while (start <= text.size()) {
                const std::size_t nl = text.find('\n', start);
                lines.push_back(text.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
                if (nl == std::string::npos) break;
                start = nl + 1;
            }
            answers[f.var] = std::move(lines);
        } else {
            answers[f.var] = {text};
        }
    }
    return answers;
}

void submitForm(Ctx& c) {
    Answers answers = answersOf(c);
    c.client.signupSubmit(answers);
    for (auto& [var, values] : answers)
        for (auto& v : values) wipe(v);
    for (const auto& f : c.st.signup.fields)
        if (f.type == "text-private") wipe(c.ui.signup.text[f.var]);
    wipeTextEditState();
}

void drawForm(Ctx& c) {
    const model::Signup& s = c.st.signup;
    syncForm(c);
    const std::string heading = format(st(c, "form-title"), s.domain);
    ImGui::TextUnformatted(heading.c_str());
    if (!s.title.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        textWrapped(c, s.title, 256);
        ImGui::PopStyleColor();
    }
    for (const auto& line : s.instructions) textWrapped(c, line, 1024);
    if (s.captcha) {
        ImGui::TextUnformatted(st(c, "captcha"));
        drawn(c, st(c, "captcha"));
    }
    ImGui::Spacing();
    bool enter = false;
    for (std::size_t i = 0; i < s.fields.size(); ++i) enter |= drawField(c, s.fields[i], i);
    ImGui::TextDisabled("%s", st(c, "required"));
    problemLine(c);
    ImGui::Spacing();
    const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
    const bool create = ImGui::Button(st(c, "create"), ImVec2(half, 0));
    drawn(c, st(c, "create"));
    ImGui::SameLine();
    const bool back = ImGui::Button(st(c, "back"), ImVec2(half, 0));
    drawn(c, st(c, "back"));
    if (create || enter) submitForm(c);
    if (back) c.client.signupCancel();
}

}  // namespace

void drawSignup(Ctx& c) {
    const model::Signup& s = c.st.signup;
    ImGui::TextUnformatted(st(c, "title"));
    drawn(c, st(c, "title"));
    if (s.invited && !s.domain.empty()) {
        const std::string line = s.inviter.empty() ? format(st(c, "invited"), s.domain) : format(st(c, "invited-by"), s.inviter);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(line.c_str());
        ImGui::PopTextWrapPos();
    }
    ImGui::Separator();
    ImGui::Spacing();
    switch (s.step) {
        case SignupStep::Idle:
        case SignupStep::Done:
            drawPicker(c);
            ImGui::Spacing();
            if (ImGui::Button(st(c, "back"))) c.ui.signup = {};
            drawn(c, st(c, "back"));
            break;
        case SignupStep::Checking:
        case SignupStep::Submitting: {
            const std::string line = s.step == SignupStep::Checking ? format(st(c, "checking"), s.domain) : st(c, "submitting");
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextUnformatted(line.c_str());
            ImGui::PopTextWrapPos();
            drawn(c, s.step == SignupStep::Checking ? st(c, "checking") : st(c, "submitting"));
            problemLine(c);
            if (ImGui::Button(st(c, "cancel"))) c.client.signupCancel();
            drawn(c, st(c, "cancel"));
            break;
        }
        case SignupStep::Form:
            drawForm(c);
            break;
        case SignupStep::Failed:
            problemLine(c);
            if (!s.webUrl.empty()) {
                ImGui::TextDisabled("%s", st(c, "web-page"));
                textWrapped(c, s.webUrl, 512);
                if (c.hooks.openUrl && (s.webUrl.rfind("https://", 0) == 0 || s.webUrl.rfind("http://", 0) == 0) &&
                    ImGui::Button(st(c, "open")))
                    c.hooks.openUrl(s.webUrl);
            }
            ImGui::Spacing();
            if (ImGui::Button(st(c, "another"))) c.client.signupCancel();
            drawn(c, st(c, "another"));
            if (!s.domain.empty()) {
                ImGui::SameLine();
                if (ImGui::Button(st(c, "retry"))) c.client.signupCheck(s.domain);
                drawn(c, st(c, "retry"));
            }
            break;
    }
}

}  // namespace starling::ui
