// window.__xmppTest.setMuted / setAlerts / setPageVisible / alertsShown (web/test_hook_alerts.cpp,
// web/TEST_HOOK.md), added to the object js_install_hook (test_hook.js) made.
mergeInto(LibraryManager.library, {
  js_install_alert_hooks: function() {
    var call = Module["__starlingHookCall"];  // test_hook.js
    var hook = window["__xmppTest"];
    hook["setMuted"] = function(jid, muted) { return call(_starling_hook_set_muted, [jid, muted ? "1" : "0"]) !== 0; };
    hook["setAlerts"] = function(notify, sound) { return _starling_hook_set_alerts(notify ? 1 : 0, sound ? 1 : 0) !== 0; };
    hook["setPageVisible"] = function(visible) { _starling_hook_set_page_visible(visible ? 1 : 0); return true; };
    hook["alertsShown"] = function() { return (Module["__starlingAlerts"] || []).slice(); };
  },
});
