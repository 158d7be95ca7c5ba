#!/usr/bin/env bash
# README's test command (.ci/run calls it): set-up → native build + unit tests (ctest) → Wasm build +
# its unit tests under node (ctest) → our Prosody → integration tests (native core over a real
# WebSocket) → end-to-end tests (headless Debian chromium via playwright-core) → Prosody stopped →
# fuzz (each libFuzzer target of tests/fuzz/ for a short bounded time from its seed corpus, clang,
# ASan/UBSan; each target counts as one test).
# Exits non-zero on any failure; the last line is "N passed, N failed" (test cases; a stage that
# cannot run its tests, e.g. a build error, counts as one failure).
#
# Overrides: STARLING_NATIVE_BUILD (default build/native), STARLING_WASM_BUILD (build/wasm),
# STARLING_SITE_DIR (a built site to test instead of <wasm build>/site), STARLING_SKIP_SETUP=1,
# STARLING_ONLY="unit integration e2e wasm fuzz" (subset of stages), STARLING_TEST_OUT (logs and Prosody;
# default build/test, or build/test-<wasm build name> with a custom STARLING_WASM_BUILD so parallel runs
# never share a Prosody), STARLING_CLOSURE_COMPILER (default: npm's google-closure-compiler when
# installed; "" turns Closure off), STARLING_FUZZ_BUILD (build/fuzz), STARLING_FUZZ_SECONDS (per
# target, default 20; two targets run at a time).
set -uo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"

NATIVE="${STARLING_NATIVE_BUILD:-$REPO/build/native}"
WASM="${STARLING_WASM_BUILD:-$REPO/build/wasm}"
if [[ -n "${STARLING_TEST_OUT:-}" ]]; then
    OUT="$STARLING_TEST_OUT"
elif [[ -n "${STARLING_WASM_BUILD:-}" ]]; then
    OUT="$REPO/build/test-$(basename "$WASM")"
else
    OUT="$REPO/build/test"
fi
CLOSURE="${STARLING_CLOSURE_COMPILER-$REPO/node_modules/.bin/google-closure-compiler}"
[[ -n "$CLOSURE" && ! -x "$CLOSURE" ]] && CLOSURE=""
PROSODY_DIR="$OUT/prosody"
ONLY="${STARLING_ONLY:-unit wasm integration e2e fuzz}"
FUZZ_BUILD="${STARLING_FUZZ_BUILD:-$REPO/build/fuzz}"
FUZZ_SECONDS="${STARLING_FUZZ_SECONDS:-20}"
mkdir -p "$OUT"

PASSED=0
FAILED=0
FAILED_STAGES=()
PROSODY_STARTED=0
START_TIME=$SECONDS

say() { echo; echo "=== test.sh: $* ($(( SECONDS - START_TIME ))s)"; }
want() { [[ " $ONLY " == *" $1 "* ]]; }

