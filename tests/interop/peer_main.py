"""What every interop peer shares: one line per event on stdout, and the command line, logging and
connection (plain c2s to the loopback Prosody, no TLS) of its main()."""
import argparse
import asyncio
import logging


def say(*parts):
    print(" ".join(str(p) for p in parts), flush=True)


def run_peer(peer_class, add_arguments=None):
    """Parses --jid, --password, --port, --log (and what add_arguments adds), then runs peer_class(args)
    until killed."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--jid", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--log")
    if add_arguments:
        add_arguments(parser)
    args = parser.parse_args()
    logging.basicConfig(filename=args.log, level=logging.DEBUG if args.log else logging.WARNING,
                        format="%(asctime)s %(name)s %(levelname)s %(message)s")
    peer = peer_class(args)
    peer.connect(("127.0.0.1", args.port), disable_starttls=True, force_starttls=False)
    asyncio.get_event_loop().run_forever()
