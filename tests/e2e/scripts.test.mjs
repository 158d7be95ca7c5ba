// Every script, not only Latin and Cyrillic: a contact's message in Greek, Hebrew, Arabic, CJK, Thai,
// Devanagari, Hangul, Armenian and Georgian is drawn with a real glyph for every character (no U+FFFD:
// missingGlyphs() of the drawn text is empty) in the chat list's preview and in the chat; a CJK link is
// drawn with ink in the link colour (a text glyph tinted like DejaVu's, not a colour glyph); the same
// text typed into the composer is drawn too and arrives intact. A message of 20,000 distinct CJK
// characters fills the atlas a bounded number of glyphs per frame, up to a bounded count and texture.
// Glyphs the DejaVu subset lacks come from the system's fonts (scripts/setup.sh installs them).
// Screenshots: /tmp/glyphs-*.png. Arabic is drawn unjoined, one glyph per code point (no shaping).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startSiteServer, launchBrowser, hook, waitInPage, waitForMessage, twoAccounts, screenshotPixels, WS_URL,
} from './support.mjs';
import { rawSend, chatStanza } from './raw_xmpp.mjs';

let site, browser;
before(async () => { site = await startSiteServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await site?.close(); });

const SCRIPTS = 'Ελληνικά עברית مرحبا 日本語 ภาษาไทย हिन्दी 한국어 Հայերեն ქართული';
const LINK = 'https://日本語日本語日本語日本語';

// Waits until `text` is drawn (isTextVisible or a preview) with a glyph for each of its code points.
async function waitAllGlyphs(page, text, what) {
  await waitInPage(page, (t) => window.__xmppTest.missingGlyphs(t).length === 0, text, { what: `${what}: every glyph` });
}

// The CJK link's right half: its ink is the link colour (115, 184, 255), a tinted text glyph, not white
// as a colour glyph would be drawn; the underline (the run's last pixels) is left out.
async function expectLinkInk(page) {
  const run = (await hook(page, 'styledRuns')).find((r) => r.style === 'link' && r.text === LINK);
  assert.ok(run, 'the link run drawn');
  const clip = { x: Math.ceil(run.x + run.w / 2), y: Math.ceil(run.y), width: Math.floor(run.w / 2), height: Math.floor(run.h) - 3 };
  const px = await screenshotPixels(page, clip);
  let ink = 0, blue = 0;
  for (let i = 0; i < px.length; i += 4) {
    const [r, g, b] = [px[i], px[i + 1], px[i + 2]];
    if (b < 110) continue;  // background (about 26, 28, 33) or faint antialiasing
    ++ink;
    if (b - r > 60 && g > r) ++blue;
  }
  assert.ok(ink > clip.width * 2, `CJK glyphs have ink: ${ink} pixels in ${clip.width}×${clip.height}`);
  assert.ok(ink < clip.width * clip.height * 0.6, `glyph shapes, not filled cells: ${ink} of ${clip.width * clip.height}`);
  assert.ok(blue > ink * 0.8, `the ink is the link colour: ${blue} of ${ink}`);
}

// Scrolls down (the row grows below the view) until "Show more" is drawn, and clicks it.
async function showMore(page) {
  for (let i = 0; i < 40; ++i) {
    const t = (await hook(page, 'drawnText')).find((d) => d.text === 'Show more');
    if (t) {
      await page.mouse.click(t.x + Math.min(t.w / 2, 8), t.y + t.h / 2);
      return;
    }
    const f = await hook(page, 'frames');
    await page.mouse.move(600, 400);
    await page.mouse.wheel(0, 600);
    await page.waitForFunction((n) => window.__xmppTest.frames() > n, f, { timeout: 5000 }).catch(() => {});
  }
  throw new Error('"Show more" not drawn after scrolling down');
}

