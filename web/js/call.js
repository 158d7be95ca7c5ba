// Audio/video calls in the browser (web/call_host.cpp): one RTCPeerConnection per call, the microphone and
// camera from getUserMedia (asked for from js_call_prepare, on the person's click), the SDP and ICE
// candidates between it and the core (which speaks Jingle), getStats() for what arrives, and the remote
// and own <video> frames copied into WebGL textures of our renderer. Every answer names the call's sid;
// C++ drops answers about a call that is over. An Emscripten JS library; names read from outside are quoted
// for Closure.
mergeInto(LibraryManager.library, {
  $StarlingCall__deps: ['malloc', 'free'],
  $StarlingCall: {
    c: null,         // the call: {sid, video, pc, stream, remote: <video>, own: <video>, audio: <audio>, timer, done, fresh}
    pending: null,   // {video, promise}: the devices asked for on the click, before the call has its sid
    muted: false,
    cameraOff: false,
    stats: [0, 0],   // inbound audio packets, decoded video frames
    str: function(s) {
        var b = new TextEncoder().encode(String(s)), p = _malloc(b.length + 1);
        HEAPU8.set(b, p);
        HEAPU8[p + b.length] = 0;
        return p;
    },
    // Calls fn(sidPtr, …string pointers) and frees them.
    send: function(fn, strings) {
        var ps = strings.map(StarlingCall.str);
        fn.apply(null, ps);
        ps.forEach(function(p) { _free(p); });
    },
    stop: function(stream) { if (stream) stream.getTracks().forEach(function(t) { t.stop(); }); },
    devices: function(video) {
        var md = navigator.mediaDevices;
        if (!md || !md.getUserMedia) return Promise.reject(new Error("no getUserMedia"));
        return md.getUserMedia({"audio": {"echoCancellation": true, "noiseSuppression": true},
                                "video": video ? {"width": {"ideal": 640}, "height": {"ideal": 480}} : false});
    },
    // The devices for call c: those asked for on the click when they fit, else asked for now.
    media: function(c) {
        var p = StarlingCall.pending;
        StarlingCall.pending = null;
        if (p && p.video === c.video) return p.promise;
        if (p) p.promise.then(StarlingCall.stop, function() {});
        return StarlingCall.devices(c.video);
    },
    fail: function(c, reason, err) {
        if (StarlingCall.c !== c || c.done) return;
        if (err) console.warn("call: " + reason + ": " + (err && err.message || err));
        c.done = true;
        StarlingCall.send(_starling_call_failed, [c.sid, reason]);
    },
    element: function(tag, muted) {
        var e = document.createElement(tag);
        e.autoplay = true;
        e.muted = muted;
        e.setAttribute("playsinline", "");
        // In the page (a detached or hidden <video> may not decode), but not seen: the canvas draws it.
        e.style.cssText = "position:fixed;left:0;top:0;width:2px;height:2px;opacity:0;pointer-events:none";
        document.body.appendChild(e);
        return e;
    },
    play: function(e) { var p = e.play(); if (p && p.catch) p.catch(function() {}); },
    // Each new decoded frame of a video element marks it fresh and wakes the render loop: at the video's
    // rate, only while a video call shows one. (requestVideoFrameCallback fires only for a video the page
    // composites; ours is drawn by the canvas, so the decoded-frame count is looked at 60 times a second.)
    watch: function(c, e, which) {
        var seen = -1;
        var timer = setInterval(function() {
            if (StarlingCall.c !== c) { clearInterval(timer); return; }
            var q = e.getVideoPlaybackQuality ? e.getVideoPlaybackQuality() : null;
            var n = q ? q["totalVideoFrames"] : e.currentTime;
            if (n === seen) return;
            seen = n;
            c.fresh[which] = true;
            _starling_call_changed(1);
        }, 16);
        c.timers.push(timer);
    },
    make: function(sid, video, iceJson) {
        StarlingCall.close();
        var servers = [], pc;
        try { servers = JSON.parse(iceJson); } catch (e) {}
        // A server's STUN/TURN entry the browser refuses (a bad URL throws here) costs only that entry's
        // help: the call goes on with host candidates, never an exception into the C++ caller.
        try {
            pc = new RTCPeerConnection({"iceServers": servers, "bundlePolicy": "max-bundle"});
        } catch (e) {
            console.warn("call: ICE servers refused (" + (e && e.message) + "): without them");
            pc = new RTCPeerConnection({"bundlePolicy": "max-bundle"});
        }
        var c = StarlingCall.c = {sid: sid, video: !!video, pc: pc, stream: null, remote: null, own: null, audio: null,
                                  timer: 0, timers: [], timer3: 0, done: false, fresh: [false, false], connected: false};
        StarlingCall.muted = false;
        StarlingCall.cameraOff = false;
        StarlingCall.stats = [0, 0];
        pc.onicecandidate = function(e) {
            if (StarlingCall.c !== c || !e.candidate || !e.candidate["candidate"]) return;
            StarlingCall.send(_starling_call_candidate, [sid, e.candidate["sdpMid"] || "", e.candidate["candidate"]]);
        };
        pc["onconnectionstatechange"] = function() {
            if (StarlingCall.c !== c) return;
            var s = pc["connectionState"];
            if (s === "connected" && !c.connected) {
                c.connected = true;
                StarlingCall.send(_starling_call_connected, [sid]);
            } else if (s === "failed") {
                StarlingCall.fail(c, "connectivity-error");
            }
        };
        pc.ontrack = function(e) {
            if (StarlingCall.c !== c) return;
            var stream = e.streams && e.streams[0] ? e.streams[0] : new MediaStream([e.track]);
            if (e.track.kind === "audio") {
                if (!c.audio) c.audio = StarlingCall.element("audio", false);
                c.audio.srcObject = stream;
                StarlingCall.play(c.audio);
            } else {
                if (!c.remote) { c.remote = StarlingCall.element("video", true); StarlingCall.watch(c, c.remote, 0); }
                c.remote.srcObject = new MediaStream([e.track]);
                StarlingCall.play(c.remote);
            }
        };
        // The counters every 250 ms (nothing drawn shows them); a frame a second for the duration.
        c.timer = setInterval(function() { StarlingCall.poll(c); }, 250);
        c.timer3 = setInterval(function() { if (c.connected) _starling_call_changed(0); }, 1000);
        return c;
    },
    // Our tracks into the connection (and our own video into its element).
    addTracks: function(c, stream) {
        if (StarlingCall.c !== c) { StarlingCall.stop(stream); return; }
        c.stream = stream;
        stream.getTracks().forEach(function(t) { c.pc.addTrack(t, stream); });
        if (c.video && stream.getVideoTracks().length) {
            c.own = StarlingCall.element("video", true);
            c.own.srcObject = new MediaStream(stream.getVideoTracks());
            StarlingCall.play(c.own);
            StarlingCall.watch(c, c.own, 1);
        }
    },
    local: function(c, description) {
        return c.pc.setLocalDescription(description).then(function() {
            if (StarlingCall.c === c) StarlingCall.send(_starling_call_description, [c.sid, c.pc["localDescription"]["sdp"]]);
        });
    },
    poll: function(c) {
        if (StarlingCall.c !== c || c.pc["connectionState"] === "closed") return;
        c.pc.getStats().then(function(report) {
            if (StarlingCall.c !== c) return;
            var audio = 0, frames = 0;
            report.forEach(function(s) {
                if (s["type"] !== "inbound-rtp") return;
                var kind = s["kind"] || s["mediaType"];
                if (kind === "audio") audio += s["packetsReceived"] || 0;
                if (kind === "video") frames += s["framesDecoded"] || 0;
            });
            StarlingCall.stats = [audio, frames];
        }, function() {});
    },
    close: function() {
        var c = StarlingCall.c;
        StarlingCall.c = null;
        if (!c) return;
        clearInterval(c.timer);
        c.timers.forEach(clearInterval);
        clearInterval(c.timer3);
        try { c.pc.close(); } catch (e) {}
        StarlingCall.stop(c.stream);
        [c.remote, c.own, c.audio].forEach(function(e) { if (e) { e.srcObject = null; e.remove(); } });
    }
  },

  js_call_available: function() { return typeof RTCPeerConnection === "function" ? 1 : 0; },

  // On the click: the devices are asked for now (the browser's question comes with the click).
  js_call_prepare__deps: ['$StarlingCall'],
  js_call_prepare: function(video) {
    var old = StarlingCall.pending;
    if (old) old.promise.then(StarlingCall.stop, function() {});
    var promise = StarlingCall.devices(!!video);
    promise.catch(function() {});  // reported when the call uses it
    StarlingCall.pending = {video: !!video, promise: promise};
  },

  js_call_offer__deps: ['$StarlingCall'],
  js_call_offer: function(sid, video, iceJson) {
    var c = StarlingCall.make(UTF8ToString(sid), video, UTF8ToString(iceJson));
    StarlingCall.media(c).then(function(stream) {
        StarlingCall.addTracks(c, stream);
        if (StarlingCall.c !== c) return;
        return c.pc.createOffer().then(function(offer) { return StarlingCall.local(c, offer); }, function(e) {
            StarlingCall.fail(c, "failed-application", e);
        });
    }, function(e) { StarlingCall.fail(c, "media-error", e); });
  },

  js_call_answer__deps: ['$StarlingCall'],
  js_call_answer: function(sid, video, sdp, iceJson) {
    var c = StarlingCall.make(UTF8ToString(sid), video, UTF8ToString(iceJson)), offer = UTF8ToString(sdp);
    var devices = StarlingCall.media(c);
    devices.catch(function() {});
    c.pc.setRemoteDescription({"type": "offer", "sdp": offer}).then(function() {
        return devices.then(function(stream) {
            StarlingCall.addTracks(c, stream);
            if (StarlingCall.c !== c) return;
            return c.pc.createAnswer().then(function(answer) { return StarlingCall.local(c, answer); }, function(e) {
                StarlingCall.fail(c, "failed-application", e);
            });
        }, function(e) { StarlingCall.fail(c, "media-error", e); });
    }, function(e) { StarlingCall.fail(c, "failed-application", e); });
  },

  js_call_remote_answer__deps: ['$StarlingCall'],
  js_call_remote_answer: function(sid, sdp) {
    var c = StarlingCall.c;
    if (!c || c.sid !== UTF8ToString(sid)) return;
    c.pc.setRemoteDescription({"type": "answer", "sdp": UTF8ToString(sdp)}).catch(function(e) {
        StarlingCall.fail(c, "failed-application", e);
    });
  },

  // A bad candidate is dropped (others may still connect; if none does, ICE fails and says so).
  js_call_candidate__deps: ['$StarlingCall'],
  js_call_candidate: function(sid, mid, candidate) {
    var c = StarlingCall.c;
    if (!c || c.sid !== UTF8ToString(sid)) return;
    var init = {"candidate": UTF8ToString(candidate), "sdpMid": UTF8ToString(mid)};
    c.pc.addIceCandidate(init).catch(function(e) { console.warn("call: candidate refused: " + (e && e.message)); });
  },

  js_call_close__deps: ['$StarlingCall'],
  js_call_close: function(sid) {
    var c = StarlingCall.c;
    if (c && c.sid === UTF8ToString(sid)) StarlingCall.close();
    var p = StarlingCall.pending;  // asked for on a click, never used (the call ended first)
    StarlingCall.pending = null;
    if (p) p.promise.then(StarlingCall.stop, function() {});
  },

  js_call_mute__deps: ['$StarlingCall'],
  js_call_mute: function(muted) {
    StarlingCall.muted = !!muted;
    var c = StarlingCall.c;
    if (c && c.stream) c.stream.getAudioTracks().forEach(function(t) { t.enabled = !muted; });
  },

  js_call_camera__deps: ['$StarlingCall'],
  js_call_camera: function(on) {
    StarlingCall.cameraOff = !on;
    var c = StarlingCall.c;
    if (c && c.stream) c.stream.getVideoTracks().forEach(function(t) { t.enabled = !!on; });
  },

  // out: muted, cameraOff, audio packets in, video frames in.
  js_call_media__deps: ['$StarlingCall'],
  js_call_media: function(out) {
    HEAPF64[out >> 3] = StarlingCall.muted ? 1 : 0;
    HEAPF64[(out >> 3) + 1] = StarlingCall.cameraOff ? 1 : 0;
    HEAPF64[(out >> 3) + 2] = StarlingCall.stats[0];
    HEAPF64[(out >> 3) + 3] = StarlingCall.stats[1];
  },

  // Copies the newest frame of the remote (which 0) or own (1) video into texture `tex` when a new one
  // came; out: its width and height (0 when there is none yet). Returns 1 when it copied.
  js_call_upload__deps: ['$StarlingCall', '$GL'],
  js_call_upload: function(which, tex, out) {
    var c = StarlingCall.c, e = c ? (which ? c.own : c.remote) : null;
    HEAP32[out >> 2] = 0;
    HEAP32[(out >> 2) + 1] = 0;
    if (!e || e.readyState < 2 || !e.videoWidth) return 0;
    HEAP32[out >> 2] = e.videoWidth;
    HEAP32[(out >> 2) + 1] = e.videoHeight;
    if (!c.fresh[which] && e.videoWidth === c["w" + which] && e.videoHeight === c["h" + which]) return 0;
    c.fresh[which] = false;
    c["w" + which] = e.videoWidth;
    c["h" + which] = e.videoHeight;
    GLctx.bindTexture(GLctx.TEXTURE_2D, GL.textures[tex]);
    GLctx.texImage2D(GLctx.TEXTURE_2D, 0, GLctx.RGBA, GLctx.RGBA, GLctx.UNSIGNED_BYTE, e);
    GLctx.bindTexture(GLctx.TEXTURE_2D, null);
    return 1;
  },
});
