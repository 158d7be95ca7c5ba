// Long chat benchmark: a chat with 5,000 stored messages, in headless Debian chromium against a local
// Prosody (software WebGL: absolute numbers are pessimistic, compare ratios).
//   1. an account receives one real message; then its history file in IndexedDB (the IDBFS entry the
//      page itself wrote) is extended to N messages while the app is not loaded
//   2. the app is loaded again (remembered session): time until the chat with N messages is drawn
//   3. scrolling through the whole chat with the mouse wheel: worst and mean frame time (main-thread time
//      of one frame: window.__xmppTest.frameStats()) and the longest gap between animation frames
//   4. 10 s idle with that chat open: frames rendered
// Usage: node bench/long_chat.mjs [SITE_DIR]   (default build/wasm/site). STARLING_LONG_CHAT=N (5000).
// Uses STARLING_WS_URL when set, otherwise starts our own Prosody in build/bench/prosody-long.
import path from 'node:path';

import { editStoreOutsideApp } from '../tests/e2e/idbfs.mjs';
import { printResults, startBenchProsody } from './bench_prosody.mjs';

if (process.argv[2]) process.env.STARLING_SITE_DIR = path.resolve(process.argv[2]);
const N = Number(process.env.STARLING_LONG_CHAT || 5000);
const IDLE_MS = Number(process.env.STARLING_IDLE_MS || 10000);

const stopProsody = await startBenchProsody('prosody-long');
const S = await import('../tests/e2e/support.mjs');

const results = [];
const record = (name, value, unit) => { results.push({ name, value, unit }); };

// In the page (same origin, app not loaded): replaces the IDBFS entry whose path ends in `suffix` with
// `count` generated history records (JSON lines) appended.
function extendHistory([peerJid, count]) {
  return new Promise((resolve, reject) => {
    window.openIdbfsStore(({ db, store, keys }) => {
      const key = keys.find((k) => String(k).includes('/history/') && String(k).includes(peerJid) && String(k).endsWith('.log'));
      if (!key) { reject(new Error(`no history entry for ${peerJid}: ${keys}`)); return; }
      const get = store.get(key);
      get.onsuccess = () => {
        const entry = get.result;
        const text = new TextDecoder().decode(entry.contents);
        const first = JSON.parse(text.split('\n')[0]);
        const now = Date.now();
        const out = [text.trimEnd()];
        const words = ['hello', 'привет', 'a longer line that wraps onto a second row in a narrow chat pane of the page',
          'ok 👍', 'short'];
        for (let i = 0; i < count; ++i) {
          const inc = i % 3 !== 0;
          out.push(JSON.stringify({
            t: 'msg', id: `bench-${i}`, sid: `sid-${i}`, from: inc ? first.from : '',
            body: `#${i} ${words[i % words.length]}${i % 7 === 0 ? '\nsecond line\nthird line' : ''}`,
            dir: inc ? 'in' : 'out', st: inc ? 'received' : 'delivered', enc: false, ts: now - (count - i) * 60000,
          }));
        }
        entry.contents = new TextEncoder().encode(out.join('\n') + '\n');
        entry.timestamp = new Date();
        const put = store.put(entry, key);
        put.onsuccess = () => { db.close(); resolve(out.length); };
        put.onerror = () => reject(put.error);
      };
    }, reject);
  });
}

