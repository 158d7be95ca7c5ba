// window.__xmppTest, the test hook (web/test_hook.cpp, documented in web/TEST_HOOK.md).
// An Emscripten JS library (--js-library, web/CMakeLists.txt). Names read from outside the compiled
// code (Module, window and JSON properties) are quoted so Closure keeps them.
mergeInto(LibraryManager.library, {
  js_install_hook__deps: ['malloc', 'free'],
  js_install_hook: function() {
    function toHeap(s) {
        var b = new TextEncoder().encode(String(s == null ? "" : s));
        var p = _malloc(b.length + 1);
        HEAPU8.set(b, p);
        HEAPU8[p + b.length] = 0;
        return p;
    }
    function call(fn, args) {
        var ptrs = args.map(toHeap);
        try { return fn.apply(null, ptrs); } finally {
            ptrs.forEach(function(p) {  // zeroed before it is freed: an argument may be a password
                var e = p;
                while (HEAPU8[e]) ++e;
                HEAPU8.fill(0, p, e);
                _free(p);
            });
        }
    }
    function json(p) { return JSON.parse(UTF8ToString(p)); }
    // For the hook's other parts (test_hook_rooms.js, test_hook_actions.js), installed right after this one.
    Module["__starlingHookCall"] = call;
    Module["__starlingHookJson"] = json;
    window["__xmppTest"] = {
        "login": function(wsUrl, jid, password) { call(_starling_hook_login, [wsUrl, jid, password]); return true; },
        "register": function(wsUrl, jid, password) { call(_starling_hook_register, [wsUrl, jid, password]); return true; },
        "loggedIn": function() { return _starling_hook_logged_in() !== 0; },
        "rosterShown": function() { return json(_starling_hook_roster_shown()); },
        "rosterPreviews": function() { return json(_starling_hook_roster_previews()); },
        "openChat": function(jid) { return call(_starling_hook_open_chat, [jid]) !== 0; },
        "isTextVisible": function(text) { return call(_starling_hook_text_visible, [text]) !== 0; },
        "send": function(jid, text) { return call(_starling_hook_send, [jid, text]) !== 0; },
        "history": function(jid) { return json(call(_starling_hook_history, [jid])); },
        "block": function(jid) { return call(_starling_hook_block, [jid]) !== 0; },
        "unblock": function(jid) { return call(_starling_hook_unblock, [jid]) !== 0; },
        "state": function() { return json(_starling_hook_state()); },
        "frames": function() { return _starling_hook_frames(); },
        "drawnText": function() { return json(_starling_hook_drawn_text()); },
        "frameStats": function(reset) { return json(_starling_hook_frame_stats(reset ? 1 : 0)); },
        "visibleMessages": function() { return json(_starling_hook_visible_messages()); },
        "highlighted": function() { return UTF8ToString(_starling_hook_highlighted()); },
        "searchResults": function() { return json(_starling_hook_search_results()); },
        "search": function() { return json(_starling_hook_search()); },
        "memory": function() { return json(_starling_hook_memory()); },
        "textures": function() { return json(_starling_hook_textures()); },
        "missingGlyphs": function(text) { return json(call(_starling_hook_missing_glyphs, [text])); },
        "fontAtlas": function() { return json(_starling_hook_font_atlas()); },
        "textBytes": function() { return _starling_hook_text_bytes(); },
        "addContact": function(jid, name) { call(_starling_hook_add_contact, [jid, name]); return true; },
        "approve": function(jid) { call(_starling_hook_approve, [jid]); return true; },
        "reconnectNow": function() { return _starling_hook_reconnect_now() !== 0; },
        // Shared files (web/test_hook_media.cpp): the same path as picking a file in the chat.
        "sendFile": function(jid, file) {
            var bin = atob(file["base64"]), bytes = new Uint8Array(bin.length);
            for (var i = 0; i < bin.length; ++i) bytes[i] = bin.charCodeAt(i);
            var f = new File([bytes], file["name"], {"type": file["type"] || ""});
            return Module["__starlingMediaHandle"](f, jid).then(function() { return true; });
        },
        "mediaShown": function() { return json(_starling_hook_media_shown()); },
        "viewer": function() { return json(_starling_hook_viewer()); },
        "mediaMemory": function() { return json(_starling_hook_media_memory()); },
        "setMediaCaps": function(caps) {
            caps = caps || {};
            _starling_hook_set_media_caps(caps["bytes"] || 0, caps["textureBytes"] || 0, caps["players"] || 0);
            return true;
        },
        "upload": function() { return json(_starling_hook_upload()); },
        "mediaBytes": function(url) {
            var n = call(_starling_hook_media_size, [url]);
            if (n < 0) return null;
            var p = _starling_hook_media_data();
            var s = "", b = HEAPU8.subarray(p, p + n);
            for (var i = 0; i < b.length; i += 8192) s += String.fromCharCode.apply(null, b.subarray(i, i + 8192));
            return btoa(s);
        },
        "setEncryption": function(jid, on) { call(function(p) { _starling_hook_set_encryption(p, on ? 1 : 0); }, [jid]); return true; },
        "loadAttachment": function(jid, id) { return call(_starling_hook_load_attachment, [jid, id]) !== 0; }
    };
  },
});
