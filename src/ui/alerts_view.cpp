#include "ui/alerts_view.h"

#include <imgui.h>

#include "core/im/occupant_chat.h"
#include "ui/private_chat_view.h"
#include "ui/views.h"

namespace starling::ui {

const char* alertsText(Lang lang, std::string_view key) {
    struct Entry {
        const char* key;
        const char* en;
        const char* ru;
    };
    static const Entry kEntries[] = {
        {"mute", "Mute", "Без звука"},
        {"unmute", "Unmute", "Включить звук"},
        {"muted", "Muted: no notifications from this chat", "Без уведомлений из этого чата"},
        {"notifications", "Notifications", "Уведомления"},
        {"notify", "Notify me of new messages while Starling is in the background",
         "Уведомлять о новых сообщениях, когда Starling в фоне"},
        {"sound", "Play a sound for new messages", "Звук при новых сообщениях"},
        {"denied", "The browser blocks notifications for this site: allow them in the site settings of the browser.",
         "Браузер запрещает уведомления для этого сайта: разрешите их в настройках сайта в браузере."},
        {"unsupported", "This browser cannot show notifications.", "Этот браузер не умеет показывать уведомления."},
        {"in", "in", "в"},
        {"file", "File", "Файл"},
    };
    for (const Entry& e : kEntries)
        if (key == e.key) return lang == Lang::Ru ? e.ru : e.en;
    return "";
}

void muteButton(Ctx& c, const std::string& jid) {
    const bool muted = c.st.alerts.muted.count(jid) != 0;
    const char* label = alertsText(c.lang(), muted ? "unmute" : "mute");
    if (ImGui::SmallButton(label)) c.client.setMuted(jid, !muted);
    drawn(c, label);
    if (muted && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", alertsText(c.lang(), "muted"));
}

void drawAlertSettings(Ctx& c) {
    ImGui::Spacing();
    ImGui::TextUnformatted(alertsText(c.lang(), "notifications"));
    drawn(c, alertsText(c.lang(), "notifications"));
    const NotificationPermission permission =
        c.hooks.notificationPermission ? c.hooks.notificationPermission() : NotificationPermission::Unsupported;
    bool notify = c.st.alerts.notify;
    bool sound = c.st.alerts.sound;
    ImGui::PushTextWrapPos(0.0f);
    const bool notifyClicked = ImGui::Checkbox(alertsText(c.lang(), "notify"), &notify);
    drawn(c, alertsText(c.lang(), "notify"));
    if (notifyClicked) {
        c.client.setAlertSwitches(notify, sound);
        // Asked on this click, never at load; the browser remembers the answer.
        if (notify && permission == NotificationPermission::Ask && c.hooks.requestNotifications)
            c.hooks.requestNotifications();
    }
    if (notify && (permission == NotificationPermission::Denied || permission == NotificationPermission::Unsupported)) {
        const char* why = alertsText(c.lang(), permission == NotificationPermission::Denied ? "denied" : "unsupported");
        textColored(ImVec4(1.0f, 0.6f, 0.4f, 1.0f), why);
        drawn(c, why);
    }
    if (ImGui::Checkbox(alertsText(c.lang(), "sound"), &sound)) c.client.setAlertSwitches(notify, sound);
    drawn(c, alertsText(c.lang(), "sound"));
    ImGui::PopTextWrapPos();
}

std::string alertTitle(const model::State& st, Lang lang, const model::Alert& alert) {
    if (im::isOccupantChat(alert.chat)) return privateChatName(lang, alert.chat);  // through the room, as its row says
    if (!alert.room) return displayName(st, alert.chat);
    const std::size_t slash = alert.from.find('/');
    const std::string nick = slash == std::string::npos ? alert.from : alert.from.substr(slash + 1);
    return nick + " " + alertsText(lang, "in") + " " + displayName(st, alert.chat);
}

std::string alertBody(Lang lang, const model::Alert& alert) {
    if (alert.attachment && alert.body.find("://") != std::string::npos) return alertsText(lang, "file");
    return alert.body;
}

}  // namespace starling::ui
