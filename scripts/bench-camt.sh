#!/usr/bin/env bash
# Throughput of the camt053 importer: generates a large camt.053 file, builds the
# release CLI into its own scratch folder (the shared .build stays unlocked) and times
# `autodebit scan` on it. Prints the import's MB/s, the whole scan's time and peak memory.
#   scripts/bench-camt.sh [MEGABYTES]   (default 100)
set -euo pipefail
MB="${1:-100}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${TMPDIR:-/tmp}/autodebit-bench-camt"
SCRATCH="${SCRATCH:-$WORK/build}"
mkdir -p "$WORK/folder"
FILE="$WORK/folder/statement-$MB.xml"

if [ ! -f "$FILE" ]; then
python3 - "$FILE" "$MB" <<'PY'
import sys
path, mb = sys.argv[1], int(sys.argv[2])
merchants = [("Streamflix GmbH", "DE98ZZZ09999999999", "12.99"), ("Funkfix Mobilfunk GmbH", "DE55ZZZ00000222333", "29.99"),
             ("Wolkenspeicher AG", "DE71ZZZ00000987654", "2.99"), ("Tagesblatt Verlag KG", "DE12ZZZ00000345678", "28.49")]
entry = """      <Ntry>
        <Amt Ccy="EUR">{amount}</Amt>
        <CdtDbtInd>DBIT</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>{date}</Dt></BookgDt>
        <ValDt><Dt>{date}</Dt></ValDt>
        <AcctSvcrRef>BENCH-{n:09d}</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RDDT</Cd><SubFmlyCd>ESDD</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls>
          <TxDtls>
            <Refs><EndToEndId>E2E-{n:09d}</EndToEndId><MndtId>M-{m}-{k:06d}</MndtId></Refs>
            <RltdPties>
              <Cdtr><Nm>{name}</Nm><Id><PrvtId><Othr><Id>{cid}</Id></Othr></PrvtId></Id></Cdtr>
              <UltmtCdtr><Nm>{name}</Nm></UltmtCdtr>
            </RltdPties>
            <RmtInf><Ustrd>Rechnung {n} Kundennummer {k} Vertrag monatlich</Ustrd><Ustrd>Zeile zwei der Verwendung</Ustrd></RmtInf>
          </TxDtls>
        </NtryDtls>
      </Ntry>
"""
target = mb * 1024 * 1024
with open(path, "w") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">\n'
            '  <BkToCstmrStmt>\n    <GrpHdr><MsgId>BENCH</MsgId><CreDtTm>2024-01-01T00:00:00+01:00</CreDtTm></GrpHdr>\n'
            '    <Stmt>\n      <Id>BENCH</Id>\n      <Acct><Id><IBAN>DE02120300000000202051</IBAN></Id><Ccy>EUR</Ccy></Acct>\n')
    n, size = 0, 0
    while size < target:
        m = n % len(merchants)
        name, cid, amount = merchants[m]
        k = n // len(merchants) % 5000
        year = 2000 + n // 2_000_000 % 20
        text = entry.format(amount=amount, date=f"{year}-{(n // 60000) % 12 + 1:02d}-{n % 28 + 1:02d}", n=n, m=m, k=k, name=name, cid=cid)
        f.write(text)
        size += len(text)
        n += 1
    f.write("    </Stmt>\n  </BkToCstmrStmt>\n</Document>\n")
print(f"{path}: {n} entries")
PY
fi

BIN="$SCRATCH/release/autodebit"
if [ ! -x "$BIN" ]; then
  (cd "$ROOT" && nice -n 10 swift build -c release --product autodebit --scratch-path "$SCRATCH" >/dev/null)
fi
rm -rf "$WORK/state" "$WORK/report.json"
SIZE=$(stat -c %s "$FILE")
# --verbose prints one line per file once it is imported: its timestamp splits the import
# (read, SHA-256, identify, extract) from detection and reporting.
START=$(date +%s.%N)
/usr/bin/time -v -o "$WORK/time.log" "$BIN" scan "$WORK/folder" --state "$WORK/state" --json "$WORK/report.json" --verbose 2>&1 \
  | while IFS= read -r line; do echo "$(date +%s.%N) $line"; done >"$WORK/scan.log" || true
IMPORTED=$(grep -m1 " as camt053:" "$WORK/scan.log" | cut -d' ' -f1)
ELAPSED=$(grep "Elapsed (wall clock)" "$WORK/time.log" | awk '{print $NF}')
RSS=$(grep "Maximum resident set size" "$WORK/time.log" | awk '{print $NF}')
python3 - "$SIZE" "$START" "$IMPORTED" "$ELAPSED" "$RSS" <<'PY'
import sys
size, start, imported, elapsed, rss = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), sys.argv[4], int(sys.argv[5])
parts = [float(p) for p in elapsed.split(":")]
total = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
mb = size / 1e6
print(f"{mb:.0f} MB camt.053: imported in {imported - start:.1f} s = {mb / (imported - start):.1f} MB/s "
      f"(read + SHA-256 + identify + extract); whole scan {total:.1f} s; peak RSS {rss / 1024:.0f} MiB")
PY
