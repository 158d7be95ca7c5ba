// The release folder (scripts/release_site.py) served by Debian's nginx under a sub-path (/chat/) with the
// deployment guide's own configuration (docs/deploy/nginx.conf, placeholders filled in) and its strict
// Content-Security-Policy. Any CSP violation, in a page or in the service worker, fails the test.
//   1. headers: the policy on the page, hashed files cached forever, .gz served from the folder;
//   2. two pages register, befriend and chat (OMEMO by default) under the policy;
//   3. offline start: nginx and the network gone, a reload opens Starling from the service worker with
//      the stored history; a message written offline goes out when the network is back;
//   4. update: a new release installs in the background and waits; the open page keeps its version, the
//      next start gets the new one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile, cp, rm, readdir, chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import {
  SITE_DIR, WS_URL, DOMAIN, launchBrowser, hook, waitInPage, befriend, uniqueName, jidOf, registerViaHook,
  waitForMessage, waitForStored, whileProsodyStopped,
} from './support.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const NGINX = process.env.STARLING_NGINX || '/usr/sbin/nginx';
const XMPP_HTTP = new URL(WS_URL.replace(/^ws/, 'http')).origin;  // Prosody's HTTP: WebSocket and uploads

let tmp, browser, nginx;
const violations = [];  // every CSP violation seen anywhere, as text

function run(cmd, args) {
  return new Promise((resolve, reject) => execFile(cmd, args, { maxBuffer: 1 << 24 }, (err, stdout, stderr) =>
    err ? reject(new Error(`${cmd} ${args.join(' ')}: ${err.message}\n${stderr}`)) : resolve(stdout)));
}

const freePort = () => new Promise((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

// A release folder built from `siteDir` with our Prosody as the default server.
async function release(siteDir, out) {
  const config = path.join(tmp, 'config.json');
  await writeFile(config, JSON.stringify({ defaultDomain: DOMAIN, defaultWebsocket: WS_URL }));
  const report = await run('python3', [path.join(REPO, 'scripts', 'release_site.py'), siteDir, out, '--config', config]);
  return { dir: path.join(out, 'starling'), report };
}

// nginx in the foreground with the guide's location block for `dir`, on `port`.
async function startNginx(dir, port) {
  const guide = await readFile(path.join(REPO, 'docs', 'deploy', 'nginx.conf'), 'utf8');
  const block = guide
    .replace('/srv/starling/', `${dir}/`)
    .replace('wss://xmpp.example.org https://upload.example.org', `${WS_URL.replace(/\/xmpp-websocket$/, '')} ${XMPP_HTTP}`);
  assert.notEqual(block, guide, 'the guide\'s placeholders were found');
  const conf = path.join(tmp, `nginx-${port}.conf`);
  await writeFile(conf, `daemon off;\nworker_processes 1;\npid ${tmp}/nginx-${port}.pid;\nerror_log ${tmp}/nginx-error.log;\n` +
    `events { worker_connections 64; }\nhttp {\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n` +
    `  access_log ${tmp}/nginx-access.log;\n  client_body_temp_path ${tmp}/body;\n  proxy_temp_path ${tmp}/proxy;\n` +
    `  fastcgi_temp_path ${tmp}/fcgi;\n  uwsgi_temp_path ${tmp}/uwsgi;\n  scgi_temp_path ${tmp}/scgi;\n` +
    `  server {\n    listen 127.0.0.1:${port};\n${block}\n  }\n}\n`);
  const child = spawn(NGINX, ['-c', conf, '-p', tmp], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const url = `http://127.0.0.1:${port}/chat/`;
  for (let i = 0, last = ''; ; ++i) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${stderr}`);
    if (await fetch(url).then((r) => { last = `HTTP ${r.status}`; return r.ok; }, (e) => { last = e.message; return false; })) break;
    if (i > 100) throw new Error(`nginx did not answer on ${url} (${last}): ${stderr}\n${await readFile(`${tmp}/nginx-error.log`, 'utf8').catch(() => '')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, stop: () => new Promise((resolve) => { if (child.exitCode !== null) resolve(); else { child.once('exit', resolve); child.kill('SIGTERM'); } }) };
}

// A page whose CSP violations (DOM events and console reports) are collected in `violations`.
async function watchedPage(context) {
  const page = await context.newPage();
  page.consoleLines = [];
  page.on('console', (m) => {
    page.consoleLines.push(`${m.type()}: ${m.text()}`);
    if (/Content[- ]Security[- ]Policy/i.test(m.text())) violations.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => page.consoleLines.push(`pageerror: ${e.message}`));
  await page.exposeFunction('__cspViolation', (text) => violations.push(text));
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) =>
    window.__cspViolation(`${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`)));
  return page;
}

async function watchedContext() {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1100, height: 760 } });
  context.on('serviceworker', (worker) => worker.on('console', (m) => {
    if (/Content[- ]Security[- ]Policy/i.test(m.text())) violations.push(`service worker: ${m.text()}`);
  }));
  return context;
}

async function openAt(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => window.__xmppTest && window.__xmppTest.frames() > 0, null, { timeout: 30000 });
}

before(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'starling-release-'));
  await chmod(tmp, 0o755);  // nginx's workers (www-data when started as root) read the folder
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await nginx?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