cleanup() {
    if [[ "$PROSODY_STARTED" == 1 ]]; then bash "$REPO/scripts/prosody.sh" stop "$PROSODY_DIR" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

stage_failed() {  # stage_failed NAME — a stage that produced no countable result
    FAILED=$((FAILED + 1))
    FAILED_STAGES+=("$1")
}

# count_gtest LOG / count_tap FILE: add the test counts of a GoogleTest log (one or more binaries) or
# a node --test TAP file to the totals; LAST_P / LAST_F hold this log's counts.
LAST_P=0
LAST_F=0
count_gtest() {
    LAST_P="$(grep -aoE '\[  PASSED  \] [0-9]+ test' "$1" | awk '{s += $4} END {print s + 0}')"
    LAST_F="$(grep -aoE '\[  FAILED  \] [0-9]+ test' "$1" | awk '{s += $4} END {print s + 0}')"
    PASSED=$((PASSED + LAST_P)); FAILED=$((FAILED + LAST_F))
}
count_tap() {
    LAST_P="$(grep -aoE '^# pass [0-9]+' "$1" 2>/dev/null | tail -1 | grep -oE '[0-9]+' || true)"
    LAST_F="$(grep -aoE '^# fail [0-9]+' "$1" 2>/dev/null | tail -1 | grep -oE '[0-9]+' || true)"
    LAST_P="${LAST_P:-0}"; LAST_F="${LAST_F:-0}"
    PASSED=$((PASSED + LAST_P)); FAILED=$((FAILED + LAST_F))
}
# finish NAME RC: the stage failed if its runner failed, a test failed, or nothing ran; a runner that
# failed with no failed test counted (crash, timeout, no tests) adds one failure.
finish() {
    if [[ "$2" -eq 0 && "$LAST_F" -eq 0 && "$LAST_P" -gt 0 ]]; then return 0; fi
    FAILED_STAGES+=("$1")
    if [[ "$LAST_F" -eq 0 ]]; then FAILED=$((FAILED + 1)); fi
}

# --- 0. set-up ---------------------------------------------------------------------------------------
if [[ "${STARLING_SKIP_SETUP:-0}" != 1 && -f "$REPO/scripts/setup.sh" ]]; then
    say "setup"
    bash "$REPO/scripts/setup.sh" || stage_failed "setup"
fi

# --- 1. native build + unit tests --------------------------------------------------------------------
NATIVE_OK=0
if want unit || want integration; then
    say "native build ($NATIVE)"
    if cmake -S "$REPO" -B "$NATIVE" >"$OUT/native-cmake.log" 2>&1 &&
        cmake --build "$NATIVE" -j2 >"$OUT/native-build.log" 2>&1; then
        NATIVE_OK=1
    else
        tail -n 30 "$OUT/native-cmake.log" "$OUT/native-build.log" 2>/dev/null
        stage_failed "native build"
    fi
fi
if want unit && [[ "$NATIVE_OK" == 1 ]]; then
    say "native unit tests (ctest -L unit)"
    ctest --test-dir "$NATIVE" -L unit -V --timeout 900 >"$OUT/unit-native.log" 2>&1
    rc=$?
    grep -aE '\[  (PASSED|FAILED)  \] [0-9]' "$OUT/unit-native.log" | tail -n 20
    count_gtest "$OUT/unit-native.log"
    finish "native unit" "$rc"
fi

# --- 2. Wasm build + its unit tests under node -------------------------------------------------------
SITE="${STARLING_SITE_DIR:-$WASM/site}"
if want wasm || want e2e; then
    say "Wasm build ($WASM)"
    # (Re)configured every time so the Closure setting follows the environment.
    if emcmake cmake -S "$REPO" -B "$WASM" "-DSTARLING_CLOSURE_COMPILER=$CLOSURE" >"$OUT/wasm-cmake.log" 2>&1 &&
        cmake --build "$WASM" -j2 >"$OUT/wasm-build.log" 2>&1; then
        :
    else
        tail -n 30 "$OUT/wasm-cmake.log" "$OUT/wasm-build.log" 2>/dev/null
        stage_failed "wasm build"
    fi
fi
if want wasm && [[ -f "$WASM/CTestTestfile.cmake" ]]; then
    say "Wasm unit tests under node (ctest)"
    ctest --test-dir "$WASM" -V --timeout 900 >"$OUT/unit-wasm.log" 2>&1
    rc=$?
    grep -aE '\[  (PASSED|FAILED)  \] [0-9]' "$OUT/unit-wasm.log" | tail -n 20
    count_gtest "$OUT/unit-wasm.log"
    finish "wasm unit" "$rc"
fi

# The first load's bytes (gzip -9 of every file of the site) against bench/size_budget.txt: bytes are
# deterministic, so growing past the budget fails the suite; lower the budget when the site shrinks.
if want wasm && [[ -f "$SITE/starling.wasm" ]]; then
    say "first-load size budget"
    budget="$(grep -oE '^[0-9]+' "$REPO/bench/size_budget.txt" | head -n 1)"
    total="$(bash "$REPO/bench/first_load.sh" "$SITE" | tee "$OUT/first-load.txt" | awk '$1 == "TOTAL" {print $3}')"
    cat "$OUT/first-load.txt"
    if [[ -z "$CLOSURE" ]]; then
        echo "size budget: not checked (the JS glue is not minified without the Closure compiler)"
    elif [[ -n "$total" && -n "$budget" && "$total" -le "$budget" ]]; then
        echo "size budget: $total <= $budget bytes"
        PASSED=$((PASSED + 1))
    else
        echo "size budget: FAILED — first load $total bytes gzip, budget $budget (bench/size_budget.txt)"
        stage_failed "size budget"
    fi
fi

# --- 3. our Prosody ---------------------------------------------------------------------------------
if want integration || want e2e; then
    say "Prosody (our own instance in $PROSODY_DIR)"
    bash "$REPO/scripts/prosody.sh" stop "$PROSODY_DIR" >/dev/null 2>&1 || true
    rm -rf "$PROSODY_DIR"
    XMPP_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
    if STARLING_STANZA_DEBUG=1 bash "$REPO/scripts/prosody.sh" start "$PROSODY_DIR" "$XMPP_PORT"; then
        PROSODY_STARTED=1
        export STARLING_WS_URL="ws://127.0.0.1:$XMPP_PORT/xmpp-websocket"
        export STARLING_XMPP_DOMAIN="localhost"
        export STARLING_PROSODY_DIR="$PROSODY_DIR"
    else
        stage_failed "prosody start"
    fi
fi

# --- 4. integration tests ----------------------------------------------------------------------------
if want integration && [[ "$NATIVE_OK" == 1 && "$PROSODY_STARTED" == 1 ]]; then
    say "integration tests against Prosody ($STARLING_WS_URL)"
    if cmake --build "$NATIVE" -j2 --target starling_integration_tests >"$OUT/integration-build.log" 2>&1; then
        timeout 900 "$NATIVE/starling_integration_tests" --gtest_color=no >"$OUT/integration.log" 2>&1
        rc=$?
        grep -aE '^\[ +(OK|FAILED|PASSED) ' "$OUT/integration.log"
        count_gtest "$OUT/integration.log"
        finish "integration" "$rc"
    else
        tail -n 30 "$OUT/integration-build.log"
        stage_failed "integration build"
    fi
fi

# --- 4b. OMEMO interop with an independent client ------------------------------------------------------
# Debian's python3-omemo + python3-oldmemo on python3-slixmpp (tests/interop/omemo_peer.py) against our
# native client, through the same Prosody. Part of the "integration" selection.
if want integration && [[ "$NATIVE_OK" == 1 && "$PROSODY_STARTED" == 1 ]]; then
    say "OMEMO interop with python-omemo (independent implementation)"
    if cmake --build "$NATIVE" -j2 --target starling_integration_tests >"$OUT/interop-build.log" 2>&1; then
        STARLING_INTEROP=1 timeout 300 "$NATIVE/starling_integration_tests" --gtest_color=no \
            --gtest_filter='OmemoInterop.*:ActionsInterop.*' >"$OUT/interop.log" 2>&1
        rc=$?
        grep -aE '^\[ +(OK|FAILED|PASSED|SKIPPED) ' "$OUT/interop.log"
        count_gtest "$OUT/interop.log"
        finish "interop" "$rc"
    else
        tail -n 30 "$OUT/interop-build.log"
        stage_failed "interop build"
    fi
fi

# --- 5. end-to-end tests -------------------------------------------------------------------------------
if want e2e && [[ "$PROSODY_STARTED" == 1 ]]; then
    say "end-to-end tests (headless chromium, site $SITE)"
    if [[ ! -f "$SITE/index.html" ]]; then
        echo "no site at $SITE"
        stage_failed "e2e (no site)"
    elif [[ ! -d "$REPO/node_modules/playwright-core" ]]; then
        echo "playwright-core missing: run npm install (scripts/setup.sh does)"
        stage_failed "e2e (no playwright-core)"
    else
        export STARLING_SITE_DIR="$SITE"
        # A bound against a hang, not a speed check: on a loaded 2-core machine the stage took more than
        # 20 minutes (no_loss_1000 alone 313 s) and was cut off with tests left unrun.
        timeout 3000 node --test --test-concurrency=1 \
            --test-reporter=spec --test-reporter-destination=stdout \
            --test-reporter=tap --test-reporter-destination="$OUT/e2e.tap" \
            tests/e2e/ 2>&1 | tee "$OUT/e2e.log" | grep -avE '^\s*$'
        rc=${PIPESTATUS[0]}
        count_tap "$OUT/e2e.tap"
        finish "e2e" "$rc"
    fi
fi

cleanup
PROSODY_STARTED=0

# --- 6. fuzz -----------------------------------------------------------------------------------------
# Each target runs FUZZ_SECONDS from a copy of tests/fuzz/corpus/<target>/ (the repository is never
# written), two at a time; a crash, leak, UB report or timeout fails it and prints the reproducer.
fuzz_one() {  # fuzz_one TARGET DIR: runs in the background; DIR/rc holds libFuzzer's exit status
    local t="$1" dir="$2" dict=()
    mkdir -p "$dir/corpus"
    cp -R "$REPO/tests/fuzz/corpus/$t/." "$dir/corpus/" 2>/dev/null
    [[ -f "$REPO/tests/fuzz/$t.dict" ]] && dict=("-dict=$REPO/tests/fuzz/$t.dict")
    TMPDIR="$dir" UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}" "$FUZZ_BUILD/$t" "${dict[@]}" \
        -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$dir/" "$dir/corpus" >"$OUT/fuzz-$t.log" 2>&1
    echo $? >"$dir/rc"
}
if want fuzz; then
    say "fuzz build ($FUZZ_BUILD, clang, libFuzzer + ASan/UBSan)"
    FUZZ_TARGETS=()
    for f in "$REPO"/tests/fuzz/*.cpp; do FUZZ_TARGETS+=("$(basename "$f" .cpp)"); done
    if CC=clang CXX=clang++ cmake -S "$REPO" -B "$FUZZ_BUILD" -DSTARLING_FUZZ=ON >"$OUT/fuzz-cmake.log" 2>&1 &&
        cmake --build "$FUZZ_BUILD" -j2 --target "${FUZZ_TARGETS[@]}" >"$OUT/fuzz-build.log" 2>&1; then
        say "fuzz: ${#FUZZ_TARGETS[@]} targets, ${FUZZ_SECONDS}s each"
        FUZZ_WORK="$(mktemp -d "${TMPDIR:-/tmp}/starling-fuzz-XXXXXX")"
        running=0
        for t in "${FUZZ_TARGETS[@]}"; do
            if (( running >= 2 )); then wait -n; running=$((running - 1)); fi
            fuzz_one "$t" "$FUZZ_WORK/$t" &
            running=$((running + 1))
        done
        wait
        for t in "${FUZZ_TARGETS[@]}"; do
            rc="$(cat "$FUZZ_WORK/$t/rc" 2>/dev/null || echo 1)"
            stats="$(grep -aE '^stat::number_of_executed_units' "$OUT/fuzz-$t.log" | awk '{print $2}')"
            cov="$(grep -aoE 'cov: [0-9]+ ft: [0-9]+' "$OUT/fuzz-$t.log" | tail -1)"
            artifacts=("$FUZZ_WORK/$t"/crash-* "$FUZZ_WORK/$t"/leak-* "$FUZZ_WORK/$t"/timeout-* "$FUZZ_WORK/$t"/oom-*)
            found=()
            for a in "${artifacts[@]}"; do [[ -f "$a" ]] && found+=("$a"); done
            if [[ "$rc" == 0 && ${#found[@]} -eq 0 ]]; then
                echo "fuzz $t: ok (${stats:-?} runs, ${cov:-no coverage line})"
                PASSED=$((PASSED + 1))
            else
                echo "fuzz $t: FAILED (exit $rc; log $OUT/fuzz-$t.log)"
                grep -aE '^(==[0-9]+==ERROR|SUMMARY|.*runtime error:|    #[0-9]+ )' "$OUT/fuzz-$t.log" | head -n 30
                mkdir -p "$OUT/fuzz-artifacts"
                for a in "${found[@]}"; do
                    cp "$a" "$OUT/fuzz-artifacts/$t-$(basename "$a")"
                    echo "reproducer: $OUT/fuzz-artifacts/$t-$(basename "$a") ($(stat -c %s "$a") bytes);" \
                        "run: $FUZZ_BUILD/$t $OUT/fuzz-artifacts/$t-$(basename "$a")"
                    echo "base64: $(head -c 65536 "$a" | base64 -w0)"
                done
                FAILED=$((FAILED + 1))
                FAILED_STAGES+=("fuzz $t")
            fi
        done
        rm -rf "$FUZZ_WORK"
    else
        tail -n 30 "$OUT/fuzz-cmake.log" "$OUT/fuzz-build.log" 2>/dev/null
        stage_failed "fuzz build"
    fi
fi

say "done; logs in $OUT"
if [[ ${#FAILED_STAGES[@]} -gt 0 ]]; then echo "failed stages: ${FAILED_STAGES[*]}"; fi
echo "$PASSED passed, $FAILED failed"
[[ "$FAILED" -eq 0 && ${#FAILED_STAGES[@]} -eq 0 ]]
