// A second server (issue 17): the core of the suite against Debian's ejabberd 23.01 (scripts/ejabberd.sh)
// — in-band registration, befriending by clicks, OMEMO both ways, a page closed while messages come in
// and caught up once each when it comes back (ejabberd has offline storage and the archive: neither may
// bring a message twice) — and federation: a contact on a Prosody chats, encrypted, with one on ejabberd.
// Both servers have IP-literal domains (127.0.0.x, chosen per run so parallel suites never share an
// address), so they dial each other on IP:5269 with no DNS (FIELD-NOTES.md, "Federation over loopback").
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  startSiteServer, launchBrowser, openApp, newPage, hook, waitInPage, uniqueName, waitForMessage, befriend,
} from './support.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = mkdtempSync(path.join(process.env.STARLING_TEST_OUT || os.tmpdir(), 'second-server-'));
// ejabberd runs as the user `ejabberd` (ejabberdctl switches to it as root): its folder is in /tmp, where
// that user can reach it whatever the rights on the path to the checkout.
const EJ_DIR = mkdtempSync(path.join(os.tmpdir(), 'starling-ejabberd-'));
chmodSync(EJ_DIR, 0o755);

function script(name, args, env) {
  return new Promise((resolve, reject) => {
    execFile('bash', [path.join(REPO, 'scripts', name), ...args], { env: { ...process.env, ...env }, timeout: 180000 },
      (err, stdout, stderr) => (err ? reject(new Error(`${name} ${args.join(' ')}: ${err.message}\n${stderr}`)) : resolve(stdout)));
  });
}

const listen = (port, host) => new Promise((resolve) => {
  const s = net.createServer();
  s.once('error', () => resolve(null));
  s.listen(port, host, () => { const p = s.address().port; s.close(() => resolve(p)); });
});

// A loopback address whose port 5269 is free, from a range no other test uses.
async function s2sAddress(avoid) {
  for (let i = 0; i < 200; i++) {
    const ip = `127.0.${1 + Math.floor(Math.random() * 200)}.${2 + Math.floor(Math.random() * 250)}`;
    if (ip !== avoid && await listen(5269, ip)) return ip;
  }
  throw new Error('no loopback address with port 5269 free');
}

let site, browser, ej, pros;
before(async () => {
  const ejIp = await s2sAddress();
  const prosIp = await s2sAddress(ejIp);
  ej = { domain: ejIp, dir: EJ_DIR, port: await listen(0, '127.0.0.1') };
  pros = { domain: prosIp, dir: path.join(OUT, 'prosody'), port: await listen(0, '127.0.0.1') };
  await Promise.all([
    script('ejabberd.sh', ['start', ej.dir, String(ej.port)], { STARLING_EJABBERD_DOMAIN: ejIp, STARLING_EJABBERD_S2S_IP: ejIp }),
    script('prosody.sh', ['start', pros.dir, String(pros.port)], { STARLING_PROSODY_DOMAIN: prosIp, STARLING_PROSODY_S2S_IP: prosIp }),
  ]);
  for (const s of [ej, pros]) s.ws = `ws://127.0.0.1:${s.port}/xmpp-websocket`;
  site = await startSiteServer({ config: { defaultDomain: ej.domain, defaultWebsocket: ej.ws } });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await site?.close();
  await Promise.all([
    ej && script('ejabberd.sh', ['stop', ej.dir]).catch(() => {}),
    pros && script('prosody.sh', ['stop', pros.dir]).catch(() => {}),
  ]);
});

// A new page registered in band on `server` (what the form's "Create account" does); resolves its JID.
async function account(server, prefix) {
  const page = await newPage(browser);
  await openApp(page, site.url);
  const jid = `${uniqueName(prefix)}@${server.domain}`;
  await hook(page, 'register', server.ws, jid, `p-${jid}`);
  await waitInPage(page, () => window.__xmppTest.loggedIn(), null, { what: `${jid} logged in`, timeout: 30000 });
  await waitInPage(page, () => window.__xmppTest.state().omemoAnnounced, null, { what: `${jid}'s OMEMO device announced` });
  return { page, jid };
}

// Each side sends one message; each arrives decrypted, marked encrypted, and is drawn.
async function talkEncrypted(a, b, tag) {
  for (const [from, to] of [[a, b], [b, a]]) {
    const text = `${tag} from ${from.jid} ${uniqueName('m')} — привет 🦔`;
    assert.equal(await hook(from.page, 'send', to.jid, text), true);
    const got = await waitForMessage(to.page, from.jid, text, `${to.jid} gets "${text}"`);
    assert.equal(got.encrypted, true, `${text}: arrived encrypted`);
    const mine = (await hook(from.page, 'history', to.jid)).find((m) => m.body === text);
    assert.equal(mine?.encrypted, true, `${text}: sent encrypted`);
  }
}

test('on ejabberd: register, befriend by clicks, OMEMO both ways; a closed page catches up once each', { timeout: 240000 }, async () => {
  const alice = await account(ej, 'ea');
  const bob = await account(ej, 'eb');
  await befriend(alice.page, alice.jid, bob.page, bob.jid);
  await talkEncrypted(alice, bob, 'ejabberd');

  // Alice closes her tab; Bob writes three messages; her tab comes back (same browser, remembered login).
  const context = alice.page.context();
  await alice.page.close();
  const away = [1, 2, 3].map((i) => `while away ${i} ${uniqueName('w')}`);
  for (const text of away) assert.equal(await hook(bob.page, 'send', alice.jid, text), true);
  await waitInPage(bob.page, ([peer, texts]) => texts.every((t) => window.__xmppTest.history(peer)
    .some((m) => m.body === t && ['sent', 'delivered', 'displayed'].includes(m.status))), [alice.jid, away],
  { what: 'the server took all three' });
  const back = await context.newPage();
  back.consoleLines = [];
  back.on('console', (m) => back.consoleLines.push(`${m.type()}: ${m.text()}`));
  await openApp(back, site.url);
  await waitInPage(back, () => window.__xmppTest.state().connection === 'Online' &&
    window.__xmppTest.state().sync === 'Done', null, { what: 'alice back, caught up', timeout: 30000 });
  for (const text of away) {
    const got = await waitForMessage(back, bob.jid, text, `"${text}" caught up`);
    assert.equal(got.encrypted, true, `${text}: encrypted`);
  }
  const h = await hook(back, 'history', bob.jid);
  for (const text of away) assert.equal(h.filter((m) => m.body === text).length, 1, `"${text}" once`);
  await back.context().close();
  await bob.page.context().close();
});

test('federation: a contact on Prosody and one on ejabberd befriend each other and talk encrypted', { timeout: 240000 }, async () => {
  const alice = await account(pros, 'fa');
  const bob = await account(ej, 'fb');
  await befriend(alice.page, alice.jid, bob.page, bob.jid);
  await talkEncrypted(alice, bob, 'federated');
  await alice.page.context().close();
  await bob.page.context().close();
});