test('a message in nine scripts is drawn with a glyph for every character, in the preview and the chat', async () => {
  const { alice, bob, aJid, bJid } = await twoAccounts(browser, site.url, 'ga', 'gb');
  assert.notDeepEqual(await hook(alice, 'missingGlyphs', SCRIPTS), [], 'the subset alone lacks these scripts');
  assert.equal(await hook(bob, 'send', aJid, SCRIPTS), true);
  await waitForMessage(alice, bJid, SCRIPTS);
  await waitInPage(alice, ([j, t]) => window.__xmppTest.rosterPreviews().some((p) => p.jid === j && p.text === t),
    [bJid, SCRIPTS], { what: 'the preview drawn' });
  await waitAllGlyphs(alice, SCRIPTS, 'preview');
  await alice.screenshot({ path: '/tmp/glyphs-preview.png' });

  assert.equal(await hook(bob, 'send', aJid, LINK), true);
  await waitForMessage(alice, bJid, LINK);
  assert.equal(await hook(alice, 'openChat', bJid), true);
  await waitInPage(alice, (t) => window.__xmppTest.isTextVisible(t), SCRIPTS, { what: 'the message drawn' });
  await waitAllGlyphs(alice, SCRIPTS + LINK, 'chat');
  const atlas = await hook(alice, 'fontAtlas');
  assert.equal(atlas.pending, 0);
  assert.ok(atlas.browserGlyphs > 40 && atlas.browserGlyphs < 100, JSON.stringify(atlas));
  await alice.waitForTimeout(200);  // the frame after the last glyph
  await alice.screenshot({ path: '/tmp/glyphs-chat.png' });

  await expectLinkInk(alice);

  // Glyphs already drawn survive a new atlas (more glyphs than free cells): their pixels are copied.
  const hangul = Array.from({ length: 160 }, (_, i) => String.fromCodePoint(0xAC00 + i * 7)).join('');
  assert.equal(await hook(bob, 'send', aJid, hangul), true);
  await waitInPage(alice, (t) => window.__xmppTest.isTextVisible(t), hangul, { what: 'the Hangul message drawn' });
  await waitAllGlyphs(alice, hangul, 'Hangul');
  assert.ok((await hook(alice, 'fontAtlas')).fullBuilds > atlas.fullBuilds, 'a new atlas was made');
  await alice.waitForTimeout(200);
  await alice.screenshot({ path: '/tmp/glyphs-chat-rebuilt.png' });
  await expectLinkInk(alice);

  // Typed into the composer: drawn with every glyph while typed, and sent intact.
  const typed = `typed: ${SCRIPTS}`;
  await alice.focus('#starling-input');
  await alice.keyboard.type(typed, { delay: 5 });
  await waitAllGlyphs(alice, typed, 'composer');
  await alice.screenshot({ path: '/tmp/glyphs-composer.png' });
  await alice.keyboard.press('Enter');
  const got = await waitForMessage(bob, aJid, typed, 'typed message at bob');
  assert.equal(got.direction, 'incoming');
  assert.equal((await hook(alice, 'textures')).live, 1);
  await alice.context().close();
  await bob.context().close();
});

test('20,000 distinct CJK characters fill the atlas a bounded number per frame, up to a bounded size', async () => {
  const { alice, bob, aJid, b, bJid } = await twoAccounts(browser, site.url, 'ha', 'hb');
  let body = '';
  for (let i = 0; i < 20000; ++i) body += String.fromCodePoint(0x4E00 + i);
  // From a bare client (plain text, 60 KB): what any contact's client may send.
  await rawSend(bob, { wsUrl: WS_URL, jid: bJid, password: `pb-${b}`, stanzas: [chatStanza(aJid, body)] });
  await waitInPage(alice, ([p, n]) => window.__xmppTest.history(p).some((m) => m.body.length === n), [bJid, body.length],
    { what: 'the long CJK message stored' });
  assert.equal(await hook(alice, 'openChat', bJid), true);
  await hook(alice, 'frameStats', true);
  await waitInPage(alice, () => window.__xmppTest.visibleMessages().length > 0, null, { what: 'the message drawn' });
  await waitInPage(alice, () => window.__xmppTest.fontAtlas().pending === 0, null, { what: 'the glyphs drawn', timeout: 60000 });
  const first = await hook(alice, 'fontAtlas');
  // "Show more" until the cap: the atlas stops growing there.
  for (let i = 0; i < 4; ++i) {
    await showMore(alice);
    await waitInPage(alice, () => window.__xmppTest.fontAtlas().pending === 0, null, { what: 'more glyphs', timeout: 60000 });
  }
  const atlas = await hook(alice, 'fontAtlas');
  const stats = await hook(alice, 'frameStats', false);
  console.log(`# atlas after the first screen: ${JSON.stringify(first)}`);
  console.log(`# atlas after Show more ×4: ${JSON.stringify(atlas)}; frames: ${JSON.stringify(stats)}`);
  await alice.screenshot({ path: '/tmp/glyphs-cjk-flood.png' });
  assert.ok(first.browserGlyphs > 500, JSON.stringify(first));
  assert.ok(atlas.browserGlyphs <= 2048, JSON.stringify(atlas));
  assert.ok(atlas.lastAdded <= 48, JSON.stringify(atlas));
  assert.ok(atlas.width * atlas.height <= 4096 * 4096, JSON.stringify(atlas));
  // Ten times looser than the ~50 ms aimed at (a machine shared with other work), far below a freeze.
  assert.ok(atlas.worstRebuildMs < 500, JSON.stringify(atlas));
  await alice.context().close();
  await bob.context().close();
});
