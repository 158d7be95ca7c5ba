// Group chats end to end against Prosody's MUC with muc_mam: three Starling pages in a private room
// (created by one, the two others made members and invited; they join when the invitation arrives),
// messages every way, each stored once by every page with the sender's occupant JID, drawn in the open
// room; a kick said in words. A member whose page is closed while 100 messages are written catches up with
// all of them exactly once when it comes back (its rooms come back by themselves), and a reload keeps the
// room and its history. Bookmarks (XEP-0402): a fresh browser of the same account joins the room by itself,
// and a leave there is a leave everywhere.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startSiteServer, launchBrowser, newPage, openApp, hook, waitInPage, uniqueName, jidOf, registerViaHook,
  waitForStored, reloadApp, WS_URL, registeredAccount, waitRoomJoined,
} from './support.mjs';

let site, browser;
before(async () => { site = await startSiteServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await site?.close(); });

const MUC = 'conference.localhost';
const roomOf = (st, jid) => (st.rooms || []).find((r) => r.jid === jid);

const account = (prefix) => registeredAccount(browser, site.url, prefix);
const waitJoined = waitRoomJoined;

// The room's messages of a page, by body: each body must be there exactly once.
async function bodies(page, room) {
  return (await hook(page, 'history', room)).map((m) => m.body);
}

function waitBodies(page, room, expected, what, timeout = 60000) {
  return waitInPage(page, ([r, want]) => {
    const got = window.__xmppTest.history(r).map((m) => m.body);
    return want.every((b) => got.includes(b));
  }, [room, expected], { what, timeout });
}

function assertOnce(list, expected, who) {
  for (const b of expected) {
    assert.equal(list.filter((x) => x === b).length, 1, `${who}: "${b}" stored ${list.filter((x) => x === b).length} times`);
  }
}

// Alice creates a private room with Bob (and Carol) as members; each invitee joins once the invitation
// (sent after the membership was granted) arrived.
async function privateRoom(owner, invitees) {
  const room = `${uniqueName('r')}@${MUC}`;
  assert.equal(await hook(owner.page, 'createRoom', room, 'alice', { private: true, members: invitees.map((i) => i.jid) }), true);
  await waitJoined(owner.page, room, 'owner in the new room');
  for (const [i, who] of invitees.entries()) {
    await waitInPage(who.page, (r) => (window.__xmppTest.state().roomInvitations || []).some((x) => x.room === r), room,
      { what: `invitation reached invitee ${i}`, timeout: 30000 });
    assert.equal(roomOf(await hook(who.page, 'state'), room), undefined, 'an invitation is not a join');
    assert.equal(await hook(who.page, 'joinRoom', room, who.nick), true);
    await waitJoined(who.page, room, `invitee ${i} joined`);
  }
  return room;
}

test('three pages in a private room: every message once on every page, the sender named, a kick said', async () => {
  const alice = await account('ma'), bob = await account('mb'), carol = await account('mc');
  alice.nick = 'alice'; bob.nick = 'bob'; carol.nick = 'carol';
  const room = await privateRoom(alice, [bob, carol]);
  const pages = [alice, bob, carol];
  for (const p of pages) {
    await waitInPage(p.page, (r) => window.__xmppTest.rosterShown().includes(r), room, { what: 'room row drawn' });
    assert.equal(await hook(p.page, 'openChat', room), true);
  }
  await waitInPage(alice.page, (r) => window.__xmppTest.state().rooms.find((x) => x.jid === r).occupants === 3, room,
    { what: 'three occupants' });
  const st = roomOf(await hook(alice.page, 'state'), room);
  assert.equal(st.encryptable, true, 'the private room is members-only and non-anonymous');
  await waitInPage(alice.page, () => ['alice', 'bob', 'carol'].every((n) => window.__xmppTest.occupantsShown().includes(n)),
    null, { what: 'occupant list drawn' });

  // Every page writes twice, one after the other and then all at once.
  const sent = [];
  for (const p of pages) {
    const body = `from ${p.nick}: Привет 👋 #1`;
    assert.equal(await hook(p.page, 'send', room, body), true);
    sent.push(body);
  }
  const burst = pages.map((p) => `from ${p.nick}: burst <b>&amp;</b> #2`);
  await Promise.all(pages.map((p, i) => hook(p.page, 'send', room, burst[i])));
  sent.push(...burst);
  for (const p of pages) await waitBodies(p.page, room, sent, `${p.nick} has all six`);
  await new Promise((r) => setTimeout(r, 1500));  // a late duplicate would be here by now
  for (const p of pages) {
    const h = await hook(p.page, 'history', room);
    assertOnce(h.map((m) => m.body), sent, p.nick);
    for (const q of pages) {
      const m = h.find((x) => x.body === `from ${q.nick}: Привет 👋 #1`);
      assert.equal(m.from, `${room}/${q.nick}`, `${p.nick} sees ${q.nick}'s message from ${m.from}`);
      assert.equal(m.direction, p === q ? 'outgoing' : 'incoming');
    }
    await waitInPage(p.page, (t) => window.__xmppTest.isTextVisible(t), burst[2], { what: `${p.nick} draws the newest` });
  }

  // Alice (owner, moderator) kicks Carol: Carol's open room says so in words and she is out.
  assert.equal(await hook(alice.page, 'kick', room, 'carol', 'test'), true);
  await waitInPage(carol.page, () => window.__xmppTest.drawnText().some((t) => t.text.includes('(kicked)')), null,
    { what: 'kick said to carol' });
  const cs = roomOf(await hook(carol.page, 'state'), room);
  assert.equal(cs.joined, false);
  assert.equal(cs.error, 'kicked');
  await waitInPage(alice.page, (r) => window.__xmppTest.state().rooms.find((x) => x.jid === r).occupants === 2, room,
    { what: 'carol gone from alice\'s list' });
  for (const p of pages) await p.page.context().close();
});

