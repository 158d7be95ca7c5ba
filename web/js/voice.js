// Voice messages in the browser (web/voice_host.cpp): recording with getUserMedia + MediaRecorder (Opus
// in WebM — Chromium records no Ogg; the core remuxes it), the microphone's peak level of every block
// of 2048 samples (~43 ms) for the waveform, and playing with one HTMLAudioElement per file. The microphone is asked for only from startRecording (a click). An Emscripten JS library; names
// read from outside are quoted for Closure.
mergeInto(LibraryManager.library, {
  $StarlingVoice__deps: ['malloc', 'free'],
  $StarlingVoice: {
    rec: null,      // {recorder, stream, generation, timer, ctx, levels}
    players: {},    // key → {audio, url, failed}
    release: function() {
        var r = StarlingVoice.rec;
        StarlingVoice.rec = null;
        if (!r) return;
        clearInterval(r.timer);
        if (r.ctx) r.ctx.close().catch(function() {});
        if (r.stream) r.stream.getTracks().forEach(function(t) { t.stop(); });  // the browser's mic indicator goes off
    },
    name: function() {
        var d = new Date(), p = function(n) { return (n < 10 ? "0" : "") + n; };
        return "voice-" + d.getFullYear() + p(d.getMonth() + 1) + p(d.getDate()) + "-" + p(d.getHours()) + p(d.getMinutes()) +
            p(d.getSeconds()) + ".ogg";
    },
    str: function(s) {
        var b = new TextEncoder().encode(String(s)), p = _malloc(b.length + 1);
        HEAPU8.set(b, p);
        HEAPU8[p + b.length] = 0;
        return p;
    }
  },

  js_voice_start__deps: ['$StarlingVoice'],
  js_voice_start: function(generation) {
    var md = navigator.mediaDevices, type = "audio/webm;codecs=opus";
    if (!md || !md.getUserMedia || typeof MediaRecorder !== "function" || !MediaRecorder.isTypeSupported(type)) {
        _starling_voice_started(generation, 0, 0);
        return;
    }
    StarlingVoice.release();
    var rec = StarlingVoice.rec = {generation: generation, stream: null, recorder: null, timer: 0, ctx: null, levels: []};
    md.getUserMedia({"audio": {"channelCount": 1, "echoCancellation": true, "noiseSuppression": true}}).then(function(stream) {
        if (StarlingVoice.rec !== rec) { stream.getTracks().forEach(function(t) { t.stop(); }); return; }  // cancelled meanwhile
        rec.stream = stream;
        var chunks = [], levels = rec.levels;
        try {  // the waveform (every block of 2048 samples, however busy the page): else a plain seek line
            var ctx = rec.ctx = new AudioContext(), meter = ctx.createScriptProcessor(2048, 1, 1);
            meter.onaudioprocess = function(e) {
                if (StarlingVoice.rec !== rec) return;
                var buf = e.inputBuffer.getChannelData(0), m = 0;
                for (var i = 0; i < buf.length; i++) m = Math.max(m, Math.abs(buf[i]));
                levels.push(m);
            };
            ctx.createMediaStreamSource(stream).connect(meter);
            meter.connect(ctx.destination);  // it runs only when connected; its output is silence
            ctx.resume().catch(function() {});
        } catch (e) {}
        var r = rec.recorder = new MediaRecorder(stream, {"mimeType": type, "audioBitsPerSecond": 32000});
        r.ondataavailable = function(e) { if (e.data && e.data.size) chunks.push(e.data); };
        r.onstop = function() {
            if (StarlingVoice.rec !== rec) return;  // discarded
            StarlingVoice.release();
            new Blob(chunks).arrayBuffer().then(function(buf) {
                var b = new Uint8Array(buf), p = _malloc(b.length || 1), n = StarlingVoice.str(StarlingVoice.name());
                var lv = _malloc(levels.length * 4 || 4);
                HEAPU8.set(b, p);
                HEAPF32.set(levels, lv >> 2);
                _starling_voice_recorded(generation, p, b.length, n, lv, levels.length);
                _free(p);
                _free(n);
                _free(lv);
            });
        };
        r.start(1000);
        rec.timer = setInterval(function() { _starling_voice_changed(); }, 500);  // the running timer
        _starling_voice_started(generation, 1, 0);
    }, function(err) {
        if (StarlingVoice.rec !== rec) return;
        StarlingVoice.release();
        var name = err && err.name;
        _starling_voice_started(generation, 0, name === "NotAllowedError" || name === "SecurityError" ? 1 : 0);
    });
  },

  js_voice_stop__deps: ['$StarlingVoice'],
  js_voice_stop: function() {
    var r = StarlingVoice.rec;
    if (r && r.recorder && r.recorder.state !== "inactive") r.recorder.stop();
  },

  js_voice_discard__deps: ['$StarlingVoice'],
  js_voice_discard: function() {
    var r = StarlingVoice.rec;
    StarlingVoice.release();
    if (r && r.recorder && r.recorder.state !== "inactive") r.recorder.stop();
  },

  js_voice_load__deps: ['$StarlingVoice'],
  js_voice_load: function(key, ptr, len, mime) {
    var k = UTF8ToString(key), type = UTF8ToString(mime);
    var url = URL.createObjectURL(new Blob([HEAPU8.slice(ptr, ptr + len)], type.indexOf("audio/") === 0 ? {"type": type} : {}));
    var a = new Audio(), p = StarlingVoice.players[k] = {audio: a, url: url, failed: false};
    a.preload = "metadata";
    ["loadedmetadata", "durationchange", "timeupdate", "play", "pause", "ended", "seeked"].forEach(function(e) {
        a.addEventListener(e, function() { _starling_voice_changed(); });
    });
    a.addEventListener("error", function() { p.failed = true; _starling_voice_changed(); });
    a.src = url;
  },

  js_voice_unload__deps: ['$StarlingVoice'],
  js_voice_unload: function(key) {
    var k = UTF8ToString(key), p = StarlingVoice.players[k];
    if (!p) return;
    delete StarlingVoice.players[k];
    p.audio.pause();
    p.audio.removeAttribute("src");
    URL.revokeObjectURL(p.url);
  },

  js_voice_state__deps: ['$StarlingVoice'],
  js_voice_state: function(key, out) {
    var p = StarlingVoice.players[UTF8ToString(key)];
    if (!p) return 0;
    var a = p.audio, d = isFinite(a.duration) ? a.duration : 0;
    HEAPF64[out >> 3] = a.paused ? 0 : 1;
    HEAPF64[(out >> 3) + 1] = a.currentTime || 0;
    HEAPF64[(out >> 3) + 2] = d;
    HEAPF64[(out >> 3) + 3] = p.failed ? 1 : 0;
    return 1;
  },

  // One plays at a time: starting one pauses the others. A finished one starts again from the beginning.
  js_voice_toggle__deps: ['$StarlingVoice'],
  js_voice_toggle: function(key) {
    var k = UTF8ToString(key), p = StarlingVoice.players[k];
    if (!p || p.failed) return;
    if (!p.audio.paused) { p.audio.pause(); return; }
    Object.keys(StarlingVoice.players).forEach(function(o) { if (o !== k) StarlingVoice.players[o].audio.pause(); });
    if (p.audio.ended) p.audio.currentTime = 0;
    var played = p.audio.play();
    if (played && played.catch) played.catch(function() { _starling_voice_changed(); });  // e.g. no user gesture yet
  },

  js_voice_seek__deps: ['$StarlingVoice'],
  js_voice_seek: function(key, fraction) {
    var p = StarlingVoice.players[UTF8ToString(key)];
    if (p && isFinite(p.audio.duration)) p.audio.currentTime = Math.max(0, Math.min(1, fraction)) * p.audio.duration;
  },
});
