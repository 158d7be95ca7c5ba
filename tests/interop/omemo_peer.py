#!/usr/bin/python3
"""An independent legacy-OMEMO peer for interop tests: slixmpp + python-omemo + python-oldmemo (Debian
packages, nobody here wrote them). Our glue only moves their XML through PEP and messages.

    omemo_peer.py --jid P --password PW --port C2S [--greet JID --greet-text TEXT] [--log FILE]

Logs in over plain c2s (loopback Prosody, no TLS), publishes its device list and bundle (publish-options,
access model open), blindly trusts every device, and:
  * answers every OMEMO message it can decrypt with an encrypted "echo: <text>";
  * with --greet, first sends an encrypted TEXT to JID (a session started from this side).
Prints one line per event to stdout: READY <device id>, SENT <jid> <text>, RECV <jid> <text>, ERROR <what>.
Runs until killed."""
import json
import logging
import sys
import xml.etree.ElementTree as ET

import omemo
import oldmemo
import oldmemo.etree
from omemo.storage import Just, Nothing, Storage
from omemo.types import TrustLevel
from slixmpp import ClientXMPP
from slixmpp.exceptions import IqError, IqTimeout

from peer_main import run_peer, say

NS = "eu.siacs.conversations.axolotl"
DEVICE_LIST_NODE = NS + ".devicelist"
PUBSUB = "http://jabber.org/protocol/pubsub"
FALLBACK = "I sent you an OMEMO encrypted message but your client doesn't seem to support that."


class MemoryStorage(Storage):
    def __init__(self):
        super().__init__()
        self.data = {}

    async def _load(self, key):
        return Just(self.data[key]) if key in self.data else Nothing()

    async def _store(self, key, value):
        self.data[key] = json.loads(json.dumps(value))

    async def _delete(self, key):
        self.data.pop(key, None)


def publish_iq(xmpp, node, payload):
    iq = xmpp.make_iq_set()
    pubsub = ET.SubElement(iq.xml, f"{{{PUBSUB}}}pubsub")
    publish = ET.SubElement(pubsub, f"{{{PUBSUB}}}publish", node=node)
    item = ET.SubElement(publish, f"{{{PUBSUB}}}item", id="current")
    item.append(payload)
    options = ET.SubElement(pubsub, f"{{{PUBSUB}}}publish-options")
    form = ET.SubElement(options, "{jabber:x:data}x", type="submit")
    f1 = ET.SubElement(form, "{jabber:x:data}field", var="FORM_TYPE", type="hidden")
    ET.SubElement(f1, "{jabber:x:data}value").text = PUBSUB + "#publish-options"
    f2 = ET.SubElement(form, "{jabber:x:data}field", var="pubsub#access_model")
    ET.SubElement(f2, "{jabber:x:data}value").text = "open"
    return iq


async def fetch_first_item(xmpp, jid, node):
    iq = xmpp.make_iq_get(ito=jid)
    pubsub = ET.SubElement(iq.xml, f"{{{PUBSUB}}}pubsub")
    ET.SubElement(pubsub, f"{{{PUBSUB}}}items", node=node)
    try:
        reply = await iq.send(timeout=10)
    except IqError as e:
        if e.iq["error"]["condition"] in ("item-not-found", "forbidden", "not-authorized"):
            return None
        raise
    item = reply.xml.find(f"{{{PUBSUB}}}pubsub/{{{PUBSUB}}}items/{{{PUBSUB}}}item")
    return None if item is None or len(item) == 0 else item[0]


