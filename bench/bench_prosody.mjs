// Shared by the browser benches: our own Prosody (scripts/prosody.sh) on a free loopback port, unless
// STARLING_WS_URL already names a server. Sets STARLING_WS_URL before tests/e2e/support.mjs is imported
// (it reads the environment at import time). Also the one format the benches print their results in.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PROSODY = path.join(REPO, 'scripts', 'prosody.sh');

function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

// Returns a stop function (a no-op when an outside server is used).
export async function startBenchProsody(dirName) {
  if (process.env.STARLING_WS_URL) return () => {};
  const dir = path.join(REPO, 'build', 'bench', dirName);
  const port = await freePort();
  execFileSync('bash', [PROSODY, 'start', dir, String(port)], { stdio: 'inherit' });
  process.env.STARLING_WS_URL = `ws://127.0.0.1:${port}/xmpp-websocket`;
  return () => execFileSync('bash', [PROSODY, 'stop', dir], { stdio: 'inherit' });
}

// One aligned line per result ({ name, value, unit }), the output every browser bench ends with.
export function printResults(results) {
  const width = Math.max(...results.map((r) => r.name.length));
  for (const r of results) console.log(`${r.name.padEnd(width)}  ${String(r.value).padStart(8)} ${r.unit}`);
}
