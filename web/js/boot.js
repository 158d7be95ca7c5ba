// Boot (web/boot.cpp): the store lock, IDBFS load (with the leave journal), config and font.
// An Emscripten JS library (--js-library, web/CMakeLists.txt). Names read from outside the compiled
// code (Module, window and JSON properties) are quoted so Closure keeps them.
mergeInto(LibraryManager.library, {
  js_boot__deps: ['$FS', '$IDBFS', 'malloc', 'free'],
  js_boot: function(dataDir) {
    var dir = UTF8ToString(dataDir);
    var pre = window["__starlingPreload"] || {};
    function toHeap(s) {
        var b = new TextEncoder().encode(s || "");
        var p = _malloc(b.length + 1);
        HEAPU8.set(b, p);
        HEAPU8[p + b.length] = 0;
        return p;
    }
    // The journal the page wrote to localStorage when it was last left (web/web_platform.cpp): it is
    // newer than IndexedDB, which no successful sync has updated since. Its file list is the whole
    // store then: files not in it had been deleted.
    function applyJournal() {
        var j = null;
        try { j = JSON.parse(window["localStorage"]["getItem"]("starling-journal") || "null"); } catch (e) { j = null; }
        if (!j || !Array.isArray(j["all"]) || typeof j["files"] !== "object") return;
        var keep = {};
        j["all"].forEach(function(p) { keep[p] = true; });
        (function prune(path) {
            var names;
            try { names = FS.readdir(path); } catch (e) { return; }
            names.forEach(function(n) {
                if (n === "." || n === "..") return;
                var p = path + "/" + n, st = FS.stat(p);
                if (FS.isDir(st.mode)) prune(p);
                else if (!keep[p]) FS.unlink(p);
            });
        })(dir);
        Object.keys(j["files"]).forEach(function(p) {
            if (p.indexOf(dir + "/") !== 0 || p.indexOf("/..") >= 0) return;
            var parts = p.split("/"), cur = "";
            for (var i = 1; i < parts.length - 1; ++i) {
                cur += "/" + parts[i];
                try { FS.mkdir(cur); } catch (e) {}
            }
            var bin = atob(j["files"][p]), bytes = new Uint8Array(bin.length);
            for (var k = 0; k < bin.length; ++k) bytes[k] = bin.charCodeAt(k);
            FS.writeFile(p, bytes);
        });
        Module["__starlingPersist"]["journalAt"] = 1;  // removed by the first successful sync from now on
        Module["__starlingJournalApplied"] = true;
    }
    // Saved data that could not be loaded must never be overwritten: a sync mirrors the tab's files into
    // IndexedDB, so syncing a store started empty would delete the history and credentials there. On any
    // load failure persistence is off for this tab and the client runs on a separate in-memory directory,
    // so a load that answers after the watchdog fills only the unused mount and is never synced back.
    var P = Module["__starlingPersist"] ||
            (Module["__starlingPersist"] = {"timer": 0, "running": false, "again": false, "leaving": false,
                                            "syncedAt": 0, "journalAt": 0, "dir": dir});
    var kOff = "; nothing will be saved in this tab (saved data is left untouched)";
    function loadFailed(resolve, why) {
        P["disabled"] = true;
        resolve(why + kOff);
    }
    // One tab owns the store (IDBFS: a second tab's sync deletes what the first wrote): a Web Lock held
    // for the page's life, taken before anything is mounted or loaded. A tab that does not get it says so,
    // never loads, syncs or connects, and waits for the lock: when the owner closes, it takes over.
    var owned = new Promise(function(resolve) {
        var locks = navigator["locks"];
        if (!locks || typeof locks["request"] !== "function") { resolve(); return; }  // no Web Locks: as before
        var forever = new Promise(function() {});
        locks["request"]("starling-store", {"ifAvailable": true}, function(lock) {
            if (lock) { resolve(); return forever; }
            var el = document.getElementById("status");
            var ru = (navigator.language || "").toLowerCase().indexOf("ru") === 0;
            if (el) {
                el.style.display = "block";
                el.textContent = ru ? "Starling открыт в другой вкладке. Эта вкладка продолжит, когда та закроется."
                                    : "Starling is open in another tab. This tab continues when that one is closed.";
            }
            locks["request"]("starling-store", function() {
                if (el) el.style.display = "none";
                resolve();
                return forever;
            });
            return null;
        });
    });
    var idb = owned.then(function() { return new Promise(function(resolve) {
        try {
            FS.mkdir(dir);
            FS.mount(IDBFS, {}, dir);
        } catch (e) {
            loadFailed(resolve, "IndexedDB could not be mounted: " + e);
            return;
        }
        var settled = false;
        var watchdog = setTimeout(function() {
            if (settled) return;
            settled = true;
            loadFailed(resolve, "IndexedDB did not answer: saved data could not be loaded");
        }, 15000);
        FS.syncfs(true, function(err) {
            if (settled) return;  // too late: the client already runs without it
            settled = true;
            clearTimeout(watchdog);
            if (err) {
                loadFailed(resolve, "IndexedDB could not be read: " + err);
                return;
            }
            P["syncedAt"] = Date.now();  // files written from here on are newer than IndexedDB
            applyJournal();
            resolve("");
        });
    }); });
    var config = (pre["config"] || fetch("config.json", {"cache": "no-store"}).then(function(r) { return r.ok ? r.json() : {}; }))
        .catch(function(e) { console.warn("Starling: config.json is not JSON: " + e); return {}; });
    // An invitation link (XEP-0401) given to the page: "#xmpp:…" or "?invite=xmpp:…" (docs/deploy.md).
    // Taken out of the address bar at once, so a reload or a shared screenshot does not carry the token.
    var invite = "";
    try {
        var q = new URLSearchParams(location.search);
        if (q.get("invite")) invite = q.get("invite");
        else if (location.hash.indexOf("#xmpp:") === 0) invite = decodeURIComponent(location.hash.substring(1));
        if (invite) {
            q.delete("invite");
            var rest = q.toString();
            history.replaceState(null, "", location.pathname + (rest ? "?" + rest : ""));
        }
    } catch (e) { invite = ""; }
    var font = (pre["font"] || fetch("DejaVuSans-subset.ttf").then(function(r) { return r.ok ? r.arrayBuffer() : null; }))
        .catch(function() { return null; });
    Promise.all([idb, config, font]).then(function(v) {
        var cfg = v[1] || {};
        var bytes = v[2] ? new Uint8Array(v[2]) : new Uint8Array(0);
        var fp = _malloc(bytes.length + 1);
        HEAPU8.set(bytes, fp);
        var err = toHeap(v[0]);
        var json = toHeap(JSON.stringify(cfg));
        var inv = toHeap(invite);
        var lang = toHeap(navigator.language || "en");
        _starling_boot(err, json, inv, lang, fp, bytes.length);
        [fp, err, json, inv, lang].forEach(function(p) { _free(p); });
    });
  },

  js_watch_visibility: function() {
    document.addEventListener("visibilitychange", function() { _starling_visibility(document.hidden ? 0 : 1); });
    _starling_visibility(document.hidden ? 0 : 1);
  },

  js_journal_applied: function() { return Module["__starlingJournalApplied"] ? 1 : 0; },

  js_persistence_disabled__deps: ['$FS'],
  js_persistence_disabled: function() {
    var P = Module["__starlingPersist"];
    if (!P || !P["disabled"]) return 0;
    try { FS.mkdir("/volatile"); } catch (e) {}
    return 1;
  },
});