const site = await S.startSiteServer();
const browser = await S.launchBrowser();
try {
  const page = await S.newPage(browser);
  page.on('crash', () => console.error(`page crashed; console:\n${page.consoleLines.slice(-20).join('\n')}`));
  const peerPage = await S.newPage(browser);
  await Promise.all([S.openApp(page, site.url), S.openApp(peerPage, site.url)]);
  const user = S.uniqueName('long'), peer = S.uniqueName('longpeer');
  await S.registerViaHook(page, user, `pw-${user}`);
  await S.registerViaHook(peerPage, peer, `pw-${peer}`);
  const peerJid = S.jidOf(peer);
  await S.hook(peerPage, 'send', S.jidOf(user), 'the first real message');
  await S.waitForMessage(page, peerJid, 'the first real message');
  await S.waitForStored(page, 'the first real message');
  await peerPage.context().close();

  // 1. The app is not running while its store is extended (one tab owns the store).
  const lines = await editStoreOutsideApp(page, site.url, extendHistory, [peerJid, N]);

  // 2. Load the app again: remembered session, history from IndexedDB; open the chat.
  await page.goto(site.url);
  await S.waitInPage(page, (j) => window.__xmppTest && window.__xmppTest.loggedIn() && window.__xmppTest.rosterShown().includes(j),
    peerJid, { what: 'session back and the row drawn', timeout: 60000 });
  const hist = await S.hook(page, 'history', peerJid);
  const count = hist.length;
  const oldest = hist[0].body, newest = hist[count - 1].body;  // history() is oldest first
  if (count < N) throw new Error(`history has ${count} messages, expected ≥ ${N} (wrote ${lines} lines)`);
  record('messages in the chat', count, '');
  await S.hook(page, 'frameStats', true);
  const t0 = await page.evaluate(() => performance.now());
  await S.hook(page, 'openChat', peerJid);
  const t1 = await (await page.waitForFunction((last) => (window.__xmppTest.isTextVisible(last) ? performance.now() : 0),
    newest, { polling: 5, timeout: 30000 })).jsonValue();
  const open = await S.hook(page, 'frameStats', true);
  record(`open the chat → last messages drawn`, (t1 - t0).toFixed(0), 'ms');
  record('  worst frame while opening (row heights for all rows)', open.worstMs.toFixed(1), 'ms');

  // 3. Scroll to the top with the mouse wheel, then back down, one notch per drawn frame.
  const box = await S.waitForDrawn(page, 'Settings');
  const x = box.x + 500, y = 300;  // inside the history of the wide layout
  await page.mouse.move(x, y);
  await page.evaluate(() => {
    window.__gaps = { last: 0, worst: 0, n: 0, over50: 0 };
    const tick = (t) => {
      const g = window.__gaps;
      if (g.last) g.worst = Math.max(g.worst, t - g.last);
      if (g.last && t - g.last > 50) g.over50++;
      g.last = t;
      g.n++;
      if (!g.stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await S.hook(page, 'frameStats', true);
  let notches = 0;
  const scroll = async (dy, until) => {
    for (let i = 0; i < 2000; ++i) {
      const f = await S.hook(page, 'frames');
      await page.mouse.wheel(0, dy);
      ++notches;
      await page.waitForFunction((n) => window.__xmppTest.frames() > n, f, { polling: 'raf', timeout: 5000 }).catch(() => {});
      if (await until()) return;
    }
  };
  await scroll(-600, () => S.hook(page, 'isTextVisible', oldest));
  await scroll(600, () => S.hook(page, 'isTextVisible', newest));
  const st = await S.hook(page, 'frameStats', true);
  const gaps = await page.evaluate(() => { window.__gaps.stop = true; return window.__gaps; });
  record(`scroll top ↔ bottom (${notches} wheel notches): frames`, st.frames, 'frames');
  record('  worst frame time (main thread)', st.worstMs.toFixed(1), 'ms');
  record('  mean frame time (main thread)', (st.totalMs / Math.max(1, st.frames)).toFixed(2), 'ms');
  record('  longest gap between animation frames', gaps.worst.toFixed(1), 'ms');
  record('  gaps between animation frames over 50 ms', `${gaps.over50} of ${gaps.n}`, '');

  // 4. Idle with the long chat open.
  await page.mouse.move(5, 5);
  await new Promise((r) => setTimeout(r, 1000));
  const f0 = await S.hook(page, 'frames');
  await new Promise((r) => setTimeout(r, IDLE_MS));
  const f1 = await S.hook(page, 'frames');
  record(`idle ${IDLE_MS / 1000} s with the ${count}-message chat open: frames rendered`, f1 - f0, 'frames');
} finally {
  await browser.close();
  await site.close();
  stopProsody();
}

printResults(results);
