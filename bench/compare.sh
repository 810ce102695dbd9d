#!/usr/bin/env bash
# Every start-up and throughput figure of htmxws side by side with the tool a user would pick instead, in one
# call, on the same machine (issue #16). Each pair runs alternately (htmxws, peer, htmxws, peer, ...) RUNS times
# after one warm-up each; every run's exit status and output are checked, so a broken run stops the script
# instead of giving a fast number. Prints a header about the machine, then one Markdown table row per figure:
# htmxws min / median / max, the peer's, the ratio of the medians (htmxws / peer) and the goal.
#
# Usage: bench/compare.sh                 (from any directory; several minutes with the defaults)
#        QUICK=1 RUNS=1 bench/compare.sh  (smoke run: small counts, well under a minute)
# Environment:
#   RUNS=10        timed runs per side of each pair (after one warm-up each)
#   QUICK=1        small message counts and a small template tree (figures not comparable with a full run)
#   SWAP=1         also run bench/swap.sh (Maven test-compile + JMH, a few minutes) for the OOB swap rows;
#                  without it those rows say "run bench/swap.sh"
#   RUN_TIMEOUT=300  seconds after which one run counts as failed
#   HTMXWS_LAUNCHER  another launcher to measure (default: ./htmxws), as in startup.sh
#   ORACLE_DIR     where the recorded browser figures are (default: ../shared/oracle beside the checkout)
#   BENCH_CACHE_DIR  where migrate-check.sh keeps its generated template trees
#
# The peers: wscat 6 and the WebSocket library ws 8, installed from npm into a temporary folder; the server of the
# client figures is a small Node program on ws written there too (below), so that neither tool is measured
# against its own server. Without npm (or when the install fails) the WebSocket rows are skipped, with the reason.
set -euo pipefail

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
ROOT=$(cd -- "$SCRIPT_DIR/.." && pwd -P)
HTMXWS="${HTMXWS_LAUNCHER:-$ROOT/htmxws}"
RUNS=${RUNS:-10}
QUICK=${QUICK:-0}
SWAP=${SWAP:-0}
RUN_TIMEOUT=${RUN_TIMEOUT:-300}
ORACLE_DIR=${ORACLE_DIR:-$ROOT/../shared/oracle}

die() { echo "compare: $*" >&2; exit 1; }
say() { echo "compare: $*" >&2; }   # progress, on stderr; the report is stdout
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer (got '$RUNS')"
[[ $RUN_TIMEOUT =~ ^[1-9][0-9]*$ ]] || die "RUN_TIMEOUT must be a positive integer (got '$RUN_TIMEOUT')"
[[ -x $HTMXWS ]] || die "launcher $HTMXWS not found or not executable"
command -v java >/dev/null || die "java not found on PATH"

# message counts (messages of SIZE bytes) and the template tree
SIZE=200
if [[ $QUICK == 1 ]]; then
    N_SMALL=2000 N_LARGE=20000 N_RSS=50000 TEMPLATES=300
else
    N_SMALL=20000 N_LARGE=200000 N_RSS=1000000 TEMPLATES=10000
fi

# ---- goals (bench/README.md, bench/client.sh, startup.sh; "not recorded": no goal written down yet) -----------
GOAL_VERSION_WSCAT="goal < 150 ms (startup.sh)"
GOAL_VERSION_JAVA="goal ≤ 1.3× java -version"
GOAL_DRY_RUN="goal < 250 ms (startup.sh)"
GOAL_ONE_SHOT="goal < 300 ms (client.sh), ≤ 1× wscat"
GOAL_LISTEN_ONE="goal ≤ 1× wscat"
GOAL_STREAM="goal ≥ wscat's msgs/s (ratio ≤ 1; client.sh)"
GOAL_RSS="goal: not recorded"
GOAL_MIGRATE="goal < 1.5 s for 10,000 templates (migrate-check.sh)"
GOAL_SWAP="goal ≥ htmx 2 in Chromium"

