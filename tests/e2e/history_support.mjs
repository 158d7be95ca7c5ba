// Helpers for the history and search end-to-end tests: a long chat written into the page's IndexedDB
// store while the app is not running (one tab owns the store), in the one-file history format that
// Starling reads (and splits into segments when it first loads it).
import { editStoreOutsideApp } from './idbfs.mjs';
import { hook, waitInPage } from './support.mjs';

// In the page (same origin, app not loaded): every IDBFS entry of the chat with `peer` (a one-file
// history or a segment directory) is replaced by one history file holding the records already stored
// (oldest first) followed by `bodies.length` generated messages, older than the stored ones. Returns the
// number of message records written.
function writeChat([peer, bodies]) {
  return new Promise((resolve, reject) => {
    if (localStorage.getItem('starling-journal')) { reject(new Error('a journal is pending: the store is not synced')); return; }
    window.openIdbfsStore(({ db, store, keys: allKeys }) => {
      const keys = allKeys.map(String).filter((k) => k.includes('/history/') && k.includes(peer));
      const files = keys.filter((k) => /\.log$/.test(k)).sort();
      if (!files.length) { reject(new Error(`no history stored for ${peer}: ${allKeys}`)); return; }
      const first = files[0];
      const dirMatch = first.match(/^(.*)\.d\/s\d+\.log$/);
      const target = dirMatch ? `${dirMatch[1]}.log` : first;
      const entries = [];
      let pending = files.length;
      files.forEach((k, i) => {
        const get = store.get(k);
        get.onsuccess = () => {
          entries[i] = get.result;
          if (--pending > 0) return;
          const stored = entries.map((e) => new TextDecoder().decode(e.contents)).join('').split('\n').filter((l) => l.trim());
          const msgs = stored.filter((l) => JSON.parse(l).t === 'msg');
          const head = stored.filter((l) => JSON.parse(l).t === 'peer');
          const rest = stored.filter((l) => JSON.parse(l).t !== 'peer');
          const real = JSON.parse(msgs[0]);
          const oldest = real.ts || Date.now();
          const out = [...head];
          bodies.forEach((body, n) => {
            const inc = n % 3 !== 0;
            out.push(JSON.stringify({
              t: 'msg', id: `hist-${n}`, sid: `hsid-${n}`, from: inc ? real.from : '', body,
              dir: inc ? 'in' : 'out', st: inc ? 'received' : 'delivered', enc: false,
              ts: oldest - (bodies.length - n) * 60000,
            }));
          });
          out.push(...rest);
          const entry = entries[0];
          entry.contents = new TextEncoder().encode(out.join('\n') + '\n');
          entry.timestamp = new Date();
          keys.forEach((k) => store.delete(k));
          const put = store.put(entry, target);
          put.onsuccess = () => { db.close(); resolve(bodies.length); };
          put.onerror = () => reject(put.error);
        };
        get.onerror = () => reject(get.error);
      });
    }, reject);
  });
}

// Leaves the app (to a page of the same origin that does not run it), writes the long chat, opens the
// app again and waits until the remembered session is back and the chat's row is drawn.
export async function withLongChat(page, siteUrl, peer, bodies) {
  const written = await editStoreOutsideApp(page, siteUrl, writeChat, [peer, bodies]);
  await page.goto(siteUrl);
  await waitInPage(page, (j) => window.__xmppTest && window.__xmppTest.loggedIn() && window.__xmppTest.rosterShown().includes(j),
    peer, { what: 'session back and the chat row drawn', timeout: 60000 });
  return written;
}

// Does `action` (a click or a key: the page draws at least 3 frames for each) and waits until `n` frames were
// drawn since just before it. Counting from after the action raced with the page: a page that draws only
// when something changes may have drawn all its frames before the count was read, and then draws no more
// (the search test timed out so once the caret stopped waking the canvas).
export async function framesAfter(page, action, n = 2) {
  const f = await hook(page, 'frames');
  await action();
  await waitInPage(page, ([f0, k]) => window.__xmppTest.frames() >= f0 + k, [f, n], { what: `${n} frames` });
}
