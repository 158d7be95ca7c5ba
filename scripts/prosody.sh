#!/usr/bin/env bash
# Runs Starling's OWN Prosody 0.12 instance (never the system one) with a generated config under DIR.
#
#   scripts/prosody.sh start    DIR [HTTP_PORT]   generate DIR/prosody.cfg.lua, start, wait for the WebSocket
#   scripts/prosody.sh stop     DIR               stop only the pid we started (DIR/prosody.pid)
#   scripts/prosody.sh status   DIR               exit 0 and print ports when running
#   scripts/prosody.sh register DIR USER PASS     create USER@localhost (prosodyctl with our config)
#   scripts/prosody.sh ws-url   DIR               print ws://127.0.0.1:PORT/xmpp-websocket
#
# Environment: STARLING_STANZA_DEBUG=1 loads mod_stanza_debug and logs every stanza sent/received to
# DIR/stanzas.log (debug level), for tests that must prove what crossed the wire.
# STARLING_PROSODY_DOMAIN (default localhost): the served domain. STARLING_PROSODY_S2S_IP: an address of
# 127/8 to take server-to-server connections on (port 5269, dialback, no TLS), for federation between
# IP-literal domains (tests/e2e/ejabberd.test.mjs); unset: s2s off.
# Everything (data, pid, logs) lives under DIR; loopback only; no TLS.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TEMPLATE="$HERE/prosody/prosody.cfg.lua.in"

die() { echo "prosody.sh: $*" >&2; exit 1; }
log() { echo "prosody.sh: $*" >&2; }

usage() { sed -n '2,12p' "${BASH_SOURCE[0]}" >&2; exit 2; }

port_free() {  # port_free PORT -> 0 if nothing listens on 127.0.0.1:PORT
    python3 - "$1" <<'PY'
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
PY
}

