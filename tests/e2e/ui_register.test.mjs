// Registration through the page itself, with the mouse and the keyboard only: the widgets are found on
// screenshots (input boxes and buttons are the bluish bands in a pixel column), clicked and typed into.
// "Create account" on the login form opens the server picker (config.json's servers, the default one
// first); its first server's form (Prosody's: name and password) is filled in and sent. No hook call
// drives the page; the hook only says when the next screen is there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startSiteServer, launchBrowser, newPage, openApp, hook, waitInPage, uniqueName, jidOf, bandsAt,
} from './support.mjs';

let site, browser;
before(async () => { site = await startSiteServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await site?.close(); });

test('creates an account by clicking and typing through the server picker and the server\'s form', async () => {
  const page = await newPage(browser);
  await openApp(page, site.url);
  const { width } = page.viewportSize();
  const right = Math.round(width / 2 + 200);  // right part of the centred column: "Create account"
  const left = Math.round(width / 2 - 100);   // left part: the picker's rows, the form's fields and its "Create account"
  const login = await bandsAt(page, right);
  // address field, password field, "Advanced" header, "Create account" button (top to bottom)
  assert.ok(login.length >= 4, `login widgets found at x=${right}: ${JSON.stringify(login)}`);
  await page.mouse.click(right - 20, login[3].mid);

  await waitInPage(page, () => window.__xmppTest.drawnText().some((t) => t.text === 'Another server…'), null,
    { what: 'the server picker' });
  await page.mouse.move(1, 1);
  const picker = await bandsAt(page, left);
  assert.ok(picker.length >= 2, `picker rows found at x=${left}: ${JSON.stringify(picker)}`);
  await page.mouse.click(left, picker[0].mid);  // the default server

  await waitInPage(page, () => window.__xmppTest.state().signup.step === 'Form', null, { what: 'the server\'s form' });
  await page.mouse.move(1, 1);
  const form = await bandsAt(page, left);
  // name field, password field, "Create account" (top to bottom)
  assert.ok(form.length >= 3, `form widgets found at x=${left}: ${JSON.stringify(form)}`);
  const user = uniqueName('uireg');
  await page.mouse.click(left, form[0].mid);
  await page.keyboard.type(user, { delay: 5 });
  await page.mouse.click(left, form[1].mid);
  await page.keyboard.type(`pw-${user}`, { delay: 5 });
  await page.mouse.click(left, form[2].mid);

  await waitInPage(page, () => window.__xmppTest.loggedIn(), null, { what: 'account created through the form' });
  const st = await hook(page, 'state');
  assert.ok(st.ownJid.startsWith(`${jidOf(user)}/`), `own JID ${st.ownJid}`);
  await page.context().close();
});