# ---- temporary folder, clean-up -------------------------------------------------------------------------------
tmp=$(mktemp -d "${TMPDIR:-/tmp}/htmxws-compare.XXXXXX")
W="$tmp/run"   # the current run's out, err and value
mkdir -p "$W"
SERVER_PID=""
cleanup() {
    if [[ -n $SERVER_PID ]]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf -- "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
# the clients' standard input: a FIFO opened read-write gives neither data nor end of file (wscat exits at once
# when its standard input ends, before it has connected)
HOLD="$tmp/hold"
mkfifo "$HOLD"

loadavg() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'; }
LOAD_BEFORE=$(loadavg)

# ---- htmxws: build if needed, the JVM and flags the launcher uses ---------------------------------------------
say "building htmxws if needed ($HTMXWS --version)"
if ! version_out=$("$HTMXWS" --version 2>&1); then
    printf '%s\n' "$version_out" | tail -n 20 >&2
    die "'$HTMXWS --version' failed"
fi
HTMXWS_VERSION=$(printf '%s\n' "$version_out" | tail -n 1)
# as in startup.sh: the java command line the launcher runs (printf %q words)
launch_line=$(HTMXWS_LAUNCHER_DEBUG=1 "$HTMXWS" --version 2>&1 >/dev/null | grep '^htmxws launcher: ' || true)
[[ -n $launch_line ]] || die "no 'htmxws launcher:' line from HTMXWS_LAUNCHER_DEBUG=1 $HTMXWS --version"
launch=()
eval "launch=(${launch_line#htmxws launcher: })"
JAVA_BIN=${launch[0]}
# java -version with the launcher's JVM flags, less its class-data archive of the application: that archive was
# dumped with the application's class path, so the JVM refuses it for a plain -version ("shared class paths
# mismatch") and would then run without the JDK's own default archive either, slower than a plain java -version
JAVA_FLAGS=()
for word in "${launch[@]:1}"; do
    case $word in
        -jar | -cp | -classpath | --class-path) break ;;
        -XX:SharedArchiveFile=* | -XX:AOTCache=*) ;;
        *) JAVA_FLAGS+=("$word") ;;
    esac
done
JAVA_VERSION_CMD="$JAVA_BIN ${JAVA_FLAGS[*]} -version"

if git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1; then
    COMMIT="$(git -C "$ROOT" rev-parse --short HEAD)$([[ -z $(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null) ]] || echo ' (with uncommitted changes)')"
else
    COMMIT="? (not a git checkout)"
fi

# ---- wscat, ws and the server ---------------------------------------------------------------------------------
WS_SKIP=""      # why the WebSocket rows are skipped, when they are
WSCAT="$tmp/node_modules/.bin/wscat"
PORT=""
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    WS_SKIP="node or npm not found"
else
    say "installing wscat@6 and ws@8 from npm into $tmp"
    if ! npm install --prefix "$tmp" --no-audit --no-fund --no-save --loglevel=error wscat@6 ws@8 >"$tmp/npm.log" 2>&1; then
        tail -n 5 "$tmp/npm.log" >&2
        WS_SKIP="npm install wscat@6 ws@8 failed (its last lines are on stderr)"
    elif [[ ! -x $WSCAT ]]; then
        WS_SKIP="npm installed no wscat executable"
    fi
fi

# The server of the client figures (written for this script):
#   /echo               answers each message with the same message; greets with nothing
#   /greet              sends one message on connect, then waits
#   /stream?n=N&size=S  sends N text messages of exactly S bytes ("<p>line i xxx…</p>"), then closes with 1000;
#                       the frames are written straight to the socket in large writes (made once and kept for
#                       streams up to 64 MB), so that the server is not what limits a fast client
cat >"$tmp/server.js" <<'EOF'
'use strict';
const http = require('http');
const { WebSocketServer } = require('ws');

const GREETING = '<div id="greeting" hx-swap-oob="true">hello</div>';
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
const whole = new Map(); // "n/size" -> every frame of that stream

// Frames of messages from..to (1-based), each "<p>line i xxx…</p>", exactly size bytes.
function frames(from, to, size) {
  const headerLen = size < 126 ? 2 : size < 65536 ? 4 : 10;
  const frameLen = headerLen + size;
  const buf = Buffer.alloc((to - from + 1) * frameLen, 'x');
  for (let i = from, off = 0; i <= to; i++, off += frameLen) {
    buf[off] = 0x81; // FIN, text
    if (headerLen === 2) buf[off + 1] = size;
    else if (headerLen === 4) { buf[off + 1] = 126; buf.writeUInt16BE(size, off + 2); }
    else { buf[off + 1] = 127; buf.writeBigUInt64BE(BigInt(size), off + 2); }
    buf.write('<p>line ' + i + ' ', off + headerLen, 'latin1');
    buf.write('</p>', off + headerLen + size - 4, 'latin1');
  }
  return buf;
}

