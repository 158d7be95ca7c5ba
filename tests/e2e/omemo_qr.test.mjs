// The own-fingerprint QR code as the browser draws it: the fingerprints popup of a chat shows the
// verification URI (xmpp:<own bare>?omemo-sid-<device>=<fingerprint hex>, as Conversations encodes it) as
// a QR code; a screenshot of exactly that rectangle is decoded by Debian's zbarimg back to the same URI.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  startSiteServer, launchBrowser, newPage, openApp, hook, uniqueName, jidOf, registerViaHook, waitInPage,
  clickDrawn, waitForDrawn,
} from './support.mjs';

let site, browser;
before(async () => { site = await startSiteServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await site?.close(); });

const zbarimg = (file) => new Promise((resolve, reject) => {
  execFile('zbarimg', ['--raw', '-q', '-Sdisable', '-Sqrcode.enable', file], (err, stdout) =>
    (err ? reject(new Error(`zbarimg (zbar-tools, scripts/setup.sh): ${err.message}`)) : resolve(stdout.replace(/\n$/, ''))));
});

test('the own verification URI is drawn as a QR code that zbarimg decodes', async () => {
  const page = await newPage(browser);
  await openApp(page, site.url);
  const a = uniqueName('qa');
  await registerViaHook(page, a, `pq-${a}`);
  const peer = jidOf(uniqueName('qpeer'));
  assert.equal(await hook(page, 'send', peer, 'hello'), true);  // a chat to open (its header has the popup)
  await waitInPage(page, (p) => window.__xmppTest.state().connection === 'Online' &&
    window.__xmppTest.rosterShown().includes(p), peer, { what: 'chat row' });
  // The header settles once the message left (its encryption switch changes label, moving the buttons).
  await waitInPage(page, (p) => (window.__xmppTest.history(p)[0] || {}).status !== 'queued', peer,
    { what: 'message no longer queued' });
  assert.equal(await hook(page, 'openChat', peer), true);
  let shown = null;
  for (let attempt = 0; attempt < 3 && !shown; ++attempt) {
    await clickDrawn(page, 'Fingerprints');
    shown = await waitInPage(page, () => window.__xmppTest.drawnText().find((t) => t.text.startsWith('Scan to verify')) || null,
      null, { timeout: 5000, what: 'QR hint drawn' }).catch(() => null);
  }
  assert.ok(shown, 'the fingerprints popup with the QR hint opened');
  const qr = await waitForDrawn(page, 'xmpp:', 'QR code drawn');
  assert.match(qr.text, new RegExp(`^xmpp:${jidOf(a).replace('.', '\\.')}\\?omemo-sid-[1-9][0-9]*=[0-9a-f]{64}$`));
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'starling-qr-')), 'qr.png');
  await page.screenshot({ path: file, clip: { x: qr.x, y: qr.y, width: qr.w, height: qr.h } });
  assert.equal(await zbarimg(file), qr.text);
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  await page.context().close();
});
