#pragma once
// XEP-0191 in the UI: Block / Unblock (chat header, roster row menu, subscription requests) with a
// confirmation before blocking, the banner of a blocked chat in place of its composer, and the blocked
// list in settings. Where our server offers no blocking the actions are not drawn and settings say why.
#include <string>

#include "ui/views.h"

namespace starling::ui {

// Chat header: a "Block" or "Unblock" small button, last on its line (or on the next where it is full).
void blockChatButton(Ctx& c, const std::string& jid);
// Roster row context menu: "Block" or "Unblock".
void blockMenuItem(Ctx& c, const std::string& jid);
// Subscription request: "Block" next to Accept / Deny.
void blockRequestButton(Ctx& c, const std::string& jid);
// A blocked chat: the banner with Unblock, `height` high (the composer's place). False when the chat is
// not blocked (nothing drawn).
bool blockedBanner(Ctx& c, const std::string& jid, float height);
// Settings: the blocked addresses with Unblock each, and a field to block any address or server.
// `narrow`: settings are alone on the screen (they repeat the blocking notices of the roster pane).
void drawBlockedSettings(Ctx& c, bool narrow);
// The confirmation asked by the actions above (UiState::blockJid); draw once per frame.
void drawBlockDialog(Ctx& c);

}  // namespace starling::ui
