// Calls between Starling and StanzaJS (npm `stanza` 12.22, an independent Jingle implementation nobody here
// wrote), both in Chromium with fake devices, through the suite's Prosody. StanzaJS has no XEP-0353:
// Starling places a direct session-initiate to its full JID, and takes StanzaJS's direct one. Audio and
// video, both ways; media must flow in both directions (Starling's callState() counters, StanzaJS's own
// RTCPeerConnection.getStats()), and a hang-up on either side ends the other.
//
// StanzaJS ships no browser bundle: this test bundles it with esbuild from STARLING_STANZA_DIR (default: the
// repository), a directory where `npm install stanza@12.22.1 events esbuild` was run (events: the one Node
// built-in StanzaJS needs in a browser). Without them the tests are skipped, saying so.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import {
  startSiteServer, launchBrowser, FAKE_MEDIA_ARGS, hook, waitInPage, registeredAccount, newPage,
} from './support.mjs';

const WS_URL = process.env.STARLING_WS_URL;
const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const STANZA_DIR = process.env.STARLING_STANZA_DIR || REPO;
const haveStanza = STANZA_DIR && fs.existsSync(path.join(STANZA_DIR, 'node_modules', 'stanza'));
const skip = haveStanza ? false : `no stanza in ${STANZA_DIR}/node_modules (npm install stanza@12.22.1 events esbuild there, or set STARLING_STANZA_DIR)`;

let site, peerSite, peerDir, browser;
before(async () => {
  if (!haveStanza) return;
  // The peer's own little site on loopback (a secure context for getUserMedia; a page Playwright made up
  // would be refused the loopback WebSocket by Chromium's local network access checks).
  peerDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stanza-peer-'));
  const esbuild = createRequire(path.join(STANZA_DIR, 'package.json'))('esbuild');
  esbuild.buildSync({
    stdin: { contents: "import * as XMPP from 'stanza'; window.XMPP = XMPP;", resolveDir: STANZA_DIR },
    bundle: true, platform: 'browser', format: 'iife', define: { global: 'window' }, logLevel: 'silent',
    outfile: path.join(peerDir, 'stanza.js'),
  });
  fs.writeFileSync(path.join(peerDir, 'index.html'), '<!doctype html><title>StanzaJS peer</title><script src="stanza.js"></script>');
  site = await startSiteServer();
  peerSite = await startSiteServer({ siteDir: peerDir });
  browser = await launchBrowser(FAKE_MEDIA_ARGS);
});
after(async () => {
  await browser?.close();
  await site?.close();
  await peerSite?.close();
  if (peerDir) fs.rmSync(peerDir, { recursive: true, force: true });
});

// A page running StanzaJS logged in as `jid` (resource "stanza").
async function stanzaPeer(jid, password) {
  const page = await newPage(browser);
  await page.goto(peerSite.url);
  await page.waitForFunction(() => window.XMPP && window.XMPP.createClient, null, { timeout: 10000 });
  await page.evaluate(([j, p, ws]) => new Promise((resolve, reject) => {
    const peer = window.peer = { state: 'idle', reason: '', session: null, errors: [] };
    const client = peer.client = window.XMPP.createClient({
      jid: j, password: p, resource: 'stanza', transports: { websocket: ws, bosh: false },
    });
    client.on('session:started', async () => { await client.getRoster(); client.sendPresence(); resolve(); });
    client.on('auth:failed', () => reject(new Error('stanza: auth failed')));
    client.on('jingle:incoming', (s) => { peer.session = s; peer.state = 'ringing'; });
    client.on('jingle:accepted', () => { peer.state = 'accepted'; });
    client.on('jingle:terminated', (s, reason) => { peer.state = 'ended'; peer.reason = reason && reason.condition || ''; });
    client.on('peerTrackAdded', (s, track, stream) => {
      const e = document.createElement(track.kind === 'video' ? 'video' : 'audio');
      e.autoplay = true; e.muted = true; e.srcObject = stream; document.body.appendChild(e);
    });
    client.connect();
  }), [jid, password, WS_URL]);
  return page;
}


