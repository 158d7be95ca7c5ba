// Numbers for issue 14 (run by hand against a running Prosody and a built site, as the e2e tests are):
//   STARLING_WS_URL=… STARLING_SITE_DIR=… node bench/media_numbers.mjs
// 1. pick → own thumbnail drawn for a 12-megapixel picture (4000×3000 PNG, scaled to 2560 px and
//    re-encoded as JPEG in the page), and the worst frame meanwhile;
// 2. upload and download throughput over loopback, plain and encrypted (8 MiB of random bytes);
// 3. Wasm heap and textures with 200 pictures in one chat.
import zlib from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { startSiteServer, launchBrowser, hook, waitInPage, befriend, twoAccounts } from '../tests/e2e/support.mjs';

const CRC = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc32 = (b) => { let c = 0xffffffff; for (const x of b) c = CRC[(c ^ x) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
const chunk = (t, d) => { const l = Buffer.alloc(4); l.writeUInt32BE(d.length); const td = Buffer.concat([Buffer.from(t), d]); const c = Buffer.alloc(4); c.writeUInt32BE(crc32(td)); return Buffer.concat([l, td, c]); };
function png(w, h, seed) {
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) { const o = y * (w * 3 + 1) + 1 + x * 3; raw[o] = (x + seed) & 255; raw[o + 1] = (y * 2) & 255; raw[o + 2] = (x ^ y ^ seed) & 255; }
  const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 2;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw, { level: 1 })), chunk('IEND', Buffer.alloc(0))]);
}
const lastAtt = (page, peer) => hook(page, 'history', peer).then((h) => h.filter((m) => m.attachment).pop());

const site = await startSiteServer();
const browser = await launchBrowser();
try {
  const { alice, bob, aJid, bJid } = await twoAccounts(browser, site.url, 'na', 'nb');
  await befriend(alice, aJid, bob, bJid, { via: 'hook' });
  await waitInPage(alice, () => window.__xmppTest.upload().service !== '', null, { what: 'upload service' });
  await hook(alice, 'openChat', bJid);
  await hook(bob, 'openChat', aJid);

  // 1. 12 MP picture
  const big = png(4000, 3000, 1);
  await hook(alice, 'setEncryption', bJid, false);
  await hook(alice, 'frameStats', true);
  const t0 = Date.now();
  await hook(alice, 'sendFile', bJid, { name: 'photo.png', type: 'image/png', base64: big.toString('base64') });
  const own = await waitInPage(alice, (j) => { const m = window.__xmppTest.history(j).filter((x) => x.attachment).pop(); return m && window.__xmppTest.mediaShown().some((d) => d.id === m.id && d.kind === 'image') ? m.id : null; }, bJid, { what: 'own thumbnail', timeout: 120000 });
  const t1 = Date.now();
  const fs1 = await hook(alice, 'frameStats', false);
  await waitInPage(bob, (j) => { const m = window.__xmppTest.history(j).filter((x) => x.attachment).pop(); return m && window.__xmppTest.mediaShown().some((d) => d.id === m.id && d.kind === 'image'); }, aJid, { what: 'bob thumbnail', timeout: 120000 });
  const t2 = Date.now();
  console.log(`12 MP PNG (${(big.length / 1048576).toFixed(1)} MiB): pick → own thumbnail ${t1 - t0} ms (worst frame ${fs1.worstMs.toFixed(1)} ms over ${fs1.frames} frames); → drawn on the other page ${t2 - t0} ms; own id ${own}`);

  // 2. throughput
  for (const enc of [false, true]) {
    await hook(alice, 'setEncryption', bJid, enc);
    if (enc) { await hook(alice, 'send', bJid, 'keys'); await waitInPage(bob, (j) => window.__xmppTest.history(j).some((m) => m.body === 'keys'), aJid); }
    const data = randomBytes(8 * 1024 * 1024);
    const s0 = Date.now();
    await hook(alice, 'sendFile', bJid, { name: `blob-${enc}.bin`, type: 'application/octet-stream', base64: data.toString('base64') });
    await waitInPage(alice, ([j, n]) => window.__xmppTest.history(j).some((m) => m.attachment && m.attachment.name === n && m.attachment.state === 'sent'), [bJid, `blob-${enc}.bin`], { timeout: 120000 });
    const s1 = Date.now();
    await waitInPage(bob, (j) => { const m = window.__xmppTest.history(j).filter((x) => x.attachment).pop(); return m && m.attachment.state === 'downloading'; }, aJid, { timeout: 60000, what: 'download start' }).catch(() => {});
    const d0 = Date.now();
    await waitInPage(bob, ([j, e]) => { const m = window.__xmppTest.history(j).filter((x) => x.attachment).pop(); return m && m.attachment.encrypted === e && m.attachment.state === 'ready'; }, [aJid, enc], { timeout: 120000, what: 'download' });
    const d1 = Date.now();
    console.log(`8 MiB ${enc ? 'encrypted' : 'plain'}: upload (pick → sent) ${(8 / ((s1 - s0) / 1000)).toFixed(1)} MiB/s (${s1 - s0} ms); download ${(8 / ((d1 - d0) / 1000)).toFixed(1)} MiB/s (${d1 - d0} ms)`);
  }

  // 3. 200 pictures
  await hook(alice, 'setEncryption', bJid, false);
  const m0 = await hook(bob, 'memory');
  for (let i = 0; i < 200; i++) await hook(alice, 'sendFile', bJid, { name: `p${i}.png`, type: 'image/png', base64: png(320, 240, i).toString('base64') });
  await waitInPage(alice, (j) => window.__xmppTest.history(j).filter((m) => m.attachment && m.attachment.state === 'sent').length >= 203, bJid, { timeout: 300000, what: '200 sent' });
  await waitInPage(bob, (j) => window.__xmppTest.history(j).filter((m) => m.attachment).length >= 203, aJid, { timeout: 300000, what: '200 received' });
  await new Promise((r) => setTimeout(r, 5000));
  const m1 = await hook(bob, 'memory');
  const a1 = await hook(alice, 'memory');
  console.log(`200 pictures (320×240 PNG): receiver heap ${(m0.heapInUse / 1048576).toFixed(1)} → ${(m1.heapInUse / 1048576).toFixed(1)} MiB (linear memory ${(m1.heapSize / 1048576).toFixed(0)} MiB), textures ${JSON.stringify(await hook(bob, 'textures'))}; sender heap ${(a1.heapInUse / 1048576).toFixed(1)} MiB`);
} finally {
  await browser.close();
  await site.close();
}
