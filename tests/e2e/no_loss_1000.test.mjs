// Issue #3's fault-injection test: two pages (two accounts who are contacts) exchange 1,000 messages
// (500 each way, interleaved; bodies carry sender + sequence, some Cyrillic and emoji) through
// tests/tools/chaos_proxy.mjs, which cuts the WebSockets at random (seeded) intervals; our Prosody is
// restarted once mid-stream and Bob's page is reloaded mid-stream. Afterwards — and again after
// reloading both pages — each side holds exactly the 1,000 messages: none missing, none twice, each
// sender's in send order, the same order before and after its reload, and the chat view draws the
// newest. Seed = STARLING_CHAOS_SEED (default 11); per side STARLING_NO_LOSS_1000_N (default 500).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  startSiteServer, launchBrowser, hook, waitInPage, befriend, prosody,
  reloadApp, startChaosProxy, twoAccounts,
} from './support.mjs';

const PER_SIDE = Number(process.env.STARLING_NO_LOSS_1000_N || 500);
const SEED = Number(process.env.STARLING_CHAOS_SEED || 11);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let site, browser, proxy;
before(async () => {
  proxy = await startChaosProxy({ seed: SEED });
  site = await startSiteServer({ config: { defaultDomain: 'localhost', defaultWebsocket: proxy.wsUrl } });
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); await site?.close(); await proxy?.stop(); });

const EXTRA = ['', ' привет, Ёжик', ' 🦔✨', ' съешь же ещё этих мягких булок 👍', ''];
const body = (who, i) => `${who} ${String(i).padStart(4, '0')}${EXTRA[i % EXTRA.length]}`;
const seqOf = (text) => /^([ab]) (\d{4})/.exec(text);
const acked = (s) => s === 'sent' || s === 'delivered' || s === 'displayed';

// The whole chat in memory: with a history window (state().conversations[].localBefore > 0) the open
// chat is scrolled to its top with the mouse wheel (one notch per drawn frame) until everything stored
// locally is loaded.
async function wholeHistory(page, peer) {
  await waitInPage(page, (j) => window.__xmppTest.rosterShown().includes(j), peer, { what: `${peer}'s row drawn` });
  assert.equal(await hook(page, 'openChat', peer), true);
  const deadline = Date.now() + 90000;
  await page.mouse.move(700, 300);  // inside the chat history of the wide layout
  for (;;) {
    const conv = (await hook(page, 'state')).conversations.find((c) => c.jid === peer);
    if (!conv || !conv.localBefore) return hook(page, 'history', peer);
    if (Date.now() > deadline) throw new Error(`history of ${peer} still not loaded: ${JSON.stringify(conv)}`);
    const f = await hook(page, 'frames');
    await page.mouse.wheel(0, -600);
    await page.waitForFunction((n) => window.__xmppTest.frames() > n, f, { polling: 'raf', timeout: 5000 }).catch(() => {});
  }
}

// On a failure the chat (and both pages' consoles: a misorder on one side may come from the other's
// sending) goes to a file for the post-mortem.
function dump(page, h, what, other) {
  const file = path.join(process.env.STARLING_TEST_OUT || os.tmpdir(), `no_loss_1000-${what.replace(/\W+/g, '_')}.json`);
  const rows = h.map((m, i) => `${i} ${m.body.slice(0, 6)} ${m.direction[0]} ${m.status} ts=${m.timestamp} sid=${m.stanzaId} id=${m.id}`);
  writeFileSync(file, JSON.stringify({ rows, console: page.consoleLines, otherConsole: other.consoleLines }, null, 1));
  return file;
}

// Exactly PER_SIDE messages from each side, none twice, each sender's in send order, ours acked.
function checkChat(h, me, them, what) {
  const ids = new Set();
  const seqs = { a: [], b: [] };
  for (const m of h) {
    assert.ok(!ids.has(m.id), `${what}: message ${m.id} ("${m.body}") shown twice`);
    ids.add(m.id);
    const s = seqOf(m.body);
    assert.ok(s, `${what}: unexpected message "${m.body}"`);
    assert.equal(m.direction, s[1] === me ? 'outgoing' : 'incoming', `${what}: "${m.body}" in the wrong direction`);
    seqs[s[1]].push(Number(s[2]));
  }
  for (const who of [me, them]) {
    const got = seqs[who];
    const dup = got.filter((n, i) => got.indexOf(n) !== i);
    assert.deepEqual(dup, [], `${what}: ${who}'s messages twice: ${dup}`);
    const missing = [];
    for (let i = 0; i < PER_SIDE; i++) if (!got.includes(i)) missing.push(i);
    assert.deepEqual(missing, [], `${what}: ${who}'s messages missing`);
    const outOfOrder = got.filter((n, i) => i > 0 && n < got[i - 1]);
    assert.deepEqual(outOfOrder, [], `${what}: ${who}'s messages out of send order (each listed one comes after a higher one)`);
  }
  assert.equal(h.length, 2 * PER_SIDE, `${what}: ${h.length} messages`);
  const notAcked = h.filter((m) => m.direction === 'outgoing' && !acked(m.status)).map((m) => `${m.body}:${m.status}`);
  assert.deepEqual(notAcked, [], `${what}: outgoing messages not acknowledged`);
}

