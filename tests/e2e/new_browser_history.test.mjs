// A new browser on an account with history (issue 11, item 3): Alice wrote 150 messages to Bob, then 150
// newer ones to Carol, from another device (bench/tools/archive_seed.py: only her archive has them).
// A fresh browser context logs in and fetches the newest 100 of the account, all to Carol. Bob's chat
// must not stay "No messages yet": the chat list learns his last message, opening his chat shows his
// newest messages, and scrolling up brings the older ones, down to the first.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  startSiteServer, launchBrowser, newPage, openApp, hook, waitInPage, loginViaHook, uniqueName, jidOf, prosody,
} from './support.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const PER_CHAT = 150;

let site, browser;
before(async () => {
  site = await startSiteServer();
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); await site?.close(); });

// Alice sends `count` messages "#0 …" … "#<count-1> …" to `to` over c2s and waits until the server
// acknowledged them all (archived); `roster` contacts are put in her roster first.
function seed(user, password, to, count, roster = []) {
  const c2s = Number(readFileSync(path.join(process.env.STARLING_PROSODY_DIR, 'ports'), 'utf8').split('\n')[1]);
  const args = [path.join(REPO, 'bench', 'tools', 'archive_seed.py'), '--jid', jidOf(user), '--password', password,
    '--port', String(c2s), '--to', to, '--count', String(count)];
  for (const jid of roster) args.push('--roster', jid);
  const out = execFileSync('/usr/bin/python3', args, { timeout: 120000, stdio: ['ignore', 'pipe', 'inherit'] }).toString();
  assert.ok(out.includes(`SENT ${count}`), `archive seeding failed: ${out}`);
}

test('a new browser shows an older chat: its last message in the chat list, its newest page when opened, older pages when scrolled up',
  { timeout: 240000 }, async () => {
    const a = uniqueName('nba'), b = uniqueName('nbb'), c = uniqueName('nbc');
    const bJid = jidOf(b), cJid = jidOf(c);
    for (const u of [a, b, c]) await prosody.register(u, `pw-${u}`);
    seed(a, `pw-${a}`, bJid, PER_CHAT, [bJid, cJid]);
    // Archive stamps have whole seconds: Carol's chat is newer by more than one, so the list's order is defined.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    seed(a, `pw-${a}`, cJid, PER_CHAT);

    const page = await newPage(browser);  // its own context: nothing stored
    await openApp(page, site.url);
    await loginViaHook(page, a, `pw-${a}`);
    await waitInPage(page, (jids) => jids.every((j) => window.__xmppTest.rosterShown().includes(j)), [bJid, cJid],
      { what: 'both rows drawn', timeout: 30000 });
    await waitInPage(page, () => window.__xmppTest.state().sync === 'Done', null, { what: 'newest page in' });
    const newest = `#${PER_CHAT - 1} `;
    const carol = await hook(page, 'history', cJid);
    assert.equal(carol.length, 100, 'the account\'s newest page: Carol\'s newest 100');
    assert.ok(carol[carol.length - 1].body.startsWith(newest));

    // The chat list: Bob's last message, without opening his chat.
    await waitInPage(page, ([j, t]) => {
      const h = window.__xmppTest.history(j);
      return h.length > 0 && h[h.length - 1].body.startsWith(t);
    }, [bJid, newest], { what: 'Bob\'s last message known', timeout: 30000 });
    await waitInPage(page, ([j, t]) => window.__xmppTest.rosterPreviews().some((p) => p.jid === j && p.text.includes(t)),
      [bJid, newest], { what: 'Bob\'s last message drawn in the chat list', timeout: 30000 });
    const rows = await hook(page, 'rosterShown');
    assert.ok(rows.indexOf(cJid) < rows.indexOf(bJid), `the newer chat (Carol's) comes first: ${rows}`);

    // Opening his chat: his newest messages drawn.
    assert.equal(await hook(page, 'openChat', bJid), true);
    await waitInPage(page, (t) => window.__xmppTest.isTextVisible(t), newest, { what: 'Bob\'s newest drawn', timeout: 30000 });
    await waitInPage(page, (j) => window.__xmppTest.history(j).length >= 100, bJid, { what: 'Bob\'s newest page in' });

    // Scrolling up: older pages, down to the first message.
    await page.mouse.move(700, 300);  // inside the chat history of the wide layout
    const deadline = Date.now() + 60000;
    while (!(await hook(page, 'isTextVisible', '#0 '))) {
      if (Date.now() > deadline) {
        const shot = path.join(process.env.STARLING_TEST_OUT || os.tmpdir(), 'new_browser_history.png');
        await page.screenshot({ path: shot });
        const st = await hook(page, 'state');
        throw new Error(`the first message never drawn (screenshot: ${shot}): ` +
          `${(await hook(page, 'history', bJid)).length} in the chat, ` +
          `${JSON.stringify(st.conversations.find((x) => x.jid === bJid))}\n${page.consoleLines.slice(-15).join('\n')}`);
      }
      const f = await hook(page, 'frames');
      await page.mouse.wheel(0, -600);
      await page.waitForFunction((n) => window.__xmppTest.frames() > n, f, { polling: 'raf', timeout: 5000 }).catch(() => {});
    }
    const bodies = (await hook(page, 'history', bJid)).map((m) => m.body.split(' ')[0]);
    assert.deepEqual(bodies, Array.from({ length: PER_CHAT }, (_, i) => `#${i}`), 'every message once, in order');
    assert.ok((await hook(page, 'history', bJid)).every((m) => m.direction === 'outgoing'));
    assert.equal((await hook(page, 'state')).totalUnread, 0, 'history, not news');
    await page.context().close();
  });
