#pragma once
// The message action part of window.__xmppTest (test_hook_actions.cpp, js/test_hook_actions.js).
#include <string>

#include "core/model/state.h"

namespace starling::web {

// ,"edited":…,"retracted":…,"reactions":{emoji:[bareJid]},"replyTo":… for history() entries.
void appendMessageActions(std::string& out, const model::Message& m);
void installActionHooks();

}  // namespace starling::web
