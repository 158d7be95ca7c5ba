// The archive stops answering during the catch-up (issue #3): Alice's page is closed, Bob writes to her,
// and when she comes back tests/tools/chaos_proxy.mjs drops every archive answer (server→client
// messages in urn:xmpp:mam:2). The page must show the gap marker "Load missing messages" — not loop
// (no more archive queries after the marker is up), not go silent — and a click on it once the archive
// answers again brings exactly the missing messages, in order, and the marker goes away.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startSiteServer, launchBrowser, newPage, openApp, hook, waitInPage, waitForMessage,
  waitForStored, waitForDrawn, drawnText, clickDrawn, startChaosProxy, twoAccounts,
} from './support.mjs';

const LOAD_MISSING = 'Load missing messages';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let site, browser, proxy;
before(async () => {
  proxy = await startChaosProxy();
  site = await startSiteServer({ config: { defaultDomain: 'localhost', defaultWebsocket: proxy.wsUrl } });
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); await site?.close(); await proxy?.stop(); });

const muted = () => proxy.events.filter((e) => e.event === 'muted').length;

test('an archive that stops answering during catch-up shows the gap marker; a click fills the gap once it answers',
  { timeout: 180000 }, async () => {
    const accounts = await twoAccounts(browser, site.url, 'ga', 'gb', proxy.wsUrl);
    let { alice } = accounts;
    const { bob, aJid, bJid } = accounts;
    const first = 'before the gap: привет 👋';
    assert.equal(await hook(bob, 'send', aJid, first), true);
    await waitForMessage(alice, bJid, first);
    await waitInPage(alice, () => window.__xmppTest.state().sync === 'Done', null, { what: 'alice caught up' });
    await waitForStored(alice, first);

    // Alice's tab closes (her store stays in the context); Bob writes while she is away.
    const context = alice.context();
    await alice.close();
    const missed = ['missed 1', 'пропущено 2 ✓', 'missed 3 🦔'];
    for (const text of missed) assert.equal(await hook(bob, 'send', aJid, text), true);
    await waitInPage(bob, (p) => window.__xmppTest.history(p).filter((m) => m.status !== 'queued').length === 4, aJid,
      { what: 'bob: all sent' });

    proxy.send('mute urn:xmpp:mam:2');
    alice = await context.newPage();
    alice.consoleLines = [];
    alice.on('console', (m) => alice.consoleLines.push(`${m.type()}: ${m.text()}`));
    await openApp(alice, site.url);
    await waitInPage(alice, () => window.__xmppTest.loggedIn(), null, { what: 'alice back (remembered)' });
    await waitInPage(alice, (j) => window.__xmppTest.rosterShown().includes(j), bJid, { what: 'bob\'s row drawn' });
    assert.equal(await hook(alice, 'openChat', bJid), true);
    // The catch-up's page times out (20 s): a visible gap, not silence.
    const marker = await waitForDrawn(alice, LOAD_MISSING, 'the gap marker drawn', { timeout: 45000 });
    assert.equal(marker.text, LOAD_MISSING);
    const st = await hook(alice, 'state');
    assert.equal(st.sync, 'Gap');
    assert.ok(muted() >= 1, 'the proxy never dropped an archive answer');
    const bodies = (await hook(alice, 'history', bJid)).map((m) => m.body);
    assert.deepEqual(bodies, [first], 'messages arrived although the archive was silent');
    // No loop: no further archive query while the marker is shown.
    const mutedAtGap = muted();
    await sleep(3000);
    assert.equal(muted(), mutedAtGap, 'archive queries kept going after the gap was shown');
    assert.ok((await drawnText(alice)).some((t) => t.text === LOAD_MISSING), 'the marker went away by itself');

    proxy.send('unmute');
    await clickDrawn(alice, LOAD_MISSING);
    await waitInPage(alice, ([p, n]) => window.__xmppTest.history(p).length >= n, [bJid, 1 + missed.length],
      { what: 'missing messages loaded', timeout: 30000 });
    await waitInPage(alice, (t) => !window.__xmppTest.drawnText().some((d) => d.text === t), LOAD_MISSING,
      { what: 'the marker gone once the gap is filled', timeout: 30000 });
    await sleep(1000);
    const after = await hook(alice, 'history', bJid);
    assert.deepEqual(after.map((m) => m.body), [first, ...missed], 'exactly the missing messages, in order, once');
    await waitInPage(alice, (t) => window.__xmppTest.isTextVisible(t), missed[2], { what: 'the newest drawn' });
    assert.notEqual((await hook(alice, 'state')).sync, 'Gap');
    await context.close();
    await bob.context().close();
  });
