// Alerts between two Starling pages through Prosody: a message in a chat not in view is announced (the
// sound when chosen; a real browser Notification while the page is hidden and notifications are on and
// permitted), the unread count is in the title and drawn on the favicon, a muted chat announces nothing
// and leaves the title's count, and the choices survive a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startSiteServer, launchBrowser, hook, waitInPage, twoAccounts, befriend, waitForMessage, reloadApp,
  waitForStored,
} from './support.mjs';

let site, browser;
before(async () => { site = await startSiteServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await site?.close(); });

const alertsOf = (page) => hook(page, 'alertsShown');
const faviconHref = (page) => page.evaluate(() => document.querySelector('link[rel=icon]').getAttribute('href'));

test('new messages are announced, counted in the title and on the favicon, and muting silences a chat', async () => {
  const { alice, bob, aJid, bJid } = await twoAccounts(browser, site.url, 'al', 'bl');
  await alice.context().grantPermissions(['notifications'], { origin: new URL(site.url).origin });
  await befriend(alice, aJid, bob, bJid, { via: 'hook' });
  assert.equal(await hook(alice, 'setAlerts', true, true), true);
  const plainIcon = await faviconHref(alice);

  // Visible page, no chat open: the sound, no browser notification.
  assert.equal(await hook(bob, 'send', aJid, 'первое'), true);
  await waitForMessage(alice, bJid, 'первое');
  await waitInPage(alice, () => window.__xmppTest.alertsShown().length === 1, null, { what: 'first alert' });
  let alerts = await alertsOf(alice);
  assert.deepEqual({ ...alerts[0], title: undefined },
    { chat: bJid, title: undefined, body: 'первое', notified: false, sound: true, error: '' });
  await waitInPage(alice, () => document.title === '(1) Starling', null, { what: 'the count in the title' });
  await waitInPage(alice, () => document.querySelector('link[rel=icon]').getAttribute('href').startsWith('data:image/png'),
    null, { what: 'the favicon badge' });

  // Hidden page: a real Notification (the permission was granted to this origin).
  await hook(alice, 'setPageVisible', false);
  assert.equal(await hook(bob, 'send', aJid, 'второе 🐦'), true);
  await waitInPage(alice, () => window.__xmppTest.alertsShown().length === 2, null, { what: 'second alert' });
  alerts = await alertsOf(alice);
  assert.equal(alerts[1].body, 'второе 🐦');
  assert.equal(alerts[1].notified, true, `notification made: ${JSON.stringify(alerts[1])}`);
  assert.equal(alerts[1].error, '');
  assert.ok([bJid, bJid.split('@')[0]].includes(alerts[1].title), `title: ${alerts[1].title}`);
  await waitInPage(alice, () => document.title === '(2) Starling', null, { what: 'two in the title' });

  // Muted: nothing announced, the title leaves the chat out; its row still counts.
  assert.equal(await hook(alice, 'setMuted', bJid, true), true);
  await waitInPage(alice, () => document.title === 'Starling', null, { what: 'the muted chat out of the title' });
  assert.equal(await faviconHref(alice), plainIcon);
  assert.equal(await hook(bob, 'send', aJid, 'третье'), true);
  await waitForMessage(alice, bJid, 'третье');
  const st = await hook(alice, 'state');
  assert.equal(st.conversations.find((c) => c.jid === bJid).unread, 3);
  assert.equal(st.alerts.unmutedUnread, 0);
  assert.equal((await alertsOf(alice)).length, 2, 'a muted chat announces nothing');

  // The choices are kept for the account.
  await hook(alice, 'setPageVisible', true);
  await waitForStored(alice, `"muted":["${bJid}"]`);  // alerts.json in IndexedDB
  await reloadApp(alice);
  await waitInPage(alice, () => window.__xmppTest.loggedIn(), null, { what: 'back after reload' });
  const back = (await hook(alice, 'state')).alerts;
  assert.deepEqual(back.muted, [bJid]);
  assert.equal(back.notify, true);
  assert.equal(back.sound, true);
  await alice.context().close();
  await bob.context().close();
});
