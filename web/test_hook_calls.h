#pragma once
// The calls part of window.__xmppTest (test_hook_calls.cpp, js/test_hook_calls.js).

namespace starling::web {

void installCallHooks();

}  // namespace starling::web
