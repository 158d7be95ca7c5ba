#!/usr/bin/env bash
# README's run command: builds the Wasm site, starts our own Prosody on loopback (build/run/prosody),
# writes config.json into the served copy of the site, serves it on 127.0.0.1 and prints the URL.
# Ctrl+C stops everything this script started (and only that).
#
#   bash scripts/run.sh                 # site on 127.0.0.1:8080 (next free port if taken), Prosody ws on 5280
#   STARLING_HTTP_PORT=9000 STARLING_XMPP_PORT=5390 bash scripts/run.sh
# Also: STARLING_WASM_BUILD (build dir, default build/wasm), STARLING_SKIP_SETUP=1.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"

WASM_DIR="${STARLING_WASM_BUILD:-$REPO/build/wasm}"
RUN_DIR="$REPO/build/run"
PROSODY_DIR="$RUN_DIR/prosody"
SERVE_DIR="$RUN_DIR/site"
XMPP_PORT="${STARLING_XMPP_PORT:-5280}"
HTTP_PORT="${STARLING_HTTP_PORT:-8080}"

say() { echo "run.sh: $*" >&2; }

port_free() {
    python3 -c 'import socket,sys; s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1",int(sys.argv[1])))' "$1" 2>/dev/null
}
first_free_port() {
    local p="$1"
    while ! port_free "$p"; do p=$((p + 1)); done
    echo "$p"
}

SERVER_PID=""
PROSODY_STARTED=0
cleanup() {
    trap - EXIT INT TERM
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if [[ "$PROSODY_STARTED" == 1 ]]; then bash "$REPO/scripts/prosody.sh" stop "$PROSODY_DIR" || true; fi
    say "stopped"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# 1. Machine set-up (packages, dependency sources, npm) when the build engineer's script is present.
if [[ "${STARLING_SKIP_SETUP:-0}" != 1 && -f "$REPO/scripts/setup.sh" ]]; then
    say "setup"
    bash "$REPO/scripts/setup.sh"
fi

# 2. The Wasm site.
say "building the site in $WASM_DIR"
bash "$REPO/scripts/build_site.sh" "$WASM_DIR"

# 3. Our Prosody (never the system one).
if ! port_free "$XMPP_PORT"; then
    if bash "$REPO/scripts/prosody.sh" status "$PROSODY_DIR" >/dev/null 2>&1; then
        say "our Prosody from an earlier run is still up in $PROSODY_DIR; restarting it"
        bash "$REPO/scripts/prosody.sh" stop "$PROSODY_DIR"
    else
        XMPP_PORT="$(first_free_port "$((XMPP_PORT + 1))")"
        say "port ${STARLING_XMPP_PORT:-5280} is taken by something else; Prosody uses $XMPP_PORT"
    fi
fi
bash "$REPO/scripts/prosody.sh" start "$PROSODY_DIR" "$XMPP_PORT"
PROSODY_STARTED=1
WS_URL="ws://127.0.0.1:$XMPP_PORT/xmpp-websocket"

# 4. A served copy of the site with this server as the default (the build output stays untouched).
rm -rf "$SERVE_DIR"
mkdir -p "$SERVE_DIR"
cp -a "$WASM_DIR/site/." "$SERVE_DIR/"
printf '{\n  "defaultDomain": "localhost",\n  "defaultWebsocket": "%s"\n}\n' "$WS_URL" >"$SERVE_DIR/config.json"

# 5. Serve on loopback.
HTTP_PORT="$(first_free_port "$HTTP_PORT")"
python3 -m http.server --bind 127.0.0.1 --directory "$SERVE_DIR" "$HTTP_PORT" >"$RUN_DIR/http.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 50); do
    curl -sf -o /dev/null "http://127.0.0.1:$HTTP_PORT/" && break
    sleep 0.1
done

cat <<EOF

  Starling is running:   http://127.0.0.1:$HTTP_PORT/
  XMPP server:           localhost  (WebSocket $WS_URL; create an account on the login screen)
  Prosody data and logs: $PROSODY_DIR

  Press Ctrl+C to stop.
EOF
wait "$SERVER_PID"
