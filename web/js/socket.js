// The XMPP WebSocket (RFC 7395, subprotocol "xmpp") of web/web_platform.cpp, in place of Emscripten's
// library_websocket.js. A received text frame goes into the heap with TextEncoder.encodeInto, native code:
// the library's JavaScript loops took 9 ms for a 700,000-character frame, on the main thread.
// One socket at a time; events of a socket that was closed or replaced are dropped (by its id).
// An Emscripten JS library (--js-library, web/CMakeLists.txt). Names read from outside the compiled
// code (Module, window and JSON properties) are quoted so Closure keeps them.
mergeInto(LibraryManager.library, {
  $starlingSocket: {"ws": null, "id": 0},

  // Returns the new socket's id (> 0), or 0 when the browser refused the URL.
  js_socket_open__deps: ['$starlingSocket', 'js_socket_drop', 'malloc', 'free'],
  js_socket_open: function(url) {
    var S = starlingSocket;
    _js_socket_drop();
    var ws;
    try {
      ws = new WebSocket(UTF8ToString(url), "xmpp");
    } catch (e) {
      return 0;
    }
    var id = ++S["id"];
    S["ws"] = ws;
    var mine = function() { return S["ws"] === ws; };
    ws.onopen = function() { if (mine()) _starling_socket_open(id); };
    ws.onmessage = function(e) {
      if (!mine()) return;
      if (typeof e.data !== "string") {
        _starling_socket_binary(id, e.data.byteLength || e.data.size || 0);
        return;
      }
      var max = e.data.length * 3;  // UTF-16 code unit → at most 3 bytes (a surrogate pair: 4 for 2)
      var p = _malloc(max + 1);
      var n = new TextEncoder().encodeInto(e.data, HEAPU8.subarray(p, p + max))["written"];
      _starling_socket_message(id, p, n);
      _free(p);
    };
    var closed = function(code, reason) {
      if (!mine()) return;
      _js_socket_drop();
      var bytes = new TextEncoder().encode(reason.slice(0, 120));
      var p = _malloc(bytes.length + 1);
      HEAPU8.set(bytes, p);
      HEAPU8[p + bytes.length] = 0;
      _starling_socket_closed(id, code, p);
      _free(p);
    };
    ws.onerror = function() { closed(0, ""); };
    ws.onclose = function(e) { closed(e.code, e.reason || ""); };
    return id;
  },

  js_socket_send__deps: ['$starlingSocket'],
  js_socket_send: function(id, text, len) {
    var S = starlingSocket;
    if (S["id"] !== id || !S["ws"] || S["ws"].readyState !== 1) return;
    S["ws"].send(new TextDecoder().decode(HEAPU8.subarray(text, text + len)));
  },

  // Closes the socket (1000) and forgets it: no event of it reaches the core afterwards.
  js_socket_drop__deps: ['$starlingSocket'],
  js_socket_drop: function() {
    var S = starlingSocket, ws = S["ws"];
    S["ws"] = null;
    if (!ws) return;
    ws.onopen = ws.onmessage = ws.onerror = ws.onclose = null;
    try { ws.close(1000); } catch (e) {}
  },
});
