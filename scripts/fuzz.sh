#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ and runs each for SECONDS (default 600).
#
#   scripts/fuzz.sh [SECONDS] [TARGET ...]      FUZZ_JOBS=2 runs two targets at a time
#
# Seeds come from Fixtures/<format>/ (and Fuzz/seeds/ for the money and date parsers); the
# working corpus grows in Fuzz/corpus/<target>/. A crash, a hang past 10 s or memory past
# 2 GB leaves its input in Fuzz/crashes/<target>-*; logs go to Fuzz/logs/<target>.log.
# Reproduce one with: FUZZ_TARGET=<target> Fuzz/.build/release/autodebit-fuzz <file>
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
seconds=${1:-600}
shift || true
all=(wechat-csv wechat-xlsx alipay-csv cn-bank-csv ofx camt053 csv csv-reader text-decoder money dates)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")
jobs=${FUZZ_JOBS:-1}

# Instrument every Swift module (the readers, not only the entry point) for coverage and ASan.
(cd Fuzz && swift build -c release -Xswiftc -sanitize=fuzzer,address 2>&1 | grep -E "error|warning: |Compiling autodebit_fuzz|Build complete" ) || true
bin=$root/Fuzz/.build/release/autodebit-fuzz
[ -x "$bin" ] || { echo "fuzz.sh: build failed (see: cd Fuzz && swift build -c release -Xswiftc -sanitize=fuzzer,address)" >&2; exit 1; }

seeds() {
  case $1 in
    wechat-csv) echo Fixtures/wechat ;;
    wechat-xlsx) echo Fixtures/wechat-xlsx ;;
    alipay-csv) echo Fixtures/alipay ;;
    cn-bank-csv) echo Fixtures/cn-bank ;;
    ofx) echo Fixtures/ofx ;;
    camt053) echo Fixtures/camt053 ;;
    csv) echo Fixtures/csv ;;
    csv-reader) echo Fixtures/csv Fixtures/wechat Fixtures/alipay Fixtures/cn-bank ;;
    text-decoder) echo Fixtures/alipay Fixtures/cn-bank Fixtures/csv Fixtures/ofx ;;
    money) echo Fuzz/seeds/money ;;
    dates) echo Fuzz/seeds/dates ;;
  esac
}
dict() {
  case $1 in
    camt053|wechat-xlsx) echo "-dict=$root/Fuzz/dict/xml.dict" ;;
    ofx) echo "-dict=$root/Fuzz/dict/ofx.dict" ;;
    wechat-csv|alipay-csv|cn-bank-csv|csv|csv-reader) echo "-dict=$root/Fuzz/dict/csv.dict" ;;
  esac
}

run_one() {
  local t=$1 corpus=Fuzz/corpus/$1
  mkdir -p "$corpus" Fuzz/crashes Fuzz/logs
  # Seed files only (no generator scripts): statements are what the readers are offered.
  for dir in $(seeds "$t"); do
    find "$dir" -maxdepth 1 -type f ! -name '*.py' ! -name '*.sh' ! -name '*.md' -exec cp -n {} "$corpus/" \;
  done
  # The Swift runtime's own crash reporter would wait on a crashed child; libFuzzer reports instead.
  # Leak checking is off: Swift's runtime caches look like leaks at exit; growth per input is
  # caught by -rss_limit_mb.
  SWIFT_BACKTRACE=enable=no FUZZ_TARGET=$t "$bin" "$corpus" $(dict "$t") \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -detect_leaks=0 \
    -artifact_prefix="Fuzz/crashes/$t-" -print_final_stats=1 >"Fuzz/logs/$t.log" 2>&1
  local rc=$?
  local execs rate cov ft peak found
  execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "Fuzz/logs/$t.log" | awk '{print $2}')
  rate=$(grep -oE 'stat::average_exec_per_sec: *[0-9]+' "Fuzz/logs/$t.log" | awk '{print $2}')
  peak=$(grep -oE 'stat::peak_rss_mb: *[0-9]+' "Fuzz/logs/$t.log" | awk '{print $2}')
  cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' "Fuzz/logs/$t.log" | tail -1)
  found=$(ls Fuzz/crashes/"$t"-* 2>/dev/null | wc -l)
  printf '%-13s %5ss  exit %-3s execs %-10s exec/s %-7s peak %sMB  %s  artifacts %s\n' \
    "$t" "$seconds" "$rc" "${execs:-?}" "${rate:-?}" "${peak:-?}" "${cov:-?}" "$found"
}

status=0
running=0
for t in "${targets[@]}"; do
  [ -n "$(seeds "$t")" ] || { echo "fuzz.sh: unknown target $t (known: ${all[*]})" >&2; exit 2; }
  run_one "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then wait -n || status=1; running=$((running - 1)); fi
done
wait
ls Fuzz/crashes/ 2>/dev/null | grep -q . && { echo "fuzz.sh: inputs in Fuzz/crashes/ need a look"; status=1; }
exit $status
