#!/usr/bin/env bash
# Benchmark: `htmxws migrate --check TREE` over a generated tree of Jinja-style templates
# (default 10,000 files, ~60 MB, 20% with legacy hx-ws/hx-sse attributes). Warm page cache,
# 1 warm-up run + RUNS timed runs, wall time including JVM start-up.
#
# Usage: bench/migrate-check.sh            (from any directory)
# Environment:
#   COUNT=10000   number of templates          SEED=42   generator seed
#   RUNS=5        timed runs (after 1 warm-up)
#   HTMXWS=...    command to benchmark instead of <repo>/htmxws (may contain arguments,
#                 split on whitespace), e.g. HTMXWS="java -jar target/htmxws.jar"
#   BENCH_CACHE_DIR=/tmp/htmxws-bench-cache   where generated trees are kept and reused
# The last run's stdout/stderr are kept in $BENCH_CACHE_DIR/last-run/.
set -euo pipefail

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
ROOT=$(cd -- "$SCRIPT_DIR/.." && pwd -P)

COUNT=${COUNT:-10000}
SEED=${SEED:-42}
RUNS=${RUNS:-5}
CACHE_DIR=${BENCH_CACHE_DIR:-/tmp/htmxws-bench-cache}
GOAL_MS=1500

die() { echo "migrate-check: $*" >&2; exit 1; }

[[ $COUNT =~ ^[1-9][0-9]*$ ]] || die "COUNT must be a positive integer (got '$COUNT')"
[[ $SEED =~ ^-?[0-9]+$ ]] || die "SEED must be an integer (got '$SEED')"
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer (got '$RUNS')"
command -v java >/dev/null || die "java not found on PATH"

