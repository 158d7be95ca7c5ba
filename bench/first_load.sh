#!/usr/bin/env bash
# First-load bytes of the static site: every file raw and gzip -9, and the totals. Not counted: the PNG
# icons of the manifest (icon-*.png), which a browser fetches only to install the app or put it on a home
# screen, never on the way to the login screen.
#   bash bench/first_load.sh [SITE_DIR]     (default build/wasm/site)
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SITE="${1:-$REPO/build/wasm/site}"
[[ -d "$SITE" ]] || { echo "no site at $SITE (build it: cmake --build build/wasm --target starling)" >&2; exit 1; }

total_raw=0
total_gz=0
printf '%-32s %12s %12s\n' "file" "raw bytes" "gzip -9"
while IFS= read -r -d '' f; do
    rel="${f#"$SITE"/}"
    raw=$(stat -c %s "$f")
    gz=$(gzip -9 -c "$f" | wc -c)
    total_raw=$((total_raw + raw))
    total_gz=$((total_gz + gz))
    printf '%-32s %12d %12d\n' "$rel" "$raw" "$gz"
done < <(find "$SITE" -type f ! -name 'icon-*.png' -print0 | sort -z)
printf '%-32s %12d %12d\n' "TOTAL" "$total_raw" "$total_gz"
