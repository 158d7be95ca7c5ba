// window.__xmppTest.setMuted / setAlerts / setPageVisible / alertsShown (web/TEST_HOOK.md): what the chat
// header's Mute, the settings' switches and the browser's visibilitychange do, and the alerts the page made.
#include "web/test_hook_alerts.h"

#include <emscripten.h>

#include "core/client.h"
#include "web/alerts.h"
#include "web/json_out.h"
#include "web/runtime.h"

extern "C" void js_install_alert_hooks();
extern "C" void starling_visibility(int visible);

namespace starling::web {

void appendAlertsState(std::string& out, const model::State& st) {
    out += ',';
    jsonKey(out, "alerts");
    out += '{';
    jsonKey(out, "notify"); out += st.alerts.notify ? "true" : "false"; out += ',';
    jsonKey(out, "sound"); out += st.alerts.sound ? "true" : "false"; out += ',';
    jsonKey(out, "unmutedUnread"); out += std::to_string(model::unmutedUnread(st)); out += ',';
    jsonKey(out, "muted"); out += '[';
    bool first = true;
    for (const auto& jid : st.alerts.muted) {
        if (!first) out += ',';
        first = false;
        jsonString(out, jid);
    }
    out += "]}";
}

void installAlertHooks() { js_install_alert_hooks(); }

}  // namespace starling::web

using namespace starling;
using namespace starling::web;

extern "C" {

EMSCRIPTEN_KEEPALIVE int starling_hook_set_muted(const char* jid, const char* muted) {
    Client* c = client();
    if (c == nullptr) return 0;
    c->setMuted(jid, muted[0] == '1');
    wake(3);
    return 1;
}

// As the settings' checkboxes: turning notifications on asks the browser when it has not been asked.
EMSCRIPTEN_KEEPALIVE int starling_hook_set_alerts(int notify, int sound) {
    Client* c = client();
    if (c == nullptr) return 0;
    c->setAlertSwitches(notify != 0, sound != 0);
    if (notify != 0 && notificationPermission() == ui::NotificationPermission::Ask) requestNotificationPermission();
    wake(3);
    return 1;
}

EMSCRIPTEN_KEEPALIVE void starling_hook_set_page_visible(int visible) { starling_visibility(visible); }

}  // extern "C"
