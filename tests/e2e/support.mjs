// Shared pieces of the end-to-end tests: a static server for the built site (config.json pointed at
// our Prosody), Debian's chromium through playwright-core, and helpers around window.__xmppTest.
// Environment (set by scripts/test.sh): STARLING_SITE_DIR (built site), STARLING_WS_URL (Prosody's
// WebSocket), STARLING_XMPP_DOMAIN (default localhost).
import { createServer } from 'node:http';
import { execFile, spawn } from 'node:child_process';
import readline from 'node:readline';
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SITE_DIR = process.env.STARLING_SITE_DIR || path.join(REPO, 'build', 'wasm', 'site');
export const WS_URL = process.env.STARLING_WS_URL || 'ws://127.0.0.1:5280/xmpp-websocket';
export const DOMAIN = process.env.STARLING_XMPP_DOMAIN || 'localhost';

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.json': 'application/json', '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ttf': 'font/ttf', '.woff2': 'font/woff2', '.css': 'text/css',
};

// Serves SITE_DIR on 127.0.0.1 (ephemeral port). config.json is answered from `config` (default: our
// Prosody) so the build output is never modified. Returns { url, close, requests }.
export async function startSiteServer({ siteDir = SITE_DIR, config } = {}) {
  siteDir = path.resolve(siteDir);
  const cfg = JSON.stringify(config || { defaultDomain: DOMAIN, defaultWebsocket: WS_URL });
  const requests = [];
  const server = createServer(async (req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    requests.push(urlPath);
    if (urlPath === '/config.json') {
      res.writeHead(200, { 'content-type': MIME['.json'], 'cache-control': 'no-store' });
      res.end(cfg);
      return;
    }
    const rel = urlPath.endsWith('/') ? urlPath + 'index.html' : urlPath;
    const file = path.join(siteDir, path.normalize(rel));
    if (!file.startsWith(siteDir + path.sep)) { res.writeHead(403).end(); return; }
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': MIME[path.extname(file)] || 'application/octet-stream',
        'content-length': body.length, 'cache-control': 'no-store',
      });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); }),
  };
}

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run',
];

// A fake microphone (a beep) that needs no permission prompt: for the voice message tests.
export const FAKE_MEDIA_ARGS = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

export function launchBrowser(extraArgs = []) {
  return chromium.launch({ executablePath: process.env.STARLING_CHROMIUM || '/usr/bin/chromium', args: [...CHROMIUM_ARGS, ...extraArgs] });
}

// A fresh context (own IndexedDB) with a page whose console errors are collected for diagnostics.
export async function newPage(browser, { locale = 'en-US' } = {}) {
  const context = await browser.newContext({ locale, viewport: { width: 1100, height: 760 } });
  const page = await context.newPage();
  page.consoleLines = [];
  page.on('console', (m) => page.consoleLines.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => page.consoleLines.push(`pageerror: ${e.message}`));
  return page;
}

// Opens the app and waits until the hook exists and the first frame was drawn.
export async function openApp(page, baseUrl, timeout = 30000) {
  await page.goto(baseUrl);
  await page.waitForFunction(() => window.__xmppTest && window.__xmppTest.frames() > 0, null, { timeout });
}

export function hook(page, name, ...args) {
  return page.evaluate(([n, a]) => {
    const h = window.__xmppTest;
    if (!h || typeof h[n] !== 'function') throw new Error(`window.__xmppTest.${n} is missing`);
    return h[n](...a);
  }, [name, args]);
}

// Polls `predicate(page-side arg)` in the page (every animation frame or 50 ms) until truthy.
export async function waitInPage(page, predicate, arg, { timeout = 20000, what = 'condition' } = {}) {
  try {
    const handle = await page.waitForFunction(predicate, arg, { timeout, polling: 50 });
    return await handle.jsonValue();
  } catch (e) {
    const st = await page.evaluate(() => window.__xmppTest && window.__xmppTest.state()).catch(() => null);
    throw new Error(`timed out waiting for ${what}: ${e.message}\nstate: ${JSON.stringify(st)}\n` +
      `console:\n${(page.consoleLines || []).slice(-15).join('\n')}`);
  }
}

export function uniqueName(prefix) {
  return prefix + randomBytes(6).toString('hex');
}

export const jidOf = (user) => `${user}@${DOMAIN}`;

