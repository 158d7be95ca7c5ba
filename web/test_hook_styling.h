#pragma once
// The message styling part of window.__xmppTest (test_hook_styling.cpp, js/test_hook_styling.js).

namespace starling::web {

void installStylingHooks();

}  // namespace starling::web
