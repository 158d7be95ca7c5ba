#pragma once
// The page's side of alerts (ui/alerts_view.h, core alerts module): the unread count in the title and as a
// badge on the favicon (muted chats left out), a browser notification per new message while the page is
// hidden (a click on it opens the chat), a short sound when the person chose it. Runs from the 250 ms
// timer as well as after frames: a hidden page draws no frames.
#include "ui/app.h"

namespace starling::web {

void announceAlerts();  // takes the core's pending alerts and shows them
ui::NotificationPermission notificationPermission();
void requestNotificationPermission();

}  // namespace starling::web
