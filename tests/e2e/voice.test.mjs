// Voice messages (issue 14) between two pages through the suite's Prosody with http_file_share, recorded
// from Chromium's fake microphone (a beep): Alice records about 2 s — once through the hook's recordVoice,
// once by clicking Voice, Stop, Play (listening before sending) and Send — in a plain chat (URL + OOB), in
// an OMEMO chat (aesgcm://) and in a room. The file is Opus in Ogg, checked by Debian's ffprobe with the
// recorded duration; on Bob's page it is an audio card whose player knows that duration, plays (the
// position moves) and seeks where the bar is clicked. A refused microphone says so and breaks nothing.
// Hold-to-record: held, released sends; slid away cancels.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  startSiteServer, launchBrowser, FAKE_MEDIA_ARGS, hook, waitInPage, befriend, twoAccounts, clickDrawn, waitForDrawn,
  registeredAccount, waitRoomJoined, uniqueName, waitAttachment,
} from './support.mjs';
import { slixmppAvailable, startMediaPeer } from './media_peer.mjs';

let site, browser;
before(async () => { site = await startSiteServer(); browser = await launchBrowser(FAKE_MEDIA_ARGS); });
after(async () => { await browser?.close(); await site?.close(); });

const lastAttachment = waitAttachment;

// Waits until the recorder is in `want`; a timeout says where it stayed.
async function recorderIn(page, want, what) {
  try {
    return await waitInPage(page, (w) => {
      const r = window.__xmppTest.voiceRecorder();
      return r.state === w ? r : null;
    }, want, { what });
  } catch (e) {
    const shot = path.join(os.tmpdir(), `voice-failed-${Date.now()}.png`);
    await page.screenshot({ path: shot }).catch(() => {});
    const voice = (await hook(page, 'drawnText')).filter((t) => t.text === 'Voice');
    throw new Error(`${e.message.split('\n')[0]} (recorder: ${JSON.stringify(await hook(page, 'voiceRecorder'))}, ` +
      `Voice drawn at ${JSON.stringify(voice)}, screenshot ${shot})`);
  }
}

// Until the page has stopped drawing (it draws only when something changes): the composer has taken the
// focus an opened chat gives it. A click in the very frame it does is lost (ImGui: the field is active
// then, no button is hovered), a race of the chat view, not of voice messages.
async function settled(page) {
  let last = -1;
  for (;;) {
    const now = await hook(page, 'frames');
    if (now === last) return;
    last = now;
    await new Promise((r) => setTimeout(r, 150));
  }
}

const player = (page, id, pred, what, timeout = 20000) => waitInPage(page, ([i, p]) => {
  const x = window.__xmppTest.players().find((y) => y.id === i);
  // eslint-disable-next-line no-new-func
  return x && new Function('x', `return (${p})(x)`)(x) ? x : null;
}, [id, pred.toString()], { what, timeout });

// ffprobe's view of a file ({ format: {format_name, duration}, streams: [{codec_name, sample_rate, channels}] })
// and what ffmpeg says decoding all of it (errors only: '' when every page and packet is sound).
function ffprobe(bytes) {
  const file = path.join(os.tmpdir(), `voice-${process.pid}-${Date.now()}.ogg`);
  fs.writeFileSync(file, bytes);
  try {
    const probe = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_format', '-show_streams', '-of', 'json', file], { encoding: 'utf8' }));
    const decode = spawnSync('ffmpeg', ['-v', 'error', '-i', file, '-f', 'null', '-'], { encoding: 'utf8' });
    assert.equal(decode.status, 0, decode.stderr);
    probe.decodeErrors = decode.stderr;
    return probe;
  } finally {
    fs.unlinkSync(file);
  }
}

function assertOggOpus(bytes, seconds, who) {
  assert.equal(bytes.subarray(0, 4).toString('latin1'), 'OggS', `${who}: an Ogg file`);
  const probe = ffprobe(bytes);
  assert.equal(probe.format.format_name, 'ogg', `${who}: container`);
  assert.equal(probe.streams.length, 1, `${who}: one stream`);
  assert.equal(probe.streams[0].codec_name, 'opus', `${who}: codec`);
  assert.equal(Number(probe.streams[0].sample_rate), 48000);
  assert.equal(probe.decodeErrors, '', `${who}: ffmpeg decodes it without complaint`);
  const d = Number(probe.format.duration);
  assert.ok(Math.abs(d - seconds) < 0.15, `${who}: ffprobe says ${d} s, the recorder said ${seconds} s`);
  return d;
}

