// Long message benchmark: what a contact's huge message and a huge roster name cost the page, in headless
// Debian chromium against a local Prosody (software WebGL: absolute numbers are pessimistic, compare ratios).
//   1. For each body — 700,000 × "L" on one line, 300,000 CJK characters, 200,000 emoji (no spaces) — a
//      fresh pair of accounts; Alice has the chat open; Bob (a bare client: tests/e2e/raw_xmpp.mjs, plain
//      text) sends a marker that grows in flight to the body
//      (Prosody takes stanzas up to 256 KiB: Playwright replaces the marker in the server's frames, so to
//      the page it is what a server sent). From the send until 3 s after: time until the message is drawn,
//      the longest main-thread task (PerformanceObserver "longtask"), the longest gap between animation
//      frames, the worst frame (main-thread time of one frame, window.__xmppTest.frameStats()).
//   2. With the 700,000-character body (builds that have it): 20 × "Show more", then wheel-scrolling
//      through what is shown: worst frame, longest gap.
//   3. A 100,000-character roster name (window.__xmppTest.addContact): time until the roster row is drawn,
//      longest task, worst frame over 3 s with its chat opened; then the same with a 10-character name.
// A page that does not answer for STARLING_GIVE_UP_MS (60 s) is recorded as "> 60000" and closed.
// Usage: node bench/long_message.mjs [SITE_DIR]   (default build/wasm/site). Uses STARLING_WS_URL when set,
// otherwise starts our own Prosody in build/bench/prosody-longmsg.
import path from 'node:path';

import { printResults, startBenchProsody } from './bench_prosody.mjs';

if (process.argv[2]) process.env.STARLING_SITE_DIR = path.resolve(process.argv[2]);
const GIVE_UP_MS = Number(process.env.STARLING_GIVE_UP_MS || 60000);

const stopProsody = await startBenchProsody('prosody-longmsg');
const S = await import('../tests/e2e/support.mjs');
const { rawSend, chatStanza } = await import('../tests/e2e/raw_xmpp.mjs');

const results = [];
const record = (name, value, unit) => { results.push({ name, value, unit }); console.error(`  ${name}: ${value} ${unit}`); };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

class GaveUp extends Error {}
function withGiveUp(promise, ms = GIVE_UP_MS) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => { timer = setTimeout(() => reject(new GaveUp()), ms); })])
    .finally(() => clearTimeout(timer));
}

// In the page: the longest task and the longest gap between animation frames since the last call.
function installMonitors() {
  const m = window.__bench = { longest: 0, gap: 0, last: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) m.longest = Math.max(m.longest, e.duration);
  }).observe({ entryTypes: ['longtask'] });
  const tick = (t) => {
    if (m.last) m.gap = Math.max(m.gap, t - m.last);
    m.last = t;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}
const takeMonitors = (page) => page.evaluate(() => {
  const m = window.__bench;
  const out = { longest: m.longest, gap: m.gap };
  m.longest = 0;
  m.gap = 0;
  return out;
});

async function pair(browser, site, marker, text) {
  const alice = await S.newPage(browser);
  const bob = await S.newPage(browser);
  if (marker) {
    await alice.routeWebSocket(/xmpp-websocket/, (ws) => {
      const server = ws.connectToServer();
      server.onMessage((m) => ws.send(typeof m === 'string' && m.includes(marker) ? m.split(marker).join(text) : m));
    });
  }
  await Promise.all([S.openApp(alice, site.url), S.openApp(bob, site.url)]);
  const a = S.uniqueName('lm'), b = S.uniqueName('lmp');
  await S.registerViaHook(alice, a, `pa-${a}`);
  await S.registerViaHook(bob, b, `pb-${b}`);
  await alice.evaluate(installMonitors);
  const aJid = S.jidOf(a), bJid = S.jidOf(b);
  // Bob as a bare client (plain text, so the marker is in the frame to grow).
  const say = (body) => rawSend(bob, { wsUrl: S.WS_URL, jid: bJid, password: `pb-${b}`, stanzas: [chatStanza(aJid, body)] });
  return { alice, bob, aJid, bJid, say };
}

const closeAll = (...pages) => Promise.all(pages.map((p) => withGiveUp(p.context().close(), 15000).catch(() => {})));

async function drawnHas(page, text) {
  return (await S.hook(page, 'drawnText')).some((t) => t.text === text);
}

async function nextFrame(page) {
  const f = await S.hook(page, 'frames');
  await page.waitForFunction((n) => window.__xmppTest.frames() > n, f, { timeout: 5000 }).catch(() => {});
}

