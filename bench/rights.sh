#!/usr/bin/env bash
# bench/rights.sh — how fast the authorisation reports answer on a filled
# store (issue 36: "the unused-rights report over the 10M bench store
# answers in seconds"): `rights unused` (and leavers, conflicts) timed
# over RUNS fresh processes each, the best and the median, with the
# number of rows. The store needs rights.csv loaded (bench/gen writes
# one; `wachter --db STORE load DATA_DIR`). A store made before schema 21
# is upgraded on its first open, which fills the last-use tally from the
# events once: that first run is timed apart ("first open").
# Prints a Markdown table for bench/RESULTS.md.
#
#   bench/rights.sh STORE.db [RUNS]
set -eu
db=$1
runs=${2:-5}
WACHTER=${WACHTER:-build/wachter}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

now_us() { echo "${EPOCHREALTIME/[.,]/}"; }

# time_once ARGS... — µs of one run, its rows counted into $tmp/rows.
time_once() {
    local t0 t1
    t0=$(now_us)
    "$WACHTER" --db "$db" --format jsonl "$@" >"$tmp/out"
    t1=$(now_us)
    grep -c '^{' "$tmp/out" >"$tmp/rows" || true
    echo $((t1 - t0))
}

ms() { awk -v u="$1" 'BEGIN {printf "%.0f ms", u / 1000}'; }

first=$(time_once rights list --actor nobody-at-all)
echo "| report | rows | best | median | runs |"
echo "|---|---|---|---|---|"
echo "| (first open: upgrade and last-use tally) | | $(ms "$first") | | 1 |"
for report in unused leavers conflicts; do
    : >"$tmp/times"
    for _ in $(seq 1 "$runs"); do
        time_once rights "$report" >>"$tmp/times"
    done
    best=$(sort -n "$tmp/times" | head -1)
    med=$(sort -n "$tmp/times" | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')
    echo "| \`rights $report\` | $(cat "$tmp/rows") | $(ms "$best") | $(ms "$med") | $runs |"
done
