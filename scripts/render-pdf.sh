#!/usr/bin/env bash
# Renders an autodebit Markdown report to HTML (pandoc), PDF (headless Chromium) and PNG
# pages (pdftoppm), next to the report:  REPORT.html, REPORT.pdf, REPORT-page-N.png.
#
#   scripts/render-pdf.sh REPORT.md [--no-png] [--dpi N]
#
# It installs nothing. On Debian/Ubuntu it needs:
#   apt-get install pandoc chromium fonts-noto-cjk poppler-utils
# (chromium-browser or google-chrome work too; fonts-noto-cjk makes the Chinese text visible).
# The timeline figures (*.svg) must be beside the report, where `autodebit scan` writes them.
set -euo pipefail

usage() { echo "usage: $0 REPORT.md [--no-png] [--dpi N]" >&2; exit 2; }
[ $# -ge 1 ] || usage
report=$1; shift
png=1; dpi=70
while [ $# -gt 0 ]; do
  case $1 in
    --no-png) png=0 ;;
    --dpi) shift; [ $# -gt 0 ] || usage; dpi=$1 ;;
    *) usage ;;
  esac
  shift
done
[ -f "$report" ] || { echo "no such file: $report" >&2; exit 2; }

missing=()
command -v pandoc >/dev/null || missing+=(pandoc)
browser=""
for candidate in chromium chromium-browser google-chrome google-chrome-stable; do
  if command -v "$candidate" >/dev/null; then browser=$candidate; break; fi
done
[ -n "$browser" ] || missing+=(chromium)
if [ $png = 1 ]; then command -v pdftoppm >/dev/null || missing+=(poppler-utils); fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "missing: ${missing[*]} -- install with: apt-get install ${missing[*]} fonts-noto-cjk" >&2
  exit 3
fi
if command -v fc-list >/dev/null && ! fc-list | grep -qi "CJK"; then
  echo "warning: no CJK font found (apt-get install fonts-noto-cjk); Chinese text will not show" >&2
fi

here=$(cd "$(dirname "$0")" && pwd)
dir=$(cd "$(dirname "$report")" && pwd)
name=$(basename "$report" .md)
html="$dir/$name.html"
pdf="$dir/$name.pdf"
style=$(mktemp --suffix=.html)
trap 'rm -f "$style"' EXIT
{ echo "<style>"; cat "$here/report.css"; echo "</style>"; } > "$style"

# The report escapes untrusted text itself; pandoc's own Markdown reads it as written.
pandoc "$report" --from markdown --to html5 --standalone \
  --metadata pagetitle="$name" --include-in-header="$style" --output "$html"

# Chromium refuses to run as root without --no-sandbox; the page is a local file we just made.
sandbox=()
[ "$(id -u)" = 0 ] && sandbox=(--no-sandbox)
"$browser" --headless "${sandbox[@]}" --disable-gpu --no-pdf-header-footer --run-all-compositor-stages-before-draw \
  --virtual-time-budget=10000 --print-to-pdf="$pdf" "$html" 2>/dev/null
[ -s "$pdf" ] || { echo "Chromium produced no PDF" >&2; exit 4; }
echo "$html"
echo "$pdf"

if [ $png = 1 ]; then
  rm -f "$dir/$name"-page-*.png
  pdftoppm -r "$dpi" -png "$pdf" "$dir/$name-page"
  ls "$dir/$name"-page-*.png
fi
