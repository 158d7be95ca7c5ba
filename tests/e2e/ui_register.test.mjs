// Registration through the login form itself, with the mouse and the keyboard only: the fields are
// found on a screenshot (the input boxes are the bluish bands in a pixel column through the right part
// of the form), clicked, typed into, and "Create account" is clicked. No hook call drives the form.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startSiteServer, launchBrowser, newPage, openApp, hook, waitInPage, uniqueName, jidOf, bandsAt,
} from './support.mjs';

let site, browser;
before(async () => { site = await startSiteServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await site?.close(); });

test('creates an account by clicking and typing into the login form', async () => {
  const page = await newPage(browser);
  await openApp(page, site.url);
  const { width } = page.viewportSize();
  const x = Math.round(width / 2 + 200);  // right part of the centred form: fields and "Create account"
  const bands = await bandsAt(page, x);
  // address field, password field, "Advanced" header, "Create account" button (top to bottom)
  assert.ok(bands.length >= 4, `form widgets found at x=${x}: ${JSON.stringify(bands)}`);
  const [address, password, , create] = bands;

  const user = uniqueName('uireg');
  await page.mouse.click(x - 100, address.mid);
  await page.keyboard.type(jidOf(user), { delay: 5 });
  await page.mouse.click(x - 100, password.mid);
  await page.keyboard.type(`pw-${user}`, { delay: 5 });
  await page.mouse.click(x - 20, create.mid);

  await waitInPage(page, () => window.__xmppTest.loggedIn(), null, { what: 'account created through the form' });
  const st = await hook(page, 'state');
  assert.ok(st.ownJid.startsWith(`${jidOf(user)}/`), `own JID ${st.ownJid}`);
  await page.context().close();
});
