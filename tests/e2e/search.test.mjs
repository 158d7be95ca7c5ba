// Search in the page: an account with a few thousand stored messages, a Cyrillic query typed by
// keyboard in mixed case into the search field, the hit drawn with its chat, a click opens the chat
// at the message (visible and highlighted), Ctrl+K and Escape clear the field and bring the contacts back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startSiteServer, launchBrowser, newPage, openApp, hook, waitInPage, uniqueName, jidOf, registerViaHook,
  waitForMessage, waitForStored, waitForDrawn,
} from './support.mjs';
import { withLongChat, framesAfter } from './history_support.mjs';

let site, browser;
before(async () => { site = await startSiteServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await site?.close(); });

const N = 3000;
const TARGET = 1700;
const bodyOf = (i) => (i === TARGET ? 'Встреча: ПРИВЕТ из прошлого 🙂' : `message ${i} of a long chat${i % 9 === 0 ? '\nwith a second line' : ''}`);

test('a Cyrillic query typed in mixed case finds an old message; a click opens it highlighted', async () => {
  const page = await newPage(browser);
  const peerPage = await newPage(browser);
  await Promise.all([openApp(page, site.url), openApp(peerPage, site.url)]);
  const user = uniqueName('srch'), peer = uniqueName('srchpeer');
  await registerViaHook(page, user, `pw-${user}`);
  await registerViaHook(peerPage, peer, `pw-${peer}`);
  const peerJid = jidOf(peer);
  await hook(peerPage, 'send', jidOf(user), 'the first real message');
  await waitForMessage(page, peerJid, 'the first real message');
  await waitForStored(page, 'the first real message');
  await peerPage.context().close();

  const bodies = Array.from({ length: N }, (_, i) => bodyOf(i));
  await withLongChat(page, site.url, peerJid, bodies);

  // Click the field, type by keyboard (the hidden-textarea bridge carries Cyrillic).
  const field = await waitForDrawn(page, 'Search messages…');
  await framesAfter(page, () => page.mouse.click(field.x + field.w / 2, field.y + field.h / 2), 3);
  const query = 'пРиВеТ';
  await page.keyboard.type(query, { delay: 20 });
  await waitInPage(page, (q) => window.__xmppTest.search().query === q, query, { what: 'query typed into the field' });
  const searching = await hook(page, 'rosterShown');
  assert.deepEqual(searching, [], 'results replace the contact list');
  const row = await waitInPage(page, () => {
    const s = window.__xmppTest.search();
    const r = window.__xmppTest.searchResults();
    return !s.running && r.length ? r[0] : null;
  }, null, { what: 'search finished with a result drawn', timeout: 30000 });
  const s = await hook(page, 'search');
  assert.equal(s.hits.length, 1, JSON.stringify(s.hits.slice(0, 3)));
  const hit = s.hits[0];
  assert.equal(hit.peer, peerJid);
  assert.equal(hit.id, row.id);
  const match = new TextDecoder().decode(new TextEncoder().encode(hit.snippet).slice(hit.matchStart, hit.matchStart + hit.matchLength));
  assert.equal(match, 'ПРИВЕТ');
  assert.ok(s.scanned >= N, `scanned ${s.scanned}`);

  // Open it: the chat at that message, visible and highlighted; the query stays.
  await page.mouse.click(row.x + row.w / 2, row.y + row.h / 2);
  await waitInPage(page, ([j, id]) => window.__xmppTest.state().openChat === j && window.__xmppTest.highlighted() === id &&
    window.__xmppTest.visibleMessages().some((m) => m.id === id), [peerJid, hit.id], { what: 'the hit shown and highlighted' });
  assert.ok(await hook(page, 'isTextVisible', 'ПРИВЕТ из прошлого'));
  assert.equal((await hook(page, 'search')).query, query);
  const newest = bodies.length ? 'the first real message' : '';
  assert.equal(await hook(page, 'isTextVisible', newest), false, 'the view is at the hit, not at the newest message');
  // The highlight fades after about two seconds (the page draws that frame by itself).
  await waitInPage(page, () => window.__xmppTest.highlighted() === '', null, { what: 'highlight gone', timeout: 6000 });

  // Ctrl+K focuses the field, Escape clears it: the contacts are back.
  await framesAfter(page, () => page.keyboard.press('Control+K'), 3);
  await page.keyboard.press('Escape');
  await waitInPage(page, (j) => window.__xmppTest.search().query === '' && window.__xmppTest.rosterShown().includes(j), peerJid,
    { what: 'search cleared, contacts back' });
  await page.context().close();
});
