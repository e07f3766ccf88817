#!/usr/bin/env bash
# bench/query.sh — how fast an investigator gets answers from a filled store:
# `who-accessed` on random subjects (p50 / p99 of N calls, each a fresh
# process, as a person or a script would run it), `correlate` against the
# incident list and `convergence` over the whole store, with its peak
# memory; and how soon a look-up piped into `ingest -` can be read back
# (bench/stream_lat.c, on a copy of the store).  Prints a Markdown section
# for bench/RESULTS.md.
#
#   bench/query.sh STORE.db DATA_DIR [RUNS]      (BENCH_QUERIES=200 calls)
set -eu
db=$1
dir=$2
runs=${3:-3}
WACHTER=${WACHTER:-build/wachter}
calls=${BENCH_QUERIES:-200}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Times are read from bash's µs clock, ${EPOCHREALTIME/[.,]/}: forking date
# would add ~20 ms per call on some VMs.

# Subjects that occur in the log, drawn from 20 slices spread over the file
# (the head alone would only hold the first days); the same draw every run.
pick_subjects() {
    local f="$dir/events.jsonl" mib k
    mib=$(($(stat -c %s "$f") / 1048576 + 1))
    for k in $(seq 0 19); do
        dd if="$f" bs=1M skip=$((mib * k / 20)) count=2 status=none
    done | grep -o '"subject":"[^"]*"' | cut -d'"' -f4 | sort -u |
        shuf -n "$calls" --random-source=<(yes 1)
}

# pctl P FILE — the P-th percentile (nearest rank) of the µs in FILE, in ms.
pctl() {
    sort -n "$2" | awk -v p="$1" '{a[NR] = $1}
        END {i = int(NR * p / 100 + 0.999999); if (i < 1) i = 1; printf "%.1f ms", a[i] / 1000}'
}

# missing LOG — the command does not exist yet in this wachter.
missing() { grep -qi 'unknown command' "$1"; }

echo "Store: \`$(basename "$db")\` ($(du -m "$db" | cut -f1) MiB), $(wc -l <"$dir/incidents.csv") incident rows."
echo
echo "| query | calls | p50 | p99 | max | rows per call |"
echo "|---|---:|---:|---:|---:|---:|"

pick_subjects >"$tmp/subjects"
: >"$tmp/us"
: >"$tmp/rows"
status=ok
while read -r s; do
    t0=${EPOCHREALTIME/[.,]/}
    if ! "$WACHTER" --db "$db" who-accessed "$s" --format jsonl >"$tmp/out" 2>"$tmp/err"; then
        if missing "$tmp/err"; then status=missing; else status="failed: $(head -n 1 "$tmp/err")"; fi
        break
    fi
    t1=${EPOCHREALTIME/[.,]/}
    echo $((t1 - t0)) >>"$tmp/us"
    wc -l <"$tmp/out" >>"$tmp/rows"
done <"$tmp/subjects"
case $status in
ok) echo "| \`who-accessed SUBJECT --format jsonl\` (random subjects) | $(wc -l <"$tmp/us") | $(pctl 50 "$tmp/us") | $(pctl 99 "$tmp/us") | $(pctl 100 "$tmp/us") | $(awk '{s += $1} END {printf "%.1f", NR ? s / NR : 0}' "$tmp/rows") |" ;;
missing) echo "| \`who-accessed\` | – | skipped: \`wachter\` has no such command yet | | | |" ;;
*) echo "| \`who-accessed\` | – | $status | | | |" ;;
esac

: >"$tmp/us"
status=ok
for _ in $(seq 1 "$runs"); do
    t0=${EPOCHREALTIME/[.,]/}
    if ! "$WACHTER" --db "$db" correlate --incidents "$dir/incidents.csv" >"$tmp/out" 2>"$tmp/err"; then
        if missing "$tmp/err"; then status=missing; else status="failed: $(head -n 1 "$tmp/err")"; fi
        break
    fi
    t1=${EPOCHREALTIME/[.,]/}
    echo $((t1 - t0)) >>"$tmp/us"
done
case $status in
ok) echo "| \`correlate --incidents incidents.csv\` | $runs | $(pctl 50 "$tmp/us") | $(pctl 99 "$tmp/us") | $(pctl 100 "$tmp/us") | $(wc -l <"$tmp/out") |" ;;
missing) echo "| \`correlate\` | – | skipped: \`wachter\` has no such command yet | | | |" ;;
*) echo "| \`correlate\` | – | $status | | | |" ;;
esac

# convergence: groups of actors sharing subjects without a case, over every
# stored day; peak RSS from GNU time (it counts the store's pages read
# through mmap too).
: >"$tmp/us"
: >"$tmp/kb"
status=ok
for _ in $(seq 1 "$runs"); do
    t0=${EPOCHREALTIME/[.,]/}
    if ! /usr/bin/time -f %M -o "$tmp/rss" "$WACHTER" --db "$db" --format jsonl convergence >"$tmp/out" \
        2>"$tmp/err"; then
        if missing "$tmp/err"; then status=missing; else status="failed: $(head -n 1 "$tmp/err")"; fi
        break
    fi
    t1=${EPOCHREALTIME/[.,]/}
    echo $((t1 - t0)) >>"$tmp/us"
    cat "$tmp/rss" >>"$tmp/kb"
done
case $status in
ok) echo "| \`convergence\` (whole store; peak RSS $(sort -n "$tmp/kb" | awk '{a[NR] = $1} END {printf "%.0f", a[int((NR + 1) / 2)] / 1024}') MiB) | $runs | $(pctl 50 "$tmp/us") | $(pctl 99 "$tmp/us") | $(pctl 100 "$tmp/us") | $(wc -l <"$tmp/out") groups |" ;;
missing) echo "| \`convergence\` | – | skipped: \`wachter\` has no such command yet | | | |" ;;
*) echo "| \`convergence\` | – | $status | | | |" ;;
esac

# A stream: one event at a time into `wachter ingest -` (a log shipper's
# pipe that stays open), each read back by another connection before the
# next is written. With the default --commit-after (1 s) and with 0.1 s.
cp "$db" "$tmp/stream.db"
if ! ${CC:-cc} -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror -o "$tmp/stream_lat" \
    bench/stream_lat.c -lsqlite3 2>"$tmp/err"; then
    echo "| \`ingest -\`, one event at a time, until another connection reads it | – | not built: $(head -n 1 "$tmp/err") | | | |"
else
    for opt in "" "--commit-after 0.1"; do
        n=20
        [ -n "$opt" ] && n=100
        # shellcheck disable=SC2086 # opt is two words or none
        if r=$("$tmp/stream_lat" "$WACHTER" "$tmp/stream.db" "$dir/events.jsonl" $n $opt 2>"$tmp/err"); then
            read -r p50 p99 max <<<"$r"
            echo "| \`ingest ${opt:+$opt }-\`, one event at a time, until another connection reads it | $n | $p50 ms | $p99 ms | $max ms | 1 |"
        else
            echo "| \`ingest ${opt:+$opt }-\` | – | failed: $(head -n 1 "$tmp/err") | | | |"
        fi
    done
fi
rm -f "$tmp"/stream.db*
