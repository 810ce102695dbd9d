#!/usr/bin/env bash
# JMH benchmark of incoming htmx messages applied to the virtual DOM (dev.htmxws.bench.SwapBenchmark):
# messages/s for 20,000 ~200-byte messages appended into one list and replacing one element by id, and the
# per-message cost of an append (and of a replace by id) on a page with 2,000 vs 200,000 list items. Not a test: run it by hand.
set -euo pipefail
root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./mvnw -q -B -DskipTests test-compile
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
cp="target/test-classes:target/classes:$(cat "$cp_file")"
java -cp "$cp" org.openjdk.jmh.Main 'dev.htmxws.bench.SwapBenchmark' -rf json -rff target/swap-bench.json "$@" | tee target/swap-bench.txt
python3 - target/swap-bench.json <<'PY' 2>/dev/null || true
import json, sys
r = {(b["benchmark"].split(".")[-1], b.get("params", {}).get("size")): b["primaryMetric"]["score"] for b in json.load(open(sys.argv[1]))}
for (name, size), score in sorted(r.items(), key=lambda x: (x[0][0], str(x[0][1]))):
    print(f"{name:24} {('size=' + size) if size else '':12} {score:,.1f}")
for name in ("appendAt", "replaceAt"):
    small, large = r.get((name, "2000")), r.get((name, "200000"))
    if small and large:
        print(f"{name}: per-message cost at 200,000 items / at 2,000 items = {large / small:.2f}")
PY
