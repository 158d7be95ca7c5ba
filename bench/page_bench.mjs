// Page benchmark against a local Prosody, in headless Debian chromium (software WebGL: absolute CPU
// numbers are pessimistic, compare ratios):
//   1. navigation → first frame drawn (login screen)
//   2. "Create account" (hook register) → roster screen drawn
//   3. reload (remembered session) → roster screen drawn again
//   4. 10 s idle with a chat open: frames rendered (hook frames()) and renderer main-thread CPU time
//      (CDP Performance.getMetrics TaskDuration / ScriptDuration deltas)
// Usage: node bench/page_bench.mjs [SITE_DIR]   (default build/wasm/site). Uses STARLING_WS_URL when set,
// otherwise starts our own Prosody with scripts/prosody.sh in build/bench/prosody and stops it after.
import path from 'node:path';

import { printResults, startBenchProsody } from './bench_prosody.mjs';

if (process.argv[2]) process.env.STARLING_SITE_DIR = path.resolve(process.argv[2]);
const IDLE_MS = Number(process.env.STARLING_IDLE_MS || 10000);

const stopProsody = await startBenchProsody('prosody');
const S = await import('../tests/e2e/support.mjs');

const results = [];
const record = (name, value, unit) => { results.push({ name, value, unit }); };

async function metrics(cdp) {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

const site = await S.startSiteServer();
const browser = await S.launchBrowser();
try {
  const page = await S.newPage(browser);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');

  // 1. navigation → first frame (login screen)
  await page.goto(site.url, { waitUntil: 'commit' });
  const firstFrame = await (await page.waitForFunction(
    () => (window.__xmppTest && window.__xmppTest.frames() > 0 && window.__xmppTest.state().connection === 'LoggedOut')
      ? performance.now() : 0, null, { polling: 5, timeout: 60000 })).jsonValue();
  record('navigation → login screen drawn', firstFrame.toFixed(0), 'ms');

  // 2. register → roster drawn
  const user = S.uniqueName('bench');
  const t0 = await page.evaluate(() => performance.now());
  await S.hook(page, 'register', S.WS_URL, S.jidOf(user), `pw-${user}`);
  const t1 = await (await page.waitForFunction(() => (window.__xmppTest.loggedIn() ? performance.now() : 0), null,
    { polling: 5, timeout: 30000 })).jsonValue();
  record('create account → roster drawn', (t1 - t0).toFixed(0), 'ms');

  // 3. reload → remembered session → roster drawn (once the credentials reached IndexedDB: the page
  // writes through a debounced FS.syncfs).
  await S.waitForStored(page, S.jidOf(user));
  await page.reload({ waitUntil: 'commit' });
  const t2 = await (await page.waitForFunction(() => (window.__xmppTest && window.__xmppTest.loggedIn() ? performance.now() : 0),
    null, { polling: 5, timeout: 30000 })).jsonValue();
  record('navigation (reload, remembered) → roster drawn', t2.toFixed(0), 'ms');

  // 4. a chat to open: a second account sends 20 messages (no subscription needed), the chat is opened.
  const peerPage = await S.newPage(browser);
  await S.openApp(peerPage, site.url);
  const peer = S.uniqueName('benchpeer');
  await S.registerViaHook(peerPage, peer, `pw-${peer}`);
  for (let i = 0; i < 20; ++i) await S.hook(peerPage, 'send', S.jidOf(user), `message ${i} — сообщение 👋`);
  await S.waitInPage(page, (j) => window.__xmppTest.history(j).length >= 20 && window.__xmppTest.rosterShown().includes(j),
    S.jidOf(peer), { what: '20 messages received and the row drawn' });
  await S.hook(page, 'openChat', S.jidOf(peer));
  await S.waitInPage(page, (t) => window.__xmppTest.isTextVisible(t), 'message 19', { what: 'last message drawn' });
  await peerPage.context().close();
  await page.mouse.move(5, 5);
  await new Promise((r) => setTimeout(r, 1000));  // let the last caret/typing redraws settle
  const f0 = await S.hook(page, 'frames');
  const m0 = await metrics(cdp);
  await new Promise((r) => setTimeout(r, IDLE_MS));
  const f1 = await S.hook(page, 'frames');
  const m1 = await metrics(cdp);
  const label = 'chat open';
  record(`idle ${IDLE_MS / 1000} s (${label}): frames rendered`, f1 - f0, 'frames');
  record(`idle ${IDLE_MS / 1000} s (${label}): renderer task time`, ((m1.TaskDuration - m0.TaskDuration) * 1000).toFixed(0), 'ms');
  record(`idle ${IDLE_MS / 1000} s (${label}): script time`, ((m1.ScriptDuration - m0.ScriptDuration) * 1000).toFixed(0), 'ms');
  record('JS heap used after idle', (m1.JSHeapUsedSize / 1048576).toFixed(1), 'MiB');
} finally {
  await browser.close();
  await site.close();
  stopProsody();
}

printResults(results);
