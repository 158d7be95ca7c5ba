#!/usr/bin/python3
"""Fills an account's server archive for the history benchmarks: logs in as the sender over plain c2s
(loopback Prosody, no TLS) with Debian's slixmpp, sends COUNT chat messages to TO (bodies "#i <words>",
mixed Latin/Cyrillic/emoji, some multi-line), then waits until the server has acknowledged them all with
XEP-0198 (so they are archived) and exits. Each --roster JID is first put in the sender's roster (no
subscription), as contacts a new device finds there.

    archive_seed.py --jid SENDER --password PW --port C2S --to JID --count N [--roster JID ...]

Prints "SENT N" when done, "ERROR <what>" (exit 1) on failure."""
import argparse
import asyncio
import sys

from slixmpp import ClientXMPP

WORDS = ["hello", "привет", "a longer line that wraps onto a second row in a narrow chat pane of the page",
         "ok 👍", "short", "Съешь же ещё этих мягких французских булок", "the quick brown fox"]


def body(i):
    text = f"#{i} {WORDS[i % len(WORDS)]}"
    return text + ("\nsecond line\nthird line" if i % 7 == 0 else "")


class Seeder(ClientXMPP):
    def __init__(self, args):
        super().__init__(args.jid, args.password)
        self.args = args
        self.register_plugin("xep_0198")
        self.sm_enabled = asyncio.Event()
        self.add_event_handler("sm_enabled", lambda _e: self.sm_enabled.set())
        self.add_event_handler("session_start", self.start)
        self.add_event_handler("failed_auth", lambda _e: self.fail("authentication failed"))

    def fail(self, what):
        print("ERROR", what, flush=True)
        sys.exit(1)

    async def start(self, _event):
        # Acks are asked for while sending (every few stanzas): before <enabled/> Prosody answers an
        # <r/> with a stream error (seen when nothing else came first).
        try:
            await asyncio.wait_for(self.sm_enabled.wait(), 10)
        except asyncio.TimeoutError:
            self.fail("stream management not enabled")
        for jid in self.args.roster:
            try:
                await self.update_roster(jid, name=jid.split("@")[0])
            except Exception as e:  # an IqError or IqTimeout
                self.fail(f"roster item {jid} not added: {e}")
        n = self.args.count
        for i in range(n):
            self.send_message(mto=self.args.to, mbody=body(i), mtype="chat")
            if i % 200 == 199:
                await asyncio.sleep(0.05)  # let the socket drain
        sm = self["xep_0198"]
        for _ in range(600):  # up to 60 s for the server to acknowledge everything
            sm.request_ack()
            await asyncio.sleep(0.1)
            if len(sm.unacked_queue) == 0:
                break
        else:
            self.fail(f"{len(sm.unacked_queue)} messages not acknowledged")
        print("SENT", n, flush=True)
        self.disconnect()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--jid", required=True)
    p.add_argument("--password", required=True)
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--to", required=True)
    p.add_argument("--count", type=int, required=True)
    p.add_argument("--roster", action="append", default=[])
    args = p.parse_args()
    s = Seeder(args)
    s.connect(("127.0.0.1", args.port), disable_starttls=True, force_starttls=False)
    loop = asyncio.get_event_loop()
    s.add_event_handler("disconnected", lambda _e: loop.stop())
    loop.run_forever()


if __name__ == "__main__":
    main()
