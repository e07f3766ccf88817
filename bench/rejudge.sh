#!/usr/bin/env bash
# bench/rejudge.sh — what judging late reference data again costs `load`
# (investigate/rejudge.h): on a store of SIZE events (default 1M) and the
# alerts their ingest raised, the time of `wachter load` of
#   late:  a cases.csv and case_assignments.csv of 100 late cases, each
#          linking the subject of a stored "without a case" alert to that
#          alert's actor (so each explains alerts: the incremental path);
#   same:  the same number of case rows the store already holds, unchanged
#          (nothing to judge: the cost of noticing that);
#   ended: an actors.csv that gives 10 actors an end date in the period
#          (their stored events judged again by employment and departing).
# Each load goes into a fresh copy of the ingested store; medians of RUNS.
#
#   bench/rejudge.sh [SIZE] [RUNS]        (defaults 1M, 5)
#   WACHTER=build/wachter BENCH_DATA=bench/data
# Needs $BENCH_DATA/SIZE from bench/run.sh (or makes it with bench/gen).
set -eu
cd "$(dirname "$0")/.."
size=${1:-1M}
runs=${2:-5}
WACHTER=${WACHTER:-build/wachter}
dir=${BENCH_DATA:-bench/data}/$size
work=${BENCH_OUT:-bench/out}/rejudge-$size
case $size in *M) n=$((${size%M} * 1000000)) ;; *k) n=$((${size%k} * 1000)) ;; *) n=$size ;; esac
mkdir -p "$work"

if [ ! -f "$dir/events.jsonl" ]; then
    [ -x bench/gen ] || ${CC:-cc} -std=c11 -O2 -Wall -Wextra -Werror -Itools/gen -o bench/gen \
        bench/gen.c tools/gen/gen.c tools/gen/gen_out.c
    mkdir -p "$dir"
    bench/gen -n "$n" -o "$dir" -seed 1
fi

tmpl=$work/template.db
if [ ! -f "$tmpl" ]; then
    rm -f "$tmpl"*
    # The reference data without the case files' late rows: all of it.
    "$WACHTER" --db "$tmpl" load "$dir" >/dev/null
    "$WACHTER" --db "$tmpl" ingest "$dir/events.jsonl" >/dev/null
fi

q() { sqlite3 -batch -noheader -csv "$tmpl" "$1"; }
echo "store: $(q 'SELECT count(*) FROM events') events, $(q 'SELECT count(*) FROM alerts') alerts" \
     "($(q "SELECT count(*) FROM alerts WHERE reason LIKE '%without a case%'") without a case)"

# late: 100 (subject, actor) pairs of alerts without a case, each a new case.
rm -rf "$work/late" "$work/same" "$work/ended"
mkdir -p "$work/late" "$work/same" "$work/ended"
{
    echo "case,subject,opened,closed"
    q "SELECT 'LATE-' || row_number() OVER (), subject, date(ts / 1000, 'unixepoch'), ''
       FROM (SELECT DISTINCT e.subject, a.actor, a.ts FROM alerts a JOIN alert_events e
             ON e.alert_id = a.id WHERE e.subject <> '' AND a.rule IN ('unexplained','protected')
             ORDER BY a.id LIMIT 100)"
} >"$work/late/cases.csv"
{
    echo "case,assignee,from,to"
    q "SELECT 'LATE-' || row_number() OVER (), actor, date(ts / 1000, 'unixepoch'), ''
       FROM (SELECT DISTINCT e.subject, a.actor, a.ts FROM alerts a JOIN alert_events e
             ON e.alert_id = a.id WHERE e.subject <> '' AND a.rule IN ('unexplained','protected')
             ORDER BY a.id LIMIT 100)"
} >"$work/late/case_assignments.csv"
# same: case rows the store holds, unchanged.
{
    echo "case,subject,opened,closed"
    q "SELECT case_id, subject, coalesce(opened, ''), coalesce(closed, '')
       FROM cases ORDER BY rowid LIMIT 100"
} >"$work/same/cases.csv"
# ended: 10 busy actors leave in the middle of the period.
{
    echo "actor,unit,role,start,end,person,surname,postcode,house_number"
    q "SELECT a.actor, unit, role, coalesce(start_ts, ''),
              date((SELECT (min(ts) + max(ts)) / 2000 FROM alerts), 'unixepoch'),
              person, surname, postcode, house_number
       FROM actors a JOIN (SELECT actor, sum(events) n FROM actor_day GROUP BY actor) d
       ON d.actor = a.actor ORDER BY d.n DESC LIMIT 10"
} >"$work/ended/actors.csv"

median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
kinds="same late ended"
for kind in $kinds; do : >"$work/$kind.times"; done
# In rounds, the kinds in turn: on a shared machine the load drifts.
for r in $(seq "$runs"); do
    for kind in $kinds; do
        cp "$tmpl" "$work/run.db"
        s=$(date +%s.%N)
        "$WACHTER" --db "$work/run.db" load "$work/$kind" >"$work/$kind.out"
        e=$(date +%s.%N)
        echo "$e - $s" | bc >>"$work/$kind.times"
    done
done
for kind in $kinds; do
    printf '%-6s median %.3f s of %d runs; %s\n' "$kind" "$(median <"$work/$kind.times")" "$runs" \
        "$(tr '\n' ' ' <"$work/$kind.out")"
done
rm -f "$work/run.db"*