// Registers `user` in band through the hook (what the form's "Create account" does); waits for loggedIn
// and for the new device to be announced (its OMEMO list and bundle on the server): a contact who looks
// the account up earlier finds no device and writes in plaintext, as to any account without OMEMO.
export async function registerViaHook(page, user, password, wsUrl = WS_URL) {
  await hook(page, 'register', wsUrl, jidOf(user), password);
  await waitInPage(page, () => window.__xmppTest.loggedIn(), null, { what: `${user} logged in` });
  await waitInPage(page, () => window.__xmppTest.state().omemoAnnounced, null, { what: `${user}'s OMEMO device announced` });
}

export async function loginViaHook(page, user, password) {
  await hook(page, 'login', WS_URL, jidOf(user), password);
  await waitInPage(page, () => window.__xmppTest.loggedIn(), null, { what: `${user} logged in` });
}

// The opening of the two-party tests: two fresh pages (own contexts, own IndexedDB) with the app open,
// each registered as a new account named from its prefix (passwords pa-<name>, pb-<name>).
// Resolves { alice, bob, a, b, aJid, bJid }.
export async function twoAccounts(browser, siteUrl, prefixA, prefixB, wsUrl = WS_URL) {
  const alice = await newPage(browser);
  const bob = await newPage(browser);
  await Promise.all([openApp(alice, siteUrl), openApp(bob, siteUrl)]);
  const a = uniqueName(prefixA), b = uniqueName(prefixB);
  await registerViaHook(alice, a, `pa-${a}`, wsUrl);
  await registerViaHook(bob, b, `pb-${b}`, wsUrl);
  return { alice, bob, a, b, aJid: jidOf(a), bJid: jidOf(b) };
}

const rosterEntry = (st, jid) => (st.roster || []).find((r) => r.jid === jid);

// RGBA bytes of a rectangle of a screenshot (`clip` in CSS px), decoded in the page with a 2D canvas.
export async function screenshotPixels(page, clip) {
  const png = (await page.screenshot({ clip })).toString('base64');
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = new OffscreenCanvas(img.width, img.height);
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    return Array.from(g.getImageData(0, 0, img.width, img.height).data);
  }, png);
}

// Vertical bands of widget-coloured pixels (frame/button backgrounds: blue clearly above red) in the
// pixel column at x of a screenshot, decoded in the page with a 2D canvas. This is how the UI tests
// find the login fields and the roster pane's buttons without hard-coded coordinates.
export async function bandsAt(page, x) {
  const column = await screenshotPixels(page, { x, y: 0, width: 1, height: page.viewportSize().height });
  const bands = [];
  let start = -1, gap = 0;
  for (let y = 0; y * 4 <= column.length; ++y) {
    const [r, , b] = y * 4 < column.length ? column.slice(y * 4, y * 4 + 3) : [0, 0, 0];
    const hit = b - r > 25 && b > 60;
    if (hit) {
      if (start < 0) start = y;
      gap = 0;
    } else if (start >= 0 && (++gap > 3 || y * 4 >= column.length)) {
      const bottom = y - gap;
      if (bottom - start + 1 >= 12) bands.push({ top: start, bottom, mid: Math.round((start + bottom) / 2) });
      start = -1;
      gap = 0;
    }
  }
  return bands;
}

// The roster pane's left column, top to bottom: presence combo, one "Accept" button per pending
// request, "Add contact" (then roster rows, which are not coloured unless hovered or selected).
const PANE_X = 20;

// Adds `jid` with the mouse and keyboard: click "Add contact", type into the focused address field, Enter.
export async function addContactViaUi(page, jid) {
  await page.mouse.move(1, 1);  // no hover highlight on a row
  const st = await hook(page, 'state');
  const bands = await bandsAt(page, PANE_X);
  const add = bands[1 + st.subscriptionRequests.length];
  if (!add) throw new Error(`"Add contact" not found at x=${PANE_X}: ${JSON.stringify(bands)}`);
  const before = await hook(page, 'frames');
  await page.mouse.click(PANE_X + 40, add.mid);
  // The popup's field takes the keyboard focus on the frame after it appears; characters typed before
  // that have no field to go to (ImGui drops them), so wait for a few drawn frames first.
  await waitInPage(page, (n) => window.__xmppTest.frames() >= n + 3, before, { what: 'add-contact popup drawn' });
  await page.keyboard.type(jid, { delay: 5 });
  await page.keyboard.press('Enter');
  await waitInPage(page, (j) => window.__xmppTest.state().roster.some((r) => r.jid === j), jid,
    { what: `${jid} added through the form` });
}