// Bob's page: the audio card of message `id` plays with the recorded duration; a click on the bar seeks.
async function playsOnTheOtherSide(bob, peer, id, seconds) {
  assert.equal(await hook(bob, 'openChat', peer), true);
  const ready = await lastAttachment(bob, peer, (m) => m.attachment.state === 'ready', 'bob: fetched');
  assert.equal(ready.id, id);
  assert.equal(ready.attachment.kind, 'audio');
  await waitInPage(bob, (i) => window.__xmppTest.mediaShown().some((d) => d.id === i && d.kind === 'audio'), id,
    { what: 'audio card drawn' });
  const p = await player(bob, id, (x) => x.duration > 0, 'bob: duration known');
  assert.ok(Math.abs(p.duration - seconds) < 0.15, `player duration ${p.duration} vs ${seconds}`);
  assert.equal(p.playing, false, 'nothing plays by itself');
  await bob.mouse.click(p.button.x + p.button.w / 2, p.button.y + p.button.h / 2);  // Play
  // In one frame: playing, the position past the start, the button saying Pause.
  await waitInPage(bob, (i) => {
    const x = window.__xmppTest.players().find((y) => y.id === i);
    return x && x.playing && x.position > 0.1 && window.__xmppTest.drawnText().some((t) => t.text === 'Pause');
  }, id, { what: 'bob: playing, the position moves, Pause shown' });
  const q = await player(bob, id, () => true, 'bar');
  await bob.mouse.click(q.bar.x + q.bar.w * 0.8, q.bar.y + q.bar.h / 2);  // seek to 80 %
  await player(bob, id, (x) => x.position >= x.duration * 0.75, 'bob: seeked to about 80 %');
  await player(bob, id, (x) => !x.playing, 'bob: played to the end', 10000);
}

test('a voice message in a plain chat: recorded, Ogg/Opus uploaded with OOB, played on the other side', async () => {
  const { alice, bob, aJid, bJid } = await twoAccounts(browser, site.url, 'va', 'vb');
  await befriend(alice, aJid, bob, bJid, { via: 'hook' });
  await hook(alice, 'setEncryption', bJid, false);
  await hook(bob, 'setEncryption', aJid, false);
  await waitInPage(alice, () => window.__xmppTest.upload().service !== '', null, { what: 'upload service found' });
  assert.equal(await hook(alice, 'openChat', bJid), true);
  await waitForDrawn(alice, 'Voice', 'the microphone button');
  assert.equal((await hook(alice, 'voiceRecorder')).state, 'idle', 'nothing records before a click');

  const rec = await hook(alice, 'recordVoice', 2000, bJid);
  assert.equal(rec.state, 'recorded');
  assert.ok(rec.seconds > 1.7 && rec.seconds < 10, `recorded ${rec.seconds} s (2 s asked)`);
  assert.match(rec.name, /^voice-\d{8}-\d{6}\.ogg$/);
  const sent = await lastAttachment(alice, bJid, (m) => m.attachment.state === 'sent', 'alice: sent');
  assert.equal(sent.attachment.type, 'audio/ogg');
  assert.equal(sent.attachment.kind, 'audio');
  assert.equal(sent.attachment.encrypted, false);
  assert.equal(sent.body, sent.attachment.url);
  assert.ok(sent.attachment.url.endsWith('.ogg'), sent.attachment.url);
  assert.equal((await hook(alice, 'voiceRecorder')).state, 'idle', 'the bar closed after sending');

  // What the server holds (as any client fetches it) is Ogg/Opus of the recorded length.
  const res = await fetch(sent.attachment.url);
  assert.equal(res.headers.get('content-type'), 'audio/ogg');
  const onServer = Buffer.from(await res.arrayBuffer());
  assert.equal(onServer.length, rec.bytes);
  const d = assertOggOpus(onServer, rec.seconds, 'uploaded');
  console.log(`voice: ${rec.seconds.toFixed(2)} s → ${onServer.length} bytes (${Math.round(onServer.length / d)} B/s)`);

  await playsOnTheOtherSide(bob, aJid, sent.id, rec.seconds);
  await alice.context().close();
  await bob.context().close();
});

