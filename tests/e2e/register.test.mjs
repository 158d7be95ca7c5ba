// Registration (XEP-0077) through the page: the hook's register() is what the form's "Create account"
// button does; the result must be an account that is logged in with its roster screen drawn.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startSiteServer, launchBrowser, newPage, openApp, hook, waitInPage, uniqueName, jidOf, registerViaHook, WS_URL,
} from './support.mjs';

let site, browser;
before(async () => { site = await startSiteServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await site?.close(); });

test('registers a new account in band and lands on the roster screen', async () => {
  const page = await newPage(browser);
  await openApp(page, site.url);
  const user = uniqueName('e2ereg');
  await registerViaHook(page, user, `pw-${user}`);
  const st = await hook(page, 'state');
  assert.equal(st.connection, 'Online');
  assert.ok(st.ownJid.startsWith(`${jidOf(user)}/`), `bound JID ${st.ownJid}`);
  assert.deepEqual(st.roster, [], 'a fresh account has an empty roster');
  assert.equal(st.loginProblem, '');
  await page.context().close();
});

test('a taken name is refused with registration-conflict and stays on the login screen', async () => {
  const user = uniqueName('e2etaken');
  const first = await newPage(browser);
  await openApp(first, site.url);
  await registerViaHook(first, user, 'one');
  await first.context().close();

  const page = await newPage(browser);
  await openApp(page, site.url);
  await hook(page, 'register', WS_URL, jidOf(user), 'two');
  const problem = await waitInPage(page, () => window.__xmppTest.state().loginProblem || null, null,
    { what: 'a login problem' });
  assert.equal(problem, 'registration-conflict');
  assert.equal(await hook(page, 'loggedIn'), false);
  await page.context().close();
});

test('a wrong password is refused with auth-failed', async () => {
  const user = uniqueName('e2epw');
  const first = await newPage(browser);
  await openApp(first, site.url);
  await registerViaHook(first, user, 'right');
  await first.context().close();

  const page = await newPage(browser);
  await openApp(page, site.url);
  await hook(page, 'login', WS_URL, jidOf(user), 'wrong');
  const problem = await waitInPage(page, () => window.__xmppTest.state().loginProblem || null, null,
    { what: 'a login problem' });
  assert.equal(problem, 'auth-failed');
  assert.equal(await hook(page, 'loggedIn'), false);
  await page.context().close();
});