// Both sides hold every message in memory and every outgoing one is acknowledged.
const settled = ([peer, n]) => {
  const st = window.__xmppTest.state();
  const conv = st.conversations.find((c) => c.jid === peer);
  if (!conv || conv.messages + conv.localBefore < 2 * n || st.connection !== 'Online') return false;
  const h = window.__xmppTest.history(peer);
  return conv.localBefore > 0 || (h.length >= 2 * n && h.every((m) => m.direction === 'incoming' ||
    ['sent', 'delivered', 'displayed'].includes(m.status)));
};

async function newestDrawn(page, peer, h, what) {
  assert.equal(await hook(page, 'openChat', peer), true, `${what}: chat row not drawn`);
  await waitInPage(page, (t) => window.__xmppTest.isTextVisible(t), h[h.length - 1].body,
    { what: `${what}: newest message drawn`, timeout: 20000 });
}

test(`${2 * PER_SIDE} messages through random cuts, a Prosody restart and a reload: all there once, in order`,
  { timeout: 600000 }, async () => {
    const t0 = Date.now();
    // Registration is not resumable: the cuts start once both are online and contacts.
    const { alice, bob, aJid, bJid } = await twoAccounts(browser, site.url, 'ka', 'kb', proxy.wsUrl);
    await befriend(alice, aJid, bob, bJid);
    assert.equal(await hook(alice, 'openChat', bJid), true);
    assert.equal(await hook(bob, 'openChat', aJid), true);

    proxy.send('chaos 1200 3500');
    let restart = null;
    let bobBefore = null;
    const sender = async (page, who, peer) => {
      for (let i = 0; i < PER_SIDE; i++) {
        if (who === 'a' && i === Math.floor(PER_SIDE * 0.3)) {
          restart = (async () => { await prosody.stop(); await sleep(1500); await prosody.start(); })();
        }
        if (who === 'b' && i === Math.floor(PER_SIDE * 0.6)) {
          // Bob's page reloads while Alice goes on writing. The cuts pause until he is logged in again: a
          // new login needs six round trips, and on a loaded machine (three suites and three builds, load
          // 25) not one of them finished within 1.2–3.5 s for 90 s — neither his nor Alice's. (A reload
          // under cuts used to wait 2, 4, 8, 16, 32 s between attempts: fixed in the account module, and
          // tested there: ClientLogin.RememberedLoginCutAfterTheServerAnsweredRetriesWithinSeconds.)
          bobBefore = (await hook(bob, 'history', aJid)).map((m) => m.id);
          proxy.send('calm');
          await reloadApp(bob);
          await waitInPage(bob, () => window.__xmppTest.loggedIn(), null, { what: 'bob back after reload', timeout: 90000 });
          proxy.send('chaos 1200 3500');
        }
        assert.equal(await hook(page, 'send', peer, body(who, i)), true, `${who} sends ${i}`);
        if (i % 5 === 4) await sleep(who === 'a' ? 90 : 110);
      }
    };
    await Promise.all([sender(alice, 'a', bJid), sender(bob, 'b', aJid)]);
    await restart;
    const tSent = Date.now();
    await sleep(2000);
    proxy.send('calm');
    const cuts = proxy.events.filter((e) => e.event === 'drop' && e.dropped > 0).length;

    for (const [page, peer, other, me] of [[alice, bJid, bob, 'a'], [bob, aJid, alice, 'b']]) {
      try {
        await waitInPage(page, settled, [peer, PER_SIDE], { timeout: 240000, what: `${me}: all there, all acked` });
      } catch (e) {
        e.message += `\n(chat in ${dump(page, await hook(page, 'history', peer), `${me} settling`, other)})`;
        throw e;
      }
    }
    const tSettled = Date.now();

    const order = {};
    for (const [page, peer, me, them] of [[alice, bJid, 'a', 'b'], [bob, aJid, 'b', 'a']]) {
      const h = await wholeHistory(page, peer);
      try { checkChat(h, me, them, `${me} before the reload`); } catch (e) {
        e.message += `\n(chat in ${dump(page, h, `${me} before the reload`, page === alice ? bob : alice)})`;
        throw e;
      }
      order[me] = h.map((m) => m.id);
      await newestDrawn(page, peer, h, `${me} before the reload`);
    }
    // What Bob held before his mid-stream reload keeps its order.
    const kept = order.b.filter((id) => bobBefore.includes(id));
    assert.deepEqual(kept, bobBefore.filter((id) => order.b.includes(id)), 'bob: order changed by the mid-stream reload');

    await Promise.all([reloadApp(alice), reloadApp(bob)]);
    for (const [page, peer, me, them] of [[alice, bJid, 'a', 'b'], [bob, aJid, 'b', 'a']]) {
      await waitInPage(page, () => window.__xmppTest.loggedIn() && window.__xmppTest.state().sync === 'Done', null,
        { what: `${me} back and caught up after the reload`, timeout: 60000 });
      const h = await wholeHistory(page, peer);
      try { checkChat(h, me, them, `${me} after the reload`); } catch (e) {
        e.message += `\n(chat in ${dump(page, h, `${me} after the reload`, page === alice ? bob : alice)})`;
        throw e;
      }
      assert.deepEqual(h.map((m) => m.id), order[me], `${me}: the order changed across the reload`);
      await newestDrawn(page, peer, h, `${me} after the reload`);
    }
    console.log(`no_loss_1000: ${cuts} cuts (seed ${SEED}), sending ${((tSent - t0) / 1000).toFixed(1)} s, ` +
      `settled after ${((tSettled - tSent) / 1000).toFixed(1)} s, total ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    assert.ok(cuts >= 3, `the proxy cut live connections only ${cuts} times`);
    await alice.context().close();
    await bob.context().close();
  });
