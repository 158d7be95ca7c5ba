// window.__xmppTest.reply / correct / retract / react (web/test_hook_actions.cpp, web/TEST_HOOK.md),
// added to the object js_install_hook (test_hook.js) made.
mergeInto(LibraryManager.library, {
  js_install_action_hooks__deps: ['malloc', 'free'],
  js_install_action_hooks: function() {
    function toHeap(s) {
        var b = new TextEncoder().encode(String(s == null ? "" : s));
        var p = _malloc(b.length + 1);
        HEAPU8.set(b, p);
        HEAPU8[p + b.length] = 0;
        return p;
    }
    function call(fn, args) {
        var ptrs = args.map(toHeap);
        try { return fn.apply(null, ptrs); } finally { ptrs.forEach(function(p) { _free(p); }); }
    }
    var hook = window["__xmppTest"];
    hook["reply"] = function(jid, id, text) { return call(_starling_hook_reply, [jid, id, text]) !== 0; };
    hook["correct"] = function(jid, id, text) { return call(_starling_hook_correct, [jid, id, text]) !== 0; };
    hook["retract"] = function(jid, id) { return call(_starling_hook_retract, [jid, id]) !== 0; };
    hook["react"] = function(jid, id, emoji) {
        return call(_starling_hook_react, [jid, id, (emoji || []).join("\n")]) !== 0;
    };
  },
});
