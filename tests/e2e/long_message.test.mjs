// A contact sends a 700,000-character one-line message, and the roster carries a 100,000-character name:
// the page keeps answering (it froze for more than 10 s before), draws a bounded part of the body with
// "Show more" (one bounded step per click), "Copy whole message" copies all of it, and the text laid out
// per frame stays bounded (window.__xmppTest.textBytes()). Prosody takes stanzas up to 256 KiB, so the
// body grows in flight: Bob, a bare client (raw_xmpp.mjs: plain text, no OMEMO), sends a marker, and
// Playwright, sitting on Alice's WebSocket, replaces it in the server's frame with the long text — to the
// page it is what a server sent. Frame times are numbers for
// bench/long_message.mjs, not assertions here: the bounds below are ten times looser than a freeze.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startSiteServer, launchBrowser, newPage, openApp, hook, waitInPage, uniqueName, jidOf, registerViaHook,
  clickDrawn, waitForDrawn, WS_URL,
} from './support.mjs';
import { rawSend, chatStanza } from './raw_xmpp.mjs';

let site, browser;
before(async () => { site = await startSiteServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await site?.close(); });

const BODY = 700000;
const NAME = 100000;
const STEP = 4096 + 1024;        // at most one step (kBodyStepBytes, a little more near the end) per click
const FRAME_TEXT_BOUND = 200000;  // bytes laid out in one frame, far below the 800,000 on screen
const ANSWER_MS = 5000;           // a page that froze took over 10 s

// The page's WebSocket through Playwright: server frames holding `marker` get `text` in its place.
async function growInFlight(page, marker, text) {
  await page.routeWebSocket(/xmpp-websocket/, (ws) => {
    const server = ws.connectToServer();
    server.onMessage((m) => ws.send(typeof m === 'string' && m.includes(marker) ? m.split(marker).join(text) : m));
  });
}

// Longest main-thread task since installLongTasks, and the page's answer time now.
const installLongTasks = (page) => page.evaluate(() => {
  window.__longest = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
  }).observe({ entryTypes: ['longtask'] });
});
// The row grew below the view: the mouse wheel (over the history) brings `text` into view again.
async function scrollUntilDrawn(page, text) {
  for (let i = 0; i < 40; ++i) {
    if ((await hook(page, 'drawnText')).some((t) => t.text === text)) return;
    const f = await hook(page, 'frames');
    await page.mouse.wheel(0, 300);
    await page.waitForFunction((n) => window.__xmppTest.frames() > n, f, { timeout: 5000 }).catch(() => {});
  }
  throw new Error(`"${text}" not drawn after scrolling down`);
}

async function answerMs(page) {
  const t = Date.now();
  await page.evaluate(() => window.__xmppTest.frames());
  return Date.now() - t;
}

test('a 700,000-character line and a 100,000-character name: the page answers, shows a part, copies the whole', async () => {
  const alice = await newPage(browser);
  const bob = await newPage(browser);
  await alice.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const marker = uniqueName('grow-me-');
  const body = 'L'.repeat(BODY);  // one line, nowhere to wrap
  await growInFlight(alice, marker, body);
  await Promise.all([openApp(alice, site.url), openApp(bob, site.url)]);
  const a = uniqueName('la'), b = uniqueName('lb');
  await registerViaHook(alice, a, `pa-${a}`);
  await registerViaHook(bob, b, `pb-${b}`);
  const bJid = jidOf(b);

  // The name: Alice's account stores it (as another client of hers could), the server pushes it back.
  await installLongTasks(alice);
  await hook(alice, 'addContact', bJid, 'N'.repeat(NAME));
  await waitInPage(alice, (j) => window.__xmppTest.rosterShown().includes(j), bJid, { what: 'the contact drawn' });
  assert.equal(await hook(alice, 'openChat', bJid), true);
  await waitInPage(alice, (j) => window.__xmppTest.state().openChat === j, bJid, { what: 'chat open' });

  await rawSend(bob, { wsUrl: WS_URL, jid: bJid, password: `pb-${b}`, stanzas: [chatStanza(jidOf(a), marker)] });
  const row = await waitInPage(alice, (n) => window.__xmppTest.visibleMessages().find((m) => m.bytes === n) || null, BODY,
    { what: 'the long message drawn', timeout: 60000 });
  assert.ok(row.shown > 0 && row.shown <= STEP, `shown ${row.shown} of ${row.bytes} bytes`);
  await waitForDrawn(alice, 'Show more', '"Show more" under the long message');
  await waitForDrawn(alice, 'Copy whole message');

  // The page keeps answering, and no task came near a freeze.
  let worst = 0;
  for (let i = 0; i < 10; ++i) {
    worst = Math.max(worst, await answerMs(alice));
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(worst < ANSWER_MS, `the page took ${worst} ms to answer`);
  const longest = await alice.evaluate(() => window.__longest);
  assert.ok(longest < ANSWER_MS, `a main-thread task took ${longest} ms`);
  const laidOut = await hook(alice, 'textBytes');
  assert.ok(laidOut < FRAME_TEXT_BOUND, `a frame laid out ${laidOut} bytes of text`);

  // "Show more": one bounded step per click.
  let shown = row.shown;
  for (let i = 0; i < 3; ++i) {
    await clickDrawn(alice, 'Show more');
    const now = await waitInPage(alice, ([n, s]) => {
      const m = window.__xmppTest.visibleMessages().find((x) => x.bytes === n);
      return m && m.shown > s ? m.shown : null;
    }, [BODY, shown], { what: `more shown after click ${i + 1}` });
    assert.ok(now - shown <= STEP, `click ${i + 1}: ${shown} → ${now} bytes`);
    shown = now;
    await scrollUntilDrawn(alice, 'Show more');
  }
  assert.ok((await hook(alice, 'textBytes')) < FRAME_TEXT_BOUND);

  // "Copy whole message": all 700,000 characters reach the clipboard.
  await clickDrawn(alice, 'Copy whole message');
  let copied = 0;  // navigator.clipboard.writeText is asynchronous: read until it landed
  for (let i = 0; i < 50 && copied !== BODY; ++i) {
    if (i > 0) await new Promise((r) => setTimeout(r, 100));
    copied = await alice.evaluate(() => navigator.clipboard.readText().then((t) => t.length, (e) => String(e)));
  }
  assert.equal(copied, BODY, 'the whole body in the clipboard');
  assert.ok((await answerMs(alice)) < ANSWER_MS);

  await alice.context().close();
  await bob.context().close();
});