def make_session_manager_class(xmpp):
    class PeerSessionManager(omemo.SessionManager):
        @staticmethod
        async def _upload_bundle(bundle):
            payload = oldmemo.etree.serialize_bundle(bundle)
            await publish_iq(xmpp, f"{NS}.bundles:{bundle.device_id}", payload).send(timeout=10)

        @staticmethod
        async def _download_bundle(namespace, bare_jid, device_id):
            try:
                element = await fetch_first_item(xmpp, bare_jid, f"{NS}.bundles:{device_id}")
            except (IqError, IqTimeout) as e:
                raise omemo.BundleDownloadFailed(str(e)) from e
            if element is None:
                raise omemo.BundleDownloadFailed(f"no bundle for {bare_jid}/{device_id}")
            return oldmemo.etree.parse_bundle(element, bare_jid, device_id)

        @staticmethod
        async def _delete_bundle(namespace, device_id):
            pass  # never needed in a test run

        @staticmethod
        async def _upload_device_list(namespace, device_list):
            payload = oldmemo.etree.serialize_device_list(device_list)
            await publish_iq(xmpp, DEVICE_LIST_NODE, payload).send(timeout=10)

        @staticmethod
        async def _download_device_list(namespace, bare_jid):
            try:
                element = await fetch_first_item(xmpp, bare_jid, DEVICE_LIST_NODE)
            except (IqError, IqTimeout) as e:
                raise omemo.DeviceListDownloadFailed(str(e)) from e
            return {} if element is None else oldmemo.etree.parse_device_list(element)

        async def _evaluate_custom_trust_level(self, device):
            return TrustLevel.TRUSTED if device.trust_level_name == "blind" else TrustLevel.DISTRUSTED

        async def _make_trust_decision(self, undecided, identifier):
            for device in undecided:
                await self.set_trust(device.bare_jid, device.identity_key, "blind")

        @staticmethod
        async def _send_message(message, bare_jid):
            send_encrypted_element(xmpp, bare_jid, oldmemo.etree.serialize_message(message), with_body=False)

    return PeerSessionManager


def send_encrypted_element(xmpp, to, element, with_body=True):
    msg = xmpp.make_message(mto=to, mtype="chat")
    if with_body:
        msg["body"] = FALLBACK
    msg.xml.append(element)
    ET.SubElement(msg.xml, "{urn:xmpp:hints}store")
    msg.send()


class Peer(ClientXMPP):
    def __init__(self, args):
        super().__init__(args.jid, args.password)
        self.args = args
        self.manager = None
        self.add_event_handler("session_start", self.start)
        self.add_event_handler("message", self.on_message)

    async def start(self, _event):
        try:
            self.send_presence()
            cls = make_session_manager_class(self)
            storage = MemoryStorage()
            self.manager = await cls.create([oldmemo.Oldmemo(storage)], storage, self.boundjid.bare, None, "blind")
            info = await self.manager.get_own_device_information()
            say("READY", info[0].device_id)
            if self.args.greet:
                await self.encrypt_and_send(self.args.greet, self.args.greet_text)
        except Exception as e:  # report, keep running so the test sees the reason
            logging.exception("start failed")
            say("ERROR", "start:", repr(e))

    async def encrypt_and_send(self, to, text):
        await self.manager.refresh_device_list(NS, to)
        messages, errors = await self.manager.encrypt(frozenset([to]), {NS: text.encode("utf-8")})
        for e in errors:
            say("ERROR", "encrypt:", repr(e))
        for message in messages:
            if message.namespace == NS:
                send_encrypted_element(self, to, oldmemo.etree.serialize_message(message))
                say("SENT", to, text)

    async def on_message(self, msg):
        element = msg.xml.find(f"{{{NS}}}encrypted")
        if element is None or self.manager is None:
            return
        sender = msg["from"].bare
        try:
            message = await oldmemo.etree.parse_message(element, sender, self.boundjid.bare, self.manager)
            plaintext, _device, _key = await self.manager.decrypt(message)
        except Exception as e:
            say("ERROR", "decrypt:", repr(e))
            return
        if plaintext is None:
            return  # key exchange / heartbeat only
        text = plaintext.decode("utf-8")
        say("RECV", sender, text)
        if not text.startswith("echo: "):
            await self.encrypt_and_send(sender, "echo: " + text)


def greet_arguments(parser):
    parser.add_argument("--greet")
    parser.add_argument("--greet-text", default="hello from python-omemo")


if __name__ == "__main__":
    sys.exit(run_peer(Peer, greet_arguments))