// Clicks "Accept" on the (only) pending request from `jid`.
export async function acceptViaUi(page, jid) {
  await waitInPage(page, (j) => window.__xmppTest.state().subscriptionRequests.includes(j), jid,
    { what: `request from ${jid}` });
  const st = await hook(page, 'state');
  if (st.subscriptionRequests.length !== 1) throw new Error(`expected one request: ${st.subscriptionRequests}`);
  await page.mouse.move(1, 1);
  const bands = await bandsAt(page, PANE_X);
  if (bands.length < 3) throw new Error(`"Accept" not found at x=${PANE_X}: ${JSON.stringify(bands)}`);
  await page.mouse.click(PANE_X + 5, bands[1].mid);
  await waitInPage(page, (j) => !window.__xmppTest.state().subscriptionRequests.includes(j), jid,
    { what: `request from ${jid} accepted` });
}

// Mutual subscription as a person does it: A adds B (which pre-approves B), B accepts — and B's
// request back is answered without a second "Accept". via 'ui' (mouse + keyboard on the roster pane)
// or 'hook' (window.__xmppTest.addContact/approve, when the page provides them). Waits until both see
// "both" in state() and both roster rows are drawn.
export async function befriend(pageA, jidA, pageB, jidB, { via = 'ui' } = {}) {
  if (via === 'ui') {
    await addContactViaUi(pageA, jidB);
    await acceptViaUi(pageB, jidA);
  } else {
    await hook(pageA, 'addContact', jidB, '');
    await waitInPage(pageB, (j) => window.__xmppTest.state().subscriptionRequests.includes(j), jidA,
      { what: `request from ${jidA}` });
    await hook(pageB, 'approve', jidA);
  }
  for (const [page, peer] of [[pageA, jidB], [pageB, jidA]]) {
    await waitInPage(page, (j) => {
      const r = window.__xmppTest.state().roster.find((x) => x.jid === j);
      return r && r.subscription === 'both' && window.__xmppTest.rosterShown().includes(j);
    }, peer, { what: `${peer} subscribed both ways and drawn` });
  }
  const stA = await hook(pageA, 'state');
  if (stA.subscriptionRequests.includes(jidB)) throw new Error(`${jidA} was asked to accept ${jidB} a second time`);
  return { a: rosterEntry(stA, jidB), b: rosterEntry(await hook(pageB, 'state'), jidA) };
}

// Everything the page stored in IndexedDB (one line per IDBFS entry: path, tab, contents decoded as
// UTF-8) and localStorage, as one string: for durability checks and to prove what is (not) stored.
export function storageDump(page) {
  return page.evaluate(async () => {
    const dump = [JSON.stringify(localStorage)];
    for (const { name } of await indexedDB.databases()) {
      const db = await new Promise((res, rej) => { const r = indexedDB.open(name); r.onsuccess = () => res(r.result); r.onerror = rej; });
      for (const storeName of db.objectStoreNames) {
        const store = db.transaction(storeName).objectStore(storeName);
        const [keys, all] = await Promise.all([store.getAllKeys(), store.getAll()].map((r) => new Promise((res) => { r.onsuccess = () => res(r.result); })));
        all.forEach((v, i) => dump.push(`${keys[i]}\t${v && v.contents ? new TextDecoder().decode(v.contents) : JSON.stringify(v)}`));
      }
      db.close();
    }
    return dump.join('\n');
  });
}

