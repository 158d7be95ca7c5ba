// Two pages (separate browser contexts, separate IndexedDB), two fresh accounts: they add each other
// through the hook, see each other in the drawn roster, and chat both ways; messages are checked in
// history() (stored) and with isTextVisible() (drawn in the open chat).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startSiteServer, launchBrowser, hook, waitInPage, befriend, waitForMessage, twoAccounts,
} from './support.mjs';

let site, browser;
before(async () => { site = await startSiteServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await site?.close(); });

test('two accounts add each other and chat both ways', async () => {
  const { alice, bob, aJid, bJid } = await twoAccounts(browser, site.url, 'ea', 'eb');

  const rows = await befriend(alice, aJid, bob, bJid);
  assert.equal(rows.a.subscription, 'both');
  assert.equal(rows.b.subscription, 'both');
  await waitInPage(alice, (j) => window.__xmppTest.state().roster.find((r) => r.jid === j).show !== 'offline', bJid,
    { what: 'bob online in alice\'s roster' });

  // Alice → Bob
  assert.equal(await hook(alice, 'openChat', bJid), true);
  const hello = 'Hello Bob, Привет 👋';
  assert.equal(await hook(alice, 'send', bJid, hello), true);
  await waitInPage(alice, (t) => window.__xmppTest.isTextVisible(t), hello, { what: 'own message drawn' });
  const got = await waitForMessage(bob, aJid, hello);
  assert.equal(got.direction, 'incoming');
  assert.ok(got.from.startsWith(aJid), `from ${got.from}`);
  // Unread until Bob opens the chat.
  const unread = (await hook(bob, 'state')).conversations.find((c) => c.jid === aJid).unread;
  assert.ok(unread >= 1, `unread ${unread}`);
  assert.equal(await hook(bob, 'openChat', aJid), true);
  await waitInPage(bob, (t) => window.__xmppTest.isTextVisible(t), hello, { what: 'incoming message drawn' });
  await waitInPage(bob, (j) => window.__xmppTest.state().conversations.find((c) => c.jid === j).unread === 0, aJid,
    { what: 'unread cleared on open' });

  // Bob → Alice
  const reply = 'И тебе привет, Alice! 🎉 <b>not html</b> & co';
  assert.equal(await hook(bob, 'send', aJid, reply), true);
  const back = await waitForMessage(alice, bJid, reply);
  assert.equal(back.direction, 'incoming');
  await waitInPage(alice, (t) => window.__xmppTest.isTextVisible(t), reply, { what: 'reply drawn in open chat' });

  // The sender's copy left the queue.
  const mine = (await hook(alice, 'history', bJid)).find((m) => m.body === hello);
  assert.equal(mine.direction, 'outgoing');
  assert.notEqual(mine.status, 'queued');
  assert.notEqual(mine.status, 'failed');
  await alice.context().close();
  await bob.context().close();
});
