// Audio and video calls (issue 16) between two Starling pages through the suite's Prosody, in Chromium with
// fake devices (a beep and a test pattern): the media flows both ways (getStats: inbound audio packets and
// decoded video frames rising on both pages), the remote video is drawn on the canvas (the pixels there
// are the test pattern, not one flat colour), either side hangs up, a call is declined, and a peer whose
// offer the browser refuses ends the call with that reason instead of breaking anything. Also measured:
// the click on Accept → audio flowing on both pages (ms).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import {
  startSiteServer, launchBrowser, FAKE_MEDIA_ARGS, hook, waitInPage, befriend, twoAccounts, clickDrawn, waitForDrawn,
  registeredAccount, screenshotPixels,
} from './support.mjs';

const WS_URL = process.env.STARLING_WS_URL;
let site, browser;
before(async () => { site = await startSiteServer(); browser = await launchBrowser(FAKE_MEDIA_ARGS); });
after(async () => { await browser?.close(); await site?.close(); });

const callState = (page) => hook(page, 'callState');

function callIn(page, want, what, timeout = 30000) {
  return waitInPage(page, (w) => {
    const s = window.__xmppTest.callState();
    return s.state === w ? s : null;
  }, want, { what, timeout });
}

// Waits until `field` of callState() on `page` exceeds `above`.
function rising(page, field, above, what, timeout = 20000) {
  return waitInPage(page, ([f, a]) => {
    const s = window.__xmppTest.callState();
    return s[f] > a ? s : null;
  }, [field, above], { what, timeout });
}

// Both pages: audio (and video) arriving, and still arriving a moment later.
async function mediaFlowsBothWays(alice, bob, video) {
  for (const [page, who] of [[alice, 'alice'], [bob, 'bob']]) {
    const first = await rising(page, 'audioPacketsIn', 0, `${who}: audio packets arrive`);
    await rising(page, 'audioPacketsIn', first.audioPacketsIn + 20, `${who}: audio packets keep arriving`);
    if (video) {
      const f = await rising(page, 'videoFramesIn', 0, `${who}: video frames decoded`);
      await rising(page, 'videoFramesIn', f.videoFramesIn + 10, `${who}: video frames keep coming`);
    } else {
      assert.equal((await callState(page)).videoFramesIn, 0, `${who}: no video in an audio call`);
    }
  }
}

// Frames drawn once what the end of a call set off has been drawn (the last signals, e.g. the peer's
// XEP-0353 finish after its session-terminate): after 300 ms without a frame, those drawn over `ms` —
// a timer left running (the duration's 1 s, a video's frames, the counters) would draw some.
async function framesAfterSettling(page, ms) {
  let last = await hook(page, 'frames');
  for (const end = Date.now() + 10000; Date.now() < end;) {
    await new Promise((r) => setTimeout(r, 300));
    const now = await hook(page, 'frames');
    if (now === last) break;
    last = now;
  }
  return framesDrawnOver(page, ms);
}

// Frames drawn over `ms`.
async function framesDrawnOver(page, ms) {
  const a = await hook(page, 'frames');
  await new Promise((r) => setTimeout(r, ms));
  return (await hook(page, 'frames')) - a;
}

async function pair(prefixA, prefixB) {
  const p = await twoAccounts(browser, site.url, prefixA, prefixB);
  await befriend(p.alice, p.aJid, p.bob, p.bJid, { via: 'hook' });
  return p;
}

