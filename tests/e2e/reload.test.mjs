// "Remember me": after a reload the session comes back by itself (no login call) and the chat history
// is there at once from IndexedDB, then drawn when the chat is opened.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startSiteServer, launchBrowser, newPage, openApp, hook, waitInPage, uniqueName, jidOf, registerViaHook,
  waitForMessage, storageDump, waitForStored,
} from './support.mjs';

let site, browser;
before(async () => { site = await startSiteServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await site?.close(); });

test('reload keeps the session and the history', async () => {
  const alice = await newPage(browser);
  const bob = await newPage(browser);
  await Promise.all([openApp(alice, site.url), openApp(bob, site.url)]);
  const a = uniqueName('ra'), b = uniqueName('rb');
  const alicePassword = `pa-${a}-secret`;
  await registerViaHook(alice, a, alicePassword);
  await registerViaHook(bob, b, `pb-${b}`);
  const aJid = jidOf(a), bJid = jidOf(b);

  // Alice writes to Bob (no subscription needed: the chat row appears with the first message), Bob answers.
  const out = 'before reload: ёжик 🦔';
  const inc = 'reply before reload ✓';
  assert.equal(await hook(alice, 'send', bJid, out), true);
  await waitForMessage(bob, aJid, out);
  await waitInPage(bob, (j) => window.__xmppTest.rosterShown().includes(j), aJid, { what: 'alice\'s row drawn' });
  assert.equal(await hook(bob, 'openChat', aJid), true);
  assert.equal(await hook(bob, 'send', aJid, inc), true);
  await waitForMessage(alice, bJid, inc);
  const before = await hook(alice, 'history', bJid);
  // Writes reach IndexedDB through a debounced FS.syncfs: reload once the last message is there.
  await waitForStored(alice, inc);

  await alice.reload();
  // The app starts only after IndexedDB is loaded: the history is there before the session is back.
  await alice.waitForFunction(() => window.__xmppTest && window.__xmppTest.frames() > 0, null, { timeout: 30000 });
  const early = await hook(alice, 'history', bJid);
  assert.deepEqual(early.map((m) => [m.id, m.body, m.direction]), before.map((m) => [m.id, m.body, m.direction]));

  await waitInPage(alice, () => window.__xmppTest.loggedIn(), null, { what: 'remembered session back after reload' });
  const st = await hook(alice, 'state');
  assert.ok(st.ownJid.startsWith(`${aJid}/`), `own JID after reload: ${st.ownJid}`);
  await waitInPage(alice, (j) => window.__xmppTest.rosterShown().includes(j), bJid, { what: 'bob drawn in roster' });
  assert.equal(await hook(alice, 'openChat', bJid), true);
  await waitInPage(alice, (t) => window.__xmppTest.isTextVisible(t), inc, { what: 'history drawn after reload' });

  // The password is not stored in clear anywhere the page can read back (IndexedDB, localStorage).
  const stored = await storageDump(alice);
  assert.ok(stored.includes(aJid), 'the dump did read the stored account data');
  assert.ok(!stored.includes(alicePassword), 'password found in browser storage');

  // Messages still flow after the reload.
  const after = 'after reload 👍';
  assert.equal(await hook(bob, 'send', aJid, after), true);
  await waitForMessage(alice, bJid, after);
  await waitInPage(alice, (t) => window.__xmppTest.isTextVisible(t), after, { what: 'live message drawn after reload' });
  await alice.context().close();
  await bob.context().close();
});
