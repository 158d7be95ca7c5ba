// window.__xmppTest's calls part (web/test_hook_calls.cpp, documented in web/TEST_HOOK.md), added to the
// object web/js/test_hook.js defines. setMuted(bool) mutes the call's microphone; setMuted(jid, muted)
// stays the chat's mute (test_hook_alerts.js). Names read from outside are quoted for Closure.
mergeInto(LibraryManager.library, {
  js_install_call_hooks: function() {
    var call = Module["__starlingHookCall"], json = Module["__starlingHookJson"];  // test_hook.js
    var hook = window["__xmppTest"], chatMuted = hook["setMuted"];
    hook["call"] = function(jid, options) {
        return call(function(j) { return _starling_hook_call(j, options && options["video"] ? 1 : 0); }, [jid]) !== 0;
    };
    hook["acceptCall"] = function() { return _starling_hook_accept_call() !== 0; };
    hook["declineCall"] = function() { return _starling_hook_decline_call() !== 0; };
    hook["hangUp"] = function() { return _starling_hook_hang_up() !== 0; };
    hook["setMuted"] = function(a, b) {
        if (typeof a === "boolean" && arguments.length === 1) return _starling_hook_call_muted(a ? 1 : 0) !== 0;
        return chatMuted(a, b);
    };
    hook["callState"] = function() { return json(_starling_hook_call_state()); };
  },
});
