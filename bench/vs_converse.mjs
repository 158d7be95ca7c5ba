// Starling and Converse.js 14 side by side, in one run, in headless Debian chromium against our own
// Prosody (issue 12's five figures; software WebGL: absolute numbers are pessimistic, compare ratios):
//   1. first load: gzip -9 bytes of every response the page fetched before its login screen was usable
//      (Starling: first frame drawn, logged out; Converse: its login form's JID field visible and the
//      document's fonts loaded); each body gzipped here, whatever the server sent
//   2. navigation → logged in with the roster drawn: a fresh login (new browser profile; Starling logs in
//      through its hook as soon as the page has booted, Converse gets jid/password from its config, i.e.
//      auto_login) and a remembered session (navigation again: Starling's stored session, Converse's
//      saved SCRAM keys and IndexedDB store). "Drawn": Starling's hook says logged in and draws the
//      contact's row; Converse is connected and its <converse-roster-contact> shows the contact
//   3. a contact's message (sent by a bare slixmpp client, bench/tools/xmpp_peer.py) with the chat open:
//      WebSocket frame in the page → the frame that paints its text, median and worst of N (20); also
//      frame → committed (Starling: drawn by its frame callback; Converse: in the DOM)
//   4. 10 s idle with the chat open and the composer focused: main-thread task time (CDP TaskDuration
//      delta), renderer CPU (utime+stime of the browser's renderer processes), GPU process CPU (where
//      software GL rasterises)
//   5. renderer memory (PSS, /proc/PID/smaps_rollup) with a chat of 10,000 messages open: the contact
//      sends them while the client is online (both keep them in their own stores), then navigation
//      again (remembered session), the chat opened, its newest message shown, a garbage collection
//      (CDP HeapProfiler.collectGarbage); STARLING_VS_BIG=0 skips it
// Usage: node bench/vs_converse.mjs [SITE_DIR]   (default build/wasm/site; converse.js from node_modules)
//        STARLING_VS_MESSAGES=N (20)  STARLING_IDLE_MS (10000)  STARLING_VS_BIG=N (10000)
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { gzipSync } from 'node:zlib';

import { REPO, printResults, startBenchProsody } from './bench_prosody.mjs';
import { benchInit, cpuMs, ourChromiumProcesses, pssBytes, writeConverseSite } from './vs_converse_page.mjs';

if (process.argv[2]) process.env.STARLING_SITE_DIR = path.resolve(process.argv[2]);
const N_MSG = Number(process.env.STARLING_VS_MESSAGES || 20);
const IDLE_MS = Number(process.env.STARLING_IDLE_MS || 10000);
const BIG = Number(process.env.STARLING_VS_BIG ?? 10000);

if (process.env.STARLING_WS_URL) throw new Error('vs_converse needs its own Prosody (unset STARLING_WS_URL)');
const stopProsody = await startBenchProsody('prosody-vs');
const prosodyDir = path.join(REPO, 'build', 'bench', 'prosody-vs');
process.env.STARLING_PROSODY_DIR = prosodyDir;  // read by support.mjs at import
const S = await import('../tests/e2e/support.mjs');

