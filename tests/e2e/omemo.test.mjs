// OMEMO in the browser: two pages (separate contexts and IndexedDB) of Starling, two fresh accounts with
// no subscription between them. Encryption is on by default because each has a device; the first message
// from each side arrives decrypted and marked encrypted, survives a reload of the receiving page, and
// Prosody's stanza log (mod_stanza_debug, on in scripts/test.sh) shows the OMEMO element, never the text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startSiteServer, launchBrowser, openApp, hook, waitInPage, uniqueName, waitForMessage, waitForStored,
  befriend, twoAccounts,
  stanzaLog,
} from './support.mjs';

let site, browser;
before(async () => { site = await startSiteServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await site?.close(); });


test('two pages chat OMEMO-encrypted by default; no plaintext on the wire', async () => {
  const logFrom = stanzaLog()?.length ?? 0;
  const { alice, bob, aJid, bJid } = await twoAccounts(browser, site.url, 'oa', 'ob');

  const hello = `secret hello ${uniqueName('h')} Привет 🔐`;
  assert.equal(await hook(alice, 'send', bJid, hello), true);
  const got = await waitForMessage(bob, aJid, hello);
  assert.equal(got.direction, 'incoming');
  assert.equal(got.encrypted, true);
  const mine = (await hook(alice, 'history', bJid)).find((m) => m.body === hello);
  assert.equal(mine.encrypted, true);
  assert.notEqual(mine.status, 'failed');

  const reply = `secret reply ${uniqueName('r')}`;
  assert.equal(await hook(bob, 'send', aJid, reply), true);
  const back = await waitForMessage(alice, bJid, reply);
  assert.equal(back.encrypted, true);
  assert.equal(await hook(alice, 'openChat', bJid), true);
  await waitInPage(alice, (t) => window.__xmppTest.isTextVisible(t), reply, { what: 'decrypted reply drawn' });

  // Bob's page reloads: keys and session come back from IndexedDB; the next message decrypts.
  await waitForStored(bob, reply);  // its keys were written in the same flush as this message
  await openApp(bob, site.url);
  await waitInPage(bob, () => window.__xmppTest.state().connection === 'Online', null, { what: 'bob back online' });
  // His own reply still shows the lock (it was stored before it was encrypted on the way out).
  const ownReply = (await hook(bob, 'history', aJid)).find((m) => m.body === reply);
  assert.equal(ownReply?.encrypted, true, 'own encrypted message still marked encrypted after a reload');
  const again = `after reload ${uniqueName('x')}`;
  assert.equal(await hook(alice, 'send', bJid, again), true);
  const later = await waitForMessage(bob, aJid, again);
  assert.equal(later.encrypted, true);

  const log = stanzaLog();
  if (log !== null) {
    const part = log.slice(logFrom);
    assert.ok(part.includes('eu.siacs.conversations.axolotl'), 'OMEMO element on the wire');
    for (const secret of [hello, reply, again]) assert.ok(!part.includes(secret), `plaintext on the wire: ${secret}`);
  }
  await alice.context().close();
  await bob.context().close();
});

// The usual way people meet: add the contact, accept, then talk. Each side learns the other's devices
// from the PEP push that the new subscription triggers (or from the message itself), so the reply that
// follows at once is encrypted too, and so is every message after a reload.
test('contacts who just befriended each other talk encrypted both ways at once', async () => {
  const logFrom = stanzaLog()?.length ?? 0;
  const { alice, bob, aJid, bJid } = await twoAccounts(browser, site.url, 'fa', 'fb');
  await befriend(alice, aJid, bob, bJid, { via: 'ui' });

  const secrets = [];
  const say = async (from, to, toJid, fromJid, text) => {
    secrets.push(text);
    assert.equal(await hook(from, 'send', toJid, text), true);
    const got = await waitForMessage(to, fromJid, text);
    assert.equal(got.encrypted, true, `arrived encrypted: ${text}`);
    const mine = (await hook(from, 'history', toJid)).find((m) => m.body === text);
    assert.equal(mine.encrypted, true, `sent encrypted: ${text}`);
  };
  await say(alice, bob, bJid, aJid, `first ${uniqueName('m')}`);
  await say(bob, alice, aJid, bJid, `reply ${uniqueName('m')}`);
  await say(bob, alice, aJid, bJid, `second reply ${uniqueName('m')}`);
  await say(alice, bob, bJid, aJid, `answer ${uniqueName('m')}`);

  const log = stanzaLog();
  if (log !== null) {
    const part = log.slice(logFrom);
    for (const secret of secrets) assert.ok(!part.includes(secret), `plaintext on the wire: ${secret}`);
  }
  await alice.context().close();
  await bob.context().close();
});
