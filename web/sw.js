// Starling's service worker. scripts/release_site.py writes it into a release folder and fills in the
// version and the app shell (this version's files, most of them under hashed names).
// - Offline start: the shell comes from this version's cache, so a reload without network opens Starling
//   with its stored history (IndexedDB), and the client sends its outbox when the network returns.
// - Updates: a new release's worker installs in the background into its own cache and waits. The browser
//   hands over to it only when no page of the old version is open (no skipWaiting), so a version never
//   changes under an open conversation; it applies on the next start.
// - config.json is the host's to change: the network's copy first, the cached one offline.
// Nothing else is touched: the XMPP WebSocket, uploads and downloads go to the network as they are.
"use strict";
const VERSION = "__STARLING_VERSION__";
const SHELL = [/*__STARLING_SHELL__*/];
const CACHE = "starling-" + VERSION;
const CONFIG = new URL("config.json", self.location).href;
const INDEX = new URL("./", self.location).href;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) =>
    cache.addAll(SHELL.map((url) => new Request(url, { cache: "reload" })))));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys().then((keys) => Promise.all(keys
    .filter((key) => key.startsWith("starling-") && key !== CACHE)
    .map((key) => caches.delete(key)))));
});

function cached(url) {
  return caches.open(CACHE).then((cache) => cache.match(url));
}

function configFirstFromNetwork(request) {
  return fetch(request).then((response) => {
    if (response.ok) {
      const copy = response.clone();
      caches.open(CACHE).then((cache) => cache.put(CONFIG, copy));
    }
    return response;
  }).catch(() => cached(CONFIG).then((hit) => hit || Response.error()));
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(cached(INDEX).then((hit) => hit || fetch(request)));
  } else if (request.url.split("?")[0] === CONFIG) {
    event.respondWith(configFirstFromNetwork(request));
  } else {
    event.respondWith(cached(request).then((hit) => hit || fetch(request)));
  }
});
