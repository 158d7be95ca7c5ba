// window.__xmppTest.reply / correct / retract / react (web/test_hook_actions.cpp, web/TEST_HOOK.md),
// added to the object js_install_hook (test_hook.js) made.
mergeInto(LibraryManager.library, {
  js_install_action_hooks__deps: [],
  js_install_action_hooks: function() {
    var call = Module["__starlingHookCall"];  // test_hook.js
    var hook = window["__xmppTest"];
    hook["reply"] = function(jid, id, text) { return call(_starling_hook_reply, [jid, id, text]) !== 0; };
    hook["correct"] = function(jid, id, text) { return call(_starling_hook_correct, [jid, id, text]) !== 0; };
    hook["retract"] = function(jid, id) { return call(_starling_hook_retract, [jid, id]) !== 0; };
    hook["react"] = function(jid, id, emoji) {
        return call(_starling_hook_react, [jid, id, (emoji || []).join("\n")]) !== 0;
    };
  },
});
