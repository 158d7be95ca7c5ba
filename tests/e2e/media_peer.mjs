// The slixmpp peer for shared files (tests/interop/media_peer.py) as the e2e tests drive it: registered
// on the suite's Prosody, started, its printed lines collected; said(prefix) waits for a line.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { spawn, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { uniqueName, jidOf, prosody } from './support.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// slixmpp with python-omemo and aiohttp (Debian packages) and a Prosody of the suite's own.
export const slixmppAvailable = (() => {
  try { execFileSync('/usr/bin/python3', ['-c', 'import slixmpp, omemo, oldmemo, aiohttp']); return true; } catch { return false; }
})() && !!process.env.STARLING_PROSODY_DIR;

export async function startMediaPeer() {
  const c2s = fs.readFileSync(path.join(process.env.STARLING_PROSODY_DIR, 'ports'), 'utf8').split('\n')[1].trim();
  const p = uniqueName('py'), jid = jidOf(p);
  await prosody.register(p, `pw-${p}`);
  const peer = spawn('/usr/bin/python3', [path.join(REPO, 'tests/interop/media_peer.py'), '--jid', jid, '--password', `pw-${p}`,
    '--port', c2s], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = [];
  readline.createInterface({ input: peer.stdout }).on('line', (l) => lines.push(l));
  const said = (prefix, ms = 30000) => new Promise((resolve, reject) => {
    const t0 = Date.now();
    const poll = () => {
      const l = lines.find((x) => x.startsWith(prefix));
      if (l) return resolve(l);
      if (lines.some((x) => x.startsWith('ERROR'))) return reject(new Error(lines.join('\n')));
      if (Date.now() - t0 > ms) return reject(new Error(`peer never said ${prefix}:\n${lines.join('\n')}`));
      setTimeout(poll, 100);
    };
    poll();
  });
  return { jid, lines, said, stop: () => peer.kill('SIGTERM') };
}
