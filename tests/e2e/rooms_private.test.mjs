// Private messages through a room (XEP-0045 §7.5) end to end against Prosody's MUC: two Starling pages in
// a room, each writes to the other's occupant JID (room@service/nick) from the composer; each page keeps
// them in a chat of its own under that JID — never in the room's chat — drawn as its own chat list row
// and said to be unencrypted; the stanza crossed as type 'chat' with the muc#user <x/>; a reload keeps it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startSiteServer, launchBrowser, newPage, openApp, hook, waitInPage, uniqueName, jidOf, registerViaHook,
  waitForStored, reloadApp, stanzaLog, registeredAccount, waitRoomJoined,
} from './support.mjs';

let site, browser;
before(async () => { site = await startSiteServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await site?.close(); });

const MUC = 'conference.localhost';
const PRIVATE_PLAIN = 'Private message through the room, not encrypted: the room\'s server can read it.';

const account = (prefix) => registeredAccount(browser, site.url, prefix);
const waitJoined = waitRoomJoined;

const bodies = async (page, chat) => (await hook(page, 'history', chat)).map((m) => m.body);

function waitBody(page, chat, body, what) {
  return waitInPage(page, ([c, b]) => window.__xmppTest.history(c).some((m) => m.body === b), [chat, body],
    { what, timeout: 30000 });
}

test('a private message to an occupant has its own chat on both pages, apart from the room, and survives a reload', async () => {
  const alice = await account('pa'), bob = await account('pb');
  const room = `${uniqueName('r')}@${MUC}`;
  assert.equal(await hook(alice.page, 'joinRoom', room, 'alice'), true);
  await waitJoined(alice.page, room, 'alice in the room');
  assert.equal(await hook(bob.page, 'joinRoom', room, 'bob'), true);
  await waitJoined(bob.page, room, 'bob in the room');
  await waitInPage(bob.page, (r) => window.__xmppTest.state().rooms.find((x) => x.jid === r).occupants === 2, room,
    { what: 'bob sees alice in the room' });
  assert.equal(await hook(alice.page, 'send', room, 'said in the room'), true);
  await waitBody(bob.page, room, 'said in the room', 'the room works');

  // Bob writes to alice's occupant JID; alice answers to bob's.
  const toAlice = `${room}/alice`, toBob = `${room}/bob`;
  assert.equal(await hook(bob.page, 'send', toAlice, 'psst, only for you'), true);
  await waitBody(alice.page, toBob, 'psst, only for you', 'alice has bob\'s private message in its own chat');
  const got = (await hook(alice.page, 'history', toBob)).find((m) => m.body === 'psst, only for you');
  assert.equal(got.direction, 'incoming');
  assert.equal(got.from, toBob);
  assert.equal(await hook(alice.page, 'send', toBob, 'got it'), true);
  await waitBody(bob.page, toAlice, 'got it', 'bob has the answer in the same chat');
  assert.deepEqual(await bodies(bob.page, toAlice), ['psst, only for you', 'got it']);
  for (const p of [alice.page, bob.page]) {
    const inRoom = await bodies(p, room);
    assert.deepEqual(inRoom, ['said in the room'], 'nothing private in the room\'s chat');
  }

  // It crossed as XEP-0045 §7.5 shows: type 'chat' to the occupant JID, with the muc#user <x/>, plaintext.
  const log = stanzaLog();
  if (log) {
    const sent = log.split('\n').filter((l) => l.includes('psst, only for you') && l.includes(toAlice));
    assert.ok(sent.length > 0, 'bob\'s private message in Prosody\'s stanza log');
    assert.ok(sent.some((l) => /type=['"]chat['"]/.test(l) && l.includes('http://jabber.org/protocol/muc#user')),
      sent.join('\n'));
    assert.ok(!sent.some((l) => l.includes('eu.siacs.conversations.axolotl')), 'never OMEMO');
  }

  // Alice's chat list: the private chat is a row of its own; opened, it says it is not encrypted.
  await waitInPage(alice.page, (c) => window.__xmppTest.rosterShown().includes(c), toBob, { what: 'private chat row' });
  assert.equal(await hook(alice.page, 'openChat', toBob), true);
  await waitInPage(alice.page, (t) => window.__xmppTest.drawnText().some((d) => d.text === t), PRIVATE_PLAIN,
    { what: 'the header says it is not encrypted' });
  await waitInPage(alice.page, (t) => window.__xmppTest.isTextVisible(t), 'psst, only for you', { what: 'drawn' });

  // A reload keeps it under the same key, apart from the room.
  await waitForStored(alice.page, 'got it');
  await reloadApp(alice.page);
  assert.deepEqual(await bodies(alice.page, toBob), ['psst, only for you', 'got it']);
  assert.deepEqual(await bodies(alice.page, room), ['said in the room']);
  await alice.page.context().close();
  await bob.page.context().close();
});
