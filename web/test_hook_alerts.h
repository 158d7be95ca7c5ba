#pragma once
// The alerts part of window.__xmppTest (test_hook_alerts.cpp, js/test_hook_alerts.js).
#include <string>

#include "core/model/state.h"

namespace starling::web {

// ,"alerts":{"notify":…,"sound":…,"muted":[jid],"unmutedUnread":N} for state().
void appendAlertsState(std::string& out, const model::State& st);
void installAlertHooks();

}  // namespace starling::web
