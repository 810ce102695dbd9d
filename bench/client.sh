#!/usr/bin/env bash
# Client benchmarks, measured like the oracle's anchors for wscat (bench/ClientBench.java says how):
#   bench/client.sh stream [N=20000]       htmxws listen --format raw: messages/s (goal: at least wscat's ~130,000)
#   bench/client.sh roundtrip [RUNS=10]    htmxws send --raw … --expect 1: median wall time (goal: under 0.3 s)
# A third argument replaces the client command ({url} is the server's URL), e.g. to time wscat the same way.
set -euo pipefail
root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/htmxws" --version >/dev/null   # builds the jar (and the start-up archive) when needed
mode="${1:-stream}"
cp="$(ls "$root"/target/lib/*.jar | tr '\n' ':')"
case "$mode" in
  stream)
    n="${2:-20000}"
    cmd="${3:-$root/htmxws listen --format raw {url}}"
    for i in 1 2 3; do java -cp "$cp" "$root/bench/ClientBench.java" stream "$n" "$cmd"; done ;;
  roundtrip)
    runs="${2:-10}"
    cmd="${3:-$root/htmxws send --raw '{\"chat_message\":\"hi\"}' --expect 1 --format raw {url}}"
    java -cp "$cp" "$root/bench/ClientBench.java" roundtrip "$runs" "$cmd" ;;
  *) echo "usage: bench/client.sh stream [N] [CMD] | roundtrip [RUNS] [CMD]" >&2; exit 2 ;;
esac
