#!/usr/bin/env bash
# Re-record the conformance data under src/test/resources/conformance/ by playing
# every case against real htmx in Debian's headless Chromium, using the oracle
# harness (a Node project kept outside this repository).
#
#   conformance/record.sh [ORACLE_DIR]
#
# ORACLE_DIR defaults to ../shared/oracle next to the repository root. It is only
# read: the script works on a throw-away copy. Nothing is downloaded except the
# oracle's pinned npm dependencies (`npm ci`); the browser must already be
# installed from Debian (`apt-get install chromium`). Every step has a time limit.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
oracle_src="${1:-$repo_root/../shared/oracle}"
case_dir="$repo_root/src/test/resources/conformance/cases"
result_dir="$repo_root/src/test/resources/conformance/results"

die() { echo "record.sh: $*" >&2; exit 1; }

# --- prerequisites -----------------------------------------------------------
[ -d "$oracle_src" ] || die "oracle folder not found: $oracle_src (pass it as the first argument)"
[ -f "$oracle_src/run.js" ] && [ -f "$oracle_src/package-lock.json" ] \
  || die "$oracle_src does not look like the oracle (run.js and package-lock.json expected)"
[ -d "$case_dir" ] || die "no case folder: $case_dir"

command -v node >/dev/null 2>&1 || die "node is missing: install Node.js 20 or newer with npm (Debian 12's own nodejs package is 18, too old)"
command -v npm >/dev/null 2>&1 || die "npm is missing: install the npm that goes with your Node.js 20+"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] || die "node $(node --version) is too old: version 20 or newer is needed"

# The browser comes from Debian only; this script never fetches one.
chromium_bin="${ORACLE_CHROMIUM:-/usr/bin/chromium}"
[ -x "$chromium_bin" ] || die "Chromium not found at $chromium_bin: install Debian's package (apt-get update && apt-get install -y chromium) or set ORACLE_CHROMIUM; do not use 'npx playwright install'"
echo "browser: $(timeout 30 "$chromium_bin" --version 2>/dev/null || echo "$chromium_bin")"
echo "node:    $(node --version)"

# --- scratch copy of the oracle ---------------------------------------------
work="$(mktemp -d "${TMPDIR:-/tmp}/htmxws-record.XXXXXX")"
trap 'rm -rf "$work"' EXIT
# Copy without any node_modules or scratch output the source folder may hold.
tar -C "$oracle_src" --exclude=./node_modules --exclude=./tmp --exclude=./bench/out -cf - . \
  | tar -C "$work" -xf -
chmod -R u+w "$work"

echo "installing the oracle's pinned dependencies (npm ci) ..."
# PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD guards against any package trying to fetch a browser.
(cd "$work" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 timeout 300 npm ci --no-audit --no-fund >"$work/npm-ci.log" 2>&1) \
  || { tail -20 "$work/npm-ci.log" >&2; die "npm ci failed (log above)"; }

# --- record ------------------------------------------------------------------
n_cases="$(find "$case_dir" -maxdepth 1 -name '*.json' | wc -l)"
echo "recording $n_cases cases ..."
# The oracle bounds each case itself (about 60 s at worst); this is the outer bound.
budget=$(( 120 + n_cases * 30 ))
start=$(date +%s)
(cd "$work" && timeout "$budget" node run.js --all "$case_dir" --out "$work/results") \
  || die "the oracle run failed or exceeded ${budget}s"
echo "recorded in $(( $(date +%s) - start )) s"

# Report anything the harness flagged (a scripted thing that did not happen).
flagged="$(cd "$work/results" && grep -l -E '^  "error"|"notes": \[$|"settle_timeouts": \[$' ./*.json || true)"
[ -z "$flagged" ] || echo "warning: check these results (notes, settle timeouts or errors): $flagged" >&2

# --- install the results -----------------------------------------------------
mkdir -p "$result_dir"
find "$result_dir" -maxdepth 1 -name '*.json' -delete
cp "$work/results/"*.json "$result_dir/"
echo "results written to ${result_dir#"$repo_root"/}"
echo "git diff --stat (tracked files only):"
(cd "$repo_root" && timeout 60 git --no-pager diff --stat -- src/test/resources/conformance/results)
untracked="$(cd "$repo_root" && timeout 60 git ls-files --others --exclude-standard -- src/test/resources/conformance/results | wc -l)"
[ "$untracked" -eq 0 ] || echo "($untracked result file(s) not yet tracked by git)"