async function longBody(browser, site, label, body, showMore) {
  const marker = S.uniqueName('grow-');
  const { alice, bob, bJid, say } = await pair(browser, site, marker, body);
  try {
    await say('hello');
    await S.waitInPage(alice, (j) => window.__xmppTest.rosterShown().includes(j), bJid, { what: 'the chat row' });
    await S.hook(alice, 'openChat', bJid);
    const hello = await S.waitInPage(alice, () => window.__xmppTest.visibleMessages()[0]?.id, null, { what: 'chat drawn' });
    await sleep(500);
    await takeMonitors(alice);
    await S.hook(alice, 'frameStats', true);
    const t0 = Date.now();
    await say(marker);
    try {
      await withGiveUp(alice.waitForFunction((h) => window.__xmppTest.visibleMessages().some((m) => m.id !== h), hello,
        { polling: 20, timeout: 0 }));
    } catch (e) {
      if (!(e instanceof GaveUp)) throw e;
      record(`${label}: the page did not draw it (gave up)`, `> ${GIVE_UP_MS}`, 'ms');
      return;
    }
    record(`${label}: Bob connects, sends → drawn`, Date.now() - t0, 'ms');
    await sleep(3000);
    const m = await takeMonitors(alice);
    const st = await S.hook(alice, 'frameStats', true);
    record(`  longest main-thread task`, m.longest.toFixed(0), 'ms');
    record(`  longest gap between animation frames`, m.gap.toFixed(0), 'ms');
    record(`  worst frame (${st.frames} frames)`, st.worstMs.toFixed(1), 'ms');
    record(`  core's handling of the received frame (Client::onFrame)`, st.worstReceiveMs.toFixed(1), 'ms');
    const row = (await S.hook(alice, 'visibleMessages')).find((x) => x.bytes > 1000);
    if (row) record(`  bytes of the body drawn / whole`, `${row.shown} / ${row.bytes}`, '');
    record(`  text laid out in the last frame`, await S.hook(alice, 'textBytes').catch(() => 'n/a'), 'bytes');
    if (!showMore || !(await drawnHas(alice, 'Show more'))) return;

    // 2. "Show more" 20 times (scrolling down to the button each time), then scroll through it.
    const box = (await S.hook(alice, 'drawnText')).find((t) => t.text === 'Show more');
    await alice.mouse.move(box.x + 200, box.y - 100);
    let clicks = 0;
    for (let i = 0; i < 20; ++i) {
      const t = (await S.hook(alice, 'drawnText')).find((x) => x.text === 'Show more');
      if (!t) { await alice.mouse.wheel(0, 600); await nextFrame(alice); --i; if (++clicks > 400) break; continue; }
      await alice.mouse.click(t.x + 8, t.y + t.h / 2);
      await nextFrame(alice);
      await alice.mouse.move(t.x + 200, Math.max(10, t.y - 100));
    }
    const more = await S.hook(alice, 'frameStats', true);
    const mm = await takeMonitors(alice);
    const row2 = (await S.hook(alice, 'visibleMessages')).find((x) => x.bytes > 1000);
    record(`  20 × "Show more": worst frame (${more.frames} frames)`, more.worstMs.toFixed(1), 'ms');
    record(`    longest gap between animation frames`, mm.gap.toFixed(0), 'ms');
    if (row2) record(`    bytes of the body drawn now`, row2.shown, '');
    for (let i = 0; i < 30; ++i) { await alice.mouse.wheel(0, i < 15 ? -500 : 500); await nextFrame(alice); }
    const sc = await S.hook(alice, 'frameStats', true);
    const sm = await takeMonitors(alice);
    record(`  scrolling through it (30 notches): worst frame`, sc.worstMs.toFixed(1), 'ms');
    record(`    mean frame`, (sc.totalMs / Math.max(1, sc.frames)).toFixed(2), 'ms');
    record(`    longest gap between animation frames`, sm.gap.toFixed(0), 'ms');
    record(`    text laid out in the last frame`, await S.hook(alice, 'textBytes'), 'bytes');
  } finally {
    await closeAll(alice, bob);
  }
}

async function longName(browser, site, length) {
  const label = `${length.toLocaleString('en')}-character roster name`;
  const { alice, bob, bJid } = await pair(browser, site);
  try {
    await sleep(500);
    await takeMonitors(alice);
    await S.hook(alice, 'frameStats', true);
    const t0 = Date.now();
    await S.hook(alice, 'addContact', bJid, 'N'.repeat(length));
    try {
      await withGiveUp(alice.waitForFunction((j) => window.__xmppTest.rosterShown().includes(j), bJid,
        { polling: 20, timeout: 0 }));
    } catch (e) {
      if (!(e instanceof GaveUp)) throw e;
      record(`${label}: the page did not draw the row (gave up)`, `> ${GIVE_UP_MS}`, 'ms');
      return;
    }
    record(`${label}: added → row drawn`, Date.now() - t0, 'ms');
    await S.hook(alice, 'openChat', bJid);
    await sleep(3000);
    const m = await takeMonitors(alice);
    const st = await S.hook(alice, 'frameStats', true);
    record('  longest main-thread task (roster, chat header)', m.longest.toFixed(0), 'ms');
    record('  longest gap between animation frames', m.gap.toFixed(0), 'ms');
    record(`  worst frame (${st.frames} frames)`, st.worstMs.toFixed(1), 'ms');
    record('  text laid out in the last frame', await S.hook(alice, 'textBytes').catch(() => 'n/a'), 'bytes');
  } finally {
    await closeAll(alice, bob);
  }
}

const site = await S.startSiteServer();
const browser = await S.launchBrowser();
try {
  await longBody(browser, site, '700,000 × "L", one line', 'L'.repeat(700000), true);
  await longBody(browser, site, '300,000 CJK characters', '\u4e00'.repeat(300000), false);
  await longBody(browser, site, '200,000 emoji', '\u{1F600}'.repeat(200000), false);
  await longName(browser, site, 100000);
  await longName(browser, site, 10);  // the same steps with an ordinary name: what they cost anyway
} finally {
  await withGiveUp(browser.close(), 20000).catch(() => {});
  await site.close();
  stopProsody();
}

printResults(results);