test('a member away during 100 messages catches up with each once; a reload keeps the room and its history', async () => {
  const alice = await account('na'), bob = await account('nb');
  alice.nick = 'alice'; bob.nick = 'bob';
  const room = await privateRoom(alice, [bob]);
  assert.equal(await hook(bob.page, 'send', room, 'bob before leaving'), true);
  await waitBodies(alice.page, room, ['bob before leaving'], 'alice has bob\'s first');
  await waitForStored(bob.page, 'bob before leaving');

  // Bob's page closes (his context, and so his IndexedDB, stays): 100 messages while he is away.
  const context = bob.page.context();
  await bob.page.close();
  // (Prosody keeps Bob's stream hibernating for a while, XEP-0198: he may still count as in the room.)
  const hundred = Array.from({ length: 100 }, (_, i) => `away #${i} ${'·'.repeat(i % 7)}.`);
  await alice.page.evaluate(([r, list]) => { for (const b of list) window.__xmppTest.send(r, b); }, [room, hundred]);
  await waitInPage(alice.page, ([r, n]) => window.__xmppTest.history(r).filter((m) => m.direction === 'outgoing' &&
    m.status !== 'queued').length >= n, [room, 100], { what: 'alice\'s 100 sent', timeout: 60000 });

  // Bob comes back: remembered login, the room joined again by itself, its archive caught up.
  const back = await context.newPage();
  back.consoleLines = [];
  back.on('console', (m) => back.consoleLines.push(`${m.type()}: ${m.text()}`));
  await openApp(back, site.url);
  await waitJoined(back, room, 'bob back in the room');
  await waitBodies(back, room, hundred, 'bob caught up with 100', 90000);
  await new Promise((r) => setTimeout(r, 1500));
  let list = await bodies(back, room);
  assertOnce(list, ['bob before leaving', ...hundred], 'bob after catch-up');
  const order = hundred.map((b) => list.indexOf(b));
  assert.deepEqual(order, [...order].sort((a, b) => a - b), 'the 100 in the order written');

  // A reload: the room and its history are there, joined again, and messages flow.
  await waitForStored(back, hundred[99]);
  await reloadApp(back);
  list = await bodies(back, room);
  assertOnce(list, ['bob before leaving', ...hundred], 'bob right after the reload');
  await waitJoined(back, room, 'bob in the room after the reload');
  await waitInPage(back, (r) => window.__xmppTest.rosterShown().includes(r), room, { what: 'room row after reload' });
  assert.equal(await hook(back, 'openChat', room), true);
  await waitInPage(back, (t) => window.__xmppTest.isTextVisible(t), hundred[99], { what: 'newest drawn after reload' });
  assert.equal(await hook(alice.page, 'send', room, 'after the reload'), true);
  await waitBodies(back, room, ['after the reload'], 'live after the reload');
  assertOnce(await bodies(back, room), ['bob before leaving', ...hundred, 'after the reload'], 'bob at the end');
  await context.close();
  await alice.page.context().close();
});

test('bookmarks: a room follows the account to a fresh browser, and a leave there leaves here too', async () => {
  const first = await account('ka');
  const room = `${uniqueName('r')}@${MUC}`;
  assert.equal(await hook(first.page, 'joinRoom', room, 'laptop'), true);
  await waitJoined(first.page, room, 'first browser in the room');
  assert.equal(await hook(first.page, 'send', room, 'said on the laptop'), true);
  await waitBodies(first.page, room, ['said on the laptop'], 'own message reflected');

  // A fresh browser (own context, empty IndexedDB) logging into the same account joins the room by itself,
  // with the nick of the bookmark, and fills the room's history from its archive.
  const second = await newPage(browser);
  await openApp(second, site.url);
  await hook(second, 'login', WS_URL, first.jid, `p-${first.user}`);
  await waitInPage(second, () => window.__xmppTest.loggedIn(), null, { what: 'second browser logged in' });
  await waitJoined(second, room, 'second browser joined the bookmarked room');
  assert.equal(roomOf(await hook(second, 'state'), room).nick, 'laptop');
  await waitBodies(second, room, ['said on the laptop'], 'history on the second browser');

  // Leaving on the second browser: the first leaves too.
  assert.equal(await hook(second, 'leaveRoom', room), true);
  await waitInPage(first.page, (r) => !(window.__xmppTest.state().rooms || []).some((x) => x.jid === r), room,
    { what: 'first browser left as well' });
  await second.context().close();
  await first.page.context().close();
});
