#!/usr/bin/env bash
# bench/otlp.sh — spans per second through `wachter receive` (the Logboek
# Dataverwerkingen receiver) into a store, against `wachter ingest` of the
# same events as JSON Lines (from a file, and from a pipe as a stream), in
# the same invocation. N spans without their user plus their N audit
# records (bench/otlp_load.mjs), CLIENTS clients posting BATCH spans a
# request and then those spans' audit records, so that every event is a
# join; every answer means stored (the receiver answers after the commit).
# Each measure on a fresh store with the same staff and register loaded;
# the median of RUNS runs. Prints Markdown rows.
#
#   bench/otlp.sh [N]        (N=20000; BENCH_RUNS=3, BENCH_CLIENTS=4,
#                             BENCH_BATCH=512)
set -eu
cd "$(dirname "$0")/.."
n=${1:-20000}
runs=${BENCH_RUNS:-3}
clients=${BENCH_CLIENTS:-4}
batch=${BENCH_BATCH:-512}
WACHTER=${WACHTER:-build/wachter}
tmp=$(mktemp -d)
pid=
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT

mkdir "$tmp/org"
node bench/otlp_load.mjs org "$tmp/org"
node bench/otlp_load.mjs jsonl "$n" >"$tmp/events.jsonl"

fresh() {
    rm -f "$tmp"/t.db*
    "$WACHTER" --db "$tmp/t.db" load "$tmp/org" >/dev/null
}

events() {
    sqlite3 "$tmp/t.db" 'SELECT count(*) FROM events'
}

median() { sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

now() { date +%s.%N; }

: >"$tmp/recv" >"$tmp/file" >"$tmp/pipe" >"$tmp/p50" >"$tmp/p99"
for run in $(seq "$runs"); do
    fresh
    "$WACHTER" --db "$tmp/t.db" receive --listen 127.0.0.1:0 --wait 3600 \
        >"$tmp/recv.out" 2>"$tmp/recv.err" &
    pid=$!
    for _ in $(seq 300); do
        grep -q listening "$tmp/recv.out" 2>/dev/null && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    url=$(grep -o 'http://[^/ ]*' "$tmp/recv.out" | head -n 1)
    [ -n "$url" ] || { echo "receive did not start: $(cat "$tmp/recv.out" "$tmp/recv.err")" >&2; exit 1; }
    node bench/otlp_load.mjs post "$url" "$n" "$clients" "$batch" >"$tmp/post.json"
    kill -TERM "$pid"
    wait "$pid"
    pid=
    got=$(events)
    [ "$got" = "$n" ] || { echo "receive stored $got events of $n: $(tail -3 "$tmp/recv.err")" >&2; exit 1; }
    grep -o '"spans_per_s":[0-9.]*' "$tmp/post.json" | cut -d: -f2 >>"$tmp/recv"
    grep -o '"p50_ms":[0-9.]*' "$tmp/post.json" | cut -d: -f2 >>"$tmp/p50"
    grep -o '"p99_ms":[0-9.]*' "$tmp/post.json" | cut -d: -f2 >>"$tmp/p99"

    fresh
    t=$(now)
    "$WACHTER" --db "$tmp/t.db" ingest "$tmp/events.jsonl" >/dev/null
    echo "$n / ($(now) - $t)" | bc -l >>"$tmp/file"
    [ "$(events)" = "$n" ] || { echo "ingest stored $(events) of $n" >&2; exit 1; }

    fresh
    t=$(now)
    cat "$tmp/events.jsonl" | "$WACHTER" --db "$tmp/t.db" ingest - >/dev/null
    echo "$n / ($(now) - $t)" | bc -l >>"$tmp/pipe"
    [ "$(events)" = "$n" ] || { echo "ingest - stored $(events) of $n" >&2; exit 1; }
done

printf '| path (%s spans, median of %s runs) | spans/s | request p50 | request p99 |\n' "$n" "$runs"
printf '|---|---:|---:|---:|\n'
printf '| `wachter receive`: OTLP/JSON spans + audit JSON Lines, %s clients, %s spans a request, joined, answered once committed | %.0f | %.1f ms | %.1f ms |\n' \
    "$clients" "$batch" "$(median <"$tmp/recv")" "$(median <"$tmp/p50")" "$(median <"$tmp/p99")"
printf '| `wachter ingest FILE` (the same events as JSON Lines) | %.0f | | |\n' "$(median <"$tmp/file")"
printf '| `wachter ingest -` (the same, from a pipe) | %.0f | | |\n' "$(median <"$tmp/pipe")"
