// History at scale (issue #3), in headless Debian chromium against our own Prosody (software WebGL:
// absolute CPU numbers are pessimistic, compare ratios).
//   cold  — 10,000 messages in the server archive (sent from another device of the account), the local
//           store empty: log in → the chat's row, open the chat → the newest message drawn
//   flood — 10,000 messages sent to an offline account: log in → all delivered, newest drawn (msg/s)
//   warm  — 100,000 messages stored locally over 20 chats (one of them the 10,000-message chat), written
//           into IndexedDB in the one-file form an older Starling used, so the first start also measures
//           the migration to segments; then reload → roster, open the chat → newest drawn, scroll through all
//           10,000 (worst frame), renderer memory (JS heap, Wasm memory, process RSS) with the chat open,
//           after scrolling to the top and after leaving the chat; full-text search over the 100,000
//           (typed into the search field, → all results)
// Usage: node bench/history_scale.mjs [SITE_DIR]   (default build/wasm/site)
//        STARLING_SCALE_CHAT=N (10000) STARLING_SCALE_TOTAL=M (100000) STARLING_SCALE_CHATS=K (20)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { editStoreOutsideApp } from '../tests/e2e/idbfs.mjs';
import { REPO, printResults, startBenchProsody } from './bench_prosody.mjs';

if (process.argv[2]) process.env.STARLING_SITE_DIR = path.resolve(process.argv[2]);
const CHAT = Number(process.env.STARLING_SCALE_CHAT || 10000);
const TOTAL = Number(process.env.STARLING_SCALE_TOTAL || 100000);
const CHATS = Number(process.env.STARLING_SCALE_CHATS || 20);

const outsideServer = !!process.env.STARLING_WS_URL;
const stopProsody = await startBenchProsody('prosody-scale');
const prosodyDir = path.join(REPO, 'build', 'bench', 'prosody-scale');
if (!outsideServer) process.env.STARLING_PROSODY_DIR = prosodyDir;  // read by support.mjs at import
const S = await import('../tests/e2e/support.mjs');

const results = [];
const record = (name, value, unit) => { results.push({ name, value, unit }); console.error(`  ${name}: ${value} ${unit}`); };

// Bodies shared with bench/tools/archive_seed.py's shape: "#i words", some multi-line; one in 1,000
// carries the rare word "Зебра" for the search.
const WORDS = ['hello', 'привет', 'a longer line that wraps onto a second row in a narrow chat pane of the page',
  'ok 👍', 'short', 'Съешь же ещё этих мягких французских булок', 'the quick brown fox'];
const bodyOf = (i) => `#${i} ${WORDS[i % WORDS.length]}${i % 1000 === 500 ? ' Зебра' : ''}` +
  `${i % 7 === 0 ? '\nsecond line\nthird line' : ''}`;

// In the page (app not loaded): the IDBFS entries of the account's history replaced by `chats` chats in
// the old one-file form ("<peer>.log" JSON lines), chats[0] = [peerJid, count] the big one.
function writeHistory([chats, words]) {
  const bodyOf = (i) => `#${i} ${words[i % words.length]}${i % 1000 === 500 ? ' Зебра' : ''}` +
    `${i % 7 === 0 ? '\nsecond line\nthird line' : ''}`;
  const enc = (s) => s.replace(/%/g, '%25');  // JIDs here are [a-z0-9@.-] only: fileNameFor keeps them
  // The page's leave-time journal (web/boot.cpp) lists every file the app last had and would prune the
  // ones written here behind its back: an older Starling leaves none.
  localStorage.removeItem('starling-journal');
  return new Promise((resolve, reject) => {
    window.openIdbfsStore(({ db, tx, store, keys }) => {
      const any = keys.map(String).find((k) => k.includes('/history/'));
      if (!any) { reject(new Error(`no history in the store: ${keys}`)); return; }
      const dir = any.slice(0, any.indexOf('/history/') + '/history/'.length);
      for (const k of keys.map(String)) if (k.startsWith(dir)) store.delete(k);
      const now = Date.now();
      let bytes = 0, written = 0;
      for (const [peer, count] of chats) {
        const lines = [];
        for (let i = 0; i < count; ++i) {
          const inc = i % 3 !== 0;
          lines.push(JSON.stringify({
            t: 'msg', id: `bench-${peer}-${i}`, sid: `sid-${peer}-${i}`, from: inc ? `${peer}/phone` : '',
            body: bodyOf(i), dir: inc ? 'in' : 'out', st: inc ? 'received' : 'displayed', enc: i % 2 === 0,
            ts: now - (count - i) * 60000,
          }));
        }
        const contents = new TextEncoder().encode(lines.join('\n') + '\n');
        bytes += contents.length;
        written += count;
        store.put({ timestamp: new Date(), mode: 33206, contents }, `${dir}${enc(peer)}.log`);
      }
      tx.oncomplete = () => { db.close(); resolve({ bytes, written }); };
      tx.onerror = () => reject(tx.error);
    }, reject);
  });
}

