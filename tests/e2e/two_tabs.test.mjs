// Two tabs of one browser profile (issue #3): IDBFS in Emscripten 3.1.6 mirrors a tab's own files into
// IndexedDB, so a second tab's sync would delete what the first wrote. The first tab owns the store (a
// Web Lock); the second says so, never loads, syncs or connects, and takes over when the first closes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startSiteServer, launchBrowser, hook, waitInPage, uniqueName, waitForMessage, waitForStored, storageDump,
  twoAccounts,
} from './support.mjs';

let site, browser;
before(async () => { site = await startSiteServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await site?.close(); });

const statusText = (page) => page.evaluate(() => {
  const el = document.getElementById('status');
  return el && getComputedStyle(el).display !== 'none' ? el.textContent : '';
});

test('a second tab waits for the first: it says so, leaves the store alone, and starts when the first closes', async () => {
  const { alice, bob, aJid, bJid } = await twoAccounts(browser, site.url, 'ta', 'tb');
  const out = `first tab ${uniqueName('m')}`;
  assert.equal(await hook(alice, 'send', bJid, out), true);
  await waitForMessage(bob, aJid, out);
  await waitForStored(alice, out);

  // The second tab in the same context (same IndexedDB): the plain message, no app, no connection.
  const second = await alice.context().newPage();
  await second.goto(site.url);
  await waitInPage(second, () => {
    const el = document.getElementById('status');
    return el && getComputedStyle(el).display !== 'none' && el.textContent.includes('open in another tab');
  }, null, { what: 'second tab says Starling is open in another tab' });
  assert.equal(await second.evaluate(() => typeof window.__xmppTest), 'undefined', 'second tab must not start');

  // The first tab keeps working and writing; nothing the second tab does removes its files.
  const more = `still first ${uniqueName('m')}`;
  assert.equal(await hook(alice, 'send', bJid, more), true);
  await waitForStored(alice, more);
  await new Promise((r) => setTimeout(r, 1500));
  const dump = await storageDump(alice);
  assert.ok(dump.includes(out) && dump.includes(more), 'the first tab\'s history is intact in IndexedDB');
  assert.match(await statusText(second), /open in another tab/);

  // Closing the first tab lets the second take over: it loads the store and the session comes back.
  await alice.close();
  await second.waitForFunction(() => window.__xmppTest && window.__xmppTest.frames() > 0, null, { timeout: 30000 });
  assert.equal(await statusText(second), '');
  await waitInPage(second, () => window.__xmppTest.loggedIn(), null, { what: 'second tab logged in after takeover' });
  const hist = (await hook(second, 'history', bJid)).map((m) => m.body);
  assert.ok(hist.includes(out) && hist.includes(more), `history in the second tab: ${JSON.stringify(hist)}`);
  await second.context().close();
  await bob.context().close();
});
