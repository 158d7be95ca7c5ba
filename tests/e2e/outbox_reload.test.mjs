// The durable outbox across a reload while offline (issue #3): with our Prosody down, Alice types a
// message (queued, stored), reloads the page while the server is still down — the message is still
// there, still queued, nothing pretends it went out — and once the server is back it is sent exactly
// once: Bob holds one copy, Alice one (acknowledged), also after another reload of Alice's page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startSiteServer, launchBrowser, hook, waitInPage, uniqueName, waitForMessage, waitForStored, reloadApp,
  twoAccounts, whileProsodyStopped,
} from './support.mjs';

let site, browser;
before(async () => { site = await startSiteServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await site?.close(); });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const copies = async (page, peer, body) => (await hook(page, 'history', peer)).filter((m) => m.body === body);

test('a message typed offline survives a reload while still offline and is sent once when the server is back',
  { timeout: 180000 }, async () => {
    const { alice, bob, aJid, bJid } = await twoAccounts(browser, site.url, 'oa', 'ob');
    assert.equal(await hook(alice, 'send', bJid, 'online first'), true);
    await waitForMessage(bob, aJid, 'online first');

    const queued = `typed offline, reloaded ${uniqueName('q')} — ёлка 🎄`;
    await whileProsodyStopped(async () => {
      await waitInPage(alice, () => window.__xmppTest.state().connection === 'Reconnecting', null,
        { what: 'alice reconnecting', timeout: 30000 });
      assert.equal(await hook(alice, 'send', bJid, queued), true);
      assert.equal((await copies(alice, bJid, queued))[0]?.status, 'queued');
      await waitForStored(alice, queued);

      await reloadApp(alice);  // still offline
      const early = await copies(alice, bJid, queued);
      assert.equal(early.length, 1, 'the queued message is back after the reload');
      assert.equal(early[0].status, 'queued');
      await sleep(3000);  // the page tries to connect and cannot
      const st = await hook(alice, 'state');
      assert.notEqual(st.connection, 'Online');
      assert.equal((await copies(alice, bJid, queued))[0].status, 'queued', 'it pretends to have sent while offline');
      await waitInPage(alice, (j) => window.__xmppTest.rosterShown().includes(j), bJid, { what: 'bob\'s row drawn' });
      assert.equal(await hook(alice, 'openChat', bJid), true);
      await waitInPage(alice, (t) => window.__xmppTest.isTextVisible(t), queued, { what: 'queued message drawn' });
    });

    await waitInPage(alice, () => window.__xmppTest.loggedIn(), null, { what: 'alice back online', timeout: 60000 });
    await waitInPage(alice, ([p, t]) => {
      const m = window.__xmppTest.history(p).find((x) => x.body === t);
      return m && ['sent', 'delivered', 'displayed'].includes(m.status);
    }, [bJid, queued], { what: 'queued message acknowledged', timeout: 30000 });
    await waitInPage(bob, () => window.__xmppTest.loggedIn(), null, { what: 'bob back online', timeout: 60000 });
    await waitForMessage(bob, aJid, queued, 'bob receives the queued message');
    await sleep(2000);  // a resend or replay would show up as a second copy
    assert.equal((await copies(bob, aJid, queued)).length, 1);
    assert.equal((await copies(alice, bJid, queued)).length, 1);

    // Once more after a reload: the outbox does not send it again.
    await reloadApp(alice);
    await waitInPage(alice, () => window.__xmppTest.loggedIn() && window.__xmppTest.state().sync === 'Done', null,
      { what: 'alice back and caught up', timeout: 60000 });
    await sleep(2000);
    assert.equal((await copies(bob, aJid, queued)).length, 1, 'sent again after the second reload');
    const mine = await copies(alice, bJid, queued);
    assert.equal(mine.length, 1);
    assert.notEqual(mine[0].status, 'queued');
    await alice.context().close();
    await bob.context().close();
  });
