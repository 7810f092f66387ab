#!/usr/bin/env bash
# The performance figures of the README: generates a folder of about a million transactions
# (Benchmarks/generate.py), builds the benchmark package and the CLI in release mode (in
# Benchmarks/.build, so the shared .build stays unlocked), then prints markdown tables:
#   1. each importer alone, one file at a time on one core: MB/s and rows/s;
#   2. detection alone on a tenth of the people and on all of them;
#   3. the whole `autodebit scan` (first run, then the unchanged folder again): wall time,
#      CPU time and peak memory from /usr/bin/time -v.
#
#   bash scripts/bench.sh [TRANSACTIONS] [PEOPLE]     (default 1000000 200)
# BENCH_DIR (default /tmp/autodebit-bench) holds the folder; it is generated once per size.
set -euo pipefail
TOTAL="${1:-1000000}"
PEOPLE="${2:-200}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${BENCH_DIR:-/tmp/autodebit-bench}"
FOLDER="$WORK/folder-$TOTAL-$PEOPLE"
AS_OF=2025-07-01

if [ ! -f "$FOLDER/.complete" ]; then
  rm -rf "$FOLDER"
  mkdir -p "$FOLDER"
  echo "generating $TOTAL transactions for $PEOPLE people in $FOLDER …" >&2
  python3 "$ROOT/Benchmarks/generate.py" "$FOLDER" "$TOTAL" "$PEOPLE" >"$WORK/generated-$TOTAL-$PEOPLE.tsv"
  touch "$FOLDER/.complete"
fi

echo "building release …" >&2
(cd "$ROOT/Benchmarks" && swift build -c release --product AutodebitBench 2>&1 | grep -E "error|warning: " >&2 || true)
(cd "$ROOT/Benchmarks" && swift build -c release --product autodebit 2>&1 | grep -E "error|warning: " >&2 || true)
BIN_DIR="$(cd "$ROOT/Benchmarks" && swift build -c release --show-bin-path)"

echo "## machine"
echo
echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GB RAM, $(swift --version 2>/dev/null | head -1)"
echo
echo "folder: $(du -sm "$FOLDER" | cut -f1) MB, $(find "$FOLDER" -type f ! -name .complete | wc -l) files"
echo
echo "## importers and detection"
echo
"$BIN_DIR/AutodebitBench" "$FOLDER" --as-of "$AS_OF"
echo

# Wall time, CPU time and peak RSS of one run of the CLI, from /usr/bin/time -v.
scan() {
  local label="$1"
  /usr/bin/time -v -o "$WORK/time.log" "$BIN_DIR/autodebit" scan "$FOLDER" --as-of "$AS_OF" --state "$WORK/state" \
    --report "$WORK/report.md" --json "$WORK/report.json" --verbose 2>"$WORK/verbose.log" >/dev/null || true
  python3 - "$label" "$WORK/time.log" <<'PY'
import sys
label, log = sys.argv[1], open(sys.argv[2]).read().splitlines()
get = lambda key: next(l.split(": ", 1)[1] for l in log if l.strip().startswith(key))
wall = sum(float(p) * 60 ** i for i, p in enumerate(reversed(get("Elapsed (wall clock)").split(":"))))
cpu = float(get("User time")) + float(get("System time"))
rss = int(get("Maximum resident set size")) / 1024
print(f"| {label} | {wall:.2f} | {cpu:.2f} | {cpu / wall:.2f} | {rss:.0f} |")
PY
}
echo "## whole scan (release binary, \`autodebit scan FOLDER --as-of $AS_OF\`)"
echo
echo "| run | wall s | CPU s | cores used | peak RSS MiB |"
echo "|---|---:|---:|---:|---:|"
rm -rf "$WORK/state" "$WORK/report.md" "$WORK/report.json"
scan "first scan (empty state)"
cp "$WORK/verbose.log" "$WORK/first-scan.log"
scan "second scan (unchanged folder)"
echo
echo "Phases of the first scan (\`--verbose\`; the cache is written in the background while merging and detection run):"
echo
echo "| phase | wall s | peak memory so far |"
echo "|---|---:|---:|"
sed -n 's/^time: \(.*\) \([0-9.]*\) s\( (peak memory so far \(.*\))\)\{0,1\}$/| \1 | \2 | \4 |/p' "$WORK/first-scan.log"
