// window.__xmppTest.styledRuns (web/test_hook_styling.cpp, web/TEST_HOOK.md), added to the object
// js_install_hook (test_hook.js) made.
mergeInto(LibraryManager.library, {
  js_install_styling_hooks: function() {
    window["__xmppTest"]["styledRuns"] = function() { return JSON.parse(UTF8ToString(_starling_hook_styled_runs())); };
  },
});