// Renderer memory: the page's JS heap (CDP), its Wasm memory and the RSS of the renderer processes.
async function memory(page, cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const js = metrics.find((m) => m.name === 'JSHeapUsedSize').value;
  const wasm = (await S.hook(page, 'memory')).heapInUse;
  // Renderer processes of our own browser only (descendants of this node process): another chromium on
  // the machine must not count.
  const procs = execFileSync('ps', ['-eo', 'pid=,ppid=,rss=,args=']).toString().trim().split('\n').map((l) => {
    const [pid, ppid, kb, ...args] = l.trim().split(/\s+/);
    return { pid: Number(pid), ppid: Number(ppid), rss: Number(kb) * 1024, args: args.join(' ') };
  });
  const ours = new Set([process.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of procs) if (!ours.has(p.pid) && ours.has(p.ppid)) { ours.add(p.pid); grew = true; }
  }
  let rss = 0;
  for (const p of procs) if (ours.has(p.pid) && p.args.includes('--type=renderer')) rss = Math.max(rss, p.rss);
  return { js, wasm, rss };
}
const mb = (b) => (b / 1048576).toFixed(1);

async function openAndTime(page, peerJid, newest) {
  await S.hook(page, 'frameStats', true);
  const t0 = await page.evaluate(() => performance.now());
  if (!(await S.hook(page, 'openChat', peerJid))) throw new Error(`row of ${peerJid} not drawn`);
  const t1 = await (await page.waitForFunction((last) => (window.__xmppTest.isTextVisible(last) ? performance.now() : 0),
    newest, { polling: 5, timeout: 60000 })).jsonValue();
  return { ms: t1 - t0, worst: (await S.hook(page, 'frameStats', true)).worstMs };
}

