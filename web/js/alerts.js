// Alerts (web/alerts.cpp): browser notifications, a short sound, the favicon badge.
// An Emscripten JS library (--js-library, web/CMakeLists.txt). Names read from outside the compiled
// code (Module, window and JSON properties) are quoted so Closure keeps them.
mergeInto(LibraryManager.library, {
  // `hidden`: the page is hidden and the person wants notifications; `sound`: play the sound.
  // Every notification made is also listed in Module.__starlingAlerts (newest last, at most 50) for the
  // test hook (web/TEST_HOOK.md): {chat, title, body, notified, sound, error}.
  js_alert_notify__deps: ['malloc', 'free'],
  js_alert_notify: function(chatPtr, titlePtr, bodyPtr, hidden, sound) {
    var chat = UTF8ToString(chatPtr), title = UTF8ToString(titlePtr), body = UTF8ToString(bodyPtr);
    var record = {"chat": chat, "title": title, "body": body, "notified": false, "sound": !!sound, "error": ""};
    var list = Module["__starlingAlerts"] = Module["__starlingAlerts"] || [];
    list.push(record);
    if (list.length > 50) list.shift();
    if (hidden && typeof Notification !== "undefined" && Notification.permission === "granted") {
      try {
        var icon = document.querySelector("link[rel=icon]");
        var n = new Notification(title, {"body": body, "tag": chat, "icon": icon ? icon.href : undefined,
                                         "silent": true});
        record["notified"] = true;
        n.onclick = function() {
          window.focus();
          var b = new TextEncoder().encode(chat);
          var p = _malloc(b.length + 1);
          HEAPU8.set(b, p);
          HEAPU8[p + b.length] = 0;
          _starling_open_alerted_chat(p);
          _free(p);
          n.close();
        };
        n.onerror = function() { record["error"] = "notification-error"; };
      } catch (e) {
        record["error"] = String(e);
      }
    }
    if (sound) {
      // Two short soft tones, made here: no sound file to fetch. The browser may keep audio suspended
      // until the person has clicked the page once; then it stays silent.
      try {
        var Ctx = window.AudioContext || window.webkitAudioContext;
        var ac = Module["__starlingAudio"] = Module["__starlingAudio"] || new Ctx();
        var t = ac.currentTime;
        [[660, 0], [880, 0.12]].forEach(function(tone) {
          var osc = ac.createOscillator(), gain = ac.createGain();
          osc.frequency.value = tone[0];
          gain.gain.setValueAtTime(0.0001, t + tone[1]);
          gain.gain.exponentialRampToValueAtTime(0.08, t + tone[1] + 0.02);
          gain.gain.exponentialRampToValueAtTime(0.0001, t + tone[1] + 0.11);
          osc.connect(gain);
          gain.connect(ac.destination);
          osc.start(t + tone[1]);
          osc.stop(t + tone[1] + 0.12);
        });
      } catch (e) {
        record["error"] = record["error"] || String(e);
      }
    }
  },

  // 0 unsupported, 1 granted, 2 denied, 3 not asked yet.
  js_notification_permission: function() {
    if (typeof Notification === "undefined") return 0;
    return Notification.permission === "granted" ? 1 : Notification.permission === "denied" ? 2 : 3;
  },

  js_request_notification_permission: function() {
    if (typeof Notification === "undefined") return;
    Promise.resolve(Notification.requestPermission()).then(function() { _starling_alerts_changed(); },
                                                           function() { _starling_alerts_changed(); });
  },

  // The favicon with a red badge of the unread count (0: the plain icon). Drawn on a small canvas from
  // the page's own icon; a data: URL (the CSP allows img-src data:).
  js_set_badge: function(unread) {
    var link = document.querySelector("link[rel=icon]");
    if (!link) return;
    var plain = link.getAttribute("data-plain") || link.getAttribute("href");
    link.setAttribute("data-plain", plain);
    if (unread <= 0) {
      link.setAttribute("href", plain);
      return;
    }
    var draw = function(img) {
      var canvas = document.createElement("canvas");
      canvas.width = canvas.height = 64;
      var g = canvas.getContext("2d");
      if (img) g.drawImage(img, 0, 0, 64, 64);
      g.fillStyle = "#e53935";
      g.beginPath();
      g.arc(44, 20, 20, 0, 2 * Math.PI);
      g.fill();
      g.fillStyle = "#fff";
      g.font = "bold 26px sans-serif";
      g.textAlign = "center";
      g.textBaseline = "middle";
      g.fillText(unread > 99 ? "99+" : String(unread), 44, 21);
      link.setAttribute("href", canvas.toDataURL("image/png"));
      link.setAttribute("type", "image/png");
    };
    var img = Module["__starlingIcon"];
    if (img && img.complete) { draw(img); return; }
    img = Module["__starlingIcon"] = new Image();
    img.onload = function() { draw(img); };
    img.onerror = function() { draw(null); };
    img.src = plain;
  },
});
