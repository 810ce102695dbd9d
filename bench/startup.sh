#!/usr/bin/env bash
# Benchmark: start-up of short htmxws commands through the launcher, as CI scripts run them.
# Median of RUNS (10) wall times per command (date +%s%N), after one untimed warm-up run each.
#
# Usage: bench/startup.sh            (from any directory)
# Environment:
#   RUNS=10         timed runs per command
#   HTMXWS_CDS=off  measure without the class-data archive (passed on to the launcher)
#   JAVA_HOME       the JDK to measure (passed on to the launcher)
#   HTMXWS_LAUNCHER another launcher to measure, e.g. an unpacked release's bin/htmxws (default: ./htmxws)
set -euo pipefail

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
ROOT=$(cd -- "$SCRIPT_DIR/.." && pwd -P)
HTMXWS="${HTMXWS_LAUNCHER:-$ROOT/htmxws}"
RUNS=${RUNS:-10}

die() { echo "startup: $*" >&2; exit 1; }
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer (got '$RUNS')"
[[ -x $HTMXWS ]] || die "launcher $HTMXWS not found or not executable"

WORK=$(mktemp -d)
trap 'rm -rf -- "$WORK"' EXIT
TEMPLATE="$WORK/one.html"
printf '%s\n' '<div hx-ws="connect:/chat">' '  <form hx-ws="send"><input name="m"></form>' '</div>' >"$TEMPLATE"

# ---- build if needed (and let the launcher make its archive) ------------------------------
if ! version_out=$("$HTMXWS" --version 2>&1); then
    printf '%s\n' "$version_out" | tail -n 20 >&2
    die "'$HTMXWS --version' failed"
fi

echo "== htmxws start-up benchmark ($RUNS runs per command, median wall time)"
echo "machine:  $(uname -srm), $(nproc 2>/dev/null || echo '?') CPU(s)$(awk -F': ' '/^model name/{print ", " $2; exit}' /proc/cpuinfo 2>/dev/null || true)"
echo "version:  $(printf '%s\n' "$version_out" | tail -n 1)"
# the JVM the launcher runs and the flags it chose
launch_line=$(HTMXWS_LAUNCHER_DEBUG=1 "$HTMXWS" --version 2>&1 >/dev/null | grep '^htmxws launcher: ' || true)
java_bin=$(printf '%s\n' "$launch_line" | awk '{print $3}')
echo "java:     ${java_bin:-?}: $("${java_bin:-java}" -version 2>&1 | tr '\n' ' ' | sed 's/  */ /g')"
echo "command:  ${launch_line#htmxws launcher: }"
# archive in use: is the CLI's main class loaded from the shared archive?
if HTMXWS_JAVA_OPTS="-Xlog:class+load=info" "$HTMXWS" --version 2>/dev/null \
        | grep -q 'dev\.htmxws\.cli\.Main source: shared objects file'; then
    echo "CDS:      archive used ($(printf '%s\n' "$launch_line" | grep -oE -- '-XX:(SharedArchiveFile|AOTCache)=[^ ]+' | sed 's/^[^=]*=//'))"
else
    echo "CDS:      archive NOT used${HTMXWS_CDS:+ (HTMXWS_CDS=$HTMXWS_CDS)}"
fi
echo "load:     $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?') (1/5/15 min) before the runs"

# bench LABEL EXPECTED_EXIT ARGS...: one warm-up, then RUNS timed runs; prints the median in ms
bench() {
    local label=$1 expected=$2
    shift 2
    local times=() i rc start end
    for ((i = 0; i <= RUNS; i++)); do
        rc=0
        start=$(date +%s%N)
        "$HTMXWS" "$@" >"$WORK/out" 2>"$WORK/err" || rc=$?
        end=$(date +%s%N)
        if [[ $rc -ne $expected ]]; then
            echo "$label: exit code $rc, expected $expected; stderr:" >&2
            tail -n 20 -- "$WORK/err" >&2
            die "run failed"
        fi
        if grep -q '^htmxws: building ' -- "$WORK/err"; then
            echo "$label: the launcher rebuilt the jar during a run (sources changed); rerun when the tree is quiet" >&2
        fi
        ((i == 0)) || times+=($(((end - start) / 1000)))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk -v label="$label" '
        { v[NR] = $1 }
        END {
            m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
            printf "%-58s median %6.1f ms   (min %6.1f, max %6.1f)\n", label, m / 1000, v[1] / 1000, v[NR] / 1000
        }'
}

echo "-- results"
bench "htmxws --version" 0 --version
bench "htmxws --help" 0 --help
bench "htmxws migrate --check one.html (exit 1)" 1 migrate --check "$TEMPLATE"
# (picocli answers `htmxws send --help` with the top-level help and exit 0 while there is no send command,
# so the usage line is checked too)
if send_help=$("$HTMXWS" send --help 2>/dev/null) && [[ $send_help == "Usage: htmxws send"* ]]; then
    # nothing listens on port 1: --dry-run must not connect
    bench "htmxws send --dry-run --form chat_message=hi ws://127.0.0.1:1/" 0 \
        send --dry-run --form chat_message=hi ws://127.0.0.1:1/
else
    echo "htmxws send --dry-run ...                                  skipped: there is no send command yet"
fi
echo "load:     $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?') (1/5/15 min) after the runs"
