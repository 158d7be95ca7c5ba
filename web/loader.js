// The page's first script, loaded by index.html before starling.js. It starts the small fetches
// (config.json, the font) in parallel with the WebAssembly download, sets up Module, and in a release
// folder registers the service worker. A file and not an inline script, so the page runs under a strict
// Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval'; docs/deploy.md).
// scripts/release.sh rewrites the data-* attributes of its <script> tag to the hashed file names.
(function () {
  "use strict";
  var me = document.currentScript;
  var data = (me && me.dataset) || {};
  var wasmFile = data["wasm"] || "starling.wasm";
  var fontFile = data["font"] || "DejaVuSans-subset.ttf";
  window["__starlingPreload"] = {
    "config": fetch("config.json", {"cache": "no-store"})
      .then(function (r) { return r.ok ? r.json() : {}; }),
    "font": fetch(fontFile).then(function (r) { return r.ok ? r.arrayBuffer() : null; })
  };
  var statusEl = document.getElementById("status");
  window["Module"] = {
    "canvas": document.getElementById("canvas"),
    "print": function (t) { console.log(t); },
    "printErr": function (t) { console.warn(t); },
    "locateFile": function (path, prefix) { return prefix + (path === "starling.wasm" ? wasmFile : path); },
    "onRuntimeInitialized": function () { statusEl.style.display = "none"; },
    "onAbort": function (what) {
      statusEl.style.display = "block";
      statusEl.textContent = "Starling stopped: " + what;
    }
  };
  if (!document.createElement("canvas").getContext("webgl2")) {
    statusEl.textContent = "Starling needs a browser with WebGL 2.";
  }
  // Release folders only (data-sw): the app shell is cached for offline starts; a new version installs in
  // the background and takes over on the next start, never under an open page.
  if (data["sw"] && "serviceWorker" in navigator) {
    navigator.serviceWorker.register(data["sw"]).catch(function (e) {
      console.warn("Starling: offline start unavailable: " + e);
    });
  }
})();
