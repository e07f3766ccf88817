#!/usr/bin/env bash
# What the ecosystem tests (make ecotest, tests/eco/) need, only what is
# missing: Debian's rsyslog (the SIEM's collector the forwarding test sends
# to), nats-server (the NATS JetStream cluster tests/eco/nats_test.mjs
# starts), node and npm, and the npm packages pinned in tests/eco/package-lock.json
# (`npm ci`, when node_modules is missing or older than the lock file).
set -eu
cd "$(dirname "$0")/.."
missing=""
for p in rsyslog rsyslog-gnutls openssl nats-server libnats3.4; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
command -v node >/dev/null || missing="$missing nodejs"
command -v npm >/dev/null || missing="$missing npm"
if [ -n "$missing" ]; then
  echo "eco-deps: installing$missing" >&2
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
if [ -f tests/eco/package-lock.json ]; then
  stamp=tests/eco/node_modules/.package-lock.json
  if [ ! -f "$stamp" ] || [ tests/eco/package-lock.json -nt "$stamp" ]; then
    echo "eco-deps: npm ci in tests/eco" >&2
    (cd tests/eco && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
