#include "web/alerts.h"

#include <emscripten/emscripten.h>

#include "core/client.h"
#include "ui/alerts_view.h"
#include "web/runtime.h"

extern "C" {
void js_alert_notify(const char* chat, const char* title, const char* body, int hidden, int sound);
int js_notification_permission();
void js_request_notification_permission();
void js_set_badge(int unread);
}

namespace starling::web {

void announceAlerts() {
    Client* c = client();
    ui::App* a = app();
    if (c == nullptr || a == nullptr) return;
    const model::State& st = c->state();
    std::vector<model::Alert> alerts = c->takeAlerts();
    const bool hidden = !pageVisible();
    for (const model::Alert& alert : alerts) {
        const std::string title = ui::alertTitle(st, a->language(), alert);
        const std::string body = ui::alertBody(a->language(), alert);
        // Notifications only while hidden and when the person asked for them; the sound also for another
        // chat than the one open.
        js_alert_notify(alert.chat.c_str(), title.c_str(), body.c_str(), hidden && st.alerts.notify ? 1 : 0,
                        st.alerts.sound ? 1 : 0);
    }
}

ui::NotificationPermission notificationPermission() {
    switch (js_notification_permission()) {
        case 1: return ui::NotificationPermission::Granted;
        case 2: return ui::NotificationPermission::Denied;
        case 3: return ui::NotificationPermission::Ask;
        default: return ui::NotificationPermission::Unsupported;
    }
}

void requestNotificationPermission() { js_request_notification_permission(); }

}  // namespace starling::web

// A click on a notification: the chat it announced, opened as a click on its row would.
extern "C" EMSCRIPTEN_KEEPALIVE void starling_open_alerted_chat(const char* jid) {
    if (starling::ui::App* a = starling::web::app()) a->openChat(jid);
    starling::web::wake(2);
}

// The browser answered the permission request: the settings redraw with it.
extern "C" EMSCRIPTEN_KEEPALIVE void starling_alerts_changed() { starling::web::wake(2); }
