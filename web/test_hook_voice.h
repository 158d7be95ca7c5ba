#pragma once
// The voice message part of window.__xmppTest (test_hook_voice.cpp, js/test_hook_voice.js).

namespace starling::web {

void installVoiceHooks();

}  // namespace starling::web
