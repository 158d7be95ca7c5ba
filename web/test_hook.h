#pragma once
// window.__xmppTest: the test hook shipped in the page (documented in web/TEST_HOOK.md).
namespace starling::web {

void installTestHook();

}  // namespace starling::web
