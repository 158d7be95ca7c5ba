// The picture viewer and the media cache (issue 14) in Chromium against the suite's Prosody:
// - a click on a picture opens the viewer on it, "2 / 3"; Next/Previous and the Left/Right keys go
//   through the chat's pictures in order; zoom, pan (a drag) and fit still work; on a phone's width the
//   toolbar wraps and stays on the screen (screenshots: /tmp/viewer-wide.png, /tmp/viewer-narrow.png);
// - 200 pictures from a contact, scrolled through from the newest to the oldest and back: the bytes the
//   page holds and the decoded textures stay under their caps, what was let go is fetched (from the
//   browser's HTTP cache) and decoded again when scrolled back. Prints the numbers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import {
  startSiteServer, launchBrowser, hook, waitInPage, befriend, twoAccounts, clickDrawn, WS_URL,
} from './support.mjs';
import { rawSend } from './raw_xmpp.mjs';
import { png } from './png.mjs';

let site, browser;
before(async () => { site = await startSiteServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await site?.close(); });

const viewer = (page) => hook(page, 'viewer');
const viewerAt = (page, id, what) => waitInPage(page, (i) => {
  const v = window.__xmppTest.viewer();
  return v.open && v.id === i && v.w > 0 ? v : null;
}, id, { what });

test('the viewer: next/previous by buttons and keys through the chat pictures, "2 / 3", zoom, pan, fit, a phone', async () => {
  const { alice, bob, aJid, bJid } = await twoAccounts(browser, site.url, 'via', 'vib');
  await befriend(alice, aJid, bob, bJid, { via: 'hook' });
  await hook(alice, 'setEncryption', bJid, false);
  await waitInPage(alice, () => window.__xmppTest.upload().service !== '', null, { what: 'upload service found' });
  const ids = [];
  for (let i = 0; i < 3; i++) {
    const pic = png(900 + i * 100, 600, 10 + i);
    assert.equal(await hook(alice, 'sendFile', bJid, { name: `p${i}.png`, type: 'image/png', base64: pic.toString('base64') }), true);
    const sent = await waitInPage(alice, ([j, known]) => window.__xmppTest.history(j)
      .find((m) => m.attachment && m.attachment.state === 'sent' && !known.includes(m.id)), [bJid, ids], { what: `sent ${i}` });
    ids.push(sent.id);
  }
  assert.equal(await hook(bob, 'openChat', aJid), true);
  await waitInPage(bob, (list) => list.every((id) => window.__xmppTest.mediaShown().some((d) => d.id === id && d.kind === 'image')),
    ids, { what: 'three thumbnails drawn', timeout: 30000 });
  const thumbs = await hook(bob, 'mediaShown');
  const second = thumbs.find((d) => d.id === ids[1]);
  await bob.mouse.click(second.x + second.w / 2, second.y + second.h / 2);
  let v = await viewerAt(bob, ids[1], 'the viewer on the second picture');
  assert.equal(v.index, 2);
  assert.equal(v.count, 3);
  assert.ok((await hook(bob, 'drawnText')).some((t) => t.text === '2 / 3'), 'the position is shown');
  await bob.screenshot({ path: '/tmp/viewer-wide.png' });

  await bob.keyboard.press('ArrowRight');
  v = await viewerAt(bob, ids[2], 'Right: the third');
  assert.equal(v.index, 3);
  await bob.keyboard.press('ArrowRight');
  await new Promise((r) => setTimeout(r, 300));
  assert.equal((await viewer(bob)).id, ids[2], 'the last stays the last');
  await bob.keyboard.press('ArrowLeft');
  await viewerAt(bob, ids[1], 'Left: the second');
  await clickDrawn(bob, 'Previous');
  v = await viewerAt(bob, ids[0], 'Previous: the first');
  assert.equal(v.index, 1);
  await clickDrawn(bob, 'Next');
  await viewerAt(bob, ids[1], 'Next: the second');

  // Zoom, pan by dragging, fit.
  const fitW = (await viewer(bob)).w;
  await clickDrawn(bob, 'Zoom in');
  v = await waitInPage(bob, () => { const x = window.__xmppTest.viewer(); return x.w > x.textureW * 1.4 ? x : null; }, null, { what: 'zoomed in' });
  await bob.mouse.move(640, 450);
  await bob.mouse.down();
  await bob.mouse.move(440, 350, { steps: 8 });
  await bob.mouse.up();
  v = await waitInPage(bob, () => { const x = window.__xmppTest.viewer(); return x.scrollX > 100 && x.scrollY > 50 ? x : null; }, null,
    { what: 'panned by the drag' });
  await clickDrawn(bob, 'Fit');
  await waitInPage(bob, (w) => Math.abs(window.__xmppTest.viewer().w - w) < 1, fitW, { what: 'fit again' });

  // A phone's width: the toolbar wraps and stays on the screen, the picture fits.
  await bob.setViewportSize({ width: 390, height: 760 });
  v = await waitInPage(bob, () => { const x = window.__xmppTest.viewer(); return x.open && x.w > 0 && x.w <= 390 ? x : null; }, null,
    { what: 'fits a phone' });
  const texts = await hook(bob, 'drawnText');
  for (const label of ['Previous', 'Next', 'Fit', 'Zoom in', 'Zoom out', 'Save', 'Close']) {
    const t = texts.find((x) => x.text === label);
    assert.ok(t, `${label} drawn on a phone`);
    assert.ok(t.x >= 0 && t.x + t.w <= 390, `${label} on the screen: ${JSON.stringify(t)}`);
  }
  await bob.screenshot({ path: '/tmp/viewer-narrow.png' });
  await clickDrawn(bob, 'Next');
  await viewerAt(bob, ids[2], 'Next on a phone');
  await bob.keyboard.press('Escape');
  await waitInPage(bob, () => !window.__xmppTest.viewer().open, null, { what: 'closed by Escape' });
  await alice.context().close();
  await bob.context().close();
});

