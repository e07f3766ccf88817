#!/usr/bin/env bash
# What the web UI's browser test needs, only what is missing: Debian's
# chromium and libjs-chart.js (the server serves /static/chart.js from
# it), node and npm, and puppeteer-core at the version pinned in
# tests/web/package-lock.json (`npm ci`, when node_modules is missing or
# older than the lock file).
set -eu
cd "$(dirname "$0")/.."
missing=""
for p in chromium libjs-chart.js; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# node and npm may come from elsewhere than Debian's packages: only the
# commands count.
command -v node >/dev/null || missing="$missing nodejs"
command -v npm >/dev/null || missing="$missing npm"
if [ -n "$missing" ]; then
  echo "web-deps: installing$missing" >&2
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
stamp=tests/web/node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ tests/web/package-lock.json -nt "$stamp" ]; then
  echo "web-deps: npm ci in tests/web" >&2
  (cd tests/web && npm ci --no-audit --no-fund --loglevel=error)
fi
