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
# Each report's rows counted from its JSON lines, with the command that
# shows it whole.
as_sam() { "$w" --db "$db" --as sam --format jsonl "$@"; }
count() { grep -c "$1" || true; }
line() { printf '  %-62s %s\n' "$1" "(wachter --as sam $2)"; }
# Authorisation (README "Authorisation reports", rule unauthorised).
line "rights not used in 90 days or never: $(as_sam rights unused | count '^{')" "rights unused"
line "rights still held by leavers or people not in the register: $(as_sam rights leavers | count '^{')" "rights leavers"
line "rights kept after a move to another unit or role: $(as_sam rights movers | count '^{')" "rights movers"
line "conflicting rights held (segregation of duties): $(as_sam rights conflicts | count '^{')" "rights conflicts"
line "look-ups without a right (alerts): $(as_sam alerts --status all --rule unauthorised | count '"rule":"unauthorised"')" \
    "alerts --rule unauthorised"
# Risk analysis of functions: the function at the top and the reviews due.
top=$(as_sam functions |
    sed -n '1s/.*"function":"\([^"]*\)".*"risk":\([0-9]*\),"band":"\([^"]*\)".*/\1 (risk \2, \3)/p')
fo=$(as_sam functions overdue)
line "riskiest function: ${top:-none}" "functions"
line "analyses overdue: $(printf '%s' "$fo" | count '"status":"overdue"'), functions never analysed: $(printf '%s' "$fo" | count '"status":"never analysed"')" \
    "functions overdue"
# Screening (README "Screening").
due=$(as_sam screening due)
line "screenings overdue: $(printf '%s' "$due" | count '"status":"overdue"'), due within 60 days: $(printf '%s' "$due" | count '"status":"due"')" \
    "screening due"
line "started in a screened function without one: $(as_sam screening unscreened | count '"actor"')" \
    "screening unscreened"
line "negative screening, rights still held: $(as_sam screening negative | count '"actor"')" \
    "screening negative"
# Recertification: a campaign for the brp system owned by sam, due in 30
# days, and what it holds.
rdue=$(date -u -d '+30 days' +%F)
if out=$(as_sam recert start --system brp --owner sam --due "$rdue" 2>&1); then
    id=$(printf '%s\n' "$out" | sed -n 's/^{"id":\([0-9]*\),.*/\1/p' | head -1)
    items=$(printf '%s\n' "$out" | sed -n 's/.*"items":\([0-9]*\),.*/\1/p' | head -1)
    line "recertification of brp (campaign $id, owner sam, due $rdue): $items rights, $(as_sam recert items "$id" | count '"last_use":null') never used" \
        "recert items $id"
else
    line "recertification: no campaign for brp: ${out#wachter recert: }" "recert list"
fi