test('an audio call: Call and Accept clicked, audio both ways, Mute, the callee hangs up', async () => {
  const { alice, bob, aJid, bJid } = await pair('ca', 'cb');
  assert.equal(await hook(alice, 'openChat', bJid), true);
  assert.equal((await callState(alice)).state, 'idle');
  await waitForDrawn(alice, 'Video call', 'alice: the call buttons in the chat header');
  await alice.screenshot({ path: path.join(os.tmpdir(), 'voice-chat-header.png') });
  await clickDrawn(alice, 'Call');
  const out = await callIn(alice, 'outgoing', 'alice: calling');
  assert.equal(out.peer, bJid, 'the proposal rings every device of the contact');
  assert.equal(out.video, false);
  const ring = await callIn(bob, 'ringing', 'bob: it rings');
  assert.ok(ring.peer.startsWith(`${aJid}/`), ring.peer);
  assert.equal(ring.stranger, false);
  await waitForDrawn(bob, 'Incoming call', 'bob: the incoming call drawn');
  await waitForDrawn(alice, 'Ringing…', 'alice: it rings there');

  const t0 = Date.now();
  await clickDrawn(bob, 'Accept');
  const connected = Promise.all([callIn(alice, 'connected', 'alice: connected'), callIn(bob, 'connected', 'bob: connected')])
    .then(() => Date.now() - t0);
  await Promise.all([rising(alice, 'audioPacketsIn', 0, 'alice: audio'), rising(bob, 'audioPacketsIn', 0, 'bob: audio')]);
  const acceptToMedia = Date.now() - t0;
  console.log(`calls: click Accept → both connected (ICE + DTLS) ${await connected} ms, → audio flowing on both pages ` +
    `${acceptToMedia} ms (getStats every 250 ms)`);
  await mediaFlowsBothWays(alice, bob, false);
  await waitInPage(alice, () => /^0:0[1-9]$/.test(window.__xmppTest.callState().duration), null, { what: 'alice: the duration counts' });
  const w0 = (await callState(alice)).videoWakes;
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal((await callState(alice)).videoWakes, w0, 'an audio call wakes nothing for video');
  assert.equal((await callState(alice)).videoDrawnWidth, 0, 'no video drawn in an audio call');

  assert.equal(await hook(alice, 'setMuted', true), true);
  assert.equal((await callState(alice)).muted, true);
  await waitForDrawn(alice, 'Microphone on', 'alice: the microphone shown off');
  assert.equal(await hook(alice, 'setMuted', false), true);
  // The chat's own mute is still setMuted(jid, muted).
  assert.equal(await hook(alice, 'setMuted', bJid, true), true);
  assert.deepEqual((await hook(alice, 'state')).alerts.muted, [bJid]);
  assert.equal((await callState(alice)).state, 'connected', 'muting the chat left the call alone');

  await clickDrawn(bob, 'Hang up');
  const endedA = await callIn(alice, 'ended', 'alice: ended by bob');
  assert.equal(endedA.reason, 'success');
  assert.equal(endedA.endedByPeer, true);
  assert.equal((await callIn(bob, 'ended', 'bob: ended')).endedByPeer, false);
  await waitForDrawn(alice, 'Call ended', 'alice: why it ended, in words');
  // Nothing is drawn while nothing changes once the call is over (no timer left behind).
  assert.equal(await framesAfterSettling(alice, 2500), 0, 'alice draws no frames after the call');
  await clickDrawn(alice, 'Close');
  await waitInPage(alice, () => !window.__xmppTest.drawnText().some((t) => t.text === 'Call ended'), null, { what: 'closed' });
});

