// Creating an account as a newcomer does (issue 17): "Create account" offers the servers of config.json,
// the one picked is asked for its own registration form, which is filled in by clicks and typing; a
// server that cannot be reached is said in words; an invitation link (XEP-0401, made by Prosody's
// mod_invites_adhoc for a user) opens straight into registration and the inviter becomes a contact.
// Screenshots of each screen go to /tmp/signup-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startSiteServer, launchBrowser, newPage, openApp, hook, waitInPage, uniqueName, jidOf, registerViaHook,
  clickDrawn, waitForDrawn, WS_URL, DOMAIN,
} from './support.mjs';
import { rawSend } from './raw_xmpp.mjs';

const NOTE = 'Registration open. Runs on this machine.';
let site, browser;
before(async () => {
  site = await startSiteServer({ config: {
    defaultDomain: DOMAIN, defaultWebsocket: WS_URL,
    servers: [
      { domain: DOMAIN, note: { en: NOTE, ru: 'Регистрация открыта. Работает на этой машине.' } },
      { domain: 'unreachable.example', websocket: 'ws://127.0.0.1:9/xmpp-websocket', note: 'A server that is down' },
    ],
  } });
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); await site?.close(); });

async function typeInto(page, label, text) {
  await clickDrawn(page, label);
  await page.keyboard.type(text, { delay: 5 });
}

test('creates an account through the server picker and the server\'s own form', async () => {
  const page = await newPage(browser);
  await openApp(page, site.url);
  await clickDrawn(page, 'Create account');
  await waitForDrawn(page, DOMAIN, 'the default server in the picker');
  await page.screenshot({ path: '/tmp/signup-picker.png' });
  const drawn = (await hook(page, 'drawnText')).map((t) => t.text);
  const domains = drawn.filter((t) => t === DOMAIN || t === 'unreachable.example');
  assert.deepEqual(domains, [DOMAIN, 'unreachable.example'], 'the default server first, then the others');

  await clickDrawn(page, DOMAIN);
  await waitInPage(page, () => window.__xmppTest.state().signup.step === 'Form', null, { what: 'the server\'s form' });
  const st = await hook(page, 'state');
  assert.deepEqual(st.signup.fields.map((f) => f.var), ['username', 'password'], 'Prosody\'s data form, hidden FORM_TYPE left out');
  const user = uniqueName('picker');
  await typeInto(page, 'Name *', user);
  await typeInto(page, 'Password *', `pw-${user}`);
  await page.screenshot({ path: '/tmp/signup-form.png' });
  await clickDrawn(page, 'Create account');
  await waitInPage(page, () => window.__xmppTest.loggedIn(), null, { what: 'logged in with the new account' });
  const after = await hook(page, 'state');
  assert.ok(after.ownJid.startsWith(`${jidOf(user)}/`), after.ownJid);
  assert.equal(after.signup.step, 'Done');
  await page.context().close();
});

test('a taken name is said in words and the form stays', async () => {
  const first = await newPage(browser);
  await openApp(first, site.url);
  const user = uniqueName('taken');
  await registerViaHook(first, user, `pw-${user}`);
  await first.context().close();

  const page = await newPage(browser, { locale: 'ru-RU' });
  await openApp(page, site.url);
  await clickDrawn(page, 'Создать аккаунт');
  await clickDrawn(page, DOMAIN);
  await typeInto(page, 'Имя *', user);
  await typeInto(page, 'Пароль *', 'another-password');
  await clickDrawn(page, 'Создать аккаунт');
  await waitForDrawn(page, 'Это имя уже занято', 'the conflict in Russian');
  await waitInPage(page, () => window.__xmppTest.state().signup.step === 'Form', null, { what: 'a fresh form' });
  await page.screenshot({ path: '/tmp/signup-conflict-ru.png' });
  await page.context().close();
});

test('a server that cannot be reached is said, and another can be picked', async () => {
  const page = await newPage(browser);
  await openApp(page, site.url);
  await clickDrawn(page, 'Create account');
  await clickDrawn(page, 'unreachable.example');
  await waitForDrawn(page, 'The server cannot be reached', 'the problem in words', { timeout: 40000 });
  await page.screenshot({ path: '/tmp/signup-unreachable.png' });
  await clickDrawn(page, 'Choose another server');
  await waitForDrawn(page, DOMAIN, 'the picker again');
  await page.context().close();
});

test('an invitation link opens registration and befriends the inviter', async () => {
  const inviterPage = await newPage(browser);
  await openApp(inviterPage, site.url);
  const inviter = uniqueName('inviter');
  await registerViaHook(inviterPage, inviter, `pw-${inviter}`);
  // XEP-0401 through Prosody's mod_invites_adhoc: the inviter asks its server for a contact invitation.
  const frames = await rawSend(inviterPage, {
    wsUrl: WS_URL, jid: jidOf(inviter), password: `pw-${inviter}`, resource: 'inviting',
    stanzas: [`<iq xmlns="jabber:client" type="set" id="invite1" to="${DOMAIN}"><command xmlns="http://jabber.org/protocol/commands" node="urn:xmpp:invite#invite" action="execute"/></iq>`],
  });
  const uri = (frames.join('\n').match(/(xmpp:[^<]+)<\/value>/) || [])[1]?.replace(/&amp;/g, '&');
  assert.ok(uri && uri.includes('preauth=') && uri.includes('ibr=y'), `an invitation: ${frames.join('\n')}`);

  const page = await newPage(browser);
  await openApp(page, `${site.url}#${uri}`);
  await waitInPage(page, () => window.__xmppTest.state().signup.step === 'Form', null, { what: 'registration opened by the link' });
  assert.equal((await hook(page, 'state')).signup.inviter, jidOf(inviter));
  assert.ok(!(await page.evaluate(() => location.href)).includes('preauth'), 'the token is taken out of the address bar');
  await page.screenshot({ path: '/tmp/signup-invited.png' });
  const user = uniqueName('invitee');
  await typeInto(page, 'Name *', user);
  await typeInto(page, 'Password *', `pw-${user}`);
  await clickDrawn(page, 'Create account');
  await waitInPage(page, () => window.__xmppTest.loggedIn(), null, { what: 'the invitee logged in' });
  await waitInPage(page, (j) => window.__xmppTest.state().roster.some((r) => r.jid === j && r.subscription === 'both'),
    jidOf(inviter), { what: 'the inviter a contact both ways' });
  await waitInPage(inviterPage, (j) => window.__xmppTest.state().roster.some((r) => r.jid === j && r.subscription === 'both'),
    jidOf(user), { what: 'the invitee in the inviter\'s contacts' });
  // The token was for one account: a second use is refused in words.
  const again = await newPage(browser);
  await openApp(again, `${site.url}?invite=${encodeURIComponent(uri)}`);
  await waitInPage(again, () => window.__xmppTest.state().signup.step === 'Failed', null, { what: 'a used token refused' });
  assert.equal((await hook(again, 'state')).signup.problem, 'invite-invalid');
  await again.screenshot({ path: '/tmp/signup-invite-used.png' });
  await Promise.all([page, inviterPage, again].map((p) => p.context().close()));
});