# ---- the command under test --------------------------------------------------------------
if [[ -n ${HTMXWS:-} ]]; then
    read -r -a CMD <<<"$HTMXWS"
    # make a relative path (./x, bin/x) absolute before we cd to the repo root
    if [[ ${CMD[0]} == */* && ${CMD[0]} != /* ]]; then
        cmd_dir=$(cd -- "$(dirname -- "${CMD[0]}")" 2>/dev/null && pwd -P) \
            || die "cannot resolve HTMXWS command '${CMD[0]}' from $(pwd)"
        CMD[0]="$cmd_dir/$(basename -- "${CMD[0]}")"
    fi
    CMD_DESC="$HTMXWS (from \$HTMXWS)"
else
    CMD=("$ROOT/htmxws")
    CMD_DESC="$ROOT/htmxws"
    [[ -x ${CMD[0]} ]] || die "launcher ${CMD[0]} not found or not executable (set HTMXWS=... to benchmark another command)"
fi
cd -- "$ROOT"

echo "== htmxws migrate --check benchmark"
echo "repo:     $ROOT"
echo "command:  $CMD_DESC"
echo "machine:  $(uname -srm), $(nproc 2>/dev/null || echo '?') CPU(s)$(awk -F': ' '/^model name/{print ", " $2; exit}' /proc/cpuinfo 2>/dev/null || true)"
echo "java:     $(java -version 2>&1 | head -n 1)"

# ---- build if needed (the launcher builds on first use) ----------------------------------
echo "-- build / version check"
if ! version_out=$("${CMD[@]}" --version 2>&1); then
    printf '%s\n' "$version_out" | tail -n 20 >&2
    die "'${CMD[*]} --version' failed"
fi
echo "version:  $(printf '%s\n' "$version_out" | tail -n 1)"

# ---- generate the tree (cached per generator source + COUNT + SEED) ---------------------
mkdir -p -- "$CACHE_DIR"
gen_hash=$( { cat -- "$SCRIPT_DIR/GenTemplates.java"; echo "$COUNT $SEED"; } | sha256sum | cut -c1-12)
TREE_HOME="$CACHE_DIR/c${COUNT}-s${SEED}-${gen_hash}"
if [[ -f $TREE_HOME/stats && -d $TREE_HOME/tree ]]; then
    echo "-- reusing generated tree $TREE_HOME/tree"
else
    echo "-- generating $COUNT templates (seed $SEED)"
    tmp=$(mktemp -d -- "$CACHE_DIR/gen.XXXXXX")
    if ! java "$SCRIPT_DIR/GenTemplates.java" "$tmp/tree" "$COUNT" "$SEED" >"$tmp/stats"; then
        rm -rf -- "$tmp"
        die "template generator failed"
    fi
    rm -rf -- "$TREE_HOME"
    mv -T -- "$tmp" "$TREE_HOME"
fi
TREE="$TREE_HOME/tree"
stat_of() { awk -F': ' -v k="$1" '$1 == k { print $2 }' "$TREE_HOME/stats"; }
FILES=$(stat_of files)
BYTES=$(stat_of bytes)
LEGACY=$(stat_of legacy_files)
[[ -n $FILES && -n $BYTES && -n $LEGACY ]] || die "cannot read generator stats in $TREE_HOME/stats"
echo "tree:     $TREE"
echo "input:    $FILES files, $BYTES bytes ($(awk -v b="$BYTES" 'BEGIN{printf "%.1f", b/1e6}') MB), $LEGACY with legacy attributes"

# ---- runs ---------------------------------------------------------------------------------
OUT_DIR="$CACHE_DIR/last-run"
mkdir -p -- "$OUT_DIR"
OUT="$OUT_DIR/stdout"
ERR="$OUT_DIR/stderr"
times_ns=()
rebuilt_runs=0
loadavg() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'; }
echo "load:     $(loadavg) (1/5/15 min) before the runs"

echo "-- 1 warm-up + $RUNS timed runs: ${CMD[*]} migrate --check $TREE"
for ((i = 0; i <= RUNS; i++)); do
    rc=0
    start=$(date +%s%N)
    "${CMD[@]}" migrate --check "$TREE" >"$OUT" 2>"$ERR" || rc=$?
    end=$(date +%s%N)
    ns=$((end - start))
    label=$([[ $i -eq 0 ]] && echo "warm-up" || echo "run $i/$RUNS")
    if [[ $rc -ne 1 ]]; then
        echo "$label: exit code $rc (expected 1: the tree contains legacy attributes)" >&2
        echo "--- last 20 lines of stderr:" >&2
        tail -n 20 -- "$ERR" >&2 || true
        die "benchmark run failed"
    fi
    note=""
    if grep -q '^htmxws: building ' -- "$ERR"; then
        note="  REBUILT: the launcher rebuilt the jar during this run (sources changed), not representative"
        rebuilt_runs=$((rebuilt_runs + 1))
    fi
    printf '%-9s %8.3f s  exit=%d  stdout=%d lines  stderr=%d lines%s\n' "$label" \
        "$(awk -v n="$ns" 'BEGIN{printf "%.3f", n/1e9}')" "$rc" \
        "$(wc -l <"$OUT")" "$(wc -l <"$ERR")" "$note"
    [[ $i -eq 0 ]] || times_ns+=("$ns")
done

# ---- summary ------------------------------------------------------------------------------
median_ns=$(printf '%s\n' "${times_ns[@]}" | sort -n | awk '
    { v[NR] = $1 }
    END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.0f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
min_ns=$(printf '%s\n' "${times_ns[@]}" | sort -n | head -n 1)
max_ns=$(printf '%s\n' "${times_ns[@]}" | sort -n | tail -n 1)
finding_re='^.+:[0-9]+:[0-9]+: (error|warning|info): '
findings=$(grep -cE "$finding_re" -- "$ERR" || true)
n_err=$(grep -cE '^.+:[0-9]+:[0-9]+: error: ' -- "$ERR" || true)
n_warn=$(grep -cE '^.+:[0-9]+:[0-9]+: warning: ' -- "$ERR" || true)
n_info=$(grep -cE '^.+:[0-9]+:[0-9]+: info: ' -- "$ERR" || true)
files_with=$(grep -E "$finding_re" -- "$ERR" | sed -E 's/:[0-9]+:[0-9]+: (error|warning|info): .*//' | sort -u | wc -l)

echo "-- summary ($RUNS timed runs, warm page cache, start-up included)"
awk -v m="$median_ns" -v lo="$min_ns" -v hi="$max_ns" -v f="$FILES" -v b="$BYTES" 'BEGIN {
    s = m / 1e9
    printf "median:   %.3f s   (min %.3f s, max %.3f s)\n", s, lo / 1e9, hi / 1e9
    printf "files/s:  %.0f\n", f / s
    printf "MB/s:     %.1f\n", b / 1e6 / s
}'
echo "findings: $findings lines on stderr of the last run ($n_err error, $n_warn warning, $n_info info; in $files_with files; $LEGACY files have legacy attributes)"
echo "          other stderr lines: $(( $(wc -l <"$ERR") - findings )); stdout: $(wc -l <"$OUT") lines, $(wc -c <"$OUT") bytes"
# the tool's own summary line ends with its in-process time, e.g. "...; 2.22 s" (informative only)
tool_time=$(grep -E '^htmxws migrate: ' -- "$ERR" | tail -n 1 | grep -oE '[0-9]+(\.[0-9]+)? s$' || true)
[[ -z $tool_time ]] || echo "tool:     last run reports $tool_time in-process (the rest of the wall time is launcher + JVM start-up)"
echo "load:     $(loadavg) (1/5/15 min) after the runs; on $(nproc 2>/dev/null || echo '?') CPU(s), a load above that means the figures are noisy"
if (( rebuilt_runs > 0 )); then
    echo "WARNING:  $rebuilt_runs run(s) included a rebuild by the launcher (sources changed meanwhile); rerun when the tree is quiet" >&2
fi
if (( median_ns <= GOAL_MS * 1000000 )); then
    echo "goal:     median <= ${GOAL_MS} ms for 10,000 templates / ~60 MB on 2 cores: met"
else
    echo "goal:     median <= ${GOAL_MS} ms for 10,000 templates / ~60 MB on 2 cores: NOT met"
fi
echo "output:   $OUT, $ERR (last run)"

if command -v hyperfine >/dev/null 2>&1; then
    echo "hint:     hyperfine is installed; for a statistical comparison try:"
    echo "          (cd $ROOT && hyperfine -w 1 -r 10 -i '${CMD[*]} migrate --check $TREE')"
fi
exit 0
