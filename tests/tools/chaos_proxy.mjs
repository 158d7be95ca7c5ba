#!/usr/bin/env node
// chaos_proxy.mjs — a loopback TCP proxy that cuts connections on purpose (fault injection for the
// stream-management and no-loss tests). Node only, no dependencies. Bytes pass through unchanged,
// so an HTTP WebSocket upgrade to Prosody works through it.
//
//   node tests/tools/chaos_proxy.mjs --target PORT [--port PORT] [--control-port PORT]
//        [--drop-every-ms MIN:MAX] [--seed N] [--lifetime-s S]
//
//   --target        Prosody's HTTP port on 127.0.0.1 (required). Only 127.0.0.1 is ever dialled.
//   --port          where to listen on 127.0.0.1 (default 0 = any free port).
//   --control-port  a tiny HTTP control endpoint on 127.0.0.1 (default 0 = any free port):
//                     POST|GET /drop     cut every open connection now → {"dropped":N}
//                     GET /stats         → {"open":N,"accepted":N,"dropped":N}
//                     POST|GET /chaos?min=MS&max=MS   start cutting at random intervals (seeded)
//                     POST|GET /calm     stop the random cuts
//                     POST|GET /mute?ns=URI   silence the server: drop every server→client WebSocket
//                                        message holding an element in namespace URI (default
//                                        urn:xmpp:mam:2, i.e. the archive stops answering: its
//                                        results and <fin/> never arrive; a disco#info feature
//                                        var="urn:xmpp:mam:2" still passes) → {"mute":URI}
//                     POST|GET /unmute   let everything through again
//                     POST|GET /quit     exit
//   --drop-every-ms MIN:MAX   also cut everything at random intervals in [MIN, MAX] ms
//                   (deterministic sequence for a given --seed; default seed 1).
//   --lifetime-s    exit after this many seconds (default 600): never outlives a test run.
//
// stdin (line commands, same as the endpoint): "drop", "stats", "chaos MIN MAX", "calm", "mute [URI]",
// "unmute", "quit"; stdin only: "grow MARKER UNIT TIMES" (a hostile server for the huge-message bench:
// every server→client message holding MARKER reaches the client with MARKER replaced by UNIT repeated
// TIMES times, as one text frame; Prosody itself refuses stanzas over 256 KiB), "ungrow". EOF on stdin also exits,
// so a parent process that dies takes the proxy with it.
// stdout: first line `{"listening":PORT,"control":PORT}`; then one JSON line per event
// ({"event":"drop","dropped":N} / {"stats":...}).
// "Cut" means both sockets are destroyed at once (an RST-like abrupt close, no WebSocket close
// frame): the client sees its connection fail, the server sees the stream end uncleanly.
// "Mute" (fault injection for the archive-gap test): the server→client direction is followed frame by
// frame (RFC 6455: after the HTTP 101 answer, server frames are unmasked); a whole message (all its
// fragments) whose payload holds xmlns='URI' is dropped, everything else (other messages, control
// frames) passes byte for byte. Without a mute, bytes pass unchanged (only re-chunked at frame
// boundaries). A non-101 answer switches that connection to plain pass-through. Stream management
// sees a muted stanza as lost on the way: the server keeps it unacknowledged and may resend it after
// a resumption.
import net from 'node:net';
import http from 'node:http';
import readline from 'node:readline';

function parseArgs(argv) {
    const opts = { port: 0, controlPort: 0, target: 0, dropEvery: null, seed: 1, lifetimeS: 600 };
    for (let i = 2; i < argv.length; i++) {
        const a = argv[i];
        const v = argv[i + 1];
        if (a === '--port') { opts.port = Number(v); i++; }
        else if (a === '--control-port') { opts.controlPort = Number(v); i++; }
        else if (a === '--target') { opts.target = Number(v); i++; }
        else if (a === '--seed') { opts.seed = Number(v); i++; }
        else if (a === '--lifetime-s') { opts.lifetimeS = Number(v); i++; }
        else if (a === '--drop-every-ms') {
            const [min, max] = String(v).split(':').map(Number);
            opts.dropEvery = { min, max: max ?? min };
            i++;
        } else throw new Error(`unknown argument ${a}`);
    }
    if (!(opts.target > 0 && opts.target < 65536)) throw new Error('--target PORT is required');
    return opts;
}