async function stream(ws, socket, n, size) {
  const once = n * (size + 10) <= 64 << 20;
  const key = n + '/' + size;
  if (once && !whole.has(key)) whole.set(key, frames(1, n, size));
  const step = once ? n : Math.max(1, Math.floor((1 << 20) / (size + 10)));
  let gone = false;
  socket.once('close', () => { gone = true; });
  for (let i = 1; i <= n && !gone; i += step) {
    const buf = once ? whole.get(key) : frames(i, Math.min(n, i + step - 1), size);
    if (!socket.write(buf) && !gone) {
      await new Promise((resolve) => { socket.once('drain', resolve); socket.once('close', resolve); });
    }
  }
  if (!gone) ws.close(1000); // written after the frames: same socket, in order
}

const server = http.createServer((req, res) => { res.writeHead(404); res.end(); });
server.on('upgrade', (req, socket, head) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  const n = Number(url.searchParams.get('n'));
  const size = Number(url.searchParams.get('size') || 200);
  const known = url.pathname === '/echo' || url.pathname === '/greet'
    || (url.pathname === '/stream' && Number.isInteger(n) && n > 0 && Number.isInteger(size) && size >= 32);
  if (!known) {
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
    return;
  }
  wss.handleUpgrade(req, socket, head, (ws) => {
    ws.on('error', () => {});
    if (url.pathname === '/echo') ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
    else if (url.pathname === '/greet') ws.send(GREETING);
    else stream(ws, socket, n, size).catch(() => socket.destroy());
  });
});
server.listen(0, '127.0.0.1', () => console.log('port ' + server.address().port));
EOF
GREETING='<div id="greeting" hx-swap-oob="true">hello</div>'

if [[ -z $WS_SKIP ]]; then
    node "$tmp/server.js" >"$tmp/server.out" 2>"$tmp/server.err" </dev/null &
    SERVER_PID=$!
    for ((i = 0; i < 100; i++)); do
        PORT=$(awk '$1 == "port" { print $2; exit }' "$tmp/server.out")
        [[ -z $PORT ]] || break
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.1
    done
    if [[ -z $PORT ]]; then
        cat "$tmp/server.err" >&2
        die "the test server did not start (no port within 10 s)"
    fi
fi
URL="ws://127.0.0.1:$PORT"

# ---- header ---------------------------------------------------------------------------------------------------
echo "## htmxws compared with its peers ($(date '+%Y-%m-%d %H:%M:%S %Z'))"
echo
echo "- machine: $(uname -srm), $(nproc 2>/dev/null || echo '?') CPU(s)$(awk -F': ' '/^model name/{print ", " $2; exit}' /proc/cpuinfo 2>/dev/null || true)"
echo "- load average before: $LOAD_BEFORE (1/5/15 min)"
echo "- htmxws: $HTMXWS_VERSION, commit $COMMIT"
echo "- java: $("$JAVA_BIN" -version 2>&1 | tr '\n' ' ' | sed 's/  */ /g; s/ $//')"
echo "- launcher: ${launch_line#htmxws launcher: }"
echo "- java -version peer: $JAVA_VERSION_CMD"
if [[ -z $WS_SKIP ]]; then
    echo "- node $(node --version), wscat $("$WSCAT" --version), ws $(node -p 'require(process.argv[1] + "/package.json").version' "$tmp/node_modules/ws"); server: Node on ws, loopback"
else
    echo "- wscat: skipped: $WS_SKIP"
fi
echo "- runs: $RUNS per side after one warm-up each, alternating$([[ $QUICK != 1 ]] || echo '; QUICK=1: small counts, not comparable with a full run')"
echo "- times are wall times of the whole process (date +%s%N around it: start-up, connect, work, exit)"
echo

