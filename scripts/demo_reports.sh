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
