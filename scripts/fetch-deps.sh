#!/usr/bin/env bash
# Fetches the pinned Debian source packages Starling builds from into DEST (default build/_deps-src):
#   DEST/<name>/            unpacked source with Debian patches applied (dpkg-source -x)
#   DEST/<name>/.starling-version   stamp: the pinned Debian version (.starling-fetched: the one unpacked,
#                                   the same unless the archive replaced it by a newer Debian revision)
# Idempotent (a package whose stamp matches is skipped) and safe to run concurrently (flock).
# Needs: apt with deb-src (enabled here if missing, as root), dpkg-dev. No third-party source is committed.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="${1:-$REPO/build/_deps-src}"

# name=version pairs; keep in sync with cmake/deps.cmake.
PINS=(
    "imgui=1.86+ds-1"
    "tinyxml2=9.0.0+dfsg-3.1"
    "libsignal-protocol-c=2.3.3-3"
    "mbedtls=2.28.3-1"
)

log() { echo "fetch-deps: $*" >&2; }

all_present() {
    local pin name ver
    for pin in "${PINS[@]}"; do
        name="${pin%%=*}"; ver="${pin#*=}"
        [[ -f "$DEST/$name/.starling-version" && "$(cat "$DEST/$name/.starling-version")" == "$ver" ]] || return 1
    done
    return 0
}

mkdir -p "$DEST"
DEST="$(cd "$DEST" && pwd)"
# Fast path without the lock: everything already unpacked.
if all_present; then exit 0; fi

exec 9>"$DEST/.lock"
flock 9
if all_present; then exit 0; fi  # another process finished while we waited

SUDO=()
if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then SUDO=(sudo -n); fi
fi

have_deb_src() {
    grep -Eqs '^[[:space:]]*(Types:.*deb-src|deb-src[[:space:]])' \
        /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources
}

UPDATED=0
apt_update() {
    if [[ $UPDATED -eq 0 ]]; then
        log "apt-get update"
        "${SUDO[@]}" apt-get update -qq >/dev/null
        UPDATED=1
    fi
}

if ! have_deb_src; then
    f=/etc/apt/sources.list.d/debian.sources
    if [[ -f $f ]]; then
        log "enabling deb-src in $f"
        "${SUDO[@]}" sed -i -E 's/^Types:[[:space:]]*deb[[:space:]]*$/Types: deb deb-src/' "$f"
    else
        log "adding deb-src lines to /etc/apt/sources.list.d/starling-src.list"
        echo "deb-src http://deb.debian.org/debian bookworm main" |
            "${SUDO[@]}" tee /etc/apt/sources.list.d/starling-src.list >/dev/null
    fi
    apt_update
fi

if ! command -v dpkg-source >/dev/null 2>&1; then
    log "installing dpkg-dev"
    apt_update
    DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq dpkg-dev >/dev/null
fi

APT_OPTS=(-qq)
# apt drops privileges to _apt for downloads, which cannot write into root-owned dirs.
[[ $(id -u) -eq 0 ]] && APT_OPTS+=(-o APT::Sandbox::User=root)

for pin in "${PINS[@]}"; do
    name="${pin%%=*}"; ver="${pin#*=}"
    stamp="$DEST/$name/.starling-version"
    if [[ -f $stamp && "$(cat "$stamp")" == "$ver" ]]; then continue; fi

    if ! apt-cache showsrc "$name" 2>/dev/null | grep -qx "Version: $ver"; then apt_update; fi
    get="$ver"
    if ! apt-cache showsrc "$name" 2>/dev/null | grep -qx "Version: $ver"; then
        # The archive replaced the pin (e.g. a +debNuM security revision): take the newest Debian revision
        # of the same upstream version, loudly. Another upstream version is never taken.
        upstream="${ver%-*}"
        get="$(apt-cache showsrc "$name" 2>/dev/null | sed -n 's/^Version: //p' | grep -F "$upstream-" |
            sort -V | tail -n1 || true)"
        if [[ -z $get ]]; then log "no source package $name=$ver (nor $upstream-*) in apt"; exit 1; fi
        log "WARNING: $name=$ver is gone from the archive; using $get"
    fi

    work="$DEST/.work-$name"
    rm -rf "$work"
    mkdir -p "$work"
    log "apt-get source $name=$get"
    if ! (cd "$work" && apt-get "${APT_OPTS[@]}" source --only-source "$name=$get" >/dev/null 2>"$work/.err"); then
        cat "$work/.err" >&2
        log "FAILED to fetch $name=$get"
        exit 1
    fi
    srcdir="$(find "$work" -mindepth 1 -maxdepth 1 -type d | head -n1)"
    if [[ -z $srcdir ]]; then log "no unpacked directory for $name"; exit 1; fi
    rm -rf "$DEST/$name"
    mv "$srcdir" "$DEST/$name"
    echo "$get" >"$DEST/$name/.starling-fetched"  # what was actually unpacked
    echo "$ver" >"$stamp"
    rm -rf "$work"
done
log "sources ready in $DEST"
