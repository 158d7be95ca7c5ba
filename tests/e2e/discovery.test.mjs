// XEP-0156 through the browser, and the login screen's problems: a config.json without a WebSocket for
// the domain makes the page fetch https://DOMAIN/.well-known/host-meta(.json) itself (answered here by
// Playwright's page.route, which is the page's real fetch path); no endpoint and an unreachable server
// are shown in plain words on the login screen (drawn, not just in the state).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import {
  startSiteServer, launchBrowser, newPage, openApp, hook, waitInPage, uniqueName, jidOf, prosody, WS_URL, DOMAIN,
  waitForDrawn, drawnText,
} from './support.mjs';

let site, browser;
before(async () => {
  // The deployer's config names the domain but no WebSocket: the endpoint must be discovered.
  site = await startSiteServer({ config: { defaultDomain: DOMAIN } });
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); await site?.close(); });

const HOST_META = `https://${DOMAIN}/.well-known/host-meta`;
const CORS = { 'access-control-allow-origin': '*' };

const xrd = (url) => `<?xml version='1.0' encoding='utf-8'?>
<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'>
  <Link rel="urn:xmpp:alt-connections:websocket" href="${url}"/>
</XRD>`;
const jrd = (url) => JSON.stringify({ links: [{ rel: 'urn:xmpp:alt-connections:websocket', href: url }] });

// Routes both host-meta documents; `xml` / `json` are {status, body, type} or null (404). Returns the
// list of URLs the page fetched.
async function serveHostMeta(page, { xml, json }) {
  const fetched = [];
  const answer = (spec) => async (route) => {
    fetched.push(route.request().url());
    if (!spec) return route.fulfill({ status: 404, headers: CORS, body: 'not found' });
    return route.fulfill({ status: spec.status || 200, headers: { ...CORS, 'content-type': spec.type }, body: spec.body });
  };
  await page.route(HOST_META, answer(xml));
  await page.route(`${HOST_META}.json`, answer(json));
  return fetched;
}

async function loginByDiscovery(page, user, password) {
  await openApp(page, site.url);
  // Typed as on the form: the address only, no WebSocket URL.
  assert.equal(await hook(page, 'login', '', jidOf(user), password), true);
}

test('log in through host-meta (XML) with no WebSocket URL typed or configured', async () => {
  const user = uniqueName('dx'), password = `p-${user}`;
  await prosody.register(user, password);
  const page = await newPage(browser);
  const fetched = await serveHostMeta(page, { xml: { body: xrd(WS_URL), type: 'application/xrd+xml' }, json: null });
  await loginByDiscovery(page, user, password);
  await waitInPage(page, () => window.__xmppTest.loggedIn(), null, { what: 'logged in through host-meta XML' });
  assert.ok(fetched.includes(HOST_META), `the page fetched ${JSON.stringify(fetched)}`);
  const st = await hook(page, 'state');
  assert.ok(st.ownJid.startsWith(`${jidOf(user)}/`), st.ownJid);
  await page.context().close();
});

test('log in through host-meta.json (JRD) when the XML document is missing', async () => {
  const user = uniqueName('dj'), password = `p-${user}`;
  await prosody.register(user, password);
  const page = await newPage(browser);
  const fetched = await serveHostMeta(page, { xml: null, json: { body: jrd(WS_URL), type: 'application/json' } });
  await loginByDiscovery(page, user, password);
  await waitInPage(page, () => window.__xmppTest.loggedIn(), null, { what: 'logged in through host-meta JSON' });
  assert.ok(fetched.includes(`${HOST_META}.json`), `the page fetched ${JSON.stringify(fetched)}`);
  await page.context().close();
});

test('no endpoint found (host-meta garbage and 404): a clear message on the login screen', async () => {
  const page = await newPage(browser);
  const fetched = await serveHostMeta(page, { xml: { body: '<html><body>It works!</body></html>', type: 'text/html' }, json: null });
  await loginByDiscovery(page, uniqueName('dn'), 'whatever');
  await waitInPage(page, () => window.__xmppTest.state().loginProblem === 'no-endpoint', null, { what: 'no-endpoint' });
  const shown = await waitForDrawn(page, 'WebSocket endpoint', 'the no-endpoint message drawn');
  assert.match(shown.text, /does not offer a WebSocket endpoint/);
  assert.equal(fetched.length, 2, `both documents asked for: ${JSON.stringify(fetched)}`);
  const st = await hook(page, 'state');
  assert.equal(st.connection, 'Failed');
  assert.ok((await drawnText(page)).some((t) => t.text === 'Log in'), 'still on the login screen');
  await page.context().close();
});

test('unreachable server (a WebSocket URL to a closed port): a clear message on the login screen', async () => {
  const port = await new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => { const p = srv.address().port; srv.close(() => resolve(p)); });
  });
  const page = await newPage(browser);
  await openApp(page, site.url);
  assert.equal(await hook(page, 'login', `ws://127.0.0.1:${port}/xmpp-websocket`, jidOf(uniqueName('du')), 'pw'), true);
  await waitInPage(page, () => window.__xmppTest.state().loginProblem === 'unreachable', null, { what: 'unreachable' });
  const shown = await waitForDrawn(page, 'cannot be reached', 'the unreachable message drawn');
  assert.match(shown.text, /The server cannot be reached/);
  assert.ok((await drawnText(page)).some((t) => t.text === 'Log in'), 'still on the login screen');
  await page.context().close();
});
