#!/usr/bin/env bash
# bench/flood.sh — an alert flood from the bench's own data, to measure what
# writing many alerts costs (bench/ANALYSIS item 43).
#
#   bench/flood.sh [SIZE]     (default 1M) writes $BENCH_DATA/SIZE/flood.jsonl
#   e.g. bench/ab.sh -s 1M -f bench/data/1M/flood.jsonl A B -- --detect-only
#
# The events of $BENCH_DATA/SIZE/events.jsonl, but from the 6,000th line on
# each look-up names one of 2,000 subjects taken from the lines before, in a
# fixed order: the subjects exist, the look-ups' cases no longer cover them
# (as when a case feed carries the wrong subject ids). Nearly every actor
# then raises an `unexplained` alert every day, each with many events.
# Same input, same output.
set -eu
cd "$(dirname "$0")/.."
size=${1:-1M}
dir=${BENCH_DATA:-bench/data}/$size
[ -f "$dir/events.jsonl" ] || { echo "bench/flood.sh: no $dir/events.jsonl (run bench/run.sh)" >&2 && exit 2; }
awk -v from=6000 -v pool=2000 '
    match($0, /"subject":"[^"]*"/) {
        if (NR < from) {
            s = substr($0, RSTART, RLENGTH)
            if (n < pool && !(s in seen)) { seen[s] = 1; subj[n++] = s }
        } else if (n > 0) {
            $0 = substr($0, 1, RSTART - 1) subj[(NR * 7919) % n] substr($0, RSTART + RLENGTH)
        }
    }
    { print }
' "$dir/events.jsonl" >"$dir/flood.jsonl"
echo "bench/flood.sh: wrote $dir/flood.jsonl"
