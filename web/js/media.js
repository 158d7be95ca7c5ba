// Shared files in the browser (web/media_host.cpp): HTTP requests for the core (PUT with upload progress
// through XMLHttpRequest — fetch() reports no upload progress —, GET through fetch() with a byte limit),
// picture decoding off the main thread (createImageBitmap) into a WebGL texture of our renderer, saving,
// and the ways a file comes in: the file chooser, paste (Ctrl+V) and drop. Large pictures are scaled to
// 2560 px on the longest side and re-encoded as JPEG before sending (orientation applied by the decoder).
// An Emscripten JS library; names read from outside are quoted for Closure.
mergeInto(LibraryManager.library, {
  $StarlingMedia__deps: ['malloc', 'free'],
  $StarlingMedia: {
    requests: {},
    toHeap: function(bytes) {
        var p = _malloc(bytes.length + 1);
        HEAPU8.set(bytes, p);
        HEAPU8[p + bytes.length] = 0;
        return p;
    },
    str: function(s) { return StarlingMedia.toHeap(new TextEncoder().encode(String(s))); },
    done: function(id, status, bytes) {
        if (!StarlingMedia.requests[id]) return;  // cancelled
        delete StarlingMedia.requests[id];
        var p = StarlingMedia.toHeap(bytes);
        _starling_http_done(id >>> 0, status, p, bytes.length);
        _free(p);
    },
    // A picked, pasted or dropped file → the core (jid "" = the open chat).
    handle: function(file, jid) {
        var name = file.name || "image", type = file.type || "";
        function send(blob, n, t) {
            return blob.arrayBuffer().then(function(buf) {
                var b = new Uint8Array(buf);
                var p = StarlingMedia.toHeap(b), pj = StarlingMedia.str(jid), pn = StarlingMedia.str(n), pt = StarlingMedia.str(t);
                _starling_media_picked(pj, pn, pt, p, b.length);
                [p, pj, pn, pt].forEach(function(x) { _free(x); });
            });
        }
        var scalable = type === "image/jpeg" || type === "image/png" || type === "image/webp";
        if (!scalable || typeof createImageBitmap !== "function" || typeof OffscreenCanvas !== "function") return send(file, name, type);
        return createImageBitmap(file, {"imageOrientation": "from-image"}).then(function(bm) {
            var longest = Math.max(bm.width, bm.height), max = 2560;
            if (longest <= max) { bm.close(); return send(file, name, type); }
            var s = max / longest, w = Math.round(bm.width * s), h = Math.round(bm.height * s);
            var canvas = new OffscreenCanvas(w, h);
            canvas.getContext("2d").drawImage(bm, 0, 0, w, h);
            bm.close();
            return canvas.convertToBlob({"type": "image/jpeg", "quality": 0.85}).then(function(jpeg) {
                return send(jpeg, name.replace(/\.[^.]*$/, "") + ".jpg", "image/jpeg");
            });
        }, function() { return send(file, name, type); });
    }
  },

  js_http_request__deps: ['$StarlingMedia'],
  js_http_request: function(id, method, url, headersJson, body, bodyLen, maxBytes) {
    id = id >>> 0;
    var m = UTF8ToString(method), u = UTF8ToString(url), headers = JSON.parse(UTF8ToString(headersJson));
    if (m === "PUT") {
        var data = HEAPU8.slice(body, body + bodyLen);
        var xhr = new XMLHttpRequest();
        StarlingMedia.requests[id] = {"abort": function() { xhr.abort(); }};
        xhr.open("PUT", u);
        headers.forEach(function(h) { xhr.setRequestHeader(h[0], h[1]); });
        xhr.upload.onprogress = function(e) {
            if (StarlingMedia.requests[id]) _starling_http_progress(id, e.loaded, e.lengthComputable ? e.total : 0);
        };
        xhr.onload = function() { StarlingMedia.done(id, xhr.status, new Uint8Array(0)); };
        xhr.onerror = function() { StarlingMedia.done(id, 0, new Uint8Array(0)); };
        xhr.send(data);
        return;
    }
    var ctrl = new AbortController();
    StarlingMedia.requests[id] = {"abort": function() { ctrl.abort(); }};
    fetch(u, {"credentials": "omit", "signal": ctrl.signal, "referrerPolicy": "no-referrer"}).then(function(r) {
        if (r.status !== 200) { StarlingMedia.done(id, r.status, new Uint8Array(0)); return; }
        var total = Number(r.headers.get("Content-Length") || 0);
        if (maxBytes && total > maxBytes) { ctrl.abort(); StarlingMedia.done(id, -2, new Uint8Array(0)); return; }
        var reader = r.body.getReader(), parts = [], got = 0;
        function pump() {
            return reader.read().then(function(x) {
                if (x.done) {
                    var all = new Uint8Array(got), at = 0;
                    parts.forEach(function(p) { all.set(p, at); at += p.length; });
                    StarlingMedia.done(id, 200, all);
                    return;
                }
                got += x.value.length;
                if (maxBytes && got > maxBytes) { ctrl.abort(); StarlingMedia.done(id, -2, new Uint8Array(0)); return; }
                parts.push(x.value);
                if (StarlingMedia.requests[id]) _starling_http_progress(id, got, total);
                return pump();
            });
        }
        return pump();
    }).catch(function() { StarlingMedia.done(id, 0, new Uint8Array(0)); });
  },

  js_http_cancel__deps: ['$StarlingMedia'],
  js_http_cancel: function(id) {
    var r = StarlingMedia.requests[id >>> 0];
    delete StarlingMedia.requests[id >>> 0];
    if (r) r["abort"]();
  },

  // Decodes (off the main thread), scales to fit maxSide, uploads into a texture the C++ side creates.
  js_media_decode__deps: ['$StarlingMedia', '$GL'],
  js_media_decode: function(key, ptr, len, maxSide) {
    var blob = new Blob([HEAPU8.slice(ptr, ptr + len)]);
    createImageBitmap(blob, {"imageOrientation": "from-image", "premultiplyAlpha": "none"}).then(function(full) {
        var s = Math.min(1, maxSide / Math.max(full.width, full.height));
        if (s >= 1) return full;
        var w = Math.max(1, Math.round(full.width * s)), h = Math.max(1, Math.round(full.height * s));
        return createImageBitmap(full, {"resizeWidth": w, "resizeHeight": h, "resizeQuality": "high", "premultiplyAlpha": "none"})
            .then(function(small) { full.close(); return small; });
    }).then(function(bm) {
        var tex = _starling_media_texture(key, bm.width, bm.height);
        if (tex) {
            GLctx.bindTexture(GLctx.TEXTURE_2D, GL.textures[tex]);
            GLctx.texSubImage2D(GLctx.TEXTURE_2D, 0, 0, 0, GLctx.RGBA, GLctx.UNSIGNED_BYTE, bm);
            GLctx.bindTexture(GLctx.TEXTURE_2D, null);
        }
        bm.close();
        _starling_media_decoded(key, tex ? 1 : 0);
    }, function() { _starling_media_decoded(key, 0); });
  },

  js_media_save: function(ptr, len, name) {
    var blob = new Blob([HEAPU8.slice(ptr, ptr + len)], {"type": "application/octet-stream"});
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = UTF8ToString(name);
    a.rel = "noopener";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function() { URL.revokeObjectURL(a.href); }, 60000);
  },

  js_media_pick__deps: ['$StarlingMedia'],
  js_media_pick: function(jid) {
    var j = UTF8ToString(jid);
    var input = document.createElement("input");
    input.type = "file";
    input.multiple = true;
    input.style.display = "none";
    input.onchange = function() {
        Array.prototype.forEach.call(input.files, function(f) { StarlingMedia.handle(f, j); });
        input.remove();
    };
    document.body.appendChild(input);
    input.click();
  },

  // Paste (Ctrl+V of a picture) and drop go to the open chat; the test hook's sendFile takes this path.
  js_media_install__deps: ['$StarlingMedia'],
  js_media_install: function() {
    Module["__starlingMediaHandle"] = function(file, jid) { return StarlingMedia.handle(file, jid || ""); };
    document.addEventListener("paste", function(e) {
        var files = e.clipboardData ? e.clipboardData.files : null;
        if (!files || !files.length) return;  // text: the input bridge's paste
        e.preventDefault();
        e.stopImmediatePropagation();
        Array.prototype.forEach.call(files, function(f) { StarlingMedia.handle(f, ""); });
    }, true);
    document.addEventListener("dragover", function(e) { e.preventDefault(); });
    document.addEventListener("drop", function(e) {
        e.preventDefault();
        var files = e.dataTransfer ? e.dataTransfer.files : null;
        if (files) Array.prototype.forEach.call(files, function(f) { StarlingMedia.handle(f, ""); });
    });
  },
});