# ---- measuring ------------------------------------------------------------------------------------------------
# A side is a function that runs its command once. run_once starts it with stdout in $W/out, stderr in $W/err
# and standard input from $HOLD, and times it; the side may write the figure to record in $W/value (otherwise
# the wall time in µs is recorded). Its check function gets the exit status and says (on stderr, returning 1)
# what is wrong with the run.
REBUILT=0
run_once() { # SIDE CHECK WHAT
    local side=$1 check=$2 what=$3 rc=0 start end
    rm -f -- "$W/value"
    start=$(date +%s%N)
    "$side" 0<>"$HOLD" >"$W/out" 2>"$W/err" || rc=$?
    end=$(date +%s%N)
    if ((rc == 124)); then
        echo "$what: no exit within $RUN_TIMEOUT s" >&2
    fi
    if ((rc == 124)) || ! "$check" "$rc"; then
        echo "--- $what: exit code $rc; last lines of stderr:" >&2
        tail -n 15 -- "$W/err" >&2 || true
        echo "--- last lines of stdout:" >&2
        tail -n 5 -- "$W/out" | cut -c1-200 >&2 || true
        die "a run failed: no figures from a broken run"
    fi
    if grep -q '^htmxws: building ' -- "$W/err" 2>/dev/null; then
        REBUILT=$((REBUILT + 1))
    fi
    if [[ -s $W/value ]]; then LAST=$(<"$W/value"); else LAST=$(((end - start) / 1000)); fi
}

# stats VALUE...: min median max
stats() {
    printf '%s\n' "$@" | sort -n | awk '
        { v[NR] = $1 }
        END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.0f %.1f %.0f\n", v[1], m, v[NR] }'
}
# fmt UNIT VALUE: a figure for the table (us: µs shown in ms; kb: KiB shown in MiB; rate: as is), 1,234 style
fmt() {
    num "$(awk -v u="$1" -v v="$2" 'BEGIN {
        if (u == "us") { x = v / 1000; printf (x < 10 ? "%.1f" : "%.0f"), x }
        else if (u == "kb") printf "%.1f", v / 1024
        else printf "%.0f", v }')"
}
unit_name() { case $1 in us) echo ms ;; kb) echo MiB ;; rate) echo msgs/s ;; esac; }
md() { local s=$1; printf '%s' "${s//|/\\|}"; }   # a table cell: | escaped
num() { sed -E ':a; s/^([0-9]+)([0-9]{3})/\1,\2/; ta' <<<"$1"; }   # 1000000 -> 1,000,000

row() { # FIGURE PEER UNIT "MIN MED MAX" "MIN MED MAX" GOAL NOTE
    local figure=$1 peer=$2 unit=$3 goal=$6 note=$7 h p hmin hmed hmax pmin pmed pmax ratio
    read -r hmin hmed hmax <<<"$4"
    read -r pmin pmed pmax <<<"$5"
    h="$(fmt "$unit" "$hmin") / **$(fmt "$unit" "$hmed")** / $(fmt "$unit" "$hmax") $(unit_name "$unit")"
    p="$(fmt "$unit" "$pmin") / **$(fmt "$unit" "$pmed")** / $(fmt "$unit" "$pmax") $(unit_name "$unit")"
    ratio=$(awk -v a="$hmed" -v b="$pmed" 'BEGIN { printf "%.2f", a / b }')
    printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$(md "$figure")" "$(md "$peer")" "$h" "$p" "$ratio" "$goal" "$(md "$note")"
}
skip_row() { # FIGURE PEER GOAL WHY
    printf '| %s | %s | – | – | – | %s | skipped: %s |\n' "$(md "$1")" "$(md "$2")" "$3" "$(md "$4")"
}

# pair FIGURE PEER UNIT GOAL H_SIDE H_CHECK P_SIDE P_CHECK [NOTE_FN]: one warm-up each, then RUNS alternating
# runs; NOTE_FN, when given, gets the two medians and prints the row's note
pair() {
    local figure=$1 peer=$2 unit=$3 goal=$4 hs=$5 hc=$6 ps=$7 pc=$8 note_fn=${9:-} i hv=() pv=() h p note=""
    say "$figure  vs  $peer"
    run_once "$hs" "$hc" "htmxws warm-up: $figure"
    run_once "$ps" "$pc" "peer warm-up: $peer"
    for ((i = 1; i <= RUNS; i++)); do
        run_once "$hs" "$hc" "htmxws run $i: $figure"
        hv+=("$LAST")
        run_once "$ps" "$pc" "peer run $i: $peer"
        pv+=("$LAST")
    done
    h=$(stats "${hv[@]}")
    p=$(stats "${pv[@]}")
    [[ -z $note_fn ]] || note=$("$note_fn" "$(echo "$h" | cut -d' ' -f2)" "$(echo "$p" | cut -d' ' -f2)")
    row "$figure" "$peer" "$unit" "$h" "$p" "$goal" "$note"
}

T() { timeout -k 5 "$RUN_TIMEOUT" "$@"; }   # the same wrapper on both sides

