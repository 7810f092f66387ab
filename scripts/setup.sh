#!/usr/bin/env bash
# Installs the system libraries autodebit links (Debian/Ubuntu). Swift 6.1+ must be on PATH.
set -euo pipefail
need=()
for pkg in libxml2-dev libsqlite3-dev zlib1g-dev pkg-config; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi
command -v swift >/dev/null || export PATH="/opt/swift/usr/bin:$PATH"
command -v swift >/dev/null || { echo "setup: Swift 6.1 or later is needed (https://swift.org/install)" >&2; exit 1; }
