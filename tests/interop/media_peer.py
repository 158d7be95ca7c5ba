#!/usr/bin/python3
"""An independent peer for shared files: slixmpp's own XEP-0363 (HTTP File Upload), XEP-0066 (OOB) and
XEP-0454 (aesgcm file cipher) plugins, with the legacy-OMEMO glue of omemo_peer.py (python-omemo).

    media_peer.py --jid P --password PW --port C2S [--log FILE]

For every file it receives it downloads it, prints RECVFILE <jid> <plain|aesgcm> <sha256> <bytes>, and
sends the same bytes back the way they came: a plain upload as body + OOB, or (inside OMEMO) a new
aesgcm:// link to a copy it encrypted itself (slixmpp's XEP_0454.encrypt). Prints SENTFILE <jid> <url>.
An Ogg file (a voice message) is also read by Debian's ffprobe: PROBE <jid> <format> <codec> <seconds>.
Our glue builds the aesgcm link itself because the test server serves uploads over http on loopback
(slixmpp's format_url accepts https only) and maps aesgcm:// back to that http server for the download.
Runs until killed."""
import hashlib
import json
import logging
import subprocess
import sys
import tempfile
from io import BytesIO
from pathlib import Path
from urllib.parse import urlparse

import aiohttp
import oldmemo.etree
from slixmpp.plugins.xep_0454 import XEP_0454

sys.path.insert(0, str(Path(__file__).resolve().parent))
from omemo_peer import NS, Peer  # noqa: E402
from peer_main import run_peer, say  # noqa: E402

OOB = "jabber:x:oob"


def probe(sender, data):
    """What ffprobe says of an Ogg file received (a voice message)."""
    if not data.startswith(b"OggS"):
        return
    with tempfile.NamedTemporaryFile(suffix=".ogg") as f:
        f.write(data)
        f.flush()
        out = subprocess.run(["ffprobe", "-v", "error", "-show_format", "-show_streams", "-of", "json", f.name],
                             capture_output=True, text=True, check=True).stdout
    info = json.loads(out)
    stream = info["streams"][0] if info.get("streams") else {}
    say("PROBE", sender, info["format"]["format_name"], stream.get("codec_name", "-"), info["format"].get("duration", "0"))


class MediaPeer(Peer):
    def __init__(self, args):
        super().__init__(args)
        for plugin in ("xep_0030", "xep_0066", "xep_0363"):
            self.register_plugin(plugin)

    async def fetch(self, url):
        async with aiohttp.ClientSession() as session:
            async with session.get(url) as r:
                if r.status != 200:
                    raise RuntimeError(f"GET {url}: {r.status}")
                return await r.read()

    async def upload(self, data, name, content_type):
        plugin = self["xep_0363"]
        if plugin.upload_service is None:
            # slixmpp 1.8.3's own discovery (get_info_from_domain) fails on Python 3.11 ("Passing
            # coroutines is forbidden"): the same disco#items + disco#info, one request at a time.
            items = await self["xep_0030"].get_items(jid=self.boundjid.domain, timeout=30)
            for item in items["disco_items"]["items"]:
                info = await self["xep_0030"].get_info(jid=item[0], timeout=30)
                if "urn:xmpp:http:upload:0" in info["disco_info"]["features"]:
                    plugin.upload_service = item[0]
                    plugin.max_file_size = float("+inf")
                    for form in info["disco_info"].iterables:
                        values = form["values"]
                        if values.get("FORM_TYPE") == ["urn:xmpp:http:upload:0"] and values.get("max-file-size"):
                            plugin.max_file_size = int(values["max-file-size"])
                    break
        return await self["xep_0363"].upload_file(Path(name), size=len(data), content_type=content_type,
                                                  input_file=BytesIO(data), timeout=30)

    async def on_message(self, msg):
        try:
            element = msg.xml.find(f"{{{NS}}}encrypted")
            sender = msg["from"].bare
            if element is None:
                url = msg["oob"]["url"]
                if url and msg["body"] == url:
                    data = await self.fetch(url)
                    say("RECVFILE", sender, "plain", hashlib.sha256(data).hexdigest(), len(data))
                    probe(sender, data)
                    back = await self.upload(data, "back-" + Path(urlparse(url).path).name, "application/octet-stream")
                    reply = self.make_message(mto=sender, mbody=back, mtype="chat")
                    reply["oob"]["url"] = back
                    reply.send()
                    say("SENTFILE", sender, back)
                return
            if self.manager is None:
                return
            message = await oldmemo.etree.parse_message(element, sender, self.boundjid.bare, self.manager)
            plaintext, _device, _key = await self.manager.decrypt(message)
            if plaintext is None:
                return
            text = plaintext.decode("utf-8")
            if not text.startswith("aesgcm://"):
                say("RECV", sender, text)
                return
            link = text.split("\n")[0]
            rest, fragment = link[len("aesgcm://"):].split("#", 1)
            data = XEP_0454.decrypt(BytesIO(await self.fetch("http://" + rest)), fragment)
            say("RECVFILE", sender, "aesgcm", hashlib.sha256(data).hexdigest(), len(data))
            probe(sender, data)
            payload, new_fragment = XEP_0454.encrypt(input_file=BytesIO(data))
            url = await self.upload(payload, "back.bin", "application/octet-stream")
            back = "aesgcm://" + url.split("://", 1)[1] + "#" + new_fragment
            await self.encrypt_and_send(sender, back)
            say("SENTFILE", sender, back)
        except Exception as e:  # report, keep running so the test sees the reason
            logging.exception("on_message failed")
            say("ERROR", "file:", repr(e))


def no_greeting(parser):
    parser.set_defaults(greet=None)


if __name__ == "__main__":
    sys.exit(run_peer(MediaPeer, no_greeting))
