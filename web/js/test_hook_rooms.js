// window.__xmppTest's group chat part (web/test_hook_rooms.cpp, documented in web/TEST_HOOK.md): added to
// the object web/js/test_hook.js defines. Names read from outside are quoted so Closure keeps them.
mergeInto(LibraryManager.library, {
  js_install_room_hook__deps: [],
  js_install_room_hook: function() {
    var call = Module["__starlingHookCall"], json = Module["__starlingHookJson"];  // test_hook.js
    function rooms() { return json(_starling_hook_rooms()); }
    var hook = window["__xmppTest"];
    var state = hook["state"];
    var history = hook["history"];
    hook["joinRoom"] = function(room, nick, password) {
        return call(_starling_hook_join_room, [room, nick, password || ""]) !== 0;
    };
    hook["createRoom"] = function(room, nick, options) {
        var o = options || {};
        var members = (o["members"] || []).join("\n");
        var isPrivate = o["private"] === false ? 0 : 1;
        return call(function(r, n, m) { return _starling_hook_create_room(r, n, isPrivate, m); }, [room, nick, members]) !== 0;
    };
    hook["leaveRoom"] = function(room) { return call(_starling_hook_leave_room, [room]) !== 0; };
    hook["invite"] = function(room, jid) { return call(_starling_hook_invite, [room, jid]) !== 0; };
    hook["kick"] = function(room, nick, reason) { return call(_starling_hook_kick, [room, nick, reason || ""]) !== 0; };
    hook["occupantsShown"] = function() { return json(_starling_hook_occupants_shown()); };
    hook["mentionsShown"] = function() { return json(_starling_hook_mentions_shown()); };
    hook["state"] = function() {
        var s = state();
        s["rooms"] = rooms();
        s["roomInvitations"] = json(_starling_hook_room_invitations());
        return s;
    };
    // A room's entries carry the sender's occupant-id (XEP-0421) when the room gave one and the
    // occupant is in the room now.
    hook["history"] = function(jid) {
        var entries = history(jid);
        var ids = json(call(_starling_hook_occupant_ids, [jid]));
        var prefix = String(jid) + "/";
        entries.forEach(function(e) {
            var from = e["from"];
            if (from.indexOf(prefix) === 0 && ids.hasOwnProperty(from.substring(prefix.length)))
                e["occupantId"] = ids[from.substring(prefix.length)];
        });
        return entries;
    };
  },
});
