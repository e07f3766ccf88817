#!/usr/bin/env bash
# After `make demo`: one line for each of the insider-risk reports on the
# demo store (rights, campaigns, risk analysis, screening), each with the
# command that shows it whole.
#
# Usage: scripts/demo_reports.sh WACHTER DB
set -eu
w=$1
db=$2
export WACHTER_PASSWORD=demo-password
echo
echo "Insider-risk management on the demo store (as the senior analyst sam):"
# Screening (README "Screening"): counted from the reports' JSON lines.
screening() { "$w" --db "$db" --as sam --format jsonl screening "$@"; }
count() { grep -c "$1" || true; }
due=$(screening due)
echo "  screening due:        $(printf '%s' "$due" | count '"status":"overdue"') overdue," \
    "$(printf '%s' "$due" | count '"status":"due"') due within 60 days  (wachter screening due)"
echo "  screening unscreened: $(screening unscreened | count '"actor"') started in a screened" \
    "function without one  (wachter screening unscreened)"
echo "  screening negative:   $(screening negative | count '"actor"') negative outcome with" \
    "rights still held  (wachter screening negative)"