test('the release folder under /chat/ on nginx with a strict CSP: chat, offline start, update on the next start', async () => {
  const v1 = await release(SITE_DIR, path.join(tmp, 'v1'));
  const files = await readdir(v1.dir);
  for (const f of files.filter((n) => !n.endsWith('.gz') && !n.endsWith('.br') && /\.(js|wasm|css|html|json)$/.test(n)))
    assert.ok(files.includes(`${f}.gz`), `${f}.gz beside ${f}`);
  assert.ok(files.some((n) => /^starling\.[0-9a-f]{12}\.wasm$/.test(n)), `hashed wasm in ${files}`);
  console.log(`release: ${v1.report.trim().replace(/\n/g, '; ')}`);

  nginx = await startNginx(v1.dir, await freePort());
  const page = await fetch(nginx.url);
  assert.match(page.headers.get('content-security-policy') || '', /script-src 'self' 'wasm-unsafe-eval'/);
  assert.equal(page.headers.get('cache-control'), 'no-cache');
  const html = await page.text();
  const wasmName = html.match(/href="(starling\.[0-9a-f]{12}\.wasm)"/)[1];
  const wasm = await fetch(nginx.url + wasmName, { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(wasm.headers.get('content-type'), 'application/wasm');
  assert.match(wasm.headers.get('cache-control') || '', /immutable/);
  const gzSize = (await readFile(path.join(v1.dir, `${wasmName}.gz`))).length;
  assert.equal(Number(wasm.headers.get('content-length')), gzSize, 'nginx sent the .gz beside the wasm');
  await wasm.arrayBuffer();

  // Two people chat under the policy (registration, roster, OMEMO, archive all through it).
  const ctxA = await watchedContext(), ctxB = await watchedContext();
  const alice = await watchedPage(ctxA), bob = await watchedPage(ctxB);
  await Promise.all([openAt(alice, nginx.url), openAt(bob, nginx.url)]);
  const a = uniqueName('ng'), b = uniqueName('nh');
  await registerViaHook(alice, a, `pa-${a}`);
  await registerViaHook(bob, b, `pb-${b}`);
  const aJid = jidOf(a), bJid = jidOf(b);
  await befriend(alice, aJid, bob, bJid, { via: 'hook' });
  const hello = 'через nginx: привет 🐦';
  assert.equal(await hook(alice, 'send', bJid, hello), true);
  await waitForMessage(bob, aJid, hello);
  const encrypted = (await hook(bob, 'history', aJid)).find((m) => m.body === hello);
  assert.equal(encrypted.encrypted, true, 'OMEMO by default under the policy');
  await waitForStored(alice, hello);

  // Offline start: the service worker controls the page from its second load on.
  await waitInPage(alice, () => navigator.serviceWorker.ready.then(() => true), null, { what: 'service worker ready' });
  await nginx.stop();
  let offlineStartMs;
  await whileProsodyStopped(async () => {
    await ctxA.setOffline(true);
    const offlineAt = Date.now();
    await alice.reload();
    await alice.waitForFunction(() => window.__xmppTest && window.__xmppTest.frames() > 0, null, { timeout: 30000 });
    offlineStartMs = Date.now() - offlineAt;
    assert.equal(await alice.evaluate(() => !!navigator.serviceWorker.controller), true, 'page served by the worker');
    const history = await hook(alice, 'history', bJid);
    assert.ok(history.some((m) => m.body === hello), 'stored history shown offline');
    // A click on the row, once it is drawn (on a busy machine the first frames after the reload may not have it yet).
    await waitInPage(alice, (j) => window.__xmppTest.rosterShown().includes(j), bJid, { what: 'the chat row drawn offline' });
    assert.equal(await hook(alice, 'openChat', bJid), true);
    await waitInPage(alice, (t) => window.__xmppTest.isTextVisible(t), hello, { what: 'history drawn offline' });
    assert.notEqual((await hook(alice, 'state')).connection, 'Online');
    assert.equal(await hook(alice, 'send', bJid, 'написано офлайн'), true);
    await waitForStored(alice, 'написано офлайн');
  });
  console.log(`offline start (reload → first frame, from the service worker): ${offlineStartMs} ms`);
  await ctxA.setOffline(false);
  await hook(alice, 'reconnectNow');  // the back-off may have grown while offline; the button does the same
  await waitForMessage(bob, aJid, 'написано офлайн');

  // Update: release v2 (one changed file) installs in the background; the open page stays on v1.
  const site2 = path.join(tmp, 'site2');
  await cp(SITE_DIR, site2, { recursive: true });
  await writeFile(path.join(site2, 'index.html'), (await readFile(path.join(site2, 'index.html'), 'utf8'))
    .replace('</head>', '<meta name="starling-test-release" content="v2">\n</head>'));
  const v2 = await release(site2, path.join(tmp, 'v2'));
  nginx = await startNginx(v2.dir, new URL(nginx.url).port);
  const waiting = await alice.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    await reg.update();
    for (let i = 0; i < 300 && !(reg.waiting && reg.waiting.state === 'installed'); ++i) await new Promise((r) => setTimeout(r, 100));
    return !!reg.waiting;
  });
  assert.equal(waiting, true, 'the new version installed and waits');
  const isV2 = (page) => page.evaluate(() => !!document.querySelector('meta[name="starling-test-release"]'));
  assert.equal(await isV2(alice), false, 'the open page keeps its version');
  await alice.close();
  // The next start: once the old version's last page is gone, the waiting worker takes over. A start
  // that still found the old worker active is closed again (reloading it would keep the old one).
  let next, v2started = false;
  for (let i = 0; i < 50 && !v2started; ++i) {
    if (next) { await next.close(); await new Promise((r) => setTimeout(r, 200)); }
    next = await watchedPage(ctxA);
    await openAt(next, nginx.url);
    v2started = await isV2(next);
  }
  assert.equal(v2started, true, 'the next start runs the new version');
  await waitInPage(next, () => window.__xmppTest.loggedIn(), null, { what: 'the remembered session on the new version' });

  assert.deepEqual(violations, [], 'no Content-Security-Policy violation');
  await ctxA.close();
  await ctxB.close();
});
