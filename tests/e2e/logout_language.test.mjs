// Log out (forgets the remembered SCRAM keys), log out and forget local data (history gone too), and
// the UI language: Russian from navigator.language, switched to English in settings, remembered across
// a reload. Everything is clicked on the canvas at the rectangles drawnText() reports.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startSiteServer, launchBrowser, newPage, openApp, hook, waitInPage, uniqueName, registerViaHook,
  waitForMessage, storageDump, waitForStored, clickDrawn, waitForDrawn, drawnText, twoAccounts,
} from './support.mjs';

let site, browser;
before(async () => { site = await startSiteServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await site?.close(); });

async function waitUntilNotStored(page, text, what) {
  const deadline = Date.now() + 10000;
  while ((await storageDump(page)).includes(text)) {
    if (Date.now() > deadline) throw new Error(`${what}: "${text}" still in IndexedDB after 10 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function reloadApp(page) {
  await page.reload();
  await page.waitForFunction(() => window.__xmppTest && window.__xmppTest.frames() > 0, null, { timeout: 30000 });
}

// Two accounts with one message each way; returns what the tests need.
async function chattingPair(prefix) {
  const { alice, bob, aJid, bJid } = await twoAccounts(browser, site.url, `${prefix}a`, `${prefix}b`);
  const body = `kept locally ${uniqueName('m')}`;
  assert.equal(await hook(bob, 'send', aJid, body), true);
  await waitForMessage(alice, bJid, body);
  await waitForStored(alice, body);
  await waitForStored(alice, 'clientKey');
  return { alice, bob, aJid, bJid, body };
}

test('log out forgets the credentials; the history stays', async () => {
  const { alice, bob, bJid, body } = await chattingPair('lo');
  await clickDrawn(alice, 'Settings');
  await clickDrawn(alice, 'Log out');
  await waitInPage(alice, () => window.__xmppTest.state().connection === 'LoggedOut', null, { what: 'logged out' });
  await waitForDrawn(alice, 'Log in', 'login screen drawn');
  await waitUntilNotStored(alice, 'clientKey', 'log out');

  await reloadApp(alice);
  await waitForDrawn(alice, 'Log in', 'login screen after reload');
  // Give a remembered session the time it would need to come back: it must not.
  await new Promise((r) => setTimeout(r, 1500));
  const st = await hook(alice, 'state');
  assert.equal(st.remembered, false);
  assert.notEqual(st.connection, 'Online');
  assert.equal(await hook(alice, 'loggedIn'), false);
  const stored = await storageDump(alice);
  assert.ok(!stored.includes('clientKey') && !stored.includes('serverKey'), 'SCRAM keys left in IndexedDB');
  assert.ok(stored.includes(body), 'plain log out keeps the local history');
  await alice.context().close();
  await bob.context().close();
  void bJid;
});

test('log out and forget local data removes the history from IndexedDB', async () => {
  const { alice, bob, bJid, body } = await chattingPair('lf');
  await clickDrawn(alice, 'Settings');
  await clickDrawn(alice, 'Log out and forget local data');
  await waitForDrawn(alice, 'deletes the history stored on this device', 'confirmation drawn');
  await clickDrawn(alice, 'Log out and forget local data');
  await waitInPage(alice, () => window.__xmppTest.state().connection === 'LoggedOut', null, { what: 'logged out' });
  await waitUntilNotStored(alice, body, 'forget local data');
  await waitUntilNotStored(alice, 'clientKey', 'forget local data');

  await reloadApp(alice);
  await waitForDrawn(alice, 'Log in', 'login screen after reload');
  assert.deepEqual(await hook(alice, 'history', bJid), []);
  const stored = await storageDump(alice);
  assert.ok(!stored.includes(body), 'history left in IndexedDB');
  assert.ok(!stored.includes('clientKey'), 'SCRAM keys left in IndexedDB');
  await alice.context().close();
  await bob.context().close();
});

test('Russian from the browser language, switched to English in settings, remembered on reload', async () => {
  const page = await newPage(browser, { locale: 'ru-RU' });
  await openApp(page, site.url);
  assert.equal(await page.evaluate(() => navigator.language), 'ru-RU');
  await waitForDrawn(page, 'Войти', 'Russian login screen');
  const login = (await drawnText(page)).map((t) => t.text);
  assert.ok(login.includes('Создать аккаунт'), JSON.stringify(login));
  assert.ok(!login.includes('Log in'), JSON.stringify(login));

  const u = uniqueName('ru');
  await registerViaHook(page, u, `p-${u}`);
  await clickDrawn(page, 'Настройки');
  await waitForDrawn(page, 'Выйти', 'Russian settings');
  await clickDrawn(page, 'English');
  await waitForDrawn(page, 'Log out', 'English settings after the switch');
  const texts = (await drawnText(page)).map((t) => t.text);
  assert.ok(texts.includes('Settings') && !texts.includes('Настройки'), JSON.stringify(texts));
  await waitForStored(page, '/data/ui-language\ten');  // the choice reached IndexedDB

  await reloadApp(page);
  await waitInPage(page, () => window.__xmppTest.loggedIn(), null, { what: 'session back after reload' });
  await waitForDrawn(page, 'Add contact', 'English after reload');
  const after = (await drawnText(page)).map((t) => t.text);
  assert.ok(!after.includes('Добавить контакт'), JSON.stringify(after));
  await page.context().close();
});
