#!/usr/bin/env bash
# Scans very large hostile files with the release binary and prints, for each, the wall time,
# the peak memory and the exit status with the first lines of what autodebit said. The files
# are generated in a temporary folder (removed at the end), never committed, never in `swift test`.
#
#   scripts/hardening.sh [SCALE]     SCALE 1 (default) = the full sizes below; 0.1 = a tenth
#
#   long-line       100 MB on one line, no line break (not a statement)
#   wechat-longrow  a WeChat bill whose first row holds a 100 MB product cell
#   wechat-1gb      1 GB: a WeChat bill of one valid row repeated (about 5 million rows)
#   camt-ustrd      a 200 MB camt.053 whose one entry has a 200 MB <Ustrd>
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
scale=${1:-1}
mb() { awk -v s="$scale" -v m="$1" 'BEGIN { printf "%d", s * m }'; }

work=$(mktemp -d "${TMPDIR:-/tmp}/autodebit-hardening.XXXXXX")
trap 'rm -rf "$work"' EXIT
need=$(( $(mb 1024) + $(mb 100) * 2 + $(mb 200) + 64 ))
free=$(df -Pm "$work" | awk 'NR == 2 { print $4 }')
if [ "$free" -lt $(( need * 2 )) ]; then
  echo "hardening.sh: $free MB free in $work, $need MB of files (plus state) needed; try a SCALE below 1" >&2
  exit 1
fi

swift build -c release --product autodebit 2>&1 | grep -E "error|Build complete" || true
bin=$root/.build/release/autodebit
[ -x "$bin" ] || { echo "hardening.sh: no release binary" >&2; exit 1; }

# `yes` repeats a line; `head -c` cuts it to size: no file is ever held in this shell's memory.
repeat_bytes() { yes "$1" | tr -d '\n' | head -c "$2"; }
wechat_head() {
  printf '\xEF\xBB\xBF微信支付账单明细,,,,,,,,,,\n微信昵称：[hardening],,,,,,,,,,\n'
  printf '起始时间：[2024-01-01 00:00:00] 终止时间：[2024-03-31 23:59:59],,,,,,,,,,\n,,,,,,,,,,\n'
  printf '%s\n' '----------------------微信支付账单明细列表--------------------,,,,,,,,,,'
  printf '%s\n' '交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注'
}
row='2024-01-05 08:00:03,商户消费,深圳市腾讯计算机系统有限公司,腾讯视频VIP会员连续包月,支出,¥25.00,零钱,支付成功,4200002101202401050000000001	,TX202401050001	,/'

echo "generating in $work (scale $scale)…"
mkdir -p "$work"/{long-line,wechat-longrow,wechat-1gb,camt-ustrd}
repeat_bytes x "$(( $(mb 100) << 20 ))" > "$work/long-line/one-line.csv"
{ wechat_head
  printf '2024-01-05 08:00:03,商户消费,深圳市腾讯计算机系统有限公司,'
  repeat_bytes 长 "$(( ($(mb 100) << 20) / 3 * 3 ))"   # whole characters only
  printf ',支出,¥25.00,零钱,支付成功,4200002101202401050000000001\t,TX1\t,/\n'
} > "$work/wechat-longrow/wechat.csv"
{ wechat_head; yes "$row" | head -c "$(( $(mb 1024) << 20 ))" | sed '$d'; } > "$work/wechat-1gb/wechat.csv"
{ cat <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt><GrpHdr><MsgId>HARDENING</MsgId><CreDtTm>2024-03-31T23:00:00</CreDtTm></GrpHdr>
    <Stmt><Id>S1</Id><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct>
      <Ntry><Amt Ccy="EUR">12.99</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts>
        <BookgDt><Dt>2024-03-01</Dt></BookgDt>
        <NtryDtls><TxDtls><RltdPties><Cdtr><Nm>StreamFix GmbH</Nm></Cdtr></RltdPties><RmtInf><Ustrd>
XML
  repeat_bytes "Abo Juni 2024 " "$(( $(mb 200) << 20 ))"
  printf '</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>\n    </Stmt>\n  </BkToCstmrStmt>\n</Document>\n'
} > "$work/camt-ustrd/statement.xml"

printf '\n%-15s %9s %9s %10s %5s  %s\n' case size wall "peak RSS" exit "what autodebit said (first lines)"
for name in long-line wechat-longrow wechat-1gb camt-ustrd; do
  folder=$work/$name
  size=$(du -sm "$folder" | awk '{print $1 " MB"}')
  /usr/bin/time -v -o "$work/$name.time" timeout 900 "$bin" scan "$folder" --as-of 2024-04-30 \
      --state "$work/$name.state" --report "$work/$name.md" >"$work/$name.out" 2>&1
  status=$?
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { print $2 }' "$work/$name.time")
  peak=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f MB", $2 / 1024 }' "$work/$name.time")
  said=$(head -c 400 "$work/$name.out" | head -3 | tr '\n' ' ' | cut -c1-160)
  [ "$status" -eq 124 ] && said="TIMED OUT after 900 s; $said"
  printf '%-15s %9s %9s %10s %5s  %s\n' "$name" "$size" "$wall" "$peak" "$status" "$said"
done
