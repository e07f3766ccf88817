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
# Recertification: a campaign for the brp system, owned by sam, due in 30
# days, and its progress.
due=$(date -u -d '+30 days' +%F)
if out=$("$w" --db "$db" --as sam --format jsonl recert start --system brp --owner sam --due "$due" 2>&1); then
    id=$(printf '%s\n' "$out" | sed -n 's/^{"id":\([0-9]*\),.*/\1/p' | head -1)
    items=$(printf '%s\n' "$out" | sed -n 's/.*"items":\([0-9]*\),.*/\1/p' | head -1)
    never=$("$w" --db "$db" --as sam --format jsonl recert items "$id" | grep -c '"last_use":null' || true)
    echo "  recertification: campaign $id for brp (owner sam, due $due): $items rights to review, $never never used  (wachter --db $db --as sam recert items $id)"
else
    echo "  recertification: no campaign for brp: ${out#wachter recert: }"
fi
