// Reconnect: with a chat open our Prosody is stopped; the page shows it is reconnecting (drawn), a
// message typed meanwhile stays queued, and once Prosody is back on the same port it is sent and the
// peer receives it exactly once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startSiteServer, launchBrowser, hook, waitInPage, uniqueName, waitForMessage, waitForDrawn,
  twoAccounts, whileProsodyStopped,
} from './support.mjs';

let site, browser;
before(async () => { site = await startSiteServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await site?.close(); });

test('a message typed while the server is down is queued and sent once it is back', async () => {
  const { alice, bob, aJid, bJid } = await twoAccounts(browser, site.url, 'ca', 'cb');

  assert.equal(await hook(alice, 'send', bJid, 'before the outage'), true);
  await waitForMessage(bob, aJid, 'before the outage');
  await waitInPage(alice, (t) => window.__xmppTest.isTextVisible(t), 'before the outage', { what: 'chat open' });

  const queued = `typed while offline ${uniqueName('q')} ✈`;
  await whileProsodyStopped(async () => {
    await waitInPage(alice, () => window.__xmppTest.state().connection === 'Reconnecting', null,
      { what: 'alice reconnecting', timeout: 30000 });
    const shown = await waitForDrawn(alice, 'reconnecting', 'the reconnecting notice drawn');
    assert.match(shown.text, /Connection lost, reconnecting/);

    assert.equal(await hook(alice, 'send', bJid, queued), true);
    const mine = (await hook(alice, 'history', bJid)).find((m) => m.body === queued);
    assert.ok(mine, 'the message is in the history at once');
    assert.equal(mine.status, 'queued');
    await waitInPage(alice, (t) => window.__xmppTest.isTextVisible(t), queued, { what: 'queued message drawn' });
    // Still queued a little later: nothing pretends it went out while the server is down.
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal((await hook(alice, 'history', bJid)).find((m) => m.body === queued).status, 'queued');
  });

  // Back-off is 1, 2, 4, … s with jitter: allow a few rounds.
  await waitInPage(alice, () => window.__xmppTest.loggedIn(), null, { what: 'alice back online', timeout: 60000 });
  await waitInPage(alice, ([p, b]) => {
    const m = window.__xmppTest.history(p).find((x) => x.body === b);
    return m && m.status !== 'queued' && m.status !== 'failed';
  }, [bJid, queued], { what: 'queued message sent', timeout: 30000 });
  await waitInPage(bob, () => window.__xmppTest.loggedIn(), null, { what: 'bob back online', timeout: 60000 });
  await waitForMessage(bob, aJid, queued, 'bob receives the queued message');
  // Exactly once, also after things settle (a resend or a replay would show up as a second copy).
  await new Promise((r) => setTimeout(r, 2000));
  const copies = (await hook(bob, 'history', aJid)).filter((m) => m.body === queued);
  assert.equal(copies.length, 1, JSON.stringify(copies));
  const sentCopies = (await hook(alice, 'history', bJid)).filter((m) => m.body === queued);
  assert.equal(sentCopies.length, 1, JSON.stringify(sentCopies));
  await alice.context().close();
  await bob.context().close();
});
