// Storage errors are shown, never swallowed, and lose nothing in memory: IndexedDB that cannot be
// opened at all, and an IDBFS store whose writes fail with QuotaExceededError (a full disk).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startSiteServer, launchBrowser, newPage, openApp, hook, waitInPage, uniqueName, jidOf, registerViaHook,
  waitForMessage, waitForDrawn, waitForStored, WS_URL,
} from './support.mjs';

let site, browser;
before(async () => { site = await startSiteServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await site?.close(); });

const BANNER = 'Storage on this device is not working';  // what happened and what to do, then the error itself

// Runs before the page's scripts: every put() into an object store throws a QuotaExceededError.
function failPuts() {
  IDBObjectStore.prototype.put = function () {
    throw new DOMException('The quota has been exceeded (test).', 'QuotaExceededError');
  };
}

// Runs before the page's scripts: indexedDB.open throws (private mode / blocked by policy).
function failOpen() {
  IDBFactory.prototype.open = function () {
    throw new DOMException('IndexedDB is blocked (test).', 'SecurityError');
  };
}

async function pair(alicePage) {
  const bob = await newPage(browser);
  await Promise.all([openApp(alicePage, site.url), openApp(bob, site.url)]);
  const a = uniqueName('sa'), b = uniqueName('sb');
  await registerViaHook(alicePage, a, `pa-${a}`);
  await registerViaHook(bob, b, `pb-${b}`);
  return { bob, aJid: jidOf(a), bJid: jidOf(b) };
}

async function chatStillWorks(alice, bob, aJid, bJid) {
  const inc = `in memory ${uniqueName('i')}`;
  const out = `from memory ${uniqueName('o')}`;
  assert.equal(await hook(bob, 'send', aJid, inc), true);
  await waitForMessage(alice, bJid, inc);
  assert.equal(await hook(alice, 'send', bJid, out), true);
  await waitForMessage(bob, aJid, out);
  await waitInPage(alice, (t) => window.__xmppTest.isTextVisible(t), out, { what: 'own message drawn' });
  // Failed writes do not drop anything from the in-memory history.
  await new Promise((r) => setTimeout(r, 1000));
  const bodies = (await hook(alice, 'history', bJid)).map((m) => m.body);
  assert.ok(bodies.includes(inc) && bodies.includes(out), JSON.stringify(bodies));
}

test('IndexedDB writes failing with QuotaExceededError: the banner is drawn, history stays in memory', async () => {
  const alice = await newPage(browser);
  await alice.addInitScript(failPuts);
  const { bob, aJid, bJid } = await pair(alice);
  await waitInPage(alice, () => window.__xmppTest.state().storageError !== '', null, { what: 'storage error in state' });
  const banner = await waitForDrawn(alice, BANNER, 'storage banner drawn');
  assert.ok(banner.text.startsWith(BANNER) && /reload the page/.test(banner.text), banner.text);
  const st = await hook(alice, 'state');
  assert.match(st.storageError, /IndexedDB/);
  await waitForDrawn(alice, st.storageError, 'the error itself drawn');
  assert.equal(await hook(alice, 'loggedIn'), true, 'the app goes on');
  await chatStillWorks(alice, bob, aJid, bJid);
  await alice.context().close();
  await bob.context().close();
});

test('IndexedDB that cannot be opened: the banner is drawn at start, chatting still works', async () => {
  const alice = await newPage(browser);
  await alice.addInitScript(failOpen);
  await openApp(alice, site.url);
  await waitForDrawn(alice, BANNER, 'storage banner drawn on the login screen');
  await waitForDrawn(alice, 'Log in', 'login screen drawn under the banner');
  const { bob, aJid, bJid } = await pair(alice);
  await waitForDrawn(alice, BANNER, 'storage banner still drawn after login');
  await chatStillWorks(alice, bob, aJid, bJid);
  await alice.context().close();
  await bob.context().close();
});

// Runs before the page's scripts: the first read of IDBFS's file list fails (the load at start); later
// reads work, as when IndexedDB hiccups once.
function failFirstLoad() {
  const real = IDBIndex.prototype.openKeyCursor;
  let failed = false;
  IDBIndex.prototype.openKeyCursor = function (...args) {
    if (!failed) {
      failed = true;
      throw new DOMException('The read failed (test).', 'UnknownError');
    }
    return real.apply(this, args);
  };
}

test('saved data that could not be loaded is never overwritten: the tab saves nothing and says so', async () => {
  const alice = await newPage(browser);
  const { bob, aJid, bJid } = await pair(alice);
  const password = `pa-${aJid.split('@')[0]}`;
  const out = `stored before ${uniqueName('o')}`;
  assert.equal(await hook(alice, 'send', bJid, out), true);
  await waitForMessage(bob, aJid, out);
  await waitForStored(alice, out);
  const context = alice.context();
  await alice.close();

  // The load fails: the app starts logged out, says nothing will be saved, and logging in again (which
  // writes the account files) must not sync that empty store over the saved one.
  const failing = await context.newPage();
  failing.consoleLines = [];
  await failing.addInitScript(failFirstLoad);
  await openApp(failing, site.url);
  const st = await hook(failing, 'state');
  assert.match(st.storageError, /nothing will be saved/);
  await waitForDrawn(failing, BANNER, 'storage banner drawn');
  await hook(failing, 'login', WS_URL, aJid, password);
  await waitInPage(failing, () => window.__xmppTest.loggedIn(), null, { what: 'logged in on the failing tab' });
  await new Promise((r) => setTimeout(r, 1500));
  await failing.close();

  // A normal load afterwards finds the history that was saved before.
  const again = await context.newPage();
  again.consoleLines = [];
  await openApp(again, site.url);
  await waitInPage(again, () => window.__xmppTest.loggedIn(), null, { what: 'remembered session back' });
  const bodies = (await hook(again, 'history', bJid)).map((m) => m.body);
  assert.ok(bodies.includes(out), `history after the failed load: ${JSON.stringify(bodies)}`);
  await context.close();
  await bob.context().close();
});
