// A focused composer idles without drawing: the caret is a page element that blinks by itself
// (web/caret.cpp, web/js/caret.js), so the canvas is not redrawn twice a second for it. The caret
// sits where ImGui's would, follows typing, blinks (both opacities seen), and hides when the field loses focus.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startSiteServer, launchBrowser, hook, waitInPage, waitForMessage, twoAccounts,
} from './support.mjs';

let site, browser;
before(async () => { site = await startSiteServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await site?.close(); });

const caret = (page) => page.evaluate(() => {
  const el = document.getElementById('starling-caret');
  const s = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  return { display: s.display, opacity: Number(s.opacity), left: r.left, top: r.top, width: r.width, height: r.height };
});

// Resolves when no frame was drawn for `quietMs` (polled); fails after `timeoutMs` of frames going on.
async function quiet(page, quietMs, timeoutMs) {
  const start = Date.now();
  let last = await hook(page, 'frames'), since = Date.now();
  while (Date.now() - start < timeoutMs) {
    await page.waitForTimeout(100);
    const now = await hook(page, 'frames');
    if (now !== last) { last = now; since = Date.now(); }
    else if (Date.now() - since >= quietMs) return last;
  }
  throw new Error(`frames kept coming for ${timeoutMs} ms with the composer focused`);
}

test('a focused composer blinks its caret without drawing frames', async () => {
  const { alice, bob, aJid, bJid } = await twoAccounts(browser, site.url, 'ca', 'cb');
  assert.equal(await hook(bob, 'send', aJid, 'hi'), true);
  await waitForMessage(alice, bJid, 'hi');
  assert.equal(await hook(alice, 'openChat', bJid), true);
  await alice.focus('#starling-input');
  await waitInPage(alice, () => getComputedStyle(document.getElementById('starling-caret')).display === 'block',
    null, { what: 'page caret shown' });
  // The caret of the empty composer, then after typing: keyboard.type resolves once the page has the key
  // events, and the frames that draw them come after, so wait for the caret to move (CI once measured
  // `at` before the typed letters were drawn, and then waited for the caret to go left of the start).
  const start = await caret(alice);
  await alice.keyboard.type('ab');
  await waitInPage(alice, (x) => document.getElementById('starling-caret').getBoundingClientRect().left > x,
    start.left, { what: 'caret moved by the first letters' });
  const at = await caret(alice);
  assert.ok(at.height > 8 && at.width > 0 && at.width <= 2, `caret size ${at.width}×${at.height}`);
  const viewport = alice.viewportSize();
  assert.ok(at.left > 0 && at.left < viewport.width && at.top > viewport.height / 2,
    `caret at ${at.left},${at.top}: in the composer at the bottom`);

  // Three seconds with the composer focused: not one frame (ImGui's own blink drew one every 0.4–0.8 s).
  const frames = await quiet(alice, 1500, 10000);
  const opacities = new Set();
  for (let i = 0; i < 30; ++i) {
    opacities.add((await caret(alice)).opacity);
    await alice.waitForTimeout(100);
  }
  assert.equal(await hook(alice, 'frames'), frames, 'frames drawn while the caret blinked');
  assert.ok(opacities.has(0) && opacities.has(1), `the caret blinks: opacities seen ${[...opacities]}`);

  // Typing moves it right, on the same line.
  await alice.keyboard.type('cd');
  await waitInPage(alice, (x) => document.getElementById('starling-caret').getBoundingClientRect().left > x,
    at.left, { what: 'caret moved by typing' });
  assert.equal((await caret(alice)).top, at.top);

  // After Enter the composer is empty and the caret is back at the start of the line.
  await alice.keyboard.press('Enter');
  await waitForMessage(bob, aJid, 'abcd');
  await waitInPage(alice, (x) => {
    const el = document.getElementById('starling-caret');
    return getComputedStyle(el).display === 'block' && Math.abs(el.getBoundingClientRect().left - x) < 0.5;
  }, start.left, { what: 'caret back at the start after sending' });

  // A click outside the field (on the messages) takes the focus away: no caret.
  await alice.mouse.click(viewport.width * 0.6, viewport.height * 0.3);
  await waitInPage(alice, () => getComputedStyle(document.getElementById('starling-caret')).display === 'none',
    null, { what: 'page caret hidden when the field lost focus' });
  await alice.context().close();
  await bob.context().close();
});
