#!/usr/bin/env bash
# bench/ab.sh — is wachter binary B faster than binary A on the bench's data?
# The machine's speed drifts (the same run took 6.0 s and 10.8 s on one day,
# bench/ANALYSIS), so comparing two runs made minutes apart says little.
# This runs the same ingest with A and B in rounds, the order swapped every
# round, and reports each one's median wall time and the median of the
# rounds' B ÷ A ratios, with how many rounds B won: a change is a gain only
# when B wins (nearly) every round.
#
#   bench/ab.sh [-n ROUNDS] [-s SIZE] [-f FILE] A B [-- INGEST OPTIONS...]
#   e.g. cp build/wachter /tmp/wachter.before; (change, make)
#        bench/ab.sh -s 10M /tmp/wachter.before build/wachter -- --detect-only --threads 1
#
# Each run ingests $BENCH_DATA/SIZE/events.jsonl (or FILE, e.g. its first
# lines: SIZE's reference data must fit it) into a fresh copy of
# $BENCH_OUT/SIZE/template.db (the reference data alone, which bench/run.sh
# leaves there). Defaults: 5 rounds, SIZE 1M, no options (a storing ingest).
set -eu

rounds=5 size=1M file=
while getopts n:s:f: o; do
    case $o in
    n) rounds=$OPTARG ;;
    s) size=$OPTARG ;;
    f) file=$OPTARG ;;
    *) exit 2 ;;
    esac
done
shift $((OPTIND - 1))
if [ $# -lt 2 ]; then
    echo "usage: bench/ab.sh [-n ROUNDS] [-s SIZE] [-f FILE] A B [-- INGEST OPTIONS...]" >&2
    exit 2
fi
# Paths as given, from here; the bench's own from the repository.
for f in "$1" "$2" ${file:+"$file"}; do
    [ -e "$f" ] || { echo "bench/ab.sh: $f does not exist" >&2 && exit 2; }
done
bin=("$(realpath "$1")" "$(realpath "$2")")
[ -z "$file" ] || file=$(realpath "$file")
shift 2
[ "${1:-}" = -- ] && shift
cd "$(dirname "$0")/.."
file=${file:-${BENCH_DATA:-bench/data}/$size/events.jsonl}
template=${BENCH_OUT:-bench/out}/$size/template.db
for f in "$file" "$template"; do
    [ -e "$f" ] || { echo "bench/ab.sh: $f does not exist (make bench makes it)" >&2 && exit 2; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# run WHICH OPTION... — one ingest with bin[WHICH] on a fresh store; prints
# its wall time in seconds (start-up included, as in bench/run.sh).
run() {
    local which=$1 db=$work/run.db t0 t1
    shift
    rm -f "$db" "$db-wal" "$db-shm"
    cp "$template" "$db" && sync "$db" # its flush is not the ingest's time
    t0=${EPOCHREALTIME/[.,]/}
    "${bin[$which]}" --db "$db" ingest "$@" "$file" >"$work/out" 2>&1 ||
        { echo "bench/ab.sh: ${bin[$which]} failed:" >&2 && tail -n 3 "$work/out" >&2 && exit 1; }
    t1=${EPOCHREALTIME/[.,]/}
    awk -v d=$((t1 - t0)) 'BEGIN {printf "%.3f", d / 1e6}'
}

median() { sort -n | awk '{v[NR] = $1} END {print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

opts=("$@")
echo "round  A s     B s     B/A"
for r in $(seq 1 "$rounds"); do
    if [ $((r % 2)) = 1 ]; then
        a=$(run 0 "${opts[@]}")
        b=$(run 1 "${opts[@]}")
    else
        b=$(run 1 "${opts[@]}")
        a=$(run 0 "${opts[@]}")
    fi
    echo "$r $a $b" | awk '{printf "%-6s %-7s %-7s %.3f\n", $1, $2, $3, $3 / $2}' | tee -a "$work/rounds"
done
echo "A ${bin[0]}: median $(awk '{print $2}' "$work/rounds" | median) s"
echo "B ${bin[1]}: median $(awk '{print $3}' "$work/rounds" | median) s"
echo "B/A: median $(awk '{print $4}' "$work/rounds" | median), B faster in $(awk '$4 < 1' "$work/rounds" | wc -l) of $rounds rounds"
