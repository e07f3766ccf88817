#!/usr/bin/env bash
# bench/stream.sh — events per second through NATS JetStream (`wachter
# publish`, then 1 and 2 `ingest --from` workers) against `wachter ingest
# FILE` of the same events, in the same invocation, and the latency from
# publishing a look-up that raises an alert to that alert being in the
# store. The events are the demo's (wachter demo: ACTORS staff, DAYS
# days); one nats-server with JetStream (file storage) on a random
# loopback port in a temp dir. Each measure on a fresh store with the
# demo's reference data; workers run with --until-idle, whose idle wait is
# taken off their time. Two workers on one SQLite store take turns with
# the writer lock: correct, not faster (PostgreSQL lets them run side by
# side). Prints Markdown rows.
#
#   bench/stream.sh        (BENCH_ACTORS=500, BENCH_DAYS=10: about 95,000
#                           events; BENCH_LAT=20 latency samples)
set -eu
cd "$(dirname "$0")/.."
actors=${BENCH_ACTORS:-500}
days=${BENCH_DAYS:-10}
nlat=${BENCH_LAT:-20}
idle=1
WACHTER=${WACHTER:-build/wachter}
NATS_SERVER=${NATS_SERVER:-$(command -v nats-server || echo /usr/sbin/nats-server)}
tmp=$(mktemp -d)
pids=""
cleanup() {
    for p in $pids; do
        kill "$p" 2>/dev/null || true
        wait "$p" 2>/dev/null || true
    done
    rm -rf "$tmp"
}
trap cleanup EXIT

now() { date +%s.%N; }
secs() { awk "BEGIN { printf \"%.6f\", $2 - $1 }"; }
calc() { awk "BEGIN { printf \"%.6f\", $1 }"; }
rate() { printf '%.0f' "$(calc "$1 / $2")"; }

"$WACHTER" --db "$tmp/demo.db" demo --actors "$actors" --days "$days" --dir "$tmp/org" >/dev/null
events="$tmp/org/events.jsonl"
n=$(grep -c . "$events")

port=$((20000 + RANDOM % 20000))
"$NATS_SERVER" -js -a 127.0.0.1 -p "$port" -sd "$tmp/js" >"$tmp/nats.log" 2>&1 &
pids="$pids $!"
url="nats://127.0.0.1:$port"
for _ in $(seq 100); do
    "$WACHTER" publish --to "$url" --stream probe /dev/null >/dev/null 2>&1 && break
    sleep 0.1
done

fresh() {
    rm -f "$tmp"/t.db*
    "$WACHTER" --db "$tmp/t.db" load "$tmp/org" >/dev/null
}
field() { sed -n "s/.*\"$1\":\([0-9.]*\).*/\1/p"; }

echo "| measure ($n events, one nats-server) | events/s | seconds |"
echo "|---|---:|---:|"

fresh
t0=$(now)
"$WACHTER" --db "$tmp/t.db" ingest "$events" >/dev/null 2>&1
t=$(secs "$t0" "$(now)")
echo "| wachter ingest FILE | $(rate "$n" "$t") | $(printf '%.2f' "$t") |"

t0=$(now)
"$WACHTER" publish --to "$url" --stream one "$events" >/dev/null 2>&1
t=$(secs "$t0" "$(now)")
echo "| wachter publish FILE (acknowledged) | $(rate "$n" "$t") | $(printf '%.2f' "$t") |"

fresh
t0=$(now)
"$WACHTER" --db "$tmp/t.db" ingest --from "$url" --stream one --until-idle $idle \
    >/dev/null 2>&1
t=$(secs "$t0" "$(now)")
t=$(calc "$t - $idle")
echo "| 1 worker (ingest --from, stream full) | $(rate "$n" "$t") | $(printf '%.2f' "$t") |"

fresh
"$WACHTER" publish --to "$url" --stream both /dev/null >/dev/null 2>&1
t0=$(now)
"$WACHTER" publish --to "$url" --stream both "$events" >/dev/null 2>&1 &
pp=$!
"$WACHTER" --db "$tmp/t.db" ingest --from "$url" --stream both --until-idle $idle \
    >/dev/null 2>&1
wait $pp
t=$(secs "$t0" "$(now)")
t=$(calc "$t - $idle")
echo "| publish + 1 worker at once | $(rate "$n" "$t") | $(printf '%.2f' "$t") |"

fresh
t0=$(now)
"$WACHTER" --db "$tmp/t.db" --wait ingest --from "$url" --stream one --durable two \
    --partitions 0-7/16 --until-idle $idle >/dev/null 2>&1 &
w1=$!
"$WACHTER" --db "$tmp/t.db" --wait ingest --from "$url" --stream one --durable two \
    --partitions 8-15/16 --until-idle $idle >/dev/null 2>&1
wait $w1
t=$(secs "$t0" "$(now)")
t=$(calc "$t - 2 * $idle")
echo "| 2 workers, 8 of 16 partitions each, one SQLite store | $(rate "$n" "$t") | $(printf '%.2f' "$t") |"

# Latency: a worker runs on the stream; each sample publishes one look-up
# by an account not in the staff register (it raises an alert) and polls
# the store until the alert is there.
fresh
"$WACHTER" publish --to "$url" --stream lat /dev/null >/dev/null 2>&1
"$WACHTER" --db "$tmp/t.db" ingest --from "$url" --stream lat >/dev/null 2>&1 &
wp=$!
pids="$pids $wp"
sleep 2
: >"$tmp/lat"
for i in $(seq "$nlat"); do
    printf '{"id":"lat-%s","ts":"2026-09-10T10:00:%02dZ","actor":"ghost-%s","system":"brp","action":"view","subject":"123456782"}\n' \
        "$i" "$((i % 60))" "$i" >"$tmp/one.jsonl"
    t0=$(now)
    "$WACHTER" publish --to "$url" --stream lat "$tmp/one.jsonl" >/dev/null 2>&1
    until [ "$(sqlite3 "$tmp/t.db" "SELECT count(*) > 0 FROM alerts WHERE actor = 'ghost-$i'" 2>/dev/null)" = 1 ]; do
        sleep 0.005
    done
    echo "$(secs "$t0" "$(now)")" >>"$tmp/lat"
done
kill -TERM "$wp"
wait "$wp" 2>/dev/null || true
pids=${pids% $wp}
sort -n "$tmp/lat" >"$tmp/lat.s"
p50=$(sed -n "$(((nlat + 1) / 2))p" "$tmp/lat.s")
p99=$(sed -n "$(((nlat * 99 + 99) / 100))p" "$tmp/lat.s")
max=$(tail -1 "$tmp/lat.s")
echo
echo "| publish → alert in the store ($nlat samples) | p50 ms | p99 ms | max ms |"
echo "|---|---:|---:|---:|"
printf '| one look-up, worker with --commit-after 1 | %.0f | %.0f | %.0f |\n' \
    "$(calc "$p50 * 1000")" "$(calc "$p99 * 1000")" "$(calc "$max * 1000")"
