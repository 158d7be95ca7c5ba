#!/usr/bin/env python3
"""Exit 0 when GET /xmpp-websocket on 127.0.0.1:PORT answers a WebSocket handshake with 101 and the
subprotocol xmpp (RFC 7395), 1 otherwise. Used by scripts/prosody.sh and scripts/ejabberd.sh to wait
for a server they started. Usage: ws_answers.py PORT"""
import base64
import os
import socket
import sys

port = int(sys.argv[1])
try:
    s = socket.create_connection(("127.0.0.1", port), timeout=2)
    key = base64.b64encode(os.urandom(16)).decode()
    s.sendall((f"GET /xmpp-websocket HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
               f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
               f"Sec-WebSocket-Protocol: xmpp\r\n\r\n").encode())
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = s.recv(4096)
        if not chunk:
            break
        data += chunk
    head = data.decode("latin-1").lower().replace(" ", "")  # ejabberd writes "Sec-Websocket-Protocol:xmpp"
    sys.exit(0 if head.startswith("http/1.1101") and "sec-websocket-protocol:xmpp" in head else 1)
except OSError:
    sys.exit(1)