test('a video call: frames both ways drawn on the canvas, the caller hangs up', async () => {
  const { alice, bob, bJid } = await pair('cva', 'cvb');
  assert.equal(await hook(alice, 'openChat', bJid), true);
  assert.equal(await hook(alice, 'call', bJid, { video: true }), true);
  assert.equal(await hook(alice, 'call', bJid, { video: true }), false, 'one call at a time');
  const ring = await callIn(bob, 'ringing', 'bob: it rings');
  assert.equal(ring.video, true);
  await waitForDrawn(bob, 'Incoming video call', 'bob: incoming video call drawn');
  assert.equal(await hook(bob, 'acceptCall'), true);
  await mediaFlowsBothWays(alice, bob, true);
  for (const [page, who] of [[alice, 'alice'], [bob, 'bob']]) {
    const s = await waitInPage(page, () => {
      const x = window.__xmppTest.callState();
      return x.videoDrawnWidth > 100 && x.ownVideoDrawn ? x : null;
    }, null, { what: `${who}: remote and own video drawn` });
    assert.ok(s.videoFrameWidth >= 320, `${who}: frame ${s.videoFrameWidth} px wide`);
    // Where the remote video is drawn: Chromium's fake camera (green, a lighter green pie in the middle and
    // its clock in digits), not the black of no frame nor a flat fill.
    const clip = { x: s.videoDrawnX + s.videoDrawnWidth * 0.2, y: s.videoDrawnY + s.videoDrawnHeight * 0.2,
      width: s.videoDrawnWidth * 0.6, height: s.videoDrawnHeight * 0.6 };
    const px = await screenshotPixels(page, clip);
    const counts = new Map();
    let green = 0, n = 0;
    for (let i = 0; i < px.length; i += 4 * 5, ++n) {
      if (px[i + 1] > px[i] + 60 && px[i + 1] > px[i + 2] + 60) ++green;
      const k = `${px[i] >> 5},${px[i + 1] >> 5},${px[i + 2] >> 5}`;
      counts.set(k, (counts.get(k) || 0) + 1);
    }
    const shares = [...counts.values()].map((c) => c / n).sort((a, b) => b - a);
    assert.ok(green / n > 0.8, `${who}: ${Math.round(green / n * 100)} % green where the video is drawn`);
    // The lighter disc is a pie that grows with the pattern's clock (from nothing to a full disc): some of it.
    assert.ok(shares[1] > 0.002, `${who}: two tones (the pie on its background): ${shares.slice(0, 3).join(', ')}`);
  }
  const shot = path.join(os.tmpdir(), 'voice-call-video.png');
  await bob.screenshot({ path: shot });
  // A video call draws at the video's rate (frames come), and only while it is connected. Measured over
  // 3 s: frames drawn, remote frames decoded, the page's main-thread busy time (CDP TaskDuration).
  const cdp = await bob.context().newCDPSession(bob);
  await cdp.send('Performance.enable');
  const busy = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value;
  await hook(bob, 'frameStats', true);
  const s0 = await callState(bob);
  const [f0, d0, b0] = [await hook(bob, 'frames'), s0.videoFramesIn, await busy()];
  await new Promise((r) => setTimeout(r, 3000));
  const s1 = await callState(bob);
  const [f1, d1, b1] = [await hook(bob, 'frames'), s1.videoFramesIn, await busy()];
  const stats = await hook(bob, 'frameStats', true);
  const during = (f1 - f0) / 3;
  console.log(`calls: screenshot of the connected video call: ${shot}; bob drew ${during.toFixed(1)} frames/s, ` +
    `decoded ${((d1 - d0) / 3).toFixed(1)} frames/s, main thread busy ${Math.round((b1 - b0) / 3 * 100)} % ` +
    `(frame() ${(stats.totalMs / Math.max(1, stats.frames)).toFixed(1)} ms on average, worst ${stats.worstMs.toFixed(1)} ms)`);
  // New video frames ask for frames to be drawn (an audio call's never do: its videoWakes stay put). How
  // many this machine then draws (software GL on shared cores) is reported, not asserted.
  const wakes = (s1.videoWakes - s0.videoWakes) / 3;
  console.log(`calls: ${wakes.toFixed(1)} wakes/s by new video frames`);
  assert.ok(wakes >= 1, `${wakes} wakes/s by new video frames (${(d1 - d0) / 3} decoded/s)`);
  assert.ok(f1 > f0, 'frames were drawn');

  assert.equal(await hook(alice, 'hangUp'), true);
  const endedB = await callIn(bob, 'ended', 'bob: ended by alice');
  assert.equal(endedB.reason, 'success');
  assert.equal(endedB.endedByPeer, true);
  assert.equal((await callState(bob)).videoDrawnWidth, 0);
  const wakesAfter = (await callState(bob)).videoWakes;
  assert.equal(await framesAfterSettling(bob, 2500), 0, 'bob draws no frames once the video call ended');
  assert.equal((await callState(bob)).videoWakes, wakesAfter, 'no video wakes once it ended');
  assert.ok((await callState(alice)).peer.startsWith(`${bJid}/`));
});

test('a declined call: the caller is told in words', async () => {
  const { alice, bob, bJid } = await pair('cda', 'cdb');
  assert.equal(await hook(alice, 'openChat', bJid), true);
  await clickDrawn(alice, 'Video call');
  await callIn(bob, 'ringing', 'bob: it rings');
  await clickDrawn(bob, 'Decline');
  const ended = await callIn(alice, 'ended', 'alice: declined');
  assert.equal(ended.reason, 'decline');
  assert.equal(ended.endedByPeer, true);
  assert.equal(ended.audioPacketsIn, 0);
  await waitForDrawn(alice, 'They declined the call', 'alice: the decline said');
  await waitForDrawn(bob, 'You declined the call', 'bob: the decline said');
  assert.equal(await hook(bob, 'acceptCall'), false, 'nothing left to accept');
});

