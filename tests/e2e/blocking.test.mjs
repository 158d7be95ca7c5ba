// XEP-0191 blocking against our real Prosody (mod_blocklist): Alice blocks Bob with the mouse (chat
// header's Block, then the confirmation), her server's push reaches her second session, Bob's messages
// fail (encrypted: his key requests are refused; plain: the message bounces) and never reach Alice;
// Unblock in the banner lets messages through again, encrypted ones too.
// Screenshots of the settings' Blocked list in English and Russian land in STARLING_TEST_OUT (or
// build/test-out) for a look.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import {
  startSiteServer, launchBrowser, hook, waitInPage, befriend, waitForMessage, twoAccounts, newPage, openApp,
  loginViaHook, waitForDrawn, clickDrawn, uniqueName,
} from './support.mjs';

const OUT = process.env.STARLING_TEST_OUT || path.resolve('build', 'test-out');

let site, browser;
before(async () => { site = await startSiteServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await site?.close(); });

const blockedOf = async (page) => (await hook(page, 'state')).blocked;

// Clicks the last drawn string `text` (a dialog is drawn after what it covers).
async function clickLastDrawn(page, text) {
  const t = await waitInPage(page, (x) => window.__xmppTest.drawnText().filter((d) => d.text === x).pop() || null, text,
    { what: `"${text}" drawn` });
  await page.mouse.click(t.x + Math.min(t.w / 2, 8), t.y + t.h / 2);
}

function waitForFailed(page, peer, body) {
  return waitInPage(page, ([p, b]) => window.__xmppTest.history(p).find((m) => m.body === b && m.status === 'failed') || null,
    [peer, body], { what: `"${body}" failed` });
}

function waitNotFailed(page, peer, body) {
  return waitInPage(page, ([p, b]) => {
    const m = window.__xmppTest.history(p).find((x) => x.body === b);
    return m && m.status !== 'queued' && m.status !== 'failed';
  }, [peer, body], { what: `"${body}" sent, not failed` });
}

function waitBlocked(page, list, who) {
  return waitInPage(page, (l) => JSON.stringify(window.__xmppTest.state().blocked) === JSON.stringify(l), list,
    { what: `${who}: blocked = ${JSON.stringify(list)}` });
}

