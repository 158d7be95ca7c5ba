// What a hostile server's huge message costs the page's main thread, without Playwright in the path:
// tests/tools/chaos_proxy.mjs sits between Alice's page and Prosody and grows a marker in a server frame
// into the body (Prosody refuses stanzas over 256 KiB, so to the page it is what a server sent). Bob, a
// bare client (tests/e2e/raw_xmpp.mjs), sends the marker. Alice has Bob's chat open, so the message is
// also drawn. For each body, a fresh pair of pages and 5 messages: the core's time for the received frame
// (Client::onFrame, frameStats().worstReceiveMs), and the worst frame drawn after it. The first message
// of a page is the one that meets the code cold (web/warmup.h). On a machine shared with other work the
// wall clock measures the other work too, so Chrome's trace also gives the CPU time (thread time) of the
// main-thread task that handled the WebSocket message: the cost the page itself pays.
// STARLING_BARE=1: Alice's page runs in a Chromium of its own driven over the DevTools pipe with Runtime
// and Tracing only (bench/tools/bare_chrome.mjs). Under Playwright, DevTools' Network domain is enabled and
// copies each WebSocket message into a protocol event inside the same task, which is not the page's cost.
// Usage: node bench/huge_frame_page.mjs [SITE_DIR]   (STARLING_WS_URL, or our own Prosody)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { printResults, startBenchProsody } from './bench_prosody.mjs';

if (process.argv[2]) process.env.STARLING_SITE_DIR = path.resolve(process.argv[2]);
const stopProsody = await startBenchProsody('prosody-hugeframe');
const S = await import('../tests/e2e/support.mjs');
const { rawSend, chatStanza } = await import('../tests/e2e/raw_xmpp.mjs');
const { launchBare } = await import('./tools/bare_chrome.mjs');
const BARE = process.env.STARLING_BARE === '1';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const REPEATS = Number(process.env.STARLING_REPEATS || 5);

const BODIES = [
  ['700,000 × "L", one line', 'L', 700000],
  ['300,000 CJK characters', '\u4e00', 300000],
  ['200,000 emoji', '\u{1F600}', 200000],
];

const results = [];
const record = (name, value, unit) => { results.push({ name, value, unit }); console.error(`  ${name}: ${value} ${unit}`); };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// From a Chrome trace: the renderer main-thread tasks that received a WebSocket message, the `count`
// costliest in CPU (thread time): the huge messages; as {wall, cpu} in ms, in arrival order. (The
// trace's dataLength is only the first chunk read, so it cannot tell a huge message by itself.)
function messageTasks(file, count) {
  const trace = JSON.parse(fs.readFileSync(file, 'utf8'));
  const ev = trace.traceEvents || trace;
  const main = new Set(ev.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args.name === 'CrRendererMain')
    .map((e) => `${e.pid}:${e.tid}`));
  const onMain = (e) => main.has(`${e.pid}:${e.tid}`);
  const tasks = ev.filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && onMain(e));
  const received = new Set();
  for (const r of ev.filter((e) => e.name === 'WebSocketReceive' && onMain(e))) {
    const t = tasks.find((x) => x.pid === r.pid && x.tid === r.tid && x.ts <= r.ts && r.ts <= x.ts + x.dur);
    if (t) received.add(t);
  }
  return [...received].sort((x, y) => (y.tdur ?? y.dur) - (x.tdur ?? x.dur)).slice(0, count)
    .sort((x, y) => x.ts - y.ts).map((t) => ({ wall: t.dur / 1000, cpu: (t.tdur ?? t.dur) / 1000 }));
}