# checks
ok0() { [[ $1 == 0 ]] || { echo "expected exit code 0" >&2; return 1; }; }
has() { # RC FILE ERE WHAT: exit 0 and a line of FILE matches ERE
    ok0 "$1" || return 1
    grep -qE -- "$3" "$2" || { echo "expected $4" >&2; return 1; }
}
out_is() { # RC TEXT: exit 0 and stdout exactly one line TEXT
    ok0 "$1" || return 1
    [[ $(wc -l <"$W/out") == 1 && $(<"$W/out") == "$2" ]] || { echo "expected exactly the line '$2' on stdout" >&2; return 1; }
}
STREAM_N=0
stream_ok() { # RC: exit 0, and exactly STREAM_N lines of SIZE bytes, the last one message STREAM_N
    ok0 "$1" || return 1
    local lines bytes last
    lines=$(wc -l <"$W/out")
    bytes=$(wc -c <"$W/out")
    last=$(tail -n 1 -- "$W/out" | cut -c1-20)
    if [[ $lines != "$STREAM_N" || $bytes != $((STREAM_N * (SIZE + 1))) || $last != "<p>line $STREAM_N "* ]]; then
        echo "expected $STREAM_N lines of $SIZE bytes, the last one 'line $STREAM_N'; got $lines lines, $bytes bytes, the last starting '$last'" >&2
        return 1
    fi
}
rate() { awk -v n="$STREAM_N" -v us="$1" 'BEGIN { printf "%.0f", n / us * 1e6 }'; }   # messages/s from µs
rate_note() { echo "$(fmt rate "$(rate "$1")") vs $(fmt rate "$(rate "$2")") msgs/s, start-up included"; }

