#!/usr/bin/env bash
# Installs the Debian packages wachter needs, only those missing.
# Usage: scripts/deps.sh [build|check|bench|format|eval]
set -eu
want="gcc make pkg-config libcjson-dev libsqlite3-dev libcsv-dev libsodium-dev libmicrohttpd-dev libjs-chart.js tzdata libcurl4-gnutls-dev libgnutls28-dev libnats-dev"
case "${1:-build}" in
  check) want="$want libcmocka-dev clang libclang-rt-14-dev nodejs openssl" ;;
  bench) want="$want libcmocka-dev sqlite3 postgresql-15 time" ;;
  format) want="clang-format" ;;
  eval) want="$want jq" ;;
esac
missing=""
for p in $want; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "deps: installing$missing" >&2
sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