async function oneBody(browser, site, proxy, [label, unit, times]) {
  const marker = S.uniqueName('grow');
  proxy.send(`grow ${marker} ${unit} ${times}`);
  const bare = BARE ? await launchBare() : null;
  const alice = bare ? await bare.newPage() : await S.newPage(browser);
  const bob = await S.newPage(browser);
  try {
    await Promise.all([S.openApp(alice, site.url), S.openApp(bob, site.url)]);
    const a = S.uniqueName('hf'), b = S.uniqueName('hfp');
    await S.registerViaHook(alice, a, `pa-${a}`, proxy.wsUrl);
    await S.registerViaHook(bob, b, `pb-${b}`);
    const aJid = S.jidOf(a), bJid = S.jidOf(b);
    const say = (body) => rawSend(bob, { wsUrl: S.WS_URL, jid: bJid, password: `pb-${b}`, stanzas: [chatStanza(aJid, body)] });
    await say('hello');
    await S.waitInPage(alice, (j) => window.__xmppTest.rosterShown().includes(j), bJid, { what: 'the chat row' });
    await S.hook(alice, 'openChat', bJid);
    await S.waitInPage(alice, () => window.__xmppTest.visibleMessages().length > 0, null, { what: 'chat drawn' });
    await sleep(4000);  // past the warm-up (web/warmup.cpp: 3 s after boot, eight slices)
    const core = [], frames = [];
    const seen = [];
    const traceFile = path.join(os.tmpdir(), `starling-hugeframe-${process.pid}.json`);
    const categories = ['toplevel', 'devtools.timeline', ...(process.env.STARLING_TRACE_CATEGORIES || '').split(',').filter(Boolean)];
    const stopBareTrace = bare ? await bare.startTracing(categories) : null;
    if (!bare) await browser.startTracing(alice, { path: traceFile, categories });
    // STARLING_CPU_PROFILE=DIR: also Chrome's sampling profile of Alice's page (a site linked with
    // --profiling-funcs names the Wasm functions).
    const cdp = process.env.STARLING_CPU_PROFILE && !bare ? await alice.context().newCDPSession(alice) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
    }
    for (let i = 0; i < REPEATS; ++i) {
      await S.hook(alice, 'frameStats', true);
      await say(marker);
      // Drawn: a row of a huge body not seen before (visibleMessages: the rows drawn in the last frame).
      const id = await S.waitInPage(alice, (old) => window.__xmppTest.visibleMessages()
        .find((m) => m.bytes > 100000 && !old.includes(m.id))?.id, seen, { what: `huge message ${i + 1}`, timeout: 60000 });
      seen.push(id);
      await sleep(1000);
      const st = await S.hook(alice, 'frameStats', true);
      core.push(st.worstReceiveMs);
      frames.push(st.worstMs);
    }
    if (bare) await stopBareTrace(traceFile);
    else await browser.stopTracing();
    if (cdp) {
      const { profile } = await cdp.send('Profiler.stop');
      fs.mkdirSync(process.env.STARLING_CPU_PROFILE, { recursive: true });
      fs.writeFileSync(path.join(process.env.STARLING_CPU_PROFILE, `${unit.codePointAt(0).toString(16)}.cpuprofile`), JSON.stringify(profile));
    }
    const tasks = messageTasks(traceFile, REPEATS);
    if (process.env.STARLING_KEEP_TRACE) console.error(`trace: ${traceFile}`);
    else fs.rmSync(traceFile, { force: true });
    if (tasks.length) {
      record(`${label}: the message's main-thread task, CPU time, first`, tasks[0].cpu.toFixed(1), 'ms');
      record(`  CPU time, median of ${tasks.length}`, median(tasks.map((t) => t.cpu)).toFixed(1), 'ms');
      record(`  CPU time, worst of ${tasks.length}`, Math.max(...tasks.map((t) => t.cpu)).toFixed(1), 'ms');
      record(`  wall time, median / worst`, `${median(tasks.map((t) => t.wall)).toFixed(1)} / ${Math.max(...tasks.map((t) => t.wall)).toFixed(1)}`, 'ms');
    }
    record(`${label}: core, first message of the page`, core[0].toFixed(1), 'ms');
    record(`  core, median of ${REPEATS}`, median(core).toFixed(1), 'ms');
    record(`  core, worst of ${REPEATS}`, Math.max(...core).toFixed(1), 'ms');
    record(`  worst frame drawn, of ${REPEATS}`, Math.max(...frames).toFixed(1), 'ms');
  } finally {
    if (process.env.STARLING_PRINT_CONSOLE) console.error(alice.consoleLines.join('\n'));
    await Promise.all([alice.context().close(), bob.context().close()]).catch(() => {});
    if (bare) await bare.close();
  }
}

const site = await S.startSiteServer();
const browser = await S.launchBrowser();
const proxy = await S.startChaosProxy({ lifetimeS: 1800 });
try {
  const only = process.env.STARLING_BODIES;  // e.g. "0,2": those of BODIES only
  for (const [i, body] of BODIES.entries()) if (!only || only.split(',').includes(String(i))) await oneBody(browser, site, proxy, body);
} finally {
  await proxy.stop();
  await browser.close().catch(() => {});
  await site.close();
  stopProsody();
}
printResults(results);