// Inbound audio packets and decoded video frames of the StanzaJS side.
function peerStats(page) {
  return page.evaluate(async () => {
    const s = window.peer.session;
    let audio = 0, video = 0;
    if (s && s.pc) (await s.pc.getStats()).forEach((r) => {
      if (r.type !== 'inbound-rtp') return;
      if (r.kind === 'audio') audio += r.packetsReceived || 0;
      if (r.kind === 'video') video += r.framesDecoded || 0;
    });
    return { audio, video, state: window.peer.state, reason: window.peer.reason };
  });
}

async function peerReceives(page, video, who) {
  const deadline = Date.now() + 30000;
  for (;;) {
    const s = await peerStats(page);
    if (s.audio > 20 && (!video || s.video > 10)) return s;
    if (Date.now() > deadline) throw new Error(`${who}: StanzaJS receives too little: ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const callIn = (page, want, what) => waitInPage(page, (w) => {
  const s = window.__xmppTest.callState();
  return s.state === w ? s : null;
}, want, { what, timeout: 30000 });

async function starlingReceives(page, video, who) {
  await waitInPage(page, (v) => {
    const s = window.__xmppTest.callState();
    return s.audioPacketsIn > 20 && (!v || s.videoFramesIn > 10);
  }, video, { what: `${who}: Starling receives`, timeout: 30000 });
}

for (const video of [false, true]) {
  const kind = video ? 'video' : 'audio';

  test(`Starling calls StanzaJS (${kind}): a direct session-initiate to its full JID, media both ways, StanzaJS hangs up`, { skip }, async () => {
    const star = await registeredAccount(browser, site.url, 'szs');
    const other = await registeredAccount(browser, site.url, 'szp');
    await other.page.close();  // its Starling device leaves; StanzaJS takes the account
    const peer = await stanzaPeer(other.jid, `p-${other.user}`);
    assert.equal(await hook(star.page, 'call', `${other.jid}/stanza`, { video }), true);
    await waitInPage(peer, () => window.peer.state === 'ringing', null, { what: 'StanzaJS rings' });
    await peer.evaluate(async (v) => {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: v });
      for (const t of stream.getTracks()) await window.peer.session.addTrack(t, stream);
      await window.peer.session.accept();
    }, video);
    await callIn(star.page, 'connected', 'Starling connected');
    await starlingReceives(star.page, video, 'starling');
    await peerReceives(peer, video, 'stanza');
    await peer.evaluate(() => window.peer.session.end('success'));
    const ended = await callIn(star.page, 'ended', 'Starling: StanzaJS hung up');
    assert.equal(ended.reason, 'success');
    assert.equal(ended.endedByPeer, true);
    await peer.close();
  });

  test(`StanzaJS calls Starling (${kind}): its session-initiate rings, Accept, media both ways, Starling hangs up`, { skip }, async () => {
    const star = await registeredAccount(browser, site.url, 'szs');
    const other = await registeredAccount(browser, site.url, 'szp');
    await other.page.close();
    const peer = await stanzaPeer(other.jid, `p-${other.user}`);
    const starFull = (await hook(star.page, 'state')).ownJid;
    await peer.evaluate(async ([to, v]) => {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: v });
      const s = window.peer.session = window.peer.client.jingle.createMediaSession(to, undefined, stream);
      await s.start();
    }, [starFull, video]);
    const ring = await callIn(star.page, 'ringing', 'Starling rings');
    assert.equal(ring.video, video);
    assert.equal(ring.peer, `${other.jid}/stanza`);
    assert.equal(ring.stranger, true, 'not in the roster: said so');
    assert.equal(await hook(star.page, 'acceptCall'), true);
    await callIn(star.page, 'connected', 'Starling connected');
    await starlingReceives(star.page, video, 'starling');
    await peerReceives(peer, video, 'stanza');
    assert.equal(await hook(star.page, 'hangUp'), true);
    await waitInPage(peer, () => window.peer.state === 'ended', null, { what: 'StanzaJS: ended' });
    assert.equal((await peerStats(peer)).reason, 'success');
    await peer.close();
  });
}
