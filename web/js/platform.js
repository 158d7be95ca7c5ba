// Platform services (web/web_platform.cpp): HTTP GET and the debounced IDBFS flush.
// An Emscripten JS library (--js-library, web/CMakeLists.txt). Names read from outside the compiled
// code (Module, window and JSON properties) are quoted so Closure keeps them.
mergeInto(LibraryManager.library, {
  js_http_get__deps: ['malloc', 'free'],
  js_http_get: function(id, url) {
    var u = UTF8ToString(url);
    fetch(u, {"credentials": "omit", "cache": "no-store"})
        .then(function(r) { return r.text().then(function(t) { return [r.status, t]; }); })
        .catch(function() { return [0, ""]; })
        .then(function(res) {
            var bytes = new TextEncoder().encode(res[1]);
            var p = _malloc(bytes.length + 1);
            HEAPU8.set(bytes, p);
            HEAPU8[p + bytes.length] = 0;
            _starling_http_done(id >>> 0, res[0], p, bytes.length);
            _free(p);
        });
  },

  // Debounce 300 ms; one syncfs at a time (a request during one runs again right after it, at once when
  // the page is being left); 15 s watchdog; flushed at once when the page is hidden or left
  // (visibilitychange, pagehide, beforeunload: whichever the browser fires first).
  // An asynchronous IndexedDB write started while the page unloads may never finish, so leaving also
  // writes a journal to localStorage synchronously: the paths of all files and the contents of those
  // changed since the last successful sync began. The next boot applies it (web/boot.cpp); the first
  // successful sync that began after it was written removes it.
  js_request_flush__deps: ['$FS'],
  js_request_flush: function() {
    var P = Module["__starlingPersist"] ||
            (Module["__starlingPersist"] = {"timer": 0, "running": false, "again": false, "leaving": false,
                                            "syncedAt": 0, "journalAt": 0, "dir": "/data"});
    if (P["timer"] || P["disabled"]) return;
    function writeJournal() {
        var all = [], changed = {}, any = false;
        function walk(path) {
            var names;
            try { names = FS.readdir(path); } catch (e) { return; }
            names.forEach(function(n) {
                if (n === "." || n === "..") return;
                var p = path + "/" + n, st = FS.stat(p);
                if (FS.isDir(st.mode)) { walk(p); return; }
                if (!FS.isFile(st.mode)) return;
                all.push(p);
                if (st.mtime.getTime() < P["syncedAt"]) return;
                var bytes = FS.readFile(p), bin = "";
                for (var i = 0; i < bytes.length; i += 32768) bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 32768));
                changed[p] = btoa(bin);
                any = true;
            });
        }
        walk(P["dir"]);
        if (!any && !P["journalAt"]) return;  // IndexedDB already holds all of it
        try {
            var at = Date.now();
            window["localStorage"]["setItem"]("starling-journal", JSON.stringify({"at": at, "all": all, "files": changed}));
            P["journalAt"] = at;
        } catch (e) {
            // Best effort: the IndexedDB write below still runs. An older journal must not outlive this
            // state (the next boot would apply it over newer data).
            console.warn("journal: " + e);
            try { window["localStorage"]["removeItem"]("starling-journal"); } catch (e2) {}
            P["journalAt"] = 0;
        }
    }
    P["writeJournal"] = writeJournal;
    function run() {
        P["timer"] = 0;
        if (P["disabled"]) return;  // saved data could not be loaded: a sync would delete it (web/boot.cpp)
        if (P["running"]) { P["again"] = true; return; }
        P["running"] = true;
        var startedAt = Date.now();
        // The watchdog reports a sync that does not answer but does not end it: no second sync starts
        // while one is stuck (they would race over the same IndexedDB records); what was written since
        // waits as "again" and runs if the stuck one ever answers.
        var watchdog = setTimeout(function() {
            watchdog = 0;
            P["again"] = true;
            _starling_persist_error(1);
        }, 15000);
        FS.syncfs(false, function(err) {
            if (watchdog) clearTimeout(watchdog);
            P["running"] = false;
            if (err) {
                _starling_persist_error(2);
            } else {
                P["syncedAt"] = startedAt;
                if (P["journalAt"] && startedAt > P["journalAt"]) {
                    try { window["localStorage"]["removeItem"]("starling-journal"); } catch (e) {}
                    P["journalAt"] = 0;
                }
                _starling_persist_ok();
            }
            if (P["again"]) {
                P["again"] = false;
                if (P["leaving"]) run();
                else P["timer"] = setTimeout(run, 300);
            }
        });
    }
    P["run"] = run;
    P["timer"] = setTimeout(run, 300);
    if (!P["listening"]) {
        P["listening"] = true;
        var now = function() {
            P["leaving"] = true;
            if (!P["timer"] && !P["running"] && !P["journalAt"]) return;  // IndexedDB is up to date
            P["writeJournal"]();
            if (!P["timer"]) return;  // nothing waiting (a running sync already queued what came after it)
            clearTimeout(P["timer"]);
            P["run"]();
        };
        document.addEventListener("visibilitychange", function() {
            if (document.visibilityState === "hidden") now();
            else P["leaving"] = false;
        });
        window.addEventListener("pagehide", now);
        window.addEventListener("beforeunload", now);
        window.addEventListener("pageshow", function() { P["leaving"] = false; });
    }
  },
});