// Polls storageDump until it contains `text` (the page's debounced FS.syncfs has written it).
export async function waitForStored(page, text, { timeout = 10000 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    if ((await storageDump(page)).includes(text)) return;
    if (Date.now() > deadline) throw new Error(`"${text}" did not reach IndexedDB within ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Waits until history(peer) holds a message with exactly `body`; returns that entry.
export function waitForMessage(page, peer, body, what) {
  return waitInPage(page, ([p, b]) => window.__xmppTest.history(p).find((m) => m.body === b) || null,
    [peer, body], { what: what || `message "${body}" from/to ${peer}` });
}

// Our own UI strings drawn in the last frame ({text, x, y, w, h}, CSS px): window.__xmppTest.drawnText().
export function drawnText(page) {
  return hook(page, 'drawnText');
}

// Waits until one of our strings containing `part` is drawn; returns its {text, x, y, w, h}.
export function waitForDrawn(page, part, what, { timeout = 20000 } = {}) {
  return waitInPage(page, (p) => window.__xmppTest.drawnText().find((t) => t.text.includes(p)) || null, part,
    { what: what || `"${part}" drawn`, timeout });
}

// Clicks the middle of the drawn string `text` (exact), waiting for it first.
export async function clickDrawn(page, text) {
  const t = await waitInPage(page, (x) => window.__xmppTest.drawnText().find((d) => d.text === x) || null, text,
    { what: `"${text}" drawn` });
  await page.mouse.click(t.x + Math.min(t.w / 2, 8), t.y + t.h / 2);
  return t;
}

// Our Prosody (scripts/prosody.sh with the directory test.sh started it in): stop, start again on the
// same WebSocket port, create an account.
const PROSODY_DIR = process.env.STARLING_PROSODY_DIR;

// Prosody's stanza log (mod_stanza_debug, on when test.sh or STARLING_STANZA_DEBUG started it): its text so
// far, '' before Prosody has written any, null when no Prosody of ours is named.
export function stanzaLog() {
  if (!PROSODY_DIR) return null;
  try {
    return readFileSync(path.join(PROSODY_DIR, 'stanzas.log'), 'utf8');
  } catch (e) {
    if (e.code === 'ENOENT') return '';
    throw e;
  }
}
function prosodySh(...args) {
  if (!PROSODY_DIR) throw new Error('STARLING_PROSODY_DIR is not set (scripts/test.sh sets it)');
  return new Promise((resolve, reject) => {
    execFile('bash', [path.join(REPO, 'scripts', 'prosody.sh'), ...args], { env: { ...process.env, STARLING_STANZA_DEBUG: '1' } },
      (err, stdout, stderr) => (err ? reject(new Error(`prosody.sh ${args[0]}: ${err.message}\n${stderr}`)) : resolve(stdout)));
  });
}
export const prosody = {
  stop: () => prosodySh('stop', PROSODY_DIR),
  start: () => prosodySh('start', PROSODY_DIR, String(new URL(WS_URL.replace(/^ws/, 'http')).port)),
  register: (user, password) => prosodySh('register', PROSODY_DIR, user, password),
};

// Runs `during` with our Prosody stopped and starts it again afterwards, also when `during` fails (the
// rest of the suite needs the server; then the failure of `during` is the one reported).
export async function whileProsodyStopped(during) {
  await prosody.stop();
  try {
    await during();
  } catch (e) {
    await prosody.start().catch(() => {});
    throw e;
  }
  await prosody.start();
}

// Reloads a page and waits until the hook is back and a frame was drawn (the store is loaded by then).
export async function reloadApp(page, timeout = 30000) {
  await page.reload();
  await page.waitForFunction(() => window.__xmppTest && window.__xmppTest.frames() > 0, null, { timeout });
}

// tests/tools/chaos_proxy.mjs in front of our Prosody's HTTP port (see its header for the commands).
// Resolves { port, wsUrl, events, send(cmd), stop() }: `events` collects its JSON event lines.
const PROXY = path.join(REPO, 'tests', 'tools', 'chaos_proxy.mjs');
export function startChaosProxy({ seed = 1, lifetimeS = 900 } = {}) {
  const target = new URL(WS_URL.replace(/^ws/, 'http')).port;
  const args = [PROXY, '--target', target, '--seed', String(seed), '--lifetime-s', String(lifetimeS)];
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: child.stdout });
  const events = [];
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`chaos_proxy exited (${code}) before listening`)));
    lines.on('line', (line) => {
      const msg = JSON.parse(line);
      if (msg.listening) {
        resolve({
          port: msg.listening, events, wsUrl: `ws://127.0.0.1:${msg.listening}/xmpp-websocket`,
          send: (cmd) => child.stdin.write(cmd + '\n'),
          stop: () => new Promise((r) => {
            if (child.exitCode !== null) { r(); return; }
            child.once('exit', r);
            child.stdin.end();
          }),
        });
      } else events.push(msg);
    });
  });
}

// A fresh page with the app open and a newly registered account: { page, user, jid } (password p-<user>).
export async function registeredAccount(browser, siteUrl, prefix) {
  const page = await newPage(browser);
  await openApp(page, siteUrl);
  const user = uniqueName(prefix);
  await registerViaHook(page, user, `p-${user}`);
  return { page, user, jid: jidOf(user) };
}

// Waits until the page is in the room (state().rooms[…].joined).
export function waitRoomJoined(page, room, what) {
  return waitInPage(page, (r) => {
    const x = (window.__xmppTest.state().rooms || []).find((y) => y.jid === r);
    return x && x.joined;
  }, room, { what, timeout: 30000 });
}

// Waits until the newest message of `peer`'s chat that shares a file satisfies `pred(m)` (run in the page;
// a function of the history() entry); returns that entry.
export function waitAttachment(page, peer, pred, what) {
  return waitInPage(page, ([j, p]) => {
    const m = window.__xmppTest.history(j).filter((x) => x.attachment).pop();
    // eslint-disable-next-line no-new-func
    return m && new Function('m', `return (${p})(m)`)(m) ? m : null;
  }, [peer, pred.toString()], { what, timeout: 30000 });
}
