#!/usr/bin/env bash
# Long fuzzing outside CI: runs each libFuzzer target of tests/fuzz/ until it has used CPU_SECONDS of
# CPU time (default 3600: one CPU-hour), in rounds of one CHUNK-second run per target, two at a time, at
# nice 19 (FUZZ_NICE) so it takes idle CPU only. The corpus and the CPU time used so far persist in
# OUT/<target>/: a run that is stopped (or a machine that reboots) goes on where it was. A finding stops
# that target and keeps the reproducer in OUT/<target>/.
#
#   bash scripts/fuzz-long.sh [OUT]          (OUT default build/fuzz-long)
#   bash scripts/fuzz-long.sh --report [OUT] (CPU time, runs, coverage and findings per target)
#
# Overrides: CPU_SECONDS, CHUNK (default 300), FUZZ_NICE (default 19), STARLING_FUZZ_BUILD (build/fuzz).
set -uo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPORT=0
[[ "${1:-}" == "--report" ]] && { REPORT=1; shift; }
OUT="${1:-$REPO/build/fuzz-long}"
FUZZ_BUILD="${STARLING_FUZZ_BUILD:-$REPO/build/fuzz}"
CPU_SECONDS="${CPU_SECONDS:-3600}"
CHUNK="${CHUNK:-300}"
FUZZ_NICE="${FUZZ_NICE:-19}"
TARGETS=()
for f in "$REPO"/tests/fuzz/*.cpp; do TARGETS+=("$(basename "$f" .cpp)"); done

used() { cat "$OUT/$1/cpu" 2>/dev/null || echo 0; }

if (( REPORT )); then
    for t in "${TARGETS[@]}"; do
        d="$OUT/$t"
        runs="$(awk '{s += $1} END {print s + 0}' "$d/runs" 2>/dev/null || echo 0)"
        cov="$(grep -aoE 'cov: [0-9]+ ft: [0-9]+' "$d/last.log" 2>/dev/null | tail -1)"
        found="$(ls "$d"/crash-* "$d"/leak-* "$d"/timeout-* "$d"/oom-* 2>/dev/null | wc -l)"
        printf '%-20s %6ss CPU  %12s runs  corpus %5s  %-18s findings %s\n' "$t" "$(used "$t")" "$runs" \
            "$(ls "$d/corpus" 2>/dev/null | wc -l)" "${cov:-no coverage yet}" "$found"
    done
    exit 0
fi

mkdir -p "$OUT"
CC=clang CXX=clang++ cmake -S "$REPO" -B "$FUZZ_BUILD" -DSTARLING_FUZZ=ON >"$OUT/cmake.log" 2>&1 &&
    nice -n 19 cmake --build "$FUZZ_BUILD" -j2 --target "${TARGETS[@]}" >"$OUT/build.log" 2>&1 ||
    { tail -n 30 "$OUT/cmake.log" "$OUT/build.log"; exit 1; }

fuzz_chunk() {  # one chunk of a target; its CPU time is added to OUT/<target>/cpu; a finding marks it done
    local t="$1" d="$OUT/$1" dict=()
    mkdir -p "$d/corpus"
    [[ -n "$(ls -A "$d/corpus")" ]] || cp -R "$REPO/tests/fuzz/corpus/$t/." "$d/corpus/" 2>/dev/null
    [[ -f "$REPO/tests/fuzz/$t.dict" ]] && dict=("-dict=$REPO/tests/fuzz/$t.dict")
    local TIMEFORMAT='%3U %3S' times rc
    times="$( { time TMPDIR="$d" UBSAN_OPTIONS=print_stacktrace=1 nice -n "$FUZZ_NICE" "$FUZZ_BUILD/$t" "${dict[@]}" \
        -max_total_time="$CHUNK" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$d/" "$d/corpus" >"$d/last.log" 2>&1; echo "rc $?" >"$d/rc"; } 2>&1 )"
    rc="$(awk '{print $2}' "$d/rc")"
    echo "$(( $(used "$t") + $(awk '{printf "%d", $1 + $2}' <<<"$times") ))" >"$d/cpu.tmp" && mv "$d/cpu.tmp" "$d/cpu"
    grep -aE '^stat::number_of_executed_units' "$d/last.log" | awk '{print $2}' >>"$d/runs"
    if [[ "$rc" == 130 || "$rc" == 143 ]]; then
        return  # stopped from outside (Ctrl+C, kill): not a finding
    elif [[ "$rc" != 0 ]]; then
        cp "$d/last.log" "$d/finding-$(date +%s).log"
        touch "$d/found"
        echo "$t: finding (exit $rc), see $d"
    fi
}

# Round robin: every target gets a chunk per round (two at a time), so all of them advance together.
while :; do
    left=()
    for t in "${TARGETS[@]}"; do
        (( $(used "$t") < CPU_SECONDS )) && [[ ! -f "$OUT/$t/found" ]] && left+=("$t")
    done
    (( ${#left[@]} )) || break
    running=0
    for t in "${left[@]}"; do
        if (( running >= 2 )); then wait -n; running=$((running - 1)); fi
        fuzz_chunk "$t" &
        running=$((running + 1))
    done
    wait
done
bash "$0" --report "$OUT"
