#!/usr/bin/python3
"""An independent peer for the message action interop test: Debian's python3-slixmpp with its own
XEP-0308 (correction), XEP-0424 (retraction, its urn:xmpp:message-retract:0 form in XEP-0422 apply-to),
XEP-0444 (reactions) and XEP-0461 (replies) plugins. Plain messages (no OMEMO).

    actions_peer.py --jid P --password PW --port C2S [--log FILE]

Logs in over plain c2s (loopback Prosody, no TLS) and prints one line per event to stdout:
  READY
  for every message it gets, by what its plugins parse (ids are the stanza's id attribute):
    RECV <id> <body>                a message that is none of the below
    REPLY <reply-id> <body>         XEP-0461 (the body as sent, fallback quote included)
    CORRECT <replace-id> <body>     XEP-0308
    REACT <reactions-id> <emoji,…>  XEP-0444 (sorted; "" for none)
    RETRACT <apply-to-id>           XEP-0424
  and on a message "go <tag>" from J, does each action to J through its plugins, printing SENT lines:
    SENT SAYS <id>      "peer says <tag>"
    SENT REPLY <id>     a reply "peer replies <tag>" to the "go" message
    SENT CORRECT <id>   "peer says <tag> (edited)" correcting SAYS
    SENT REACT <id>     👍 to the "go" message
    SENT DELETES <id>   "peer deletes <tag>", then SENT RETRACT <id> retracting it
Runs until killed."""
import sys

from slixmpp import ClientXMPP

from peer_main import run_peer, say


class Peer(ClientXMPP):
    def __init__(self, args):
        super().__init__(args.jid, args.password)
        for plugin in ("xep_0030", "xep_0308", "xep_0334", "xep_0424", "xep_0428", "xep_0444", "xep_0461"):
            self.register_plugin(plugin)
        self.add_event_handler("session_start", self.start)
        self.add_event_handler("message", self.on_message)  # slixmpp: only messages with a <body/>
        self.add_event_handler("reactions", self.on_reactions)  # its XEP-0444 plugin: any <reactions/>

    async def start(self, _event):
        self.send_presence()
        await self.get_roster()
        say("READY")

    def on_reactions(self, msg):
        values = sorted(msg["reactions"].get_values(all_chars=True))
        say("REACT", msg["reactions"]["id"], ",".join(values))

    def on_message(self, msg):
        if msg["type"] not in ("chat", "normal"):
            return
        mid = msg["id"]
        body = msg["body"]
        if msg.xml.find("{urn:xmpp:reactions:0}reactions") is not None:
            return  # on_reactions
        if msg.xml.find("{urn:xmpp:fasten:0}apply-to") is not None:
            say("RETRACT", msg["apply_to"]["id"])
        elif msg.xml.find("{urn:xmpp:message-correct:0}replace") is not None:
            say("CORRECT", msg["replace"]["id"], body.replace("\n", "\\n"))
        elif msg.xml.find("{urn:xmpp:reply:0}reply") is not None:
            say("REPLY", msg["reply"]["id"], body.replace("\n", "\\n"))
        elif body:
            say("RECV", mid, body.replace("\n", "\\n"))
            if body.startswith("go "):
                self.act(msg["from"], mid, body[3:])

    def act(self, sender, go_id, tag):
        to = sender.bare
        says = self.make_message(mto=to, mbody=f"peer says {tag}", mtype="chat")
        says.send()
        say("SENT SAYS", says["id"])
        reply = self.make_message(mto=to, mbody=f"peer replies {tag}", mtype="chat")
        reply["reply"]["to"] = sender
        reply["reply"]["id"] = go_id
        reply.send()
        say("SENT REPLY", reply["id"])
        correction = self.make_message(mto=to, mbody=f"peer says {tag} (edited)", mtype="chat")
        correction["replace"]["id"] = says["id"]
        correction.send()
        say("SENT CORRECT", correction["id"])
        self["xep_0444"].send_reactions(to, go_id, ["👍"])
        say("SENT REACT", go_id)
        deletes = self.make_message(mto=to, mbody=f"peer deletes {tag}", mtype="chat")
        deletes.send()
        say("SENT DELETES", deletes["id"])
        self["xep_0424"].send_retraction(to, deletes["id"])
        say("SENT RETRACT", deletes["id"])


if __name__ == "__main__":
    sys.exit(run_peer(Peer))
