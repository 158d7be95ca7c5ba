// Typing by keyboard events only: the composer of the open chat receives "Привет, мир 👋" through
// Playwright's keyboard (the hidden-textarea bridge), Enter sends it, and it arrives intact; text typed
// the moment a chat opens is kept too; the emoji reach the font atlas without a new texture.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startSiteServer, launchBrowser, hook, waitInPage, waitForMessage, twoAccounts,
} from './support.mjs';

let site, browser;
before(async () => { site = await startSiteServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await site?.close(); });

test('keyboard-typed Cyrillic and emoji arrive intact on the other page', async () => {
  const { alice, bob, aJid, bJid } = await twoAccounts(browser, site.url, 'ka', 'kb');
  const texturesBefore = await hook(bob, 'textures');
  // Bob writes first (no subscription needed), so Alice has a chat row for him to open.
  assert.equal(await hook(bob, 'send', aJid, 'hi Alice'), true);
  await waitForMessage(alice, bJid, 'hi Alice');
  await waitInPage(alice, (j) => window.__xmppTest.rosterShown().includes(j), bJid, { what: 'bob\'s row drawn' });

  assert.equal(await hook(alice, 'openChat', bJid), true);
  await waitInPage(alice, (j) => window.__xmppTest.state().openChat === j, bJid, { what: 'chat open' });
  // The page's own canvas mousedown handler focuses this textarea; the keys themselves are real events.
  await alice.focus('#starling-input');
  const text = 'Привет, мир 👋';
  await alice.keyboard.type(text, { delay: 15 });
  await alice.keyboard.press('Enter');
  const got = await waitForMessage(bob, aJid, text, 'keyboard-typed message at bob');
  assert.equal(got.body, text);
  assert.equal(got.direction, 'incoming');

  // Fast typing with corrections: "type, 3x Backspace, type" must lose and reorder nothing.
  await alice.keyboard.type('Ёлки-палкиXYZ');
  for (let i = 0; i < 3; ++i) await alice.keyboard.press('Backspace');
  await alice.keyboard.type(' 🎄!');
  await alice.keyboard.press('Enter');
  await waitForMessage(bob, aJid, 'Ёлки-палки 🎄!', 'corrected message at bob');

  const mine = await hook(alice, 'history', bJid);
  assert.deepEqual(mine.filter((m) => m.direction === 'outgoing').map((m) => m.body), [text, 'Ёлки-палки 🎄!']);
  // Bob types the moment his chat opens, before a frame has focused the composer: nothing is lost.
  await hook(bob, 'openChat', aJid);
  await bob.focus('#starling-input');
  await bob.keyboard.type('Сразу же ответ');
  await bob.keyboard.press('Enter');
  await waitForMessage(alice, bJid, 'Сразу же ответ', 'answer typed at once at alice');
  await waitInPage(bob, (t) => window.__xmppTest.isTextVisible(t), text, { what: 'typed text drawn at bob' });
  // The emoji glyphs went into the font atlas texture that was there (texSubImage2D), not a new one.
  await bob.waitForTimeout(300);
  assert.deepEqual(await hook(bob, 'textures'), { live: 1, created: texturesBefore.created });
  await alice.context().close();
  await bob.context().close();
});
