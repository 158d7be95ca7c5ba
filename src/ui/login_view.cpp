// The login / registration form.
#include <algorithm>

#include <imgui.h>

#include "ui/views.h"

namespace starling::ui {
namespace {

void languageSwitch(Ctx& c) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(c.t(S::Language));
    drawn(c, c.t(S::Language));
    ImGui::SameLine();
    if (ImGui::RadioButton("English", c.ui.lang == Lang::En)) c.ui.lang = Lang::En;
    drawn(c, "English");
    ImGui::SameLine();
    if (ImGui::RadioButton("Русский", c.ui.lang == Lang::Ru)) c.ui.lang = Lang::Ru;
    drawn(c, "Русский");
}

void submit(Ctx& c, bool registerAccount) {
    LoginRequest req;
    req.jid = c.ui.loginJid;
    req.password = c.ui.loginPassword;
    req.websocketUrl = c.ui.loginWebsocket;
    req.remember = c.ui.loginRemember;
    req.allowPlain = c.ui.loginAllowPlain;
    req.registerAccount = registerAccount;
    c.ui.loginSubmitted = true;
    c.client.login(req);
    // The core keeps what it needs; neither the form, the request nor ImGui's edit buffer keep it.
    wipe(req.password);
    wipe(c.ui.loginPassword);
    wipeTextEditState();
}

bool busy(const model::State& st) {
    using C = model::Connection;
    return st.connection == C::Discovering || st.connection == C::Connecting ||
           st.connection == C::Authenticating;
}

}  // namespace

void drawLogin(Ctx& c) {
    if (!c.ui.prefilled) {
        c.ui.prefilled = true;
        if (c.ui.loginJid.empty() && !c.st.ownJid.empty()) c.ui.loginJid = bareOf(c.st.ownJid);
    }
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    float width = std::min(c.px(440.0f), vp->Size.x - c.px(16.0f));
    float x = (ImGui::GetContentRegionAvail().x - width) * 0.5f;
    if (x > 0) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + x);
    float top = std::max(0.0f, (vp->Size.y - c.px(520.0f)) * 0.3f);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + top);

    ImGui::BeginChild("login", ImVec2(width, 0), false);
    c.report.loginScreen = true;
    ImGui::SetWindowFontScale(1.4f);
    ImGui::TextUnformatted(c.t(S::AppName));
    ImGui::SetWindowFontScale(1.0f);
    drawn(c, c.t(S::AppName));
    ImGui::TextDisabled("%s", c.t(S::Tagline));
    ImGui::Spacing();

    if (c.ui.signup.open || c.st.signup.step != model::SignupStep::Idle) {
        c.ui.signup.open = true;
        drawSignup(c);
        ImGui::Spacing();
        ImGui::Separator();
        languageSwitch(c);
        ImGui::EndChild();
        return;
    }
    bool isBusy = busy(c.st);
    ImGui::PushItemWidth(-1.0f);
    ImGui::TextUnformatted(c.t(S::Address));
    drawn(c, c.t(S::Address));
    bool enter = inputString("##jid", c.ui.loginJid, ImGuiInputTextFlags_EnterReturnsTrue, c.t(S::AddressHint));
    ImGui::TextUnformatted(c.t(S::Password));
    drawn(c, c.t(S::Password));
    enter |= inputString("##password", c.ui.loginPassword,
                         ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::Checkbox(c.t(S::RememberMe), &c.ui.loginRemember);
    drawn(c, c.t(S::RememberMe));
    if (ImGui::CollapsingHeader(c.t(S::Advanced))) {
        ImGui::TextUnformatted(c.t(S::WebSocketUrl));
        inputString("##websocket", c.ui.loginWebsocket, 0, "wss://example.org/xmpp-websocket");
        ImGui::TextDisabled("%s", c.t(S::WebSocketHint));
        ImGui::Checkbox(c.t(S::AllowPlain), &c.ui.loginAllowPlain);
        ImGui::TextDisabled("%s", c.t(S::AllowPlainHint));
    }
    ImGui::PopItemWidth();
    ImGui::Spacing();

    float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
    ImGui::BeginDisabled(isBusy);
    bool login = ImGui::Button(c.t(S::LogIn), ImVec2(half, 0)) || (enter && !isBusy);
    drawn(c, c.t(S::LogIn));
    ImGui::SameLine();
    bool create = ImGui::Button(c.t(S::CreateAccount), ImVec2(half, 0));
    drawn(c, c.t(S::CreateAccount));
    ImGui::EndDisabled();
    if (login && !isBusy) submit(c, false);
    if (create && !isBusy) c.ui.signup.open = true;  // the server picker (signup_view.cpp)

    ImGui::Spacing();
    if (isBusy) {
        ImGui::TextUnformatted(connectionText(c.lang(), c.st.connection));
        drawn(c, connectionText(c.lang(), c.st.connection));
    } else if (!c.st.loginProblem.code.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.45f, 0.45f, 1.0f));
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(problemText(c.lang(), c.st.loginProblem.code));
        drawn(c, problemText(c.lang(), c.st.loginProblem.code));
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        if (!c.st.loginProblem.detail.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
            textWrapped(c, c.st.loginProblem.detail, 512);  // server text: data, never a format; bounded
            ImGui::PopStyleColor();
        }
    }
    ImGui::Spacing();
    ImGui::Separator();
    languageSwitch(c);
    ImGui::EndChild();
}

}  // namespace starling::ui
