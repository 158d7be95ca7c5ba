// No message lost or doubled while the network misbehaves: two pages (own browser contexts) talk to
// Prosody through tests/tools/chaos_proxy.mjs, which cuts every WebSocket at random (seeded)
// intervals while both sides send N messages to each other. Afterwards each side holds exactly the
// N messages it received, none twice, and every message it sent ends acknowledged (sent or later).
// N = STARLING_NO_LOSS_N (default 200); seed = STARLING_CHAOS_SEED (default 7).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import {
  startSiteServer, launchBrowser, newPage, openApp, hook, waitInPage, uniqueName, jidOf, WS_URL,
} from './support.mjs';

const N = Number(process.env.STARLING_NO_LOSS_N || 200);
const SEED = Number(process.env.STARLING_CHAOS_SEED || 7);
const PROXY = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'tools', 'chaos_proxy.mjs');

// Starts the proxy in front of Prosody's HTTP port; resolves { port, send(cmd), stop() }.
function startProxy() {
  const target = new URL(WS_URL.replace(/^ws/, 'http')).port;
  const child = spawn(process.execPath, [PROXY, '--target', target, '--seed', String(SEED), '--lifetime-s', '900'],
    { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: child.stdout });
  const events = [];
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    lines.on('line', (line) => {
      const msg = JSON.parse(line);
      if (msg.listening) {
        resolve({
          port: msg.listening, events,
          send: (cmd) => child.stdin.write(cmd + '\n'),
          stop: () => new Promise((r) => { child.once('exit', r); child.stdin.end(); }),
        });
      } else events.push(msg);
    });
  });
}

let site, browser, proxy;
before(async () => {
  proxy = await startProxy();
  const viaProxy = `ws://127.0.0.1:${proxy.port}/xmpp-websocket`;
  site = await startSiteServer({ config: { defaultDomain: 'localhost', defaultWebsocket: viaProxy } });
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); await site?.close(); await proxy?.stop(); });

const body = (who, i) => `${who} ${String(i).padStart(4, '0')}`;
const acked = (s) => s === 'sent' || s === 'delivered' || s === 'displayed';

test(`${N} messages each way through random connection cuts: none lost, none twice`, { timeout: 600000 }, async () => {
  const viaProxy = `ws://127.0.0.1:${proxy.port}/xmpp-websocket`;
  const alice = await newPage(browser);
  const bob = await newPage(browser);
  await Promise.all([openApp(alice, site.url), openApp(bob, site.url)]);
  const a = uniqueName('nla'), b = uniqueName('nlb');
  // Registration is not resumable: the cuts start once both are online.
  await hook(alice, 'register', viaProxy, jidOf(a), `pa-${a}`);
  await waitInPage(alice, () => window.__xmppTest.loggedIn(), null, { what: 'alice logged in' });
  await hook(bob, 'register', viaProxy, jidOf(b), `pb-${b}`);
  await waitInPage(bob, () => window.__xmppTest.loggedIn(), null, { what: 'bob logged in' });
  const aJid = jidOf(a), bJid = jidOf(b);

  proxy.send('chaos 700 2500');
  for (let i = 0; i < N; i++) {
    assert.equal(await hook(alice, 'send', bJid, body('a', i)), true);
    assert.equal(await hook(bob, 'send', aJid, body('b', i)), true);
    if (i % 20 === 19) await new Promise((r) => setTimeout(r, 150));  // let the pages breathe (and the cuts land)
  }
  proxy.send('calm');
  const cuts = proxy.events.filter((e) => e.event === 'drop' && e.dropped > 0).length;

  const settled = ([peer, n]) => {
    const h = window.__xmppTest.history(peer);
    const inc = h.filter((m) => m.direction === 'incoming').length;
    const out = h.filter((m) => m.direction === 'outgoing');
    return inc >= n && out.length === n && out.every((m) => ['sent', 'delivered', 'displayed'].includes(m.status));
  };
  await waitInPage(alice, settled, [bJid, N], { timeout: 240000, what: 'alice: all received, all acked' });
  await waitInPage(bob, settled, [aJid, N], { timeout: 240000, what: 'bob: all received, all acked' });

  for (const [page, peer, them, me] of [[alice, bJid, 'b', 'a'], [bob, aJid, 'a', 'b']]) {
    const h = await hook(page, 'history', peer);
    const incoming = h.filter((m) => m.direction === 'incoming').map((m) => m.body);
    const outgoing = h.filter((m) => m.direction === 'outgoing');
    assert.equal(incoming.length, N, `${me}: received ${incoming.length}`);
    assert.equal(new Set(incoming).size, N, `${me}: a message shown twice`);
    for (let i = 0; i < N; i++) assert.ok(incoming.includes(body(them, i)), `${me}: missing ${body(them, i)}`);
    assert.deepEqual(outgoing.map((m) => m.body).sort(), Array.from({ length: N }, (_, i) => body(me, i)));
    assert.ok(outgoing.every((m) => acked(m.status)), `${me}: an outgoing message not acknowledged`);
    const misplaced = incoming.filter((t, i) => t !== body(them, i)).length;
    if (misplaced) console.log(`no_loss: ${me} shows ${misplaced} of ${N} received messages out of send order`);
  }
  console.log(`no_loss: ${cuts} cuts (seed ${SEED})`);
  assert.ok(cuts >= 2, `the proxy cut live connections only ${cuts} times`);
  await alice.context().close();
  await bob.context().close();
});
