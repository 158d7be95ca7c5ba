#!/usr/bin/env bash
# Builds the Wasm site (the `starling` target) into DIR/site, Closure-minified when npm's
# google-closure-compiler is installed (setup.sh does; STARLING_CLOSURE_COMPILER="" turns it off).
# Used by run.sh and release.sh.
#
#   bash scripts/build_site.sh DIR
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WASM_DIR="$1"
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"
CLOSURE="${STARLING_CLOSURE_COMPILER-$REPO/node_modules/.bin/google-closure-compiler}"
[[ -n "$CLOSURE" && ! -x "$CLOSURE" ]] && CLOSURE=""
emcmake cmake -S "$REPO" -B "$WASM_DIR" -DCMAKE_BUILD_TYPE=Release "-DSTARLING_CLOSURE_COMPILER=$CLOSURE" >/dev/null
cmake --build "$WASM_DIR" -j2 --target starling
[[ -f "$WASM_DIR/site/index.html" ]] || { echo "no site at $WASM_DIR/site/index.html after the build" >&2; exit 1; }