const site = await S.startSiteServer();
const browser = await S.launchBrowser();
try {
  const user = S.uniqueName('scale'), peer = S.uniqueName('scalepeer');
  const userJid = S.jidOf(user), peerJid = S.jidOf(peer);
  const pw = `pw-${user}`;

  // --- cold: the archive holds CHAT messages of the chat with peer, the local store is empty ----------
  // Sent by this account from another device (slixmpp) while it was online there: they are in its
  // archive and nowhere else, as for a person who logs in on a new browser.
  if (outsideServer) throw new Error('the cold part needs our own Prosody (unset STARLING_WS_URL)');
  const c2s = Number(readFileSync(path.join(prosodyDir, 'ports'), 'utf8').split('\n')[1]);
  const seed = (from, password, to) => {
    const t0 = Date.now();
    const out = execFileSync('/usr/bin/python3', [path.join(REPO, 'bench', 'tools', 'archive_seed.py'), '--jid', from,
      '--password', password, '--port', String(c2s), '--to', to, '--count', String(CHAT)], { timeout: 300000 }).toString();
    if (!out.includes(`SENT ${CHAT}`)) throw new Error(`archive seeding failed: ${out}`);
    return (Date.now() - t0) / 1000;
  };
  await S.prosody.register(user, pw);
  await S.prosody.register(peer, `pw-${peer}`);
  record(`archive seeded with ${CHAT} messages (slixmpp)`, seed(userJid, pw, peerJid).toFixed(1), 's');
  const newestCold = bodyOf(CHAT - 1).split('\n')[0];
  const coldLogin = async (page, jid, password, peerJid) => {
    await S.openApp(page, site.url);
    const l0 = await page.evaluate(() => performance.now());
    await S.loginViaHook(page, jid.split('@')[0], password);
    await S.waitInPage(page, (j) => window.__xmppTest.rosterShown().includes(j), peerJid, { what: 'peer row', timeout: 60000 });
    const l1 = await page.evaluate(() => performance.now());
    const open = await openAndTime(page, peerJid, newestCold);
    return { rowMs: l1 - l0, openMs: open.ms, totalMs: await page.evaluate(() => performance.now()) - l0 };
  };

  const page = await S.newPage(browser);
  page.on('crash', () => console.error(`page crashed; console:\n${page.consoleLines.slice(-20).join('\n')}`));
  const cold = await coldLogin(page, userJid, pw, peerJid);
  record('cold: log in (empty store) → the chat\'s row drawn (newest archive page)', cold.rowMs.toFixed(0), 'ms');
  record(`cold: open the ${CHAT}-message chat (archive only) → newest drawn`, cold.openMs.toFixed(0), 'ms');
  record('cold: log in (empty store) → chat open with the newest drawn', cold.totalMs.toFixed(0), 'ms');

  // --- offline flood: CHAT messages sent to an account while it was offline ---------------------------
  // The server delivers them all at login (mod_offline), live, before anything else: a throughput number.
  {
    const flood = S.uniqueName('flood'), sender = S.uniqueName('floodpeer');
    await S.prosody.register(flood, pw);
    await S.prosody.register(sender, pw);
    seed(S.jidOf(sender), pw, S.jidOf(flood));
    const fpage = await S.newPage(browser);
    const f = await coldLogin(fpage, S.jidOf(flood), pw, S.jidOf(sender));
    record(`offline flood: log in with ${CHAT} offline messages → all in, newest drawn`, f.totalMs.toFixed(0), 'ms');
    record('offline flood: messages/s end to end (server delivery, page, Wasm)', (CHAT / (f.totalMs / 1000)).toFixed(0), 'msg/s');
    await fpage.context().close();
  }

  // --- warm: TOTAL messages stored locally over CHATS chats ------------------------------------------
  const chats = [[peerJid, CHAT]];
  const rest = Math.floor((TOTAL - CHAT) / (CHATS - 1));
  for (let c = 1; c < CHATS; ++c) chats.push([`${peer}zz-other${String(c).padStart(2, "0")}@${S.DOMAIN}`, c === CHATS - 1 ? TOTAL - CHAT - rest * (CHATS - 2) : rest]);
  const w = await editStoreOutsideApp(page, site.url, writeHistory, [chats, WORDS]);
  record(`stored locally: ${w.written} messages in ${CHATS} chats, one-file form`, mb(w.bytes), 'MB');

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  for (const [label, when] of [['first start (migrates to segments)', 'first'], ['reload', 'second']]) {
    const r0 = Date.now();
    await page.goto(site.url);
    await S.waitInPage(page, (j) => window.__xmppTest && window.__xmppTest.loggedIn() && window.__xmppTest.rosterShown().includes(j),
      peerJid, { what: 'session back and the row drawn', timeout: 120000 });
    record(`warm: ${label} → roster drawn`, Date.now() - r0, 'ms');
    if (when === "first") await new Promise((r) => setTimeout(r, Number(process.env.STARLING_SCALE_SETTLE_MS || 3000)));  // let the migrated segments reach IndexedDB
  }
  if (process.env.STARLING_SCALE_DEBUG) {
    const c = (await S.hook(page, 'state')).conversations;
    console.error(JSON.stringify(c.map((x) => [x.jid.slice(0, 30), x.messages, x.localBefore])));
    const listing = await page.evaluate(async (peerName) => {
      const dbs = await indexedDB.databases();
      const name = dbs.map((d) => d.name).find((n) => n.includes('/data'));
      const db = await new Promise((res) => { const r = indexedDB.open(name); r.onsuccess = () => res(r.result); });
      const store = db.transaction('FILE_DATA').objectStore('FILE_DATA');
      const [keys, all] = await Promise.all([store.getAllKeys(), store.getAll()].map((r) => new Promise((res) => { r.onsuccess = () => res(r.result); })));
      const out = [];
      keys.forEach((k, i) => { if (String(k).includes(peerName) && !String(k).includes('-other')) out.push(`${k} ${all[i].contents ? new TextDecoder().decode(all[i].contents).split('\n').length : 'dir'}`); });
      return out;
    }, peer);
    console.error(listing.join('\n'));
    const fsList = await page.evaluate(() => (window.__xmppTest.debugFs ? window.__xmppTest.debugFs() : null));
  }
  const m0 = await memory(page, cdp);
  const newest = bodyOf(CHAT - 1).split('\n')[0], oldest = bodyOf(0).split('\n')[0];
  const warm = await openAndTime(page, peerJid, newest);
  record(`warm: open the ${CHAT}-message chat → newest drawn`, warm.ms.toFixed(0), 'ms');
  record('warm:   worst frame while opening', warm.worst.toFixed(1), 'ms');
  const m1 = await memory(page, cdp);
  const box = await S.waitForDrawn(page, 'Settings');

  // Scrolling through the whole chat: bench/long_chat.mjs (STARLING_LONG_CHAT=10000) measures it.
  // Older history brought into memory the way scrolling does it (one segment at a time, Client::loadOlder),
  // until the whole chat is in memory: what scrolling to its top costs in memory.
  let steps = 0;
  for (; steps < 100; ++steps) {
    const c = (await S.hook(page, 'state')).conversations.find((x) => x.jid === peerJid);
    if (!c || c.localBefore === 0) break;
    await page.mouse.move(box.x + 500, 300);
    await page.keyboard.press('Home').catch(() => {});
    await page.mouse.wheel(0, -100000);
    await new Promise((r) => setTimeout(r, 100));
  }
  const m2 = await memory(page, cdp);
  const all = (await S.hook(page, 'state')).conversations.find((x) => x.jid === peerJid);
  record(`scrolled to the top in ${steps} big wheel steps: messages in memory / still only on disk`, `${all.messages} / ${all.localBefore}`, '');

  // Leave the chat (open another one): the window is trimmed back to its newest segment.
  const other = (await S.hook(page, 'rosterShown')).find((j) => j !== peerJid);
  if (other) await S.hook(page, 'openChat', other);
  await new Promise((r) => setTimeout(r, 500));
  const m3 = await memory(page, cdp);
  for (const [label, m] of [['after start, no chat open', m0], [`${CHAT}-message chat open`, m1],
    ['scrolled to its top (all loaded)', m2], ['after leaving it', m3]]) {
    record(`memory ${label}: JS heap / Wasm heap in use / renderer RSS`, `${mb(m.js)} / ${mb(m.wasm)} / ${mb(m.rss)}`, 'MB');
  }

  // Full-text search over everything stored, typed into the search field (Ctrl+K focuses it; the text
  // arrives as one input event, as a paste would).
  for (const q of ['ЗЕБРА', 'французских']) {
    await page.keyboard.press('Control+k');
    await S.hook(page, 'frameStats', true);
    const q0 = await page.evaluate(() => performance.now());
    await page.keyboard.insertText(q);
    const done = await (await page.waitForFunction((text) => {
      const s = window.__xmppTest.search();
      return s && s.query === text && !s.running ? { at: performance.now(), hits: s.hits.length, truncated: s.truncated, scanned: s.scanned } : null;
    }, q, { polling: 5, timeout: 120000 })).jsonValue();
    const st = await S.hook(page, 'frameStats', true);
    record(`search "${q}" over ${TOTAL} → all results (${done.hits} hits${done.truncated ? ', truncated' : ''}, ${done.scanned} scanned)`,
      (done.at - q0).toFixed(0), 'ms');
    record('  worst frame while searching', st.worstMs.toFixed(1), 'ms');
    await page.keyboard.press('Escape');
  }
} finally {
  await browser.close();
  await site.close();
  stopProsody();
}

printResults(results);