# ---- start-up -------------------------------------------------------------------------------------------------
h_version() { T "$HTMXWS" --version; }
c_version() { has "$1" "$W/out" '^htmxws ' "'htmxws …' on stdout"; }
p_wscat_version() { T "$WSCAT" --version; }
c_wscat_version() { has "$1" "$W/out" '^[0-9]+\.[0-9]+' "a version on stdout"; }
p_java_version() { T "$JAVA_BIN" "${JAVA_FLAGS[@]}" -version; }
c_java_version() { has "$1" "$W/err" ' version "' "java's version on stderr"; }
h_dry_run() { T "$HTMXWS" send --dry-run --form a=b ws://127.0.0.1:1/; }
c_dry_run() { has "$1" "$W/out" '^\{"a":"b",' 'the frame {"a":"b",…} on stdout'; }

echo "| figure | peer | htmxws min / **median** / max | peer min / **median** / max | ratio of medians (htmxws / peer) | goal | note |"
echo "| --- | --- | --- | --- | --- | --- | --- |"

if [[ -z $WS_SKIP ]]; then
    pair "htmxws --version" "wscat --version" us "$GOAL_VERSION_WSCAT" h_version c_version p_wscat_version c_wscat_version
else
    skip_row "htmxws --version" "wscat --version" "$GOAL_VERSION_WSCAT" "$WS_SKIP"
fi
pair "htmxws --version" "java -version (the launcher's JVM flags)" us "$GOAL_VERSION_JAVA" \
    h_version c_version p_java_version c_java_version
pair "htmxws send --dry-run --form a=b ws://127.0.0.1:1/" "java -version (the launcher's JVM flags)" us "$GOAL_DRY_RUN" \
    h_dry_run c_dry_run p_java_version c_java_version

# ---- WebSocket clients ----------------------------------------------------------------------------------------
h_one_shot() { T "$HTMXWS" send --raw hi --expect 1 "$URL/echo"; }
p_one_shot() { T "$WSCAT" -c "$URL/echo" -x hi -w 0.1; }
c_one_shot() { out_is "$1" hi; }
# wscat has no "exit after N messages", and stops at once when its standard input ends. The closest to
# `listen --count 1` is -x with -w 0: it sends one (empty) frame, which /greet ignores, and closes as soon as it
# has connected; the greeting, which the server writes right after the upgrade, arrives before the answer to that
# close and is printed (each run is checked for it). So both figures are start + connect + greeting + close.
h_listen_one() { T "$HTMXWS" listen --count 1 "$URL/greet"; }
p_listen_one() { T "$WSCAT" -c "$URL/greet" -x '' -w 0; }
c_listen_one() { out_is "$1" "$GREETING"; }
# raw receive: the server sends STREAM_N messages and closes with 1000; wscat exits on the close
h_stream() { T "$HTMXWS" listen --format raw "$URL/stream?n=$STREAM_N&size=$SIZE"; }
p_stream() { T "$WSCAT" -c "$URL/stream?n=$STREAM_N&size=$SIZE"; }
# peak RSS (GNU time's %M, KiB) of the same; the launcher and wscat's env exec the JVM and node in place
h_rss() { T /usr/bin/time -f %M -o "$W/value" "$HTMXWS" listen --format raw "$URL/stream?n=$STREAM_N&size=$SIZE"; }
p_rss() { T /usr/bin/time -f %M -o "$W/value" "$WSCAT" -c "$URL/stream?n=$STREAM_N&size=$SIZE"; }
rss_note() { echo "$(num "$STREAM_N") × $SIZE B"; }

ws_pair() { # as pair, or a skipped row without the WebSocket peer
    if [[ -n $WS_SKIP ]]; then skip_row "$1" "$2" "$4" "$WS_SKIP"; else pair "$@"; fi
}
note_one_shot() { echo "/echo answers hi with hi; wscat's exit includes its 0.1 s wait"; }
note_listen_one() { echo "/greet; wscat has no --count: see the comment in compare.sh"; }
ws_pair "htmxws send --raw hi --expect 1 URL (to exit)" "wscat -c URL -x hi -w 0.1" us "$GOAL_ONE_SHOT" \
    h_one_shot c_one_shot p_one_shot c_one_shot note_one_shot
ws_pair "htmxws listen --count 1 URL (start, connect, greeting)" "wscat -c URL -x '' -w 0" us "$GOAL_LISTEN_ONE" \
    h_listen_one c_listen_one p_listen_one c_listen_one note_listen_one
for STREAM_N in "$N_SMALL" "$N_LARGE"; do
    ws_pair "htmxws listen --format raw URL, $(num "$STREAM_N") × $SIZE B, then close" "wscat -c URL >file" us \
        "$GOAL_STREAM" h_stream stream_ok p_stream stream_ok rate_note
done
if [[ -z $WS_SKIP && ! -x /usr/bin/time ]]; then
    skip_row "peak RSS, htmxws listen --format raw" "wscat -c URL >file" "$GOAL_RSS" "no /usr/bin/time (GNU time)"
else
    STREAM_N=$N_RSS
    ws_pair "peak RSS, htmxws listen --format raw URL, $(num "$STREAM_N") × $SIZE B" "wscat -c URL >file" kb \
        "$GOAL_RSS" h_rss stream_ok p_rss stream_ok rss_note
fi

# ---- migrate --check over the generated tree ------------------------------------------------------------------
# migrate-check.sh generates (or reuses) the tree and makes a warm-up and one timed run of its own; its "tree:"
# line says where the tree is
say "migrate --check: generating or reusing the $TEMPLATES-template tree (bench/migrate-check.sh, RUNS=1)"
if ! env COUNT="$TEMPLATES" RUNS=1 ${HTMXWS_LAUNCHER:+"HTMXWS=$HTMXWS_LAUNCHER"} "$SCRIPT_DIR/migrate-check.sh" \
        >"$tmp/migrate-check.log" 2>&1; then
    tail -n 20 "$tmp/migrate-check.log" >&2
    die "bench/migrate-check.sh failed"
fi
TREE=$(awk '$1 == "tree:" { print $2; exit }' "$tmp/migrate-check.log")
[[ -d $TREE ]] || die "no tree: line in the output of bench/migrate-check.sh"
GREP_FILES=""
h_migrate() { T "$HTMXWS" migrate --check "$TREE"; }
c_migrate() {
    [[ $1 == 1 ]] || { echo "expected exit code 1 (the tree has legacy attributes)" >&2; return 1; }
    grep -qE '^.+:[0-9]+:[0-9]+: (error|warning|info): ' "$W/err" || { echo "expected findings on stderr" >&2; return 1; }
}
p_grep() { T grep -rlE 'hx-(ws|sse)' "$TREE"; }
c_grep() { # exit 0, the same files every run
    ok0 "$1" || return 1
    local n
    n=$(wc -l <"$W/out")
    [[ -n $GREP_FILES ]] || GREP_FILES=$n
    ((n > 0 && n == GREP_FILES)) || { echo "expected $GREP_FILES files listed, got $n" >&2; return 1; }
}
migrate_note() { echo "$(num "$TEMPLATES") templates; grep lists $GREP_FILES files"; }
pair "htmxws migrate --check TREE ($(num "$TEMPLATES") templates)" "grep -rlE 'hx-(ws|sse)' TREE" us \
    "$GOAL_MIGRATE" h_migrate c_migrate p_grep c_grep migrate_note

# ---- OOB swaps: the virtual DOM (JMH) and htmx 2 in Chromium (recorded) ---------------------------------------
# htmx 2 in headless Chromium is not run here: its figures are read from the recorded browser bench (the oracle's
# bench/results.md: 20,000 messages of 200 B, median and range of 3 runs, from the first byte sent to the last
# swap applied). htmxws's figures come from bench/swap.sh (JMH, in process: no socket) with SWAP=1.
chromium() { # MODE: "min median max" msgs/s from the recorded 20,000-message row, or nothing
    local f="$ORACLE_DIR/bench/results.md" line nums med lo hi
    [[ -r $f ]] || return 0
    line=$(grep -E '^\| htmx 2 in headless Chromium \| 20,000 \| '"$1" "$f" | head -n 1) || return 0
    # | client | N | mode | median time | msgs/s | range of 3 runs |: median ms, range low ms, range high ms
    nums=$(printf '%s\n' "$line" | awk -F'|' '{ print $5, $7 }' | tr -d ',' | grep -oE '[0-9]+' | tr '\n' ' ')
    read -r med lo hi <<<"$nums"
    [[ -n ${hi:-} ]] || return 0
    awk -v m="$med" -v lo="$lo" -v hi="$hi" 'BEGIN { printf "%.0f %.0f %.0f\n", 20000000 / hi, 20000000 / m, 20000000 / lo }'
}
SWAP_JSON=""
if [[ $SWAP == 1 ]]; then
    say "OOB swaps: bench/swap.sh (Maven test-compile and JMH; a few minutes)"
    if "$SCRIPT_DIR/swap.sh" -e 'SwapBenchmark\.(appendAt|replaceAt)$' >"$tmp/swap.log" 2>&1; then
        SWAP_JSON="$ROOT/target/swap-bench.json"
    else
        tail -n 20 "$tmp/swap.log" >&2
        die "bench/swap.sh failed"
    fi
fi
jmh() { # BENCHMARK: "min median max" of the measurement iterations, msgs/s
    node -e '
        const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
        const b = r.find((x) => x.benchmark.endsWith("." + process.argv[2]));
        if (!b) process.exit(1);
        const v = b.primaryMetric.rawData.flat().sort((a, c) => a - c);
        const m = v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        console.log(v[0].toFixed(0), m.toFixed(0), v[v.length - 1].toFixed(0));' "$SWAP_JSON" "$1"
}
for mode in append counter; do
    if [[ $mode == append ]]; then
        figure="OOB swaps/s, append (beforeend), 20,000 × ~200 B" bench=streamAppendBeforeend
    else
        figure="OOB swaps/s, replace one element, 20,000 × ~200 B" bench=streamReplaceById
    fi
    peer="htmx 2 in Chromium ($mode; recorded)"
    c=$(chromium "$mode")
    if [[ -z $c ]]; then
        skip_row "$figure" "$peer" "$GOAL_SWAP" "no recorded figure in $ORACLE_DIR/bench/results.md"
    elif [[ -z $SWAP_JSON ]]; then
        read -r cmin cmed cmax <<<"$c"
        printf '| %s | %s | run bench/swap.sh (or SWAP=1 bench/compare.sh) | %s / **%s** / %s msgs/s | – | %s | Chromium: oracle bench/results.md |\n' \
            "$figure" "$peer" "$(num "$cmin")" "$(num "$cmed")" "$(num "$cmax")" "$GOAL_SWAP"
    elif h=$(jmh "$bench"); then
        row "$figure" "$peer" rate "$h" "$c" "$GOAL_SWAP" "htmxws: JMH $bench, in process, no socket; Chromium: end to end, recorded"
    else
        skip_row "$figure" "$peer" "$GOAL_SWAP" "no $bench in $SWAP_JSON"
    fi
done

echo
echo "- load average after: $(loadavg) (1/5/15 min); on $(nproc 2>/dev/null || echo '?') CPU(s), a load above that means noisy figures"
if ((REBUILT > 0)); then
    echo "- WARNING: $REBUILT run(s) included a rebuild by the launcher (sources changed meanwhile); rerun when the tree is quiet"
fi