const results = [];
const row = (name, st, cv, unit, ratio = true) => {
  results.push({ name, st, cv, unit, ratio: ratio && cv ? (st / cv).toFixed(2) : '' });
  console.error(`  ${name}: Starling ${st} / Converse ${cv} ${unit}`);
};
const median = (a) => { const s = [...a].sort((x, y) => x - y); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// --- the contact: a bare client, subscribed both ways with both measured accounts ------------------------
const names = { st: S.uniqueName('vsst'), cv: S.uniqueName('vscv'), peer: S.uniqueName('vspeer') };
const pw = (u) => `pw-${u}`;
for (const u of Object.values(names)) await S.prosody.register(u, pw(u));
const jid = Object.fromEntries(Object.entries(names).map(([k, u]) => [k, S.jidOf(u)]));
const c2s = Number(readFileSync(path.join(prosodyDir, 'ports'), 'utf8').split('\n')[1]);
const peerProc = spawn('/usr/bin/python3', [path.join(REPO, 'bench', 'tools', 'xmpp_peer.py'), '--port', String(c2s),
  '--jid', jid.peer, '--password', pw(names.peer), '--friend', `${jid.st}:${pw(names.st)}`, '--friend', `${jid.cv}:${pw(names.cv)}`],
{ stdio: ['pipe', 'pipe', 'inherit'] });
const peerLines = readline.createInterface({ input: peerProc.stdout });
const waiting = [];
peerLines.on('line', (l) => {
  if (l.startsWith('ERROR')) console.error(`xmpp_peer: ${l}`);
  const w = waiting.shift();
  if (w) (l.startsWith('ERROR') ? w.reject(new Error(l)) : w.resolve(l));
});
const peerSays = () => new Promise((resolve, reject) => waiting.push({ resolve, reject }));
const peerDo = (cmd) => { const p = peerSays(); peerProc.stdin.write(cmd + '\n'); return p; };
if (await peerSays() !== 'READY') throw new Error('xmpp_peer not ready');

const stSite = await S.startSiteServer();
const cvDir = path.join(REPO, 'build', 'bench', 'converse-site');
const cvVersion = writeConverseSite(cvDir, S.WS_URL);
const cvSite = await S.startSiteServer({ siteDir: cvDir });

// --- what differs between the two clients ---------------------------------------------------------------
const peerName = names.peer;
const CLIENTS = {
  Starling: {
    user: names.st,
    url: stSite.url,
    loginScreen: () => window.__xmppTest && window.__xmppTest.frames() > 0 && window.__xmppTest.state().connection === 'LoggedOut',
    async freshLogin(page) {
      await page.goto(this.url, { waitUntil: 'commit' });
      await page.waitForFunction(() => window.__xmppTest, null, { polling: 5, timeout: 60000 });
      await S.hook(page, 'login', S.WS_URL, jid.st, pw(names.st));
    },
    rosterDrawn: (p) => (window.__xmppTest && window.__xmppTest.loggedIn() && window.__xmppTest.rosterShown().includes(p) ? performance.now() : 0),
    rosterArg: jid.peer,
    async remember(page) { await S.waitForStored(page, jid.st); },
    async openChat(page) {
      if (!(await S.hook(page, 'openChat', jid.peer))) throw new Error('Starling: contact row not drawn');
      await page.focus('#starling-input');
    },
    check: () => { window.__bench.check = (m) => window.__xmppTest.isTextVisible(m); },
    beforeFlood: async () => {},
    received: ([p, m]) => { const h = window.__xmppTest.history(p); return h.length > 0 && h[h.length - 1].body === m; },
  },
  Converse: {
    user: names.cv,
    url: cvSite.url,
    loginScreen: () => { const f = document.getElementById('converse-login-jid'); return !!(f && f.offsetParent); },
    async freshLogin(page) {
      await page.goto(`${this.url}?jid=${encodeURIComponent(jid.cv)}&pw=${encodeURIComponent(pw(names.cv))}`, { waitUntil: 'commit' });
    },
    rosterDrawn: (p) => {
      const c = window.__converse;
      if (!c || !c.api.connection.connected()) return 0;
      const shown = [...document.querySelectorAll('converse-roster-contact')].some((e) => e.offsetParent && e.textContent.includes(p));
      return shown ? performance.now() : 0;
    },
    rosterArg: peerName,
    async remember(page) {
      await page.waitForFunction((j) => localStorage.getItem('conversejs-session-jid') === j
        && window.__converse.state.login_info && window.__converse.state.login_info.get('scram_keys'), jid.cv, { timeout: 20000 });
      await sleep(1000);  // its IndexedDB writes are not awaited by anything we can see
    },
    async openChat(page) {
      await page.evaluate((j) => window.__converse.api.chats.open(j, {}, true), jid.peer);
      const ta = page.locator('converse-chat textarea.chat-textarea');
      await ta.waitFor({ state: 'visible', timeout: 20000 });
      await ta.click();
    },
    check: () => {
      const B = window.__bench;
      B.check = (m) => [...document.querySelectorAll('converse-chat .chat-msg__text')].some((e) => e.textContent.includes(m));
      if (!B.observer) {
        B.observer = new MutationObserver(() => { if (B.mark && B.frameT && !B.commitT && B.check(B.mark)) B.committed(false); });
        B.observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      }
    },
    // Converse draws each message arriving in an open chat at a cost that grows with the chat (200 took
    // 22 s): the chat is closed while the contact floods it, Converse keeps them in its store all the same.
    beforeFlood: (page) => page.evaluate((j) => window.__converse.state.chatboxes.get(j).close(), jid.peer),
    received: ([p, m]) => {
      const chat = window.__converse.state.chatboxes.get(p);
      return !!(chat && chat.messages.findWhere({ body: m }));
    },
  },
};

async function newBrowserPage(browser) {
  const page = await S.newPage(browser);
  await page.addInitScript(benchInit);
  page.on('crash', () => console.error(`page crashed; console:\n${page.consoleLines.slice(-20).join('\n')}`));
  return page;
}

// 1. Responses fetched before the login screen is usable, gzip -9 each.
async function firstLoad(browser, c) {
  const page = await newBrowserPage(browser);
  const got = [];
  let open = true;
  page.on('response', (r) => { if (open) got.push(r); });
  await page.goto(c.url, { waitUntil: 'commit' });
  await page.waitForFunction(c.loginScreen, null, { polling: 5, timeout: 60000 });
  await page.evaluate(() => document.fonts.ready.then(() => 0));
  open = false;
  const files = [];
  for (const r of got) {
    if (r.status() !== 200) continue;
    const body = await r.body();
    files.push({ url: new URL(r.url()).pathname, raw: body.length, gz: gzipSync(body, { level: 9 }).length });
  }
  await page.context().close();
  for (const f of files) console.error(`    ${f.url}: ${f.raw} B raw, ${f.gz} B gzip -9`);
  return files.reduce((s, f) => s + f.gz, 0);
}

// 2. navigation → roster drawn (fresh login), then again (remembered). Returns { page, fresh, remembered }.
async function logins(browser, c) {
  const page = await newBrowserPage(browser);
  await c.freshLogin(page);
  const wait = () => page.waitForFunction(c.rosterDrawn, c.rosterArg, { polling: 5, timeout: 60000 }).then((h) => h.jsonValue());
  const fresh = await wait();
  await c.remember(page);
  await page.goto(c.url, { waitUntil: 'commit' });
  const remembered = await wait();
  return { page, fresh, remembered };
}

// 3. The contact's messages: frame → committed, frame → painted.
async function messages(page, c, to, tag) {
  await page.evaluate(c.check);
  const painted = [], committed = [];
  for (let i = 0; i < N_MSG; ++i) {
    const mark = `${tag}-${i}-${Math.random().toString(36).slice(2, 8)}`;
    await page.evaluate((m) => window.__bench.arm(m), mark);
    await peerDo(`send ${to} ${mark} — a message from the contact`);
    const t = await (await page.waitForFunction(() => (window.__bench.drawnT ? window.__bench : null),
      null, { polling: 20, timeout: 20000 })).jsonValue();
    painted.push(t.drawnT - t.frameT);
    committed.push(t.commitT - t.frameT);
    await sleep(300);
  }
  await page.evaluate(() => window.__bench.arm(null));
  return { painted, committed };
}

// 4. Idle with the chat open and the composer focused.
async function idle(page, cdp) {
  await page.mouse.move(5, 5);
  await sleep(1000);
  const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const procs = ourChromiumProcesses();
  const cpu = (type) => procs.filter((p) => p.type === type).reduce((s, p) => s + cpuMs(p.pid), 0);
  const m0 = await metrics();
  const r0 = cpu('renderer'), g0 = cpu('gpu-process');
  await sleep(IDLE_MS);
  const m1 = await metrics();
  const r1 = cpu('renderer'), g1 = cpu('gpu-process');
  return { task: (m1.TaskDuration - m0.TaskDuration) * 1000, renderer: r1 - r0, gpu: g1 - g0 };
}

// 5. PSS of the renderer with the biggest PSS (the page's; a spare renderer is small).
function rendererPss() {
  return Math.max(...ourChromiumProcesses().filter((p) => p.type === 'renderer').map((p) => pssBytes(p.pid)));
}

const out = {};
try {
  for (const [name, c] of Object.entries(CLIENTS)) {
    if (process.env.STARLING_VS_ONLY && process.env.STARLING_VS_ONLY !== name) continue;
    console.error(`${name}:`);
    const browser = await S.launchBrowser();
    try {
      const o = out[name] = {};
      o.firstLoad = await firstLoad(browser, c);
      const { page, fresh, remembered } = await logins(browser, c);
      Object.assign(o, { fresh, remembered });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      await c.openChat(page);
      const to = name === 'Starling' ? jid.st : jid.cv;
      Object.assign(o, await messages(page, c, to, name));
      Object.assign(o, { idle: await idle(page, cdp) });
      await page.screenshot({ path: path.join(REPO, 'build', 'bench', `vs-${name}-idle.png`) });  // what idled
      console.error(`    first load, logins, ${N_MSG} messages, idle: done`);
      if (BIG > 0) {
        await page.evaluate(() => window.__bench.arm(null));
        const t0 = Date.now();
        await c.beforeFlood(page);
        await peerDo(`flood ${to} ${BIG} big-chat`);
        const last = `big-chat ${BIG - 1}`;
        await page.waitForFunction(c.received, [jid.peer, last], { polling: 1000, timeout: 1800000 });
        o.bigDelivered = (Date.now() - t0) / 1000;
        console.error(`    ${BIG} messages received in ${o.bigDelivered} s`);
        await c.remember(page);
        await page.goto(c.url, { waitUntil: 'commit' });
        await page.waitForFunction(c.rosterDrawn, c.rosterArg, { polling: 50, timeout: 120000 });
        await c.openChat(page);
        await page.evaluate(c.check);
        await page.waitForFunction((m) => window.__bench.check(m), last, { polling: 100, timeout: 120000 });
        await page.evaluate(() => window.__bench.arm(null));
        await sleep(3000);
        await cdp.send('HeapProfiler.collectGarbage');  // what the page holds, not when V8 last collected
        await sleep(1000);
        o.pss = rendererPss();
      }
    } finally {
      await browser.close();
    }
  }
} finally {
  peerProc.stdin.end('quit\n');
  await stSite.close();
  await cvSite.close();
  stopProsody();
}

if (process.env.STARLING_VS_ONLY) {  // one client only (for working on the bench): raw figures
  console.log(JSON.stringify(out, null, 1));
  process.exit(0);
}
const st = out.Starling, cv = out.Converse;
const kb = (b) => (b / 1000).toFixed(1);
row('first load, gzip -9, every file before the login screen', kb(st.firstLoad), kb(cv.firstLoad), 'KB');
row('navigation → logged in, roster drawn (fresh login)', st.fresh.toFixed(0), cv.fresh.toFixed(0), 'ms');
row('navigation → logged in, roster drawn (remembered session)', st.remembered.toFixed(0), cv.remembered.toFixed(0), 'ms');
row(`contact's message: frame → painted, median of ${N_MSG}`, median(st.painted).toFixed(1), median(cv.painted).toFixed(1), 'ms');
row(`contact's message: frame → painted, worst of ${N_MSG}`, Math.max(...st.painted).toFixed(1), Math.max(...cv.painted).toFixed(1), 'ms');
row(`contact's message: frame → drawn/in the DOM, median of ${N_MSG}`, median(st.committed).toFixed(1), median(cv.committed).toFixed(1), 'ms');
row(`idle ${IDLE_MS / 1000} s, chat open, composer focused: main-thread task time`, st.idle.task.toFixed(0), cv.idle.task.toFixed(0), 'ms');
row(`idle ${IDLE_MS / 1000} s, chat open, composer focused: renderer CPU`, st.idle.renderer.toFixed(0), cv.idle.renderer.toFixed(0), 'ms');
row(`idle ${IDLE_MS / 1000} s, chat open, composer focused: GPU process CPU`, st.idle.gpu.toFixed(0), cv.idle.gpu.toFixed(0), 'ms');
if (BIG > 0) {
  row(`${BIG} messages from the contact, online: sent → last one received`, st.bigDelivered.toFixed(1), cv.bigDelivered.toFixed(1), 's');
  row(`renderer memory (PSS), ${BIG}-message chat open after navigation`, (st.pss / 1048576).toFixed(1), (cv.pss / 1048576).toFixed(1), 'MiB');
}
console.log(`Starling vs Converse.js ${cvVersion} (ratio = Starling / Converse)`);
printResults(results.map((r) => ({ name: r.name, value: `${r.st} | ${r.cv} | ${r.ratio || '-'}`, unit: r.unit })));