// A peer (a bare XMPP client, not in Bob's roster) offers a call whose DTLS fingerprint is no digest: the
// core passes it on (a token), the browser refuses it on Accept; the call ends as failed-application,
// said in words, and the next call works.
test('an offer the browser refuses ends the call with its reason, and the page calls on', async () => {
  const { alice, bob, bJid } = await pair('cxa', 'cxb');
  const mallory = await registeredAccount(browser, site.url, 'cxm');
  const bobFull = (await hook(bob, 'state')).ownJid;
  const initiate = `<iq xmlns="jabber:client" type="set" to="${bobFull}" id="bad-init">` +
    `<jingle xmlns="urn:xmpp:jingle:1" action="session-initiate" sid="bad1" initiator="${mallory.jid}/raw">` +
    '<content creator="initiator" name="0" senders="both"><description xmlns="urn:xmpp:jingle:apps:rtp:1" media="audio">' +
    '<payload-type id="111" name="opus" clockrate="48000" channels="2"/></description>' +
    '<transport xmlns="urn:xmpp:jingle:transports:ice-udp:1" ufrag="abcd" pwd="abcdefghijklmnopqrstuvwx">' +
    '<fingerprint xmlns="urn:xmpp:jingle:apps:dtls:0" hash="sha-256" setup="actpass">XYZ</fingerprint>' +
    '</transport></content></jingle></iq>';
  // The raw peer stays online while Bob answers (its session-info "ringing" reaches it).
  const raw = mallory.page.evaluate(async ([url, bare, pass, stanza]) => {
    const [local, domain] = bare.split('@');
    const ws = new WebSocket(url, 'xmpp');
    const frames = [];
    ws.onmessage = (e) => frames.push(String(e.data));
    const next = async (match) => {
      for (let i = 0; i < 200; ++i) {
        const k = frames.findIndex(match);
        if (k >= 0) return frames.splice(k, 1)[0];
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`raw: waited in vain; got ${frames.join(' ')}`);
    };
    await new Promise((ok) => { ws.onopen = ok; });
    const open = `<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="${domain}" version="1.0"/>`;
    ws.send(open);
    await next((f) => f.includes('mechanisms'));
    ws.send(`<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="PLAIN">${btoa(`\0${local}\0${pass}`)}</auth>`);
    await next((f) => f.includes('<success'));
    ws.send(open);
    await next((f) => f.includes('xmpp-bind'));
    ws.send('<iq xmlns="jabber:client" type="set" id="b"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><resource>raw</resource></bind></iq>');
    await next((f) => /id=["']b["']/.test(f));
    ws.send(stanza);
    const ack = await next((f) => /id=["']bad-init["']/.test(f));
    const terminate = await next((f) => f.includes('session-terminate'));
    ws.close();
    return { ack, terminate };
  }, [WS_URL, mallory.jid, `p-${mallory.user}`, initiate]);

  const ring = await callIn(bob, 'ringing', 'bob: the raw peer rings');
  assert.equal(ring.stranger, true);
  await waitForDrawn(bob, 'Not in your contacts', 'bob: a stranger said so');
  await clickDrawn(bob, 'Accept');
  const ended = await callIn(bob, 'ended', 'bob: the offer refused');
  assert.equal(ended.reason, 'failed-application');
  await waitForDrawn(bob, 'The call could not be set up', 'bob: the reason in words');
  const seen = await raw;
  assert.match(seen.ack, /type=["']result["']/, 'the initiate was acknowledged');
  assert.match(seen.terminate, /failed-application/, 'the peer was told why');
  assert.equal((await hook(bob, 'state')).connection, 'Online');

  // The page calls on: Alice's call to Bob works.
  await clickDrawn(bob, 'Close');
  assert.equal(await hook(alice, 'call', bJid, { video: false }), true);
  await callIn(bob, 'ringing', 'bob: alice rings');
  assert.equal(await hook(bob, 'acceptCall'), true);
  await mediaFlowsBothWays(alice, bob, false);
  assert.equal(await hook(bob, 'hangUp'), true);
  await callIn(alice, 'ended', 'alice: ended');
});
