// Message styling (XEP-0393), links and /me between two Starling pages through Prosody: Alice sends
// "*bold* _it_ ~no~ `code` https://example.org/x" and Bob's page draws it in styled runs (styledRuns());
// a click on the link asks the browser for a new tab without opener or referrer (window.open stubbed to
// record it); "/me waves" is drawn "* <alice> waves"; a quotation and a preformatted block. A screenshot of Bob's chat goes to the test output.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  startSiteServer, launchBrowser, hook, waitInPage, waitForMessage, twoAccounts, befriend,
} from './support.mjs';

let site, browser;
before(async () => { site = await startSiteServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await site?.close(); });

const runsOf = (page) => page.evaluate(() => window.__xmppTest.styledRuns());

test('a styled message is drawn styled, its link opens a new tab, /me is an action', async () => {
  const { alice, bob, aJid, bJid } = await twoAccounts(browser, site.url, 'sa', 'sb');
  await befriend(alice, aJid, bob, bJid);

  const styled = '*bold* _it_ ~no~ `code` https://example.org/x';
  assert.equal(await hook(alice, 'send', bJid, styled), true);
  await waitForMessage(bob, aJid, styled);
  assert.equal(await hook(alice, 'send', bJid, '/me waves'), true);
  await waitForMessage(bob, aJid, '/me waves');
  assert.equal(await hook(alice, 'send', bJid, '> quoted _words_\n```\nconst x = 1; // *not styled*\n```'), true);
  await waitForMessage(bob, aJid, '> quoted _words_\n```\nconst x = 1; // *not styled*\n```');
  assert.equal(await hook(bob, 'openChat', aJid), true);
  await waitInPage(bob, () => window.__xmppTest.styledRuns().some((r) => r.style === 'pre'), null,
    { what: 'the preformatted block drawn' });

  const runs = await runsOf(bob);
  const style = (text) => runs.filter((r) => r.text === text).map((r) => r.style);
  assert.deepEqual(style('bold'), ['strong']);
  assert.deepEqual(style('it'), ['em']);
  assert.deepEqual(style('no'), ['strike']);
  assert.deepEqual(style('code'), ['code']);
  assert.deepEqual(style('https://example.org/x'), ['link']);
  assert.deepEqual(style('*'), ['strong marker', 'strong marker']);
  assert.deepEqual(style(`* ${aJid} waves`), ['action'], 'Alice (no roster name: her address) waves');
  assert.deepEqual(style('words'), ['em quote']);
  assert.deepEqual(style('const x = 1; // *not styled*'), ['pre']);

  const outDir = process.env.STARLING_TEST_OUT || path.resolve('build');
  await bob.screenshot({ path: path.join(outDir, 'styling-chat.png') });

  // A click on the link: window.open(url, "_blank", "noopener,noreferrer"), recorded instead of opened.
  await bob.evaluate(() => {
    window.__opened = [];
    window.open = (...args) => { window.__opened.push(args); return null; };
  });
  const link = runs.find((r) => r.text === 'https://example.org/x');
  await bob.mouse.move(link.x + link.w / 2, link.y + link.h / 2);
  await bob.mouse.down();
  await bob.mouse.up();
  await waitInPage(bob, () => window.__opened.length > 0, null, { what: 'window.open called' });
  assert.deepEqual(await bob.evaluate(() => window.__opened),
    [['https://example.org/x', '_blank', 'noopener,noreferrer']]);

  await alice.context().close();
  await bob.context().close();
});