test('Alice blocks Bob: pushed to her other session, his message bounces; unblocked, messages flow again', async () => {
  const { alice, bob, a, aJid, bJid } = await twoAccounts(browser, site.url, 'ka', 'kb');
  await befriend(alice, aJid, bob, bJid);
  // Alice's second session (another browser context, same account): it asked for the list, so it gets pushes.
  const alice2 = await newPage(browser);
  await openApp(alice2, site.url);
  await loginViaHook(alice2, a, `pa-${a}`);
  for (const [page, who] of [[alice, 'alice'], [alice2, 'alice2'], [bob, 'bob']]) {
    await waitInPage(page, () => window.__xmppTest.state().blockingSupported, null, { what: `${who}: blocking offered` });
    assert.deepEqual(await blockedOf(page), []);
  }

  // Through the UI: the chat header's Block asks; the dialog's Block sends it.
  assert.equal(await hook(alice, 'openChat', bJid), true);
  await clickDrawn(alice, 'Block');
  await waitForDrawn(alice, 'Block this address?');
  assert.deepEqual(await blockedOf(alice), [], 'nothing blocked before the confirmation');
  await clickLastDrawn(alice, 'Block');
  await waitBlocked(alice, [bJid], 'alice');
  await waitForDrawn(alice, 'You blocked this contact');
  await mkdir(OUT, { recursive: true });
  await alice.mouse.move(1, 1);
  await alice.screenshot({ path: path.join(OUT, 'blocking-alice-banner.png') });
  await waitBlocked(alice2, [bJid], 'alice2 (push)');
  assert.equal((await hook(alice, 'state')).notice, 'blocked');

  // Bob writes. Encrypted (the default): his requests for Alice's keys are refused as well, so it fails
  // before it is sent.
  const encryptedText = `encrypted while blocked ${uniqueName('m')}`;
  assert.equal(await hook(bob, 'send', aJid, encryptedText), true);
  const failedEncrypted = await waitForFailed(bob, aJid, encryptedText);
  await waitForDrawn(bob, 'Not delivered:');
  console.log(`# bob sees (encrypted): "Not delivered:" ${JSON.stringify(failedEncrypted.error)}`);
  // Without encryption the message itself goes out and Alice's server bounces it.
  await clickDrawn(bob, 'Encrypted');
  await waitForDrawn(bob, 'Not encrypted');
  const plainText = `plain while blocked ${uniqueName('m')}`;
  assert.equal(await hook(bob, 'send', aJid, plainText), true);
  const failedPlain = await waitForFailed(bob, aJid, plainText);
  console.log(`# bob sees (plain): "Not delivered:" ${JSON.stringify(failedPlain.error)}`);
  assert.match(failedPlain.error, /service-unavailable/);
  await bob.mouse.move(1, 1);
  await bob.screenshot({ path: path.join(OUT, 'blocking-bob-failed.png') });
  // The bounce came back from Alice's server, so her sessions had their chance: nothing arrived.
  for (const page of [alice, alice2]) {
    const bodies = (await hook(page, 'history', bJid)).map((m) => m.body);
    assert.ok(!bodies.includes(plainText) && !bodies.includes(encryptedText), JSON.stringify(bodies));
  }

  // Unblock in the banner (drawn after the header's Unblock).
  await clickLastDrawn(alice, 'Unblock');
  await waitBlocked(alice, [], 'alice');
  await waitBlocked(alice2, [], 'alice2 (push)');
  await waitInPage(alice, () => !window.__xmppTest.drawnText().some((t) => t.text.startsWith('You blocked')), null,
    { what: 'banner gone' });
  const plainAfter = `after unblock ${uniqueName('m')}`;
  assert.equal(await hook(bob, 'send', aJid, plainAfter), true);
  await waitForMessage(alice, bJid, plainAfter);
  await waitForMessage(alice2, bJid, plainAfter);
  await waitNotFailed(bob, aJid, plainAfter);
  // Encrypted again: his key requests pass now.
  await clickDrawn(bob, 'Not encrypted');
  await waitForDrawn(bob, 'Encrypted');
  const afterEncrypted = `encrypted after unblock ${uniqueName('m')}`;
  assert.equal(await hook(bob, 'send', aJid, afterEncrypted), true);
  const got = await waitForMessage(alice, bJid, afterEncrypted).catch(async (e) => {
    throw new Error(`${e.message}\nbob's history: ${JSON.stringify(await hook(bob, 'history', aJid))}\nbob's console:\n${bob.consoleLines.slice(-30).join('\n')}`);
  });
  assert.equal(got.encrypted, true);
  await waitNotFailed(bob, aJid, afterEncrypted);
  const bodies = (await hook(alice, 'history', bJid)).map((m) => m.body);
  assert.ok(!bodies.includes(plainText) && !bodies.includes(encryptedText), 'a bounced message never arrives later');
  // Alice read the later ones (her marker): the bounced ones still show failed on Bob's side.
  await waitInPage(bob, ([p, b]) => window.__xmppTest.history(p).find((m) => m.body === b)?.status === 'displayed',
    [aJid, afterEncrypted], { what: 'bob sees his last message read' });
  for (const body of [encryptedText, plainText]) {
    const m = (await hook(bob, 'history', aJid)).find((x) => x.body === body);
    assert.equal(m.status, 'failed', `"${body}" is still failed, not read`);
  }

  // The settings' Blocked list, with a server and a stranger blocked, in both languages.
  assert.equal(await hook(alice, 'block', 'spam.example'), true);
  assert.equal(await hook(alice, 'block', 'mallory@evil.example'), true);
  assert.equal(await hook(alice, 'block', '@bad'), false);
  await waitBlocked(alice, ['mallory@evil.example', 'spam.example'], 'alice');
  await waitBlocked(alice2, ['mallory@evil.example', 'spam.example'], 'alice2 (push)');
  await clickDrawn(alice, 'Settings');
  await waitForDrawn(alice, 'Blocked');
  await waitInPage(alice, () => window.__xmppTest.drawnText().filter((t) => t.text === 'Unblock').length === 2, null,
    { what: 'two Unblock buttons in settings' });
  await alice.mouse.move(1, 1);
  await alice.screenshot({ path: path.join(OUT, 'blocking-settings-en.png') });
  await clickDrawn(alice, 'Русский');
  await waitForDrawn(alice, 'Заблокированные');
  await waitInPage(alice, () => window.__xmppTest.drawnText().filter((t) => t.text === 'Разблокировать').length === 2,
    null, { what: 'two Разблокировать buttons in settings' });
  await alice.mouse.move(1, 1);
  await alice.screenshot({ path: path.join(OUT, 'blocking-settings-ru.png') });
  // The first row's Unblock (the list is sorted): mallory.
  await clickDrawn(alice, 'Разблокировать');
  await waitBlocked(alice, ['spam.example'], 'alice');
  await waitBlocked(alice2, ['spam.example'], 'alice2 (push)');

  for (const page of [alice, alice2, bob]) await page.context().close();
});
