#pragma once
// window.__xmppTest: the test hook shipped in the page (documented in web/TEST_HOOK.md).
namespace starling::web {

void installTestHook();
void installRoomHook();  // test_hook_rooms.cpp: the group chat calls

}  // namespace starling::web