// mulberry32: a small seeded PRNG, so a failing run can be replayed with its seed.
function prng(seed) {
    let s = seed >>> 0;
    return () => {
        s = (s + 0x6D2B79F5) >>> 0;
        let t = s;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

const opts = parseArgs(process.argv);
const pairs = new Set();
const stats = { accepted: 0, dropped: 0, muted: 0, grown: 0 };
let grow = null;  // { marker, text }

// One unfragmented, unmasked text frame (RFC 6455 §5.2) of `payload`.
function textFrame(payload) {
    let head;
    if (payload.length < 126) head = Buffer.from([0x81, payload.length]);
    else if (payload.length < 65536) { head = Buffer.alloc(4); head[0] = 0x81; head[1] = 126; head.writeUInt16BE(payload.length, 2); }
    else { head = Buffer.alloc(10); head[0] = 0x81; head[1] = 127; head.writeBigUInt64BE(BigInt(payload.length), 2); }
    return Buffer.concat([head, payload]);
}
const say = (obj) => process.stdout.write(JSON.stringify(obj) + '\n');

// Server→client WebSocket messages whose payload holds an element in this namespace are dropped.
let muteNs = null;
const escapeRe = (t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const muteRe = () => new RegExp(`xmlns=["']${escapeRe(muteNs)}["']`);
let muteTest = null;

// Follows one server→client byte stream: HTTP answer head, then WebSocket frames. write(chunk) for
// the bytes that pass.
function serverFilter(write) {
    let head = true;
    let raw = false;
    let buf = Buffer.alloc(0);
    let held = [];      // frames of a fragmented message not complete yet
    let heldText = [];  // their payloads
    return (chunk) => {
        if (raw) { write(chunk); return; }
        buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
        if (head) {
            const end = buf.indexOf('\r\n\r\n');
            if (end < 0) return;
            const answer = buf.subarray(0, end + 4);
            write(answer);
            buf = buf.subarray(end + 4);
            head = false;
            if (!/^HTTP\/1\.1 101/.test(answer.toString('latin1'))) { raw = true; if (buf.length) write(buf); return; }
        }
        for (;;) {
            if (buf.length < 2) return;
            let len = buf[1] & 0x7f;
            let off = 2;
            if (len === 126) { if (buf.length < 4) return; len = buf.readUInt16BE(2); off = 4; }
            else if (len === 127) { if (buf.length < 10) return; len = Number(buf.readBigUInt64BE(2)); off = 10; }
            const masked = (buf[1] & 0x80) !== 0;
            if (masked) off += 4;  // servers do not mask; pass such a frame as it is
            if (buf.length < off + len) return;
            const frame = buf.subarray(0, off + len);
            buf = buf.subarray(off + len);
            const fin = (frame[0] & 0x80) !== 0;
            const opcode = frame[0] & 0x0f;
            if (opcode >= 8 || masked) { write(frame); continue; }  // control frames pass at once
            held.push(frame);
            heldText.push(frame.subarray(off));
            if (!fin) continue;
            const text = Buffer.concat(heldText).toString('utf8');
            if (muteTest && muteTest.test(text)) {
                stats.muted++;
                say({ event: 'muted', bytes: text.length });
            } else if (grow && text.includes(grow.marker)) {
                const payload = Buffer.from(text.split(grow.marker).join(grow.text), 'utf8');
                write(textFrame(payload));
                stats.grown++;
                say({ event: 'grown', bytes: payload.length });
            } else {
                for (const f of held) write(f);
            }
            held = [];
            heldText = [];
        }
    };
}

const server = net.createServer((client) => {
    stats.accepted++;
    const upstream = net.connect({ host: '127.0.0.1', port: opts.target });
    const pair = { client, upstream };
    pairs.add(pair);
    const end = () => {
        if (!pairs.delete(pair)) return;
        client.destroy();
        upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    const filter = serverFilter((bytes) => client.write(bytes));
    upstream.on('data', (chunk) => filter(chunk));
});

function dropAll() {
    const n = pairs.size;
    for (const pair of [...pairs]) {
        pairs.delete(pair);
        pair.client.resetAndDestroy ? pair.client.resetAndDestroy() : pair.client.destroy();
        pair.upstream.resetAndDestroy ? pair.upstream.resetAndDestroy() : pair.upstream.destroy();
    }
    stats.dropped += n;
    say({ event: 'drop', dropped: n });
    return n;
}

const statsNow = () => ({ open: pairs.size, accepted: stats.accepted, dropped: stats.dropped, muted: stats.muted });

function quit() {
    for (const pair of pairs) { pair.client.destroy(); pair.upstream.destroy(); }
    process.exit(0);
}

const control = http.createServer((req, res) => {
    const path = new URL(req.url, 'http://127.0.0.1').pathname;
    res.setHeader('content-type', 'application/json');
    res.setHeader('access-control-allow-origin', '*');  // a test page may call it too
    if (path === '/drop') res.end(JSON.stringify({ dropped: dropAll() }));
    else if (path === '/stats') res.end(JSON.stringify(statsNow()));
    else if (path === '/chaos') {
        const q = new URL(req.url, 'http://127.0.0.1').searchParams;
        res.end(JSON.stringify({ chaos: chaos(Number(q.get('min')), Number(q.get('max'))) }));
    } else if (path === '/calm') { calm(); res.end('{"calm":true}'); }
    else if (path === '/mute') {
        const q = new URL(req.url, 'http://127.0.0.1').searchParams;
        res.end(JSON.stringify({ mute: mute(q.get('ns')) }));
    } else if (path === '/unmute') { mute(null, false); res.end('{"unmute":true}'); }
    else if (path === '/quit') { res.end('{"quit":true}'); setImmediate(quit); }
    else { res.statusCode = 404; res.end('{}'); }
});

const rand = prng(opts.seed);
let chaosTimer = null;
function chaos(min, max) {
    calm();
    if (!(min >= 0 && max >= min)) return false;
    const next = () => {
        chaosTimer = setTimeout(() => { dropAll(); next(); }, Math.round(min + rand() * (max - min)));
    };
    next();
    say({ event: 'chaos', min, max });
    return true;
}
function calm() {
    if (chaosTimer) clearTimeout(chaosTimer);
    chaosTimer = null;
}
// mute(ns): start dropping (ns defaults to the archive's urn:xmpp:mam:2); mute(null, false): stop.
function mute(ns, on = true) {
    muteNs = on ? (ns || 'urn:xmpp:mam:2') : null;
    muteTest = muteNs ? muteRe() : null;
    say({ event: on ? 'mute' : 'unmute', ns: muteNs });
    return muteNs;
}
if (opts.dropEvery) chaos(opts.dropEvery.min, opts.dropEvery.max);

setTimeout(quit, opts.lifetimeS * 1000).unref();

readline.createInterface({ input: process.stdin }).on('line', (line) => {
    const cmd = line.trim();
    if (cmd === 'drop') dropAll();
    else if (cmd === 'stats') say({ stats: statsNow() });
    else if (cmd.startsWith('chaos ')) chaos(...cmd.split(/\s+/).slice(1, 3).map(Number));
    else if (cmd === 'calm') { calm(); say({ event: 'calm' }); }
    else if (cmd === 'mute' || cmd.startsWith('mute ')) mute(cmd.split(/\s+/)[1]);
    else if (cmd === 'unmute') mute(null, false);
    else if (cmd.startsWith('grow ')) {
        const [, marker, unit, times] = cmd.split(/\s+/);
        grow = { marker, text: unit.repeat(Number(times)) };
        say({ event: 'grow', marker, bytes: Buffer.byteLength(grow.text) });
    } else if (cmd === 'ungrow') grow = null;
    else if (cmd === 'quit') quit();
}).on('close', quit);

server.listen(opts.port, '127.0.0.1', () => {
    control.listen(opts.controlPort, '127.0.0.1', () => {
        say({ listening: server.address().port, control: control.address().port });
    });
});
