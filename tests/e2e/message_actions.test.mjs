// Message actions between two Starling pages through Prosody: reply (XEP-0461), edit (XEP-0308), delete
// for everyone (XEP-0424) and react (XEP-0444), each both ways, in an OMEMO chat (the default between two
// Starling pages) and with encryption switched off; each survives a reload. Checked in history() (what is
// stored) and, for the receiver's open chat, in what is drawn.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startSiteServer, launchBrowser, hook, waitInPage, uniqueName, waitForMessage, twoAccounts, clickDrawn,
  reloadApp, waitForStored,
  stanzaLog,
} from './support.mjs';

let site, browser;
before(async () => { site = await startSiteServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await site?.close(); });


// One side (from) does every action on the other's (to) chat; `to` sees each.
async function actionsOneWay(from, fromJid, to, toJid, encrypted) {
  const theirs = `their words ${uniqueName('t')}`;
  assert.equal(await hook(to, 'send', fromJid, theirs), true);
  const got = await waitForMessage(from, toJid, theirs);
  assert.equal(got.encrypted, encrypted);

  // Reply: the receiver stores the text without the fallback quote, and the reference.
  const answer = `my answer ${uniqueName('a')}`;
  assert.equal(await hook(from, 'reply', toJid, got.id, answer), true);
  const reply = await waitForMessage(to, fromJid, answer, 'the reply without its quote');
  assert.equal(reply.encrypted, encrypted);
  const original = (await hook(to, 'history', fromJid)).find((m) => m.body === theirs);
  assert.equal(reply.replyTo, original.id);

  // Edit our reply.
  const edited = `${answer} (fixed)`;
  const mine = (await hook(from, 'history', toJid)).find((m) => m.body === answer);
  assert.equal(await hook(from, 'correct', toJid, mine.id, edited), true);
  const seen = await waitForMessage(to, fromJid, edited, 'the edit');
  assert.equal(seen.edited, true);
  assert.equal(seen.originalBody, answer);
  assert.equal(seen.id, reply.id, 'the same message, edited');

  // React to their message, then change the reaction set.
  assert.equal(await hook(from, 'react', toJid, got.id, ['👍', '🎉']), true);
  await waitInPage(to, ([p, b, j]) => {
    const m = window.__xmppTest.history(p).find((x) => x.body === b);
    return m && m.reactions['👍']?.includes(j) && m.reactions['🎉']?.includes(j);
  }, [fromJid, theirs, fromJid], { what: 'two reactions' });
  assert.equal(await hook(from, 'react', toJid, got.id, ['🎉']), true);
  await waitInPage(to, ([p, b, j]) => {
    const m = window.__xmppTest.history(p).find((x) => x.body === b);
    return m && !m.reactions['👍'] && m.reactions['🎉']?.length === 1 && m.reactions['🎉'][0] === j;
  }, [fromJid, theirs, fromJid], { what: 'the new set replaced the old one' });

  // Delete our reply for everyone.
  assert.equal(await hook(from, 'retract', toJid, mine.id), true);
  await waitInPage(to, ([p, id]) => window.__xmppTest.history(p).find((m) => m.id === id)?.retracted === true,
    [fromJid, reply.id], { what: 'the reply deleted' });
  const after = (await hook(to, 'history', fromJid)).find((m) => m.id === reply.id);
  assert.equal(after.body, '');
  // Nothing of the actions became a message of its own (fallback bodies, reactions, the edit).
  const bodies = (await hook(to, 'history', fromJid)).map((m) => m.body);
  assert.ok(!bodies.some((b) => /retract|OMEMO/.test(b)), JSON.stringify(bodies));
  assert.equal(await hook(to, 'openChat', fromJid), true);
  await waitInPage(to, (t) => window.__xmppTest.isTextVisible(t), theirs, { what: 'chat drawn' });
  await waitInPage(to, () => window.__xmppTest.drawnText().some((d) => d.text === 'Message deleted'), null,
    { what: '"Message deleted" drawn' });
  return { theirs, replyId: reply.id, secrets: [theirs, answer, edited] };
}

async function checkAfterReload(page, peer, peerJid, { theirs, replyId }) {
  await waitForStored(page, theirs);
  await reloadApp(page);
  await waitInPage(page, () => window.__xmppTest.state().connection === 'Online', null, { what: 'online again' });
  const h = await hook(page, 'history', peer);
  const deleted = h.find((m) => m.id === replyId);
  assert.equal(deleted?.retracted, true, 'deleted after a reload');
  const reacted = h.find((m) => m.body === theirs);
  assert.deepEqual(reacted.reactions, { '🎉': [peerJid] }, 'reactions after a reload');
}

async function run(encrypted, prefix) {
  const { alice, bob, aJid, bJid } = await twoAccounts(browser, site.url, `${prefix}a`, `${prefix}b`);
  // A message each way: OMEMO sessions both ways (each knows the other's devices).
  const hi = `hi ${uniqueName('h')}`;
  assert.equal(await hook(alice, 'send', bJid, hi), true);
  await waitForMessage(bob, aJid, hi);
  const ho = `ho ${uniqueName('h')}`;
  assert.equal(await hook(bob, 'send', aJid, ho), true);
  await waitForMessage(alice, bJid, ho);
  if (!encrypted) {
    for (const [page, peer] of [[alice, bJid], [bob, aJid]]) {  // the chat header's switch
      assert.equal(await hook(page, 'openChat', peer), true);
      await clickDrawn(page, 'Encrypted');
      await waitInPage(page, () => window.__xmppTest.drawnText().some((d) => d.text === 'Not encrypted'), null,
        { what: 'encryption off' });
    }
  }
  const logFrom = stanzaLog()?.length ?? 0;
  const ab = await actionsOneWay(alice, aJid, bob, bJid, encrypted);
  const ba = await actionsOneWay(bob, bJid, alice, aJid, encrypted);
  const log = stanzaLog();
  if (log !== null) {  // the texts, the reply's quote and the edit: encrypted exactly when the chat is
    const part = log.slice(logFrom);
    assert.ok(part.includes('urn:xmpp:reply:0') && part.includes('urn:xmpp:message-correct:0'), 'actions on the wire');
    for (const secret of [...ab.secrets, ...ba.secrets])
      assert.equal(part.includes(secret), !encrypted, `${secret} ${encrypted ? 'in plaintext' : 'not found'} on the wire`);
  }
  await checkAfterReload(bob, aJid, aJid, ab);
  await checkAfterReload(alice, bJid, bJid, ba);
  await alice.context().close();
  await bob.context().close();
}

test('reply, edit, delete and react both ways without encryption, kept after a reload', async () => {
  await run(false, 'mp');
});

test('reply, edit, delete and react both ways in an OMEMO chat, kept after a reload', async () => {
  await run(true, 'mo');
});
