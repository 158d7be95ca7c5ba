// A headless Chromium driven over its DevTools pipe with nothing but Runtime and Tracing: no Network,
// Page or Log domain is enabled, so the page's WebSocket messages are not copied into DevTools events as
// they are under Playwright (which enables Network on every page: a 900 KB text frame then also becomes a
// JSON-escaped protocol event, in the renderer, inside the message's task). For benches that measure what
// a page pays itself. The page object offers the subset of Playwright's Page that tests/e2e/support.mjs's
// openApp, hook and waitInPage use (goto, evaluate, waitForFunction), so the same helpers drive it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ARGS = [
  '--headless', '--no-sandbox', '--enable-unsafe-swiftshader', '--no-first-run', '--disable-sync',
  '--disable-background-networking', '--disable-component-update', '--disable-extensions',
  '--disable-background-timer-throttling', '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows', '--window-size=1100,760', '--remote-debugging-pipe',
];

export async function launchBare() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'starling-bare-'));
  const proc = spawn(process.env.STARLING_CHROMIUM || '/usr/bin/chromium', [...ARGS, `--user-data-dir=${profile}`, 'about:blank'],
    { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
  const toChrome = proc.stdio[3], fromChrome = proc.stdio[4];
  let nextId = 1, buffered = '';
  const waiting = new Map();   // id -> {resolve, reject, method}
  const listeners = new Set(); // (message) => void, for events
  fromChrome.on('data', (chunk) => {
    buffered += chunk.toString('utf8');
    for (let end = buffered.indexOf('\0'); end >= 0; end = buffered.indexOf('\0')) {
      const msg = JSON.parse(buffered.slice(0, end));
      buffered = buffered.slice(end + 1);
      if (msg.id && waiting.has(msg.id)) {
        const w = waiting.get(msg.id);
        waiting.delete(msg.id);
        if (msg.error) w.reject(new Error(`${w.method}: ${msg.error.message}`));
        else w.resolve(msg.result);
      } else {
        for (const l of listeners) l(msg);
      }
    }
  });
  const send = (method, params = {}, sessionId) => new Promise((resolve, reject) => {
    const id = nextId++;
    waiting.set(id, { resolve, reject, method });
    toChrome.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0');
  });

  async function newPage() {
    const { browserContextId } = await send('Target.createBrowserContext');  // own storage, own IndexedDB
    const { targetId } = await send('Target.createTarget', { url: 'about:blank', browserContextId });
    const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
    const call = (method, params) => send(method, params, sessionId);
    const evaluate = async (fn, arg) => {
      const expression = typeof fn === 'function' ? `(${fn})(${JSON.stringify(arg)})` : String(fn);
      const r = await call('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
      if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description || r.exceptionDetails.text);
      return r.result.value;
    };
    const page = {
      consoleLines: [],
      evaluate,
      async goto(url) {
        await call('Page.navigate', { url });
        for (let i = 0; i < 600; ++i) {
          if (await evaluate('location.href !== "about:blank" && document.readyState === "complete"').catch(() => false)) return;
          await new Promise((r) => setTimeout(r, 50));
        }
        throw new Error(`bare page: ${url} did not load`);
      },
      async waitForFunction(fn, arg, { timeout = 20000, polling = 50 } = {}) {
        const deadline = Date.now() + timeout;
        for (;;) {
          const v = await evaluate(fn, arg);
          if (v) return { jsonValue: async () => v };
          if (Date.now() > deadline) throw new Error(`bare page: timed out after ${timeout} ms`);
          await new Promise((r) => setTimeout(r, polling));
        }
      },
      context: () => ({ close: () => send('Target.disposeBrowserContext', { browserContextId }) }),
    };
    return page;
  }

  // Chrome's trace of everything between start and stop, written to `file` as {traceEvents: [...]}.
  async function startTracing(categories) {
    const events = [];
    const done = new Promise((resolve) => {
      const l = (msg) => {
        if (msg.method === 'Tracing.dataCollected') events.push(...msg.params.value);
        if (msg.method === 'Tracing.tracingComplete') { listeners.delete(l); resolve(); }
      };
      listeners.add(l);
    });
    await send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: categories } });
    return async (file) => {
      await send('Tracing.end');
      await done;
      fs.writeFileSync(file, JSON.stringify({ traceEvents: events }));
    };
  }

  async function close() {
    await send('Browser.close').catch(() => {});
    await new Promise((r) => { if (proc.exitCode !== null) r(); else proc.once('exit', r); });
    fs.rmSync(profile, { recursive: true, force: true });
  }

  return { newPage, startTracing, close };
}