test('a voice message by clicks in an OMEMO chat: listened to before sending, aesgcm://, played by Bob', async () => {
  const { alice, bob, aJid, bJid } = await twoAccounts(browser, site.url, 'wa', 'wb');
  await befriend(alice, aJid, bob, bJid, { via: 'hook' });
  await waitInPage(alice, () => window.__xmppTest.upload().service !== '', null, { what: 'upload service found' });
  const hello = 'hello before the voice';
  assert.equal(await hook(alice, 'send', bJid, hello), true);
  await waitInPage(bob, ([j, t]) => window.__xmppTest.history(j).some((m) => m.body === t && m.encrypted), [aJid, hello],
    { what: 'an encrypted hello' });
  assert.equal(await hook(alice, 'openChat', bJid), true);
  await settled(alice);

  await clickDrawn(alice, 'Voice');
  await recorderIn(alice, 'recording', 'recording');
  await waitForDrawn(alice, 'Recording', 'the running timer');
  await new Promise((r) => setTimeout(r, 2000));
  await clickDrawn(alice, 'Stop');
  const rec = await recorderIn(alice, 'recorded', 'recorded');
  assert.ok(rec.seconds > 1.7 && rec.seconds < 10, `recorded ${rec.seconds} s (Stop clicked after 2 s)`);
  // Listening before sending: the same player, in the composer's place.
  const pre = await player(alice, 'recording', (x) => x.duration > 0, 'preview duration');
  assert.ok(Math.abs(pre.duration - rec.seconds) < 0.15, `preview ${pre.duration} vs ${rec.seconds}`);
  await alice.mouse.click(pre.button.x + pre.button.w / 2, pre.button.y + pre.button.h / 2);
  await player(alice, 'recording', (x) => x.playing && x.position > 0.1, 'preview plays');
  await clickDrawn(alice, 'Send');

  const sent = await lastAttachment(alice, bJid, (m) => m.attachment.state === 'sent', 'alice: sent');
  assert.equal(sent.encrypted, true);
  assert.equal(sent.attachment.encrypted, true);
  assert.match(sent.attachment.url, /^aesgcm:\/\/127\.0\.0\.1:\d+\/.+\.ogg#[0-9a-f]{88}$/);
  await playsOnTheOtherSide(bob, aJid, sent.id, rec.seconds);
  // Bob's decrypted bytes are the Ogg/Opus Alice recorded; the server holds ciphertext + tag.
  const plain = Buffer.from(await hook(bob, 'mediaBytes', sent.attachment.url), 'base64');
  assert.equal(plain.length, rec.bytes);
  assertOggOpus(plain, rec.seconds, 'decrypted');
  const link = sent.attachment.url;
  const onServer = Buffer.from(await (await fetch('http://' + link.slice('aesgcm://'.length, link.indexOf('#')))).arrayBuffer());
  assert.equal(onServer.length, plain.length + 16);
  assert.equal(onServer.indexOf(Buffer.from('OpusHead')), -1, 'no plaintext on the server');
  await alice.context().close();
  await bob.context().close();
});

// Hold-to-record, as in Conversations: Voice pressed and held records while held (the bar says what
// releasing and sliding do) and the release sends; sliding away cancels and sends nothing. Alice's card
// draws the waveform measured while recording; on Bob's page the voice message is a short card: Play,
// the seek bar and the time on one line.
test('hold to record: held 2 s and released sends; slid away cancels; a short card on the other side', async () => {
  const { alice, bob, aJid, bJid } = await twoAccounts(browser, site.url, 'ha', 'hb');
  await befriend(alice, aJid, bob, bJid, { via: 'hook' });
  await hook(alice, 'setEncryption', bJid, false);
  await waitInPage(alice, () => window.__xmppTest.upload().service !== '', null, { what: 'upload service found' });
  assert.equal(await hook(alice, 'openChat', bJid), true);
  await settled(alice);
  const mic = async () => {
    const t = await waitInPage(alice, () => window.__xmppTest.drawnText().find((d) => d.text === 'Voice') || null, null,
      { what: 'the microphone button' });
    return { x: t.x + Math.min(t.w / 2, 8), y: t.y + t.h / 2 };
  };

  // Slid away: cancelled, nothing sent.
  let at = await mic();
  await alice.mouse.move(at.x, at.y);
  await alice.mouse.down();
  await recorderIn(alice, 'recording', 'recording while held');
  await waitForDrawn(alice, 'Release to send', 'the hint while held');
  await alice.mouse.move(at.x, at.y - 200, { steps: 5 });
  await recorderIn(alice, 'idle', 'cancelled by sliding away');
  await alice.mouse.up();
  await settled(alice);
  assert.equal((await hook(alice, 'history', bJid)).filter((m) => m.attachment).length, 0, 'nothing sent');

  // Held about 2 s, released: sent.
  at = await mic();
  await alice.mouse.move(at.x, at.y);
  await alice.mouse.down();
  await recorderIn(alice, 'recording', 'recording while held');
  const t0 = Date.now();
  await new Promise((r) => setTimeout(r, 2000));
  await alice.mouse.up();
  const held = (Date.now() - t0) / 1000;
  const sent = await lastAttachment(alice, bJid, (m) => m.attachment.state === 'sent', 'alice: sent on release');
  assert.equal(sent.attachment.type, 'audio/ogg');
  assert.equal((await hook(alice, 'voiceRecorder')).state, 'idle');
  // Alice's own card draws the waveform measured while recording.
  const mine = await player(alice, sent.id, (x) => x.bars > 0, 'alice: her voice message with its waveform');
  assert.ok(mine.bars > 0 && mine.bars <= 40, `${mine.bars} bars`);
  await alice.screenshot({ path: path.join(os.tmpdir(), 'viewer-waveform.png'),
    clip: { x: Math.max(0, mine.button.x - 20), y: Math.max(0, mine.bar.y - 20), width: 320, height: mine.bar.h + 40 } });
  const onServer = Buffer.from(await (await fetch(sent.attachment.url)).arrayBuffer());
  const d = Number(ffprobe(onServer).format.duration);
  assert.ok(d > 1.5 && d < held + 0.5, `ffprobe says ${d} s for a hold of ${held} s`);

  assert.equal(await hook(bob, 'openChat', aJid), true);
  await lastAttachment(bob, aJid, (m) => m.attachment.state === 'ready', 'bob: fetched');
  const p = await player(bob, sent.id, (x) => x.duration > 0, 'bob: the player knows the duration');
  const card = (await hook(bob, 'mediaShown')).find((m) => m.id === sent.id);
  assert.equal(card.kind, 'audio');
  assert.ok(card.h < 50, `a short card (${card.h} px high)`);
  assert.ok(Math.abs(p.bar.y - p.button.y) < 2 && p.bar.y >= card.y && p.bar.y + p.bar.h <= card.y + card.h + 1,
    `Play and the bar on the card's one line: ${JSON.stringify({ p, card })}`);
  await bob.screenshot({ path: path.join(os.tmpdir(), 'viewer-audio-card.png'),
    clip: { x: Math.max(0, card.x - 40), y: Math.max(0, card.y - 60), width: card.w + 80, height: card.h + 110 } });
  await alice.context().close();
  await bob.context().close();
});

test('a voice message in a room plays for the other member', async () => {
  const alice = await registeredAccount(browser, site.url, 'vra');
  const bob = await registeredAccount(browser, site.url, 'vrb');
  const room = `${uniqueName('vr')}@conference.localhost`;
  assert.equal(await hook(alice.page, 'createRoom', room, 'alice', { private: true, members: [bob.jid] }), true);
  await waitRoomJoined(alice.page, room, 'alice in the room');
  await waitInPage(bob.page, (r) => (window.__xmppTest.state().roomInvitations || []).some((x) => x.room === r), room,
    { what: 'invitation', timeout: 30000 });
  assert.equal(await hook(bob.page, 'joinRoom', room, 'bob'), true);
  await waitRoomJoined(bob.page, room, 'bob in the room');
  await waitInPage(alice.page, () => window.__xmppTest.upload().service !== '', null, { what: 'upload service found' });
  await waitInPage(alice.page, (r) => window.__xmppTest.rosterShown().includes(r), room, { what: 'room row drawn' });
  assert.equal(await hook(alice.page, 'openChat', room), true);
  const rec = await hook(alice.page, 'recordVoice', 2000, room);
  const sent = await lastAttachment(alice.page, room, (m) => m.attachment.state === 'sent', 'alice: sent to the room');
  await waitInPage(bob.page, (r) => window.__xmppTest.rosterShown().includes(r), room, { what: 'room row drawn (bob)' });
  assert.equal(await hook(bob.page, 'openChat', room), true);
  // Bob has Alice in no roster: her file waits for his click (Load), then plays.
  const got = await lastAttachment(bob.page, room, (m) => ['blocked', 'ready'].includes(m.attachment.state), 'bob: received');
  if (got.attachment.state === 'blocked') assert.equal(await hook(bob.page, 'loadAttachment', room, got.id), true);
  await playsOnTheOtherSide(bob.page, room, sent.id, rec.seconds);
  await alice.page.context().close();
  await bob.page.context().close();
});

test('a refused microphone is said in words; nothing is recorded and the composer comes back', async () => {
  const { alice, bob, bJid } = await twoAccounts(browser, site.url, 'da', 'db');
  await alice.evaluate(() => {
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
  });
  await waitInPage(alice, () => window.__xmppTest.upload().service !== '', null, { what: 'upload service found' });
  assert.equal(await hook(alice, 'send', bJid, 'hi'), true);  // opens the chat
  await settled(alice);
  await clickDrawn(alice, 'Voice');
  await waitForDrawn(alice, 'Microphone access is blocked', 'the refusal said');
  assert.equal((await hook(alice, 'voiceRecorder')).state, 'denied');
  await clickDrawn(alice, 'OK');
  await waitForDrawn(alice, 'Voice', 'the composer is back');
  assert.equal((await hook(alice, 'voiceRecorder')).state, 'idle');
  assert.equal((await hook(alice, 'history', bJid)).filter((m) => m.attachment).length, 0, 'nothing sent');
  await alice.context().close();
  await bob.context().close();
});

// An independent client receives it: slixmpp (tests/interop/media_peer.py) downloads the voice message —
// plain, then aesgcm:// inside OMEMO, decrypted by slixmpp's XEP-0454 — and Debian's ffprobe reads Opus
// in Ogg of the recorded duration.
test('interop: slixmpp receives a voice message, plain and encrypted; ffprobe reads ogg/opus of its duration',
  { skip: !slixmppAvailable }, async () => {
    const peer = await startMediaPeer();
    try {
      await peer.said('READY');
      const alice = await registeredAccount(browser, site.url, 'vpa');
      await waitInPage(alice.page, () => window.__xmppTest.upload().service !== '', null, { what: 'upload service found' });
      const voiceTo = async (how) => {
        const rec = await hook(alice.page, 'recordVoice', 2000, peer.jid);
        assert.equal(rec.state, 'recorded');
        await peer.said(`RECVFILE ${alice.jid} ${how} `, 30000);
        const line = await peer.said(`PROBE ${alice.jid} `);
        const [, , format, codec, seconds] = line.split(' ');
        assert.equal(format, 'ogg', line);
        assert.equal(codec, 'opus', line);
        assert.ok(Math.abs(Number(seconds) - rec.seconds) < 0.15, `ffprobe in slixmpp's hands: ${seconds} s, recorded ${rec.seconds} s`);
        console.log(`voice interop (${how}): recorded ${rec.seconds.toFixed(2)} s, slixmpp got ${rec.bytes} bytes, ffprobe ${line}`);
        peer.lines.length = 0;
      };
      await hook(alice.page, 'setEncryption', peer.jid, false);
      assert.equal(await hook(alice.page, 'send', peer.jid, 'hello python'), true);  // opens the chat
      await voiceTo('plain');
      await hook(alice.page, 'setEncryption', peer.jid, true);
      assert.equal(await hook(alice.page, 'send', peer.jid, 'keys first'), true);
      await peer.said(`RECV ${alice.jid} keys first`);
      peer.lines.length = 0;
      await voiceTo('aesgcm');
      await alice.page.context().close();
    } finally {
      peer.stop();
    }
  });