// Pictures served by the test itself, as an upload service would (CORS, cacheable), counting requests.
function pictureServer(count, w, h) {
  const files = Array.from({ length: count }, (_, i) => png(w, h, i, { noise: true }));
  const hits = new Map();
  const server = http.createServer((req, res) => {
    const i = Number((req.url.match(/^\/p\/(\d+)\.png$/) || [])[1]);
    hits.set(i, (hits.get(i) || 0) + 1);
    if (!(i >= 0 && i < count)) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': files[i].length, 'Access-Control-Allow-Origin': '*',
      'Cache-Control': 'public, max-age=3600' });
    res.end(files[i]);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: (i) => `http://127.0.0.1:${server.address().port}/p/${i}.png`, files, hits, close: () => server.close(),
  })));
}

test('200 pictures scrolled through: the bytes and the textures held stay under their caps; scrolled back, drawn again',
  { timeout: 600000 }, async () => {
    const N = 200;
    const pics = await pictureServer(N, 400, 300);
    const { alice, bob, a, aJid, bJid } = await twoAccounts(browser, site.url, 'vca', 'vcb');
    await befriend(alice, aJid, bob, bJid, { via: 'hook' });
    const aPass = `pa-${a}`;
    const stanzas = Array.from({ length: N }, (_, i) => `<message xmlns="jabber:client" to="${bJid}" type="chat" id="pic-${i}">` +
      `<body>${pics.url(i)}</body><x xmlns="jabber:x:oob"><url>${pics.url(i)}</url></x></message>`);
    assert.ok(await rawSend(alice, { wsUrl: WS_URL, jid: aJid, password: aPass, stanzas }));
    await waitInPage(bob, ([j, n]) => window.__xmppTest.history(j).filter((m) => m.attachment).length >= n, [aJid, N],
      { what: `${N} pictures received`, timeout: 60000 });
    const caps = { bytes: 16 * 1024 * 1024, textureBytes: 24 * 1024 * 1024 };
    await hook(bob, 'setMediaCaps', caps);
    assert.equal(await hook(bob, 'openChat', aJid), true);
    await waitInPage(bob, () => window.__xmppTest.mediaShown().some((d) => d.id === 'pic-199' && d.kind === 'image'), null,
      { what: 'the newest picture drawn', timeout: 30000 });
    const heap0 = (await hook(bob, 'memory')).heapInUse;

    // Scroll up to the oldest, a screen at a time, letting what is on screen load and draw.
    const box = await bob.evaluate(() => ({ w: innerWidth, h: innerHeight }));
    await bob.mouse.move(box.w * 0.65, box.h * 0.5);
    let worst = { bytes: 0, textureBytes: 0, heapInUse: 0 };
    const note = async () => {
      const m = await hook(bob, 'mediaMemory');
      const heap = (await hook(bob, 'memory')).heapInUse;
      worst = { bytes: Math.max(worst.bytes, m.bytes), textureBytes: Math.max(worst.textureBytes, m.textureBytes),
        heapInUse: Math.max(worst.heapInUse, heap) };
      return m;
    };
    const drawnNow = async () => {  // what is on screen has its pictures drawn (or there are none)
      await waitInPage(bob, () => {
        const shown = window.__xmppTest.mediaShown();
        return shown.length > 0 && shown.every((d) => d.kind === 'image');
      }, null, { what: 'the pictures on screen drawn', timeout: 30000 });
    };
    const t0 = Date.now();
    for (let step = 0; step < 200; step++) {
      await bob.mouse.wheel(0, -500);
      await drawnNow();
      await note();
      if ((await hook(bob, 'mediaShown')).some((d) => d.id === 'pic-0')) break;
    }
    assert.ok((await hook(bob, 'mediaShown')).some((d) => d.id === 'pic-0'), 'reached the oldest');
    const up = await note();
    const firstHits = [...pics.hits.values()].reduce((a, b) => a + b, 0);
    // And back down to the newest: those were let go, and come back.
    for (let step = 0; step < 200; step++) {
      await bob.mouse.wheel(0, 500);
      await drawnNow();
      await note();
      if ((await hook(bob, 'mediaShown')).some((d) => d.id === 'pic-199')) break;
    }
    const down = await note();
    const seconds = (Date.now() - t0) / 1000;
    const requests = [...pics.hits.values()].reduce((a, b) => a + b, 0);
    const totalBytes = pics.files.reduce((a, f) => a + f.length, 0);
    console.log(`media cache: ${N} pictures of 400×300 (${(totalBytes / 1048576).toFixed(1)} MiB of files, ` +
      `${(N * 400 * 300 * 4 / 1048576).toFixed(1)} MiB as textures) scrolled up and down in ${seconds.toFixed(1)} s; ` +
      `caps ${caps.bytes / 1048576} MiB bytes, ${caps.textureBytes / 1048576} MiB textures; ` +
      `worst held: ${(worst.bytes / 1048576).toFixed(1)} MiB bytes, ${(worst.textureBytes / 1048576).toFixed(1)} MiB textures; ` +
      `heap in use ${(heap0 / 1048576).toFixed(1)} → worst ${(worst.heapInUse / 1048576).toFixed(1)} MiB; ` +
      `let go: ${down.fileEvictions} files, ${down.textureEvictions} textures; ` +
      `HTTP requests reaching the server: ${firstHits} going up, ${requests - firstHits} coming back (the rest from the browser cache)`);
    assert.ok(worst.bytes <= caps.bytes, `bytes held ${worst.bytes} ≤ ${caps.bytes}`);
    assert.ok(worst.textureBytes <= caps.textureBytes, `textures held ${worst.textureBytes} ≤ ${caps.textureBytes}`);
    assert.ok(up.fileEvictions > 0 && down.textureEvictions > 0, 'over the caps: some were let go');
    assert.ok(worst.heapInUse < heap0 + caps.bytes + 8 * 1048576, `the Wasm heap stays bounded: ${worst.heapInUse}`);
    const newest = (await hook(bob, 'history', aJid)).find((m) => m.id === 'pic-199');
    assert.equal(newest.attachment.state, 'ready', 'the newest, let go on the way up, is back');
    pics.close();
    await alice.context().close();
    await bob.context().close();
  });
