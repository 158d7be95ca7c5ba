#!/usr/bin/env bash
# Builds the release folder: the Wasm site (Closure-minified when setup.sh installed the compiler), then
# build/release/starling/ with hashed file names, .gz and .br beside each file, the service worker, and
# build/release/starling-<version>.tar.gz. How to host it: docs/deploy.md.
#
#   bash scripts/release.sh [--config FILE]   FILE: the config.json to ship (default public/config.json)
# Also: STARLING_WASM_BUILD (build dir, default build/wasm, as scripts/run.sh), STARLING_RELEASE_DIR (build/release),
# STARLING_SKIP_SETUP=1.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"
WASM_DIR="${STARLING_WASM_BUILD:-$REPO/build/wasm}"
OUT="${STARLING_RELEASE_DIR:-$REPO/build/release}"
CONFIG="$REPO/public/config.json"
[[ "${1:-}" == "--config" ]] && { CONFIG="$(realpath "$2")"; shift 2; }

[[ "${STARLING_SKIP_SETUP:-0}" == 1 ]] || bash "$REPO/scripts/setup.sh"
bash "$REPO/scripts/build_site.sh" "$WASM_DIR"
mkdir -p "$OUT"
python3 "$REPO/scripts/release_site.py" "$WASM_DIR/site" "$OUT" --config "$CONFIG"
