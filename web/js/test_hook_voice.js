// window.__xmppTest's voice message part (web/test_hook_voice.cpp, documented in web/TEST_HOOK.md):
// added to the object web/js/test_hook.js defines. Names read from outside are quoted so Closure keeps them.
mergeInto(LibraryManager.library, {
  js_install_voice_hooks__deps: [],
  js_install_voice_hooks: function() {
    var call = Module["__starlingHookCall"], json = Module["__starlingHookJson"];  // test_hook.js
    var hook = window["__xmppTest"];
    function recorder() { return json(_starling_hook_voice_recorder()); }
    function until(pred, ms) {
        var end = Date.now() + ms;
        return new Promise(function(resolve, reject) {
            (function poll() {
                var r = recorder();
                if (pred(r)) resolve(r);
                else if (Date.now() > end) reject(new Error("recorder stayed " + r["state"]));
                else setTimeout(poll, 20);
            })();
        });
    }
    function openChat() { return hook["state"]()["openChat"]; }
    hook["voiceStart"] = function(jid) { call(_starling_hook_voice_start, [jid || openChat()]); return true; };
    hook["voiceStop"] = function() { _starling_hook_voice_stop(); return true; };
    hook["voiceDiscard"] = function() { _starling_hook_voice_discard(); return true; };
    hook["voiceSend"] = function() { return _starling_hook_voice_send() !== 0; };
    hook["voiceRecorder"] = recorder;
    hook["players"] = function() { return json(_starling_hook_players()); };
    // As pressing the microphone button of `jid`'s chat (default: the open one), waiting `ms` once recording,
    // Stop, then Send. Resolves to the recorder's state before sending ({state: "recorded", seconds, bytes, name}).
    hook["recordVoice"] = function(ms, jid) {
        call(_starling_hook_voice_start, [jid || openChat()]);
        return until(function(r) { return r["state"] !== "starting"; }, 10000).then(function(r) {
            if (r["state"] !== "recording") throw new Error("microphone: " + r["state"]);
            return new Promise(function(resolve) { setTimeout(resolve, ms); });
        }).then(function() {
            _starling_hook_voice_stop();
            return until(function(r) { return r["state"] !== "recording"; }, 10000);
        }).then(function(r) {
            if (r["state"] !== "recorded") throw new Error("recording: " + r["state"]);
            if (!_starling_hook_voice_send()) throw new Error("not sent");
            return r;
        });
    };
  },
});
