#!/usr/bin/env bash
# Prepares a fresh Debian 12 machine (as root) to build and test Starling. Idempotent and fast on re-runs:
# apt is skipped when every package is already installed, npm when node_modules matches package-lock.json.
#   scripts/setup.sh            system packages + npm packages + dependency sources
#   STARLING_SETUP_SKIP_NPM=1   skip npm
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
log() { echo "setup: $*" >&2; }

PACKAGES=(
    build-essential cmake emscripten chromium prosody lua-bitop lua-dbi-sqlite3
    fonts-dejavu-core fonttools fonts-noto-color-emoji libgtest-dev dpkg-dev tmux python3
    fonts-wqy-microhei fonts-tlwg-loma-ttf fonts-lohit-deva
    profanity python3-slixmpp python3-aiohttp ca-certificates python3-omemo python3-oldmemo python3-xmlschema zbar-tools
    clang libclang-rt-dev llvm
    nginx brotli ffmpeg ejabberd
)
# fonts-*: what chromium draws the scripts the DejaVu subset lacks with (web/font_atlas.cpp;
# tests/e2e/scripts.test.mjs): CJK and Hangul (WenQuanYi Micro Hei), Thai (Loma), Devanagari (Lohit);
# Greek, Hebrew, Arabic, Armenian, Georgian come from DejaVu Sans.
# ejabberd: the second server (scripts/ejabberd.sh; tests/e2e/ejabberd.test.mjs, with federation).
# nginx: serves the release folder in tests/e2e/release_nginx.test.mjs; brotli: its .br files
# (scripts/release_site.py); ffmpeg: ffprobe/ffmpeg check recorded voice messages (tests/e2e/voice.test.mjs). clang + libclang-rt-dev: the libFuzzer targets of tests/fuzz/ (ASan/UBSan); llvm: llvm-symbolizer for
# their stacks.
# npm: Debian's package only when no npm exists (a nodesource nodejs ships its own and conflicts with it).
command -v npm >/dev/null 2>&1 || PACKAGES+=(npm)

SUDO=()
if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || { log "run as root (or install sudo)"; exit 1; }
    SUDO=(sudo -n)
fi

missing=()
for p in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then missing+=("$p"); fi
done

if ((${#missing[@]})); then
    log "installing: ${missing[*]}"
    # Enable source packages (scripts/fetch-deps.sh needs them) before the one apt-get update.
    f=/etc/apt/sources.list.d/debian.sources
    if [[ -f $f ]] && ! grep -Eq '^Types:.*deb-src' "$f"; then
        "${SUDO[@]}" sed -i -E 's/^Types:[[:space:]]*deb[[:space:]]*$/Types: deb deb-src/' "$f"
    fi
    # Installing prosody would start a system-wide server: block service starts during the install.
    policy=/usr/sbin/policy-rc.d
    own_policy=0
    if [[ ! -e $policy ]]; then
        printf '#!/bin/sh\nexit 101\n' | "${SUDO[@]}" tee "$policy" >/dev/null
        "${SUDO[@]}" chmod 755 "$policy"
        own_policy=1
        trap '"${SUDO[@]}" rm -f /usr/sbin/policy-rc.d' EXIT
    fi
    "${SUDO[@]}" apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq -o Dpkg::Use-Pty=0 "${missing[@]}" >/dev/null
    if ((own_policy)); then
        "${SUDO[@]}" rm -f "$policy"
        trap - EXIT
    fi
else
    log "system packages present"
fi

# Dependency sources for CMake (cached under build/_deps-src; enables deb-src itself if needed).
bash "$REPO/scripts/fetch-deps.sh" "$REPO/build/_deps-src"

# npm packages for the e2e tests and benchmarks (Playwright drives Debian's chromium; no browser download).
if [[ -z ${STARLING_SETUP_SKIP_NPM:-} && -f $REPO/package.json ]]; then
    lock="$REPO/package-lock.json"
    stamp="$REPO/node_modules/.starling-setup-stamp"
    want="$(cat "$REPO/package.json" "$lock" 2>/dev/null | sha256sum | cut -d' ' -f1)"
    if [[ -f $stamp && "$(cat "$stamp")" == "$want" ]]; then
        log "npm packages present"
    else
        log "npm install"
        export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
        if [[ -f $lock ]]; then
            (cd "$REPO" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
        else
            (cd "$REPO" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
        fi
        echo "$want" >"$stamp"
    fi
fi
log "done"
