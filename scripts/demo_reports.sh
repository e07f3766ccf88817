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
# Authorisation reports (wachter rights): how many rows each lists.
rights_count() {
    "$w" --db "$db" --as sam --format jsonl rights "$@" | grep -c '^{' || true
}
echo "  rights not used in 90 days or never: $(rights_count unused)   wachter --as sam rights unused"
echo "  rights still held by leavers or people not in the register: $(rights_count leavers)   wachter --as sam rights leavers"
echo "  rights kept after a move to another unit or role: $(rights_count movers)   wachter --as sam rights movers"
echo "  conflicting combinations held (segregation of duties): $(rights_count conflicts)   wachter --as sam rights conflicts"
# Risk analysis of functions: the function at the top and the reviews due.
top=$("$w" --db "$db" --as sam --format jsonl functions |
    sed -n '1s/.*"function":"\([^"]*\)".*"risk":\([0-9]*\),"band":"\([^"]*\)".*/\1 (risk \2, \3)/p')
overdue=$("$w" --db "$db" --as sam --format jsonl functions overdue | grep -c '"status":"overdue"' || true)
never=$("$w" --db "$db" --as sam --format jsonl functions overdue | grep -c '"status":"never analysed"' || true)
echo "  risk analysis: top function ${top:-none}; $overdue review(s) overdue, $never function(s) with staff never analysed  (wachter --as sam functions; functions overdue)"
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
