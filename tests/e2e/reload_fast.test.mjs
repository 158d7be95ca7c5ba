// A reload right after a message arrives or is sent must not lose it: the page writes IndexedDB at
// once when it is left (pagehide / visibilitychange / beforeunload) instead of after the debounce.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startSiteServer, launchBrowser, hook, waitInPage, uniqueName, waitForMessage, twoAccounts,
} from './support.mjs';

let site, browser;
before(async () => { site = await startSiteServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await site?.close(); });

async function reloadApp(page) {
  await page.reload();
  await page.waitForFunction(() => window.__xmppTest && window.__xmppTest.frames() > 0, null, { timeout: 30000 });
}

const bodies = (page, peer) => hook(page, 'history', peer).then((h) => h.map((m) => m.body));

test('a reload 100 ms after a message arrives or is sent keeps it', async () => {
  const { alice, bob, aJid, bJid } = await twoAccounts(browser, site.url, 'fa', 'fb');

  for (let round = 1; round <= 3; ++round) {
    const incoming = `incoming round ${round} ${uniqueName('i')}`;
    assert.equal(await hook(bob, 'send', aJid, incoming), true);
    await waitForMessage(alice, bJid, incoming);
    await new Promise((r) => setTimeout(r, 100));
    await reloadApp(alice);
    assert.ok((await bodies(alice, bJid)).includes(incoming), `round ${round}: received message lost by the reload`);
    await waitInPage(alice, () => window.__xmppTest.loggedIn(), null, { what: 'session back' });

    const outgoing = `outgoing round ${round} ${uniqueName('o')}`;
    assert.equal(await hook(alice, 'send', bJid, outgoing), true);
    await waitForMessage(bob, aJid, outgoing);
    await new Promise((r) => setTimeout(r, 100));
    await reloadApp(alice);
    assert.ok((await bodies(alice, bJid)).includes(outgoing), `round ${round}: sent message lost by the reload`);
    await waitInPage(alice, () => window.__xmppTest.loggedIn(), null, { what: 'session back' });
  }
  await alice.context().close();
  await bob.context().close();
});
