#pragma once
// Alerts in the UI: the chat header's Mute / Unmute, the settings' notification and sound switches (the
// browser's permission is asked when the person turns notifications on: never at load), and the texts of
// a notification, in English and Russian.
#include <string>
#include <string_view>

#include "core/model/state.h"
#include "ui/i18n.h"

namespace starling::ui {

struct Ctx;

const char* alertsText(Lang lang, std::string_view key);
void muteButton(Ctx& c, const std::string& jid);  // SmallButton on the header's line
void drawAlertSettings(Ctx& c);
// A notification's title and text for an alert: the chat's name (a room: "nick in room"; a private
// message through a room: "nick (via room)", as its chat list row), and the preview (a shared file: its
// kind in words).
std::string alertTitle(const model::State& st, Lang lang, const model::Alert& alert);
std::string alertBody(Lang lang, const model::Alert& alert);

}  // namespace starling::ui
