#!/usr/bin/python3
"""The contact of bench/vs_converse.mjs: a bare XMPP client (Debian's slixmpp, plain c2s to our loopback
Prosody) that is nobody's page, so it costs the measured browser nothing.

First each --friend JID:PASSWORD logs in, names PEER in its roster and subscribes to it; PEER approves and
subscribes back (slixmpp's auto_authorize/auto_subscribe), the friend approves that: both sides end at
subscription "both". The friends log out; PEER stays online and prints "READY". Then one command a line
on stdin:

    send TO BODY...     a chat message to TO; prints "SENT" once written to the socket
    flood TO N PREFIX   N chat messages "PREFIX i" (i = 0..N-1) to TO; prints "FLOODED N" once the
                        server acknowledged all of them (XEP-0198)
    quit                log out and exit

    xmpp_peer.py --port C2S --jid PEER --password PW [--friend JID:PW ...]

Prints "ERROR <what>" (exit 1) on failure."""
import argparse
import asyncio
import sys

from slixmpp import ClientXMPP


def fail(what):
    print("ERROR", what, flush=True)
    sys.exit(1)


class Friend(ClientXMPP):
    def __init__(self, jid, password, peer):
        super().__init__(jid, password)
        self.peer = peer
        self.done = asyncio.Event()
        self.add_event_handler("session_start", self.start)
        self.add_event_handler("failed_auth", lambda _e: fail(f"authentication of {jid} failed"))

    async def start(self, _event):
        await self.get_roster()
        self.send_presence()
        await self.update_roster(self.peer, name=self.peer.split("@")[0])
        self.send_presence_subscription(pto=self.peer)
        for _ in range(200):
            item = self.client_roster[self.peer]
            if item["subscription"] == "both":
                self.done.set()
                return
            await asyncio.sleep(0.05)
        fail(f"{self.boundjid.bare} and {self.peer} not subscribed both ways: {item['subscription']}")


class Peer(ClientXMPP):
    def __init__(self, jid, password):
        super().__init__(jid, password)
        self.register_plugin("xep_0198")
        self.online = asyncio.Event()
        self.add_event_handler("session_start", self.start)
        self.add_event_handler("failed_auth", lambda _e: fail("peer authentication failed"))

    async def start(self, _event):
        await self.get_roster()
        self.send_presence()
        self.online.set()


async def run(args):
    loop = asyncio.get_event_loop()
    peer = Peer(args.jid, args.password)
    peer.connect(("127.0.0.1", args.port), disable_starttls=True, force_starttls=False)
    await asyncio.wait_for(peer.online.wait(), 30)
    for spec in args.friend:
        jid, password = spec.split(":", 1)
        f = Friend(jid, password, args.jid)
        f.connect(("127.0.0.1", args.port), disable_starttls=True, force_starttls=False)
        await asyncio.wait_for(f.done.wait(), 30)
        f.disconnect()
    print("READY", flush=True)
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    sm = peer["xep_0198"]
    while True:
        line = (await reader.readline()).decode("utf-8")
        if not line or line.strip() == "quit":
            break
        cmd, _, rest = line.rstrip("\n").partition(" ")
        if cmd == "send":
            to, _, body = rest.partition(" ")
            peer.send_message(mto=to, mbody=body, mtype="chat")
            print("SENT", flush=True)
        elif cmd == "flood":
            to, n, prefix = rest.split(" ", 2)
            for i in range(int(n)):
                peer.send_message(mto=to, mbody=f"{prefix} {i}", mtype="chat")
                if i % 200 == 199:
                    await asyncio.sleep(0.05)  # let the socket drain
            for _ in range(1200):
                sm.request_ack()
                await asyncio.sleep(0.1)
                if len(sm.unacked_queue) == 0:
                    break
            else:
                fail(f"{len(sm.unacked_queue)} messages not acknowledged")
            print("FLOODED", n, flush=True)
        else:
            fail(f"unknown command {cmd!r}")
    peer.disconnect()
    await asyncio.sleep(0.2)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--jid", required=True)
    p.add_argument("--password", required=True)
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--friend", action="append", default=[])
    args = p.parse_args()
    asyncio.get_event_loop().run_until_complete(run(args))


if __name__ == "__main__":
    main()
