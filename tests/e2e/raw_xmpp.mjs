// A bare XMPP client for the tests: a contact that sends exactly the stanzas it is given (no OMEMO, no
// receipts, no archive), over Prosody's WebSocket from inside a page (Node 20 has no WebSocket): RFC 7395
// open, SASL PLAIN (our test Prosody allows it), bind, the stanzas, a ping to know they were handled,
// close. The account must exist. Resolves with the frames that came in after the stanzas were sent (their
// answers) and were not the ping's.
export function rawSend(page, { wsUrl, jid, password, stanzas, resource = 'raw' }) {
  return page.evaluate(async ([url, bare, pass, list, res]) => {
    const [local, domain] = bare.split('@');
    const ws = new WebSocket(url, 'xmpp');
    const frames = [];
    let wake = () => {};
    ws.onmessage = (e) => { frames.push(String(e.data)); wake(); };
    ws.onclose = () => wake();
    const deadline = Date.now() + 20000;
    const next = async (what, match) => {
      for (;;) {
        const i = frames.findIndex(match);
        if (i >= 0) return frames.splice(i, 1)[0];
        if (Date.now() > deadline || ws.readyState > 1) throw new Error(`raw client: no ${what}; got ${frames.join(' ')}`);
        await new Promise((r) => { wake = r; setTimeout(r, 200); });
      }
    };
    await new Promise((ok, fail) => { ws.onopen = ok; ws.onerror = () => fail(new Error(`raw client: ${url} refused`)); });
    const open = `<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="${domain}" version="1.0"/>`;
    ws.send(open);
    await next('features', (f) => f.includes('mechanisms'));
    ws.send(`<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="PLAIN">${btoa(`\0${local}\0${pass}`)}</auth>`);
    const auth = await next('SASL outcome', (f) => f.includes('<success') || f.includes('<failure'));
    if (!auth.includes('<success')) throw new Error(`raw client: ${auth}`);
    ws.send(open);
    await next('bind feature', (f) => f.includes('urn:ietf:params:xml:ns:xmpp-bind'));
    ws.send(`<iq xmlns="jabber:client" type="set" id="raw-bind"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><resource>${res}</resource></bind></iq>`);
    await next('bind result', (f) => /id=["']raw-bind["']/.test(f));
    for (const s of list) ws.send(s);
    ws.send(`<iq xmlns="jabber:client" type="get" id="raw-ping" to="${domain}"><ping xmlns="urn:xmpp:ping"/></iq>`);
    await next('ping result', (f) => /id=["']raw-ping["']/.test(f));
    ws.send('<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>');
    ws.close();
    return frames;
  }, [wsUrl, jid, password, stanzas, resource]);
}

// A plain chat message from `from` to `to` (XML-escaped body).
export function chatStanza(to, body, id = `raw-${Date.now()}-${Math.random().toString(16).slice(2)}`) {
  const esc = body.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<message xmlns="jabber:client" to="${to}" type="chat" id="${id}"><body>${esc}</body></message>`;
}
