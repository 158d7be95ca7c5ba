#include "ui/app.h"

#include <imgui.h>

#include "ui/blocking_view.h"
#include "ui/room_view.h"
#include "ui/views.h"

namespace starling::ui {
namespace {

constexpr float kWideMinCss = 720.0f;    // below this (CSS px) one pane at a time
constexpr float kRosterWidthCss = 300.0f;
constexpr int kKeyF = 'F';  // key indices are the hosts' (DOM keyCode: 'A'..'Z' for letters)
constexpr int kKeyK = 'K';

bool loggedInScreen(const model::State& st) {
    using C = model::Connection;
    // The logged-in screen stays while reconnecting so the person keeps history and drafts in view.
    return st.connection == C::Online || st.connection == C::Reconnecting ||
           (st.remembered && !st.ownJid.empty() &&
            (st.connection == C::Discovering || st.connection == C::Connecting ||
             st.connection == C::Authenticating));
}

// What is wrong and what to do, in the person's language; below it the browser's or core's own words.
void storageBanner(Ctx& c) {
    if (c.st.storageError.empty() || c.st.storageError == c.ui.dismissedStorageError) return;
    const ImGuiStyle& style = ImGui::GetStyle();
    const char* text = c.t(S::StorageError);
    const float dismissW = ImGui::CalcTextSize(c.t(S::Dismiss)).x + style.FramePadding.x * 2.0f + style.ItemSpacing.x;
    const float textH = ImGui::CalcTextSize(text, nullptr, false, ImGui::GetContentRegionAvail().x - dismissW).y;
    const float h = textH + style.ItemSpacing.y + ImGui::GetTextLineHeightWithSpacing() + style.WindowPadding.y * 2.0f;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0.45f, 0.12f, 0.12f, 1.0f));
    ImGui::BeginChild("storage-banner", ImVec2(0, h), false, ImGuiWindowFlags_NoScrollbar);
    if (ImGui::SmallButton(c.t(S::Dismiss))) c.ui.dismissedStorageError = c.st.storageError;
    ImGui::SameLine();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    drawn(c, text);
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.85f, 0.75f, 0.75f, 1.0f));
    textEllipsis(c, c.st.storageError, ImGui::GetContentRegionAvail().x);
    ImGui::PopStyleColor();
    drawn(c, c.st.storageError.c_str());
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

}  // namespace

App::App(Client& client, Lang lang, AppHooks hooks)
    : m_client(client), m_hooks(std::move(hooks)), m_ui(std::make_unique<UiState>()) {
    m_ui->lang = lang;
}

App::~App() = default;

Lang App::language() const { return m_ui->lang; }

void App::setLanguage(Lang lang) {
    if (m_ui->lang == lang) return;
    m_ui->lang = lang;
    if (m_hooks.languageChanged) m_hooks.languageChanged(lang);
}

