// Settings (language, log out) and the contact dialogs (rename, remove).
#include <algorithm>

#include <imgui.h>

#include "ui/alerts_view.h"
#include "ui/blocking_view.h"
#include "ui/views.h"

namespace starling::ui {

void drawSettings(Ctx& c, bool narrow) {
    if (narrow && ImGui::Button(c.t(S::Back))) c.ui.pane = Pane::Roster;
    ImGui::TextUnformatted(c.t(S::Settings));
    drawn(c, c.t(S::Settings));
    ImGui::Separator();
    ImGui::TextDisabled("%s", c.t(S::SignedInAs));
    textEllipsis(c, c.st.ownJid, ImGui::GetContentRegionAvail().x);
    ImGui::Spacing();
    ImGui::TextUnformatted(c.t(S::Language));
    drawn(c, c.t(S::Language));
    if (ImGui::RadioButton("English", c.ui.lang == Lang::En)) c.ui.lang = Lang::En;
    drawn(c, "English");
    ImGui::SameLine();
    if (ImGui::RadioButton("Русский", c.ui.lang == Lang::Ru)) c.ui.lang = Lang::Ru;
    drawn(c, "Русский");
    drawAlertSettings(c);
    drawBlockedSettings(c, narrow);
    ImGui::Spacing();
    ImGui::Separator();
    bool logOut = ImGui::Button(c.t(S::LogOut));
    drawn(c, c.t(S::LogOut));
    if (logOut) {
        c.ui.settingsOpen = false;
        c.ui.pane = Pane::Roster;
        c.ui.drafts.clear();
        c.client.logout(false);
    }
    if (!c.ui.confirmForget) {
        if (ImGui::Button(c.t(S::LogOutForget))) c.ui.confirmForget = true;
        drawn(c, c.t(S::LogOutForget));
    } else {
        ImGui::PushTextWrapPos(0.0f);
        textColored(ImVec4(1.0f, 0.6f, 0.4f, 1.0f), c.t(S::LogOutForgetConfirm));
        drawn(c, c.t(S::LogOutForgetConfirm));
        ImGui::PopTextWrapPos();
        bool forget = ImGui::Button(c.t(S::LogOutForget));
        drawn(c, c.t(S::LogOutForget));
        if (forget) {
            c.ui.confirmForget = false;
            c.ui.settingsOpen = false;
            c.ui.pane = Pane::Roster;
            c.ui.drafts.clear();
            c.ui.loginJid.clear();
            c.client.logout(true);
        }
        ImGui::SameLine();
        if (ImGui::Button(c.t(S::Cancel))) c.ui.confirmForget = false;
    }
}

void drawContactDialogs(Ctx& c) {
    float width = std::min(c.px(380), ImGui::GetMainViewport()->Size.x - c.px(16));
    if (!c.ui.renameJid.empty() && !ImGui::IsPopupOpen("rename-contact")) ImGui::OpenPopup("rename-contact");
    ImGui::SetNextWindowSize(ImVec2(width, 0));
    if (ImGui::BeginPopupModal("rename-contact", nullptr, ImGuiWindowFlags_NoTitleBar)) {
        ImGui::TextUnformatted(c.t(S::Rename));
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        textEllipsis(c, c.ui.renameJid, ImGui::GetContentRegionAvail().x);
        ImGui::PopStyleColor();
        ImGui::SetNextItemWidth(-1.0f);
        if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
        bool enter = inputString("##rename", c.ui.renameName, ImGuiInputTextFlags_EnterReturnsTrue);
        if (ImGui::Button(c.t(S::Save)) || enter) {
            c.client.renameContact(c.ui.renameJid, c.ui.renameName);
            c.ui.renameJid.clear();
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button(c.t(S::Cancel))) {
            c.ui.renameJid.clear();
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
    if (!c.ui.removeJid.empty() && !ImGui::IsPopupOpen("remove-contact")) ImGui::OpenPopup("remove-contact");
    ImGui::SetNextWindowSize(ImVec2(width, 0));
    if (ImGui::BeginPopupModal("remove-contact", nullptr, ImGuiWindowFlags_NoTitleBar)) {
        ImGui::TextUnformatted(c.t(S::RemoveConfirm));
        textEllipsis(c, c.ui.removeJid, ImGui::GetContentRegionAvail().x);
        if (ImGui::Button(c.t(S::Remove))) {
            if (c.st.openChat == c.ui.removeJid) c.client.closeChat();
            c.client.removeContact(c.ui.removeJid);
            c.ui.removeJid.clear();
            c.ui.pane = Pane::Roster;
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button(c.t(S::Cancel))) {
            c.ui.removeJid.clear();
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
}

}  // namespace starling::ui
