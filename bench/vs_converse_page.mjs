// Pieces of bench/vs_converse.mjs: the Converse.js page it serves, the init script both pages get, and
// the renderer/GPU processes of our own chromium (ps + /proc).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { REPO } from './bench_prosody.mjs';

export const CONVERSE_DIST = path.join(REPO, 'node_modules', 'converse.js', 'dist');

// A static Converse.js 14 site in DIR: its dist/ (no source maps, no unminified copies) and an index.html
// that starts it in fullscreen mode against WS_URL. Credentials come from the query (?jid=…&pw=…: log in
// at once, as auto_login does); without them Converse resumes a remembered session (its saved SCRAM keys
// and IndexedDB store) or shows its login form. A one-line plugin exposes _converse for the bench.
export function writeConverseSite(dir, wsUrl) {
  const version = JSON.parse(readFileSync(path.join(CONVERSE_DIST, '..', 'package.json'), 'utf8')).version;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(CONVERSE_DIST, path.join(dir, 'dist'), {
    recursive: true,
    filter: (src) => !src.endsWith('.map') && !/\/(converse|website)\.(js|css)$/.test(src) && !src.endsWith('website.min.css'),
  });
  writeFileSync(path.join(dir, 'index.html'), `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Converse</title>
<link rel="stylesheet" href="dist/converse.min.css">
<script type="module" src="dist/converse.min.js"></script>
</head>
<body class="converse-fullscreen">
<script type="module">
const q = new URLSearchParams(location.search);
converse.plugins.add('starling-bench', { initialize() { window.__converse = this._converse; } });
converse.initialize({
  websocket_url: ${JSON.stringify(wsUrl)},
  discover_connection_methods: false,
  assets_path: '/dist/',
  view_mode: 'fullscreen',
  i18n: 'en',
  loglevel: 'error',
  persistent_store: 'IndexedDB',
  clear_cache_on_logout: false,
  auto_login: q.has('jid'),
  jid: q.get('jid') || undefined,
  password: q.get('pw') || undefined,
  whitelisted_plugins: ['starling-bench'],
});
</script>
</body>
</html>
`);
  return version;
}

// Init script of both pages (runs before any of their scripts):
//  - WebSocket is wrapped so an incoming frame containing __bench.mark is timestamped (frameT) by a
//    listener added in the constructor, i.e. before the app's own;
//  - requestAnimationFrame is wrapped: the first callback that starts after the text was committed
//    (commitT) is the frame that paints it (drawnT); when the check (__bench.check) turns true inside an
//    app's frame callback (Starling draws in rAF), that frame paints it: drawnT = commitT.
// Converse's commit is seen by a MutationObserver (set up by the bench), Starling's by its test hook's
// isTextVisible() after each frame callback and in a task right after the frame's event.
export function benchInit() {
  const B = { mark: null, frameT: 0, commitT: 0, drawnT: 0, check: null };
  window.__bench = B;
  const raf = window.requestAnimationFrame.bind(window);
  const dec = new TextDecoder();
  B.committed = (inFrame) => {
    if (B.commitT) return;
    B.commitT = performance.now();
    if (inFrame) B.drawnT = B.commitT;
    else raf(() => { if (!B.drawnT) B.drawnT = performance.now(); });
  };
  B.arm = (mark) => { B.mark = mark; B.frameT = B.commitT = B.drawnT = 0; };
  const Orig = window.WebSocket;
  window.WebSocket = class extends Orig {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        if (!B.mark || B.frameT) return;
        const t = performance.now();
        const d = typeof e.data === 'string' ? e.data : (e.data instanceof ArrayBuffer ? dec.decode(e.data) : '');
        if (!d.includes(B.mark)) return;
        B.frameT = t;
        setTimeout(() => { if (B.check && B.check(B.mark)) B.committed(false); }, 0);
      });
    }
  };
  window.requestAnimationFrame = (cb) => raf((ts) => {
    cb(ts);
    if (B.mark && B.frameT && !B.commitT && B.check && B.check(B.mark)) B.committed(true);
  });
}

// Processes of our own chromium (descendants of this node process): [{pid, type}] with type from
// --type= ("browser" when none).
export function ourChromiumProcesses() {
  const procs = execFileSync('ps', ['-eo', 'pid=,ppid=,args=']).toString().trim().split('\n').map((l) => {
    const [pid, ppid, ...args] = l.trim().split(/\s+/);
    return { pid: Number(pid), ppid: Number(ppid), args: args.join(' ') };
  });
  const ours = new Set([process.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of procs) if (!ours.has(p.pid) && ours.has(p.ppid)) { ours.add(p.pid); grew = true; }
  }
  return procs.filter((p) => p.pid !== process.pid && ours.has(p.pid) && /chrom/.test(p.args))
    .map((p) => ({ pid: p.pid, type: (p.args.match(/--type=(\S+)/) || [, 'browser'])[1] }));
}

const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());

// utime + stime of a process in ms (0 when it is gone).
export function cpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

// Proportional set size of a process in bytes (/proc/PID/smaps_rollup).
export function pssBytes(pid) {
  try {
    const m = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8').match(/^Pss:\s+(\d+) kB/m);
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}