void App::draw(float scale, DrawReport& report) {
    const model::State& st = m_client.state();
    Ctx c{m_client, st, *m_ui, m_hooks, report, scale};
    Lang before = m_ui->lang;

    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->Pos);
    ImGui::SetNextWindowSize(vp->Size);
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                             ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
    ImGui::Begin("starling-main", nullptr, flags);
    ImGui::PopStyleVar();
    storageBanner(c);

    if (!loggedInScreen(st)) {
        m_ui->settingsOpen = false;
        m_ui->pane = Pane::Roster;
        drawLogin(c);
    } else {
        m_ui->loginSubmitted = false;
        if (m_ui->signup.open) m_ui->signup = {};  // the account was created: a later logout shows the login form
        report.loggedInScreen = true;
        bool narrow = vp->Size.x / scale < kWideMinCss;
        // Ctrl+F / Ctrl+K: to the search field (in the narrow layout on the contacts pane).
        const ImGuiIO& io = ImGui::GetIO();
        if (io.KeyCtrl && !io.KeyAlt && (ImGui::IsKeyPressed(kKeyF, false) || ImGui::IsKeyPressed(kKeyK, false))) {
            m_ui->focusSearch = true;
            if (narrow) m_ui->pane = Pane::Roster;
        }
        if (narrow) {
            if (m_ui->pane == Pane::Chat && st.openChat.empty()) m_ui->pane = Pane::Roster;
            if (m_ui->pane == Pane::Settings) {
                drawSettings(c, true);
            } else if (m_ui->pane == Pane::Chat) {
                drawChat(c, true);
            } else {
                drawRoster(c, true);
            }
        } else {
            ImGui::BeginChild("roster-pane", ImVec2(c.px(kRosterWidthCss), 0), true);
            drawRoster(c, false);
            ImGui::EndChild();
            ImGui::SameLine();
            ImGui::BeginChild("right-pane", ImVec2(0, 0), true);
            if (m_ui->settingsOpen) {
                drawSettings(c, false);
            } else {
                drawChat(c, false);
            }
            ImGui::EndChild();
        }
        drawContactDialogs(c);
        drawBlockDialog(c);
        drawRoomDialogs(c);
    }
    ImGui::End();
    if (loggedInScreen(st)) {
        drawMediaViewer(c);
        drawCall(c);  // over the app and the viewer (call_view.cpp)
    } else {
        m_ui->viewer = ViewerUi{};
    }
    if (m_ui->lang != before && m_hooks.languageChanged) m_hooks.languageChanged(m_ui->lang);
}

void App::submitLogin(const std::string& websocketUrl, const std::string& jid, const std::string& password,
                      bool registerAccount) {
    m_ui->loginJid = jid;
    m_ui->loginPassword = password;
    m_ui->loginWebsocket = websocketUrl;
    LoginRequest req;
    req.jid = jid;
    req.password = password;
    req.websocketUrl = websocketUrl;
    req.remember = m_ui->loginRemember;
    req.allowPlain = m_ui->loginAllowPlain;
    req.registerAccount = registerAccount;
    m_ui->loginSubmitted = true;
    m_client.login(req);
    wipe(req.password);
    wipe(m_ui->loginPassword);
}

bool App::typing() const { return !m_ui->typingJid.empty(); }

bool App::animating() const {
    return !m_ui->highlightId.empty() && ImGui::GetCurrentContext() != nullptr && ImGui::GetTime() < m_ui->highlightUntil + 0.1;
}

void App::openChat(const std::string& jid) {
    DrawReport scratch;
    Ctx c{m_client, m_client.state(), *m_ui, m_hooks, scratch, 1.0f};
    openChatRow(c, jid);
}

bool App::sendFromComposer(const std::string& jid, const std::string& text) {
    DrawReport scratch;
    Ctx c{m_client, m_client.state(), *m_ui, m_hooks, scratch, 1.0f};
    if (c.st.openChat != jid) openChatRow(c, jid);
    return sendComposer(c, jid, text);
}

void App::startVoice(const std::string& jid) {
    DrawReport scratch;
    Ctx c{m_client, m_client.state(), *m_ui, m_hooks, scratch, 1.0f};
    startRecording(c, jid);
}

bool App::placeCall(const std::string& jid, bool video) {
    DrawReport scratch;
    Ctx c{m_client, m_client.state(), *m_ui, m_hooks, scratch, 1.0f};
    const std::string before = c.st.call.sid;
    ui::placeCall(c, jid, video);
    return c.st.call.sid != before && c.st.call.state == model::CallState::Outgoing;
}

bool App::acceptCall() {
    DrawReport scratch;
    Ctx c{m_client, m_client.state(), *m_ui, m_hooks, scratch, 1.0f};
    if (c.st.call.state != model::CallState::Ringing) return false;
    ui::acceptCall(c);
    return c.st.call.state == model::CallState::Connecting;
}

bool App::sendVoice() {
    DrawReport scratch;
    Ctx c{m_client, m_client.state(), *m_ui, m_hooks, scratch, 1.0f};
    return sendRecording(c);
}

}  // namespace starling::ui