free_port() {  # a currently free loopback port chosen by the kernel
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# Our pid, only if it is alive and really is a prosody using OUR config file.
our_pid() {
    local dir="$1" pid
    [[ -f "$dir/prosody.pid" ]] || return 1
    pid="$(cat "$dir/prosody.pid" 2>/dev/null || true)"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$dir/prosody.cfg.lua" || return 1
    echo "$pid"
}

# Waits until GET /xmpp-websocket with an Upgrade handshake answers 101 with subprotocol xmpp.
ws_answers() { python3 "$(dirname "${BASH_SOURCE[0]}")/ws_answers.py" "$1"; }  # 101 with subprotocol xmpp

cmd_start() {
    local dir="$1" http_port="${2:-5280}" c2s_port run_as_root extra_mod="" extra_log="" pid i
    mkdir -p "$dir/data" "$dir/certs"
    dir="$(cd "$dir" && pwd)"
    if pid="$(our_pid "$dir")"; then
        log "already running (pid $pid) in $dir"
        return 0
    fi
    port_free "$http_port" || die "HTTP port $http_port on 127.0.0.1 is in use (another Prosody?); pass another PORT"
    c2s_port="$(free_port)"
    [[ "$c2s_port" != "$http_port" ]] || c2s_port="$(free_port)"
    run_as_root=false
    [[ "$(id -u)" == 0 ]] && run_as_root=true
    if [[ "${STARLING_STANZA_DEBUG:-0}" == 1 ]]; then
        extra_mod='    "stanza_debug";'
        extra_log="    { levels = { min = \"debug\" }, to = \"file\", filename = \"$dir/stanzas.log\" };"
    fi
    local domain="${STARLING_PROSODY_DOMAIN:-localhost}" s2s_ip="${STARLING_PROSODY_S2S_IP:-}"
    local s2s_ports="" s2s_interfaces="" disabled='"s2s"'
    if [[ -n "$s2s_ip" ]]; then
        s2s_ports=5269
        s2s_interfaces="\"$s2s_ip\""
        disabled=""
        extra_mod="$extra_mod"$'\n''    "dialback";'
    fi
    python3 - "$TEMPLATE" "$dir/prosody.cfg.lua" "$dir" "$http_port" "$c2s_port" "$run_as_root" \
        "$extra_mod" "$extra_log" "$domain" "$s2s_ports" "$s2s_interfaces" "$disabled" <<'PY'
import sys
tpl, out, d, hp, cp, root, mods, logs, domain, s2sp, s2si, disabled = sys.argv[1:13]
s = open(tpl, encoding="utf-8").read()
for k, v in (("@DIR@", d), ("@HTTP_PORT@", hp), ("@C2S_PORT@", cp), ("@RUN_AS_ROOT@", root),
             ("@EXTRA_MODULES@", mods), ("@EXTRA_LOG@", logs), ("@DOMAIN@", domain),
             ("@S2S_PORTS@", s2sp), ("@S2S_INTERFACES@", s2si), ("@MODULES_DISABLED@", disabled)):
    s = s.replace(k, v)
open(out, "w", encoding="utf-8").write(s)
PY
    printf '%s\n%s\n' "$http_port" "$c2s_port" >"$dir/ports"
    rm -f "$dir/prosody.pid"
    # Foreground prosody in its own session, so a terminal Ctrl+C is handled by our caller's trap.
    setsid prosody --config "$dir/prosody.cfg.lua" -F >>"$dir/console.log" 2>&1 </dev/null &
    pid=$!
    echo "$pid" >"$dir/prosody.pid"
    for i in $(seq 1 150); do
        if ! kill -0 "$pid" 2>/dev/null; then
            tail -n 20 "$dir/console.log" "$dir/prosody.log" >&2 2>/dev/null || true
            die "prosody exited during start-up (see $dir/prosody.log)"
        fi
        if ws_answers "$http_port"; then
            log "started pid $pid: ws://127.0.0.1:$http_port/xmpp-websocket (c2s $c2s_port), dir $dir"
            return 0
        fi
        sleep 0.1
    done
    kill "$pid" 2>/dev/null || true
    die "WebSocket on port $http_port did not answer within 15 s (see $dir/prosody.log)"
}

cmd_stop() {
    local dir="$1" pid i
    [[ -d "$dir" ]] || { log "no such dir $dir"; return 0; }
    dir="$(cd "$dir" && pwd)"
    if ! pid="$(our_pid "$dir")"; then
        log "not running in $dir"
        rm -f "$dir/prosody.pid"
        return 0
    fi
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || { rm -f "$dir/prosody.pid"; log "stopped pid $pid"; return 0; }
        sleep 0.1
    done
    log "pid $pid did not stop on TERM; sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$dir/prosody.pid"
}

cmd_status() {
    local dir="$1" pid
    [[ -d "$dir" ]] || die "not running (no $dir)"
    dir="$(cd "$dir" && pwd)"
    pid="$(our_pid "$dir")" || { echo "not running"; return 1; }
    echo "running pid $pid http $(sed -n 1p "$dir/ports") c2s $(sed -n 2p "$dir/ports")"
    ws_answers "$(sed -n 1p "$dir/ports")" || { echo "websocket not answering"; return 1; }
}

cmd_register() {
    local dir="$1" user="$2" pass="$3"
    dir="$(cd "$dir" && pwd)"
    [[ -f "$dir/prosody.cfg.lua" ]] || die "no config in $dir (start first)"
    prosodyctl --config "$dir/prosody.cfg.lua" register "$user" localhost "$pass" >/dev/null
}

[[ $# -ge 2 ]] || usage
action="$1"; shift
case "$action" in
    start) cmd_start "$@" ;;
    stop) cmd_stop "$1" ;;
    status) cmd_status "$1" ;;
    register) [[ $# -eq 3 ]] || usage; cmd_register "$@" ;;
    ws-url) echo "ws://127.0.0.1:$(sed -n 1p "$1/ports")/xmpp-websocket" ;;
    *) usage ;;
esac
