#!/usr/bin/env bash
# bench/serve.sh — how fast the workbench answers: the alert queue, a
# person's page (their summary and the newest 200 look-ups of their timeline,
# as the page asks for them) and a subject's page
# (who accessed it) through the API of a running `wachter serve`, with
# CLIENTS concurrent clients (bench/serve_load.mjs), against the same
# calls through the CLI, one process each as a script would run them.
# p50 / p99 / max per kind of call; prints a Markdown section.
#
#   bench/serve.sh STORE.db DATA_DIR     (BENCH_CALLS=200 per kind,
#                                         BENCH_CLIENTS=10)
#
# The store gets an administrator account "bench" (it runs the server)
# and a senior analyst "bench-sa" (who makes the calls) when it has none
# of those names; the CLI then runs as bench-sa and checks its password
# each call, as it would for an analyst. Staff are named by pseudonym.
set -eu
db=$1
dir=$2
WACHTER=${WACHTER:-build/wachter}
calls=${BENCH_CALLS:-200}
clients=${BENCH_CLIENTS:-10}
tmp=$(mktemp -d)
pid=
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
export WACHTER_PASSWORD=bench-password-1 WACHTER_NEW_PASSWORD=bench-password-1

if ! "$WACHTER" --db "$db" --as bench account list >/dev/null 2>&1; then
    "$WACHTER" --db "$db" account add bench --role administrator >/dev/null
fi
if ! "$WACHTER" --db "$db" --as bench account list | grep -q '^bench-sa '; then
    "$WACHTER" --db "$db" --as bench account add bench-sa --role senior-analyst >/dev/null
fi

# The same draw every run: actors with alerts (a person's page an analyst
# opens from the queue) and subjects from the log.
"$WACHTER" --db "$db" --as bench-sa alerts --format jsonl 2>/dev/null |
    grep -o '"actor":"[^"]*"' | cut -d'"' -f4 | sort -u |
    shuf -n "$calls" -r --random-source=<(yes 1) >"$tmp/actors"
head -c 200000000 "$dir/events.jsonl" | grep -o '"subject":"[^"]*"' | cut -d'"' -f4 | sort -u |
    shuf -n "$calls" --random-source=<(yes 1) >"$tmp/subjects"

{
    for _ in $(seq "$calls"); do printf 'queue\talerts?limit=50\n'; done
    while read -r a; do printf 'person\tpeople/%s\n' "$a"; done <"$tmp/actors"
    while read -r a; do printf 'timeline\tpeople/%s/timeline?newest=200\n' "$a"; done <"$tmp/actors"
    while read -r s; do printf 'who-accessed\tsubject\t{"subject":"%s"}\n' "$s"; done <"$tmp/subjects"
} | shuf --random-source=<(yes 1) >"$tmp/calls"

"$WACHTER" --db "$db" --as bench serve --listen 127.0.0.1:0 >"$tmp/serve.out" 2>"$tmp/serve.err" &
pid=$!
for _ in $(seq 100); do grep -q listening "$tmp/serve.out" 2>/dev/null && break; sleep 0.1; done
url=$(grep -o 'http://[^/ ]*' "$tmp/serve.out" | head -n 1)
[ -n "$url" ] || { echo "serve did not start: $(cat "$tmp/serve.err")" >&2; exit 1; }

pctl() {
    sort -n "$2" | awk -v p="$1" '{a[NR] = $1}
        END {i = int(NR * p / 100 + 0.999999); if (i < 1) i = 1; printf "%.1f ms", a[i] / 1000}'
}

echo "Store: \`$(basename "$db")\` ($(du -m "$db" | cut -f1) MiB); $calls calls of each kind."
echo
echo "| call | calls | p50 | p99 | max |"
echo "|---|---:|---:|---:|---:|"
node bench/serve_load.mjs "$url" bench-sa "$WACHTER_PASSWORD" "$clients" "$tmp/calls" >"$tmp/api.md"
grep '^|' "$tmp/api.md"

# The CLI: one process per call, one at a time.
cli() { # KIND LIST COMMAND...
    local kind=$1 list=$2 t0 t1
    shift 2
    : >"$tmp/us"
    while read -r arg; do
        t0=${EPOCHREALTIME/[.,]/}
        "$WACHTER" --db "$db" --as bench-sa "$@" $arg --format jsonl >/dev/null 2>&1
        t1=${EPOCHREALTIME/[.,]/}
        echo $((t1 - t0)) >>"$tmp/us"
    done <"$list"
    echo "| $kind (CLI, one at a time) | $(wc -l <"$tmp/us") | $(pctl 50 "$tmp/us") |" \
        "$(pctl 99 "$tmp/us") | $(pctl 100 "$tmp/us") |"
}
yes '' | head -n 50 >"$tmp/queue"
cli queue "$tmp/queue" alerts
head -n 50 "$tmp/actors" >"$tmp/a50"
cli timeline "$tmp/a50" timeline --newest 200
head -n 50 "$tmp/subjects" >"$tmp/s50"
cli who-accessed "$tmp/s50" who-accessed
echo
grep -v '^|' "$tmp/api.md" | sed '/^$/d'
