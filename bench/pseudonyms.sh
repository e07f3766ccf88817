#!/usr/bin/env bash
# bench/pseudonyms.sh — what naming staff by pseudonym, and the audit
# entry every command appends, cost the listing commands (issue 34: "the
# cost of pseudonymising is measured in the benchmark").
#
# Each command runs in alternating pairs (A B A B ...: the machine's drift
# falls on both), wall time of the whole process, output to /dev/null:
#   pseudonyms  the command as an analyst runs it
#   --reveal    the same with real identities (the staff are still read:
#               arguments take pseudonyms there too; the output is not
#               rewritten)
# and, when BASE and BASE_DB are given, the same command by another build
# on its own store (e.g. the build before issue 34 on a copy of the store
# made by it: BASE=/tmp/base/wachter BASE_DB=/tmp/base.db).
# Medians of each, and the median of the pairs' ratios. Prints a Markdown
# table for bench/RESULTS.md.
#
#   bench/pseudonyms.sh STORE.db [PAIRS]
set -eu
db=$1
pairs=${2:-30}
WACHTER=${WACHTER:-build/wachter}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

now_us() { echo "${EPOCHREALTIME/[.,]/}"; }

# run_us BINARY STORE ARGS... — µs of one run.
run_us() {
    local bin=$1 store=$2 t0 t1
    shift 2
    t0=$(now_us)
    "$bin" --db "$store" "$@" >/dev/null 2>&1
    t1=$(now_us)
    echo $((t1 - t0))
}

median() { sort -n "$1" | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
ms() { awk -v u="$1" 'BEGIN {printf "%.1f ms", u / 1000}'; }

# The most alerted employee's account and a subject they looked at, for
# the commands that take one (real ids: --reveal).
actor=$("$WACHTER" --db "$db" --reveal --format jsonl risk 2>/dev/null | head -1 |
    sed -n 's/.*"actor":"\([^"]*\)".*/\1/p')
subject=$("$WACHTER" --db "$db" --reveal --format jsonl alerts 2>/dev/null |
    sed -n 's/.*"subjects":\["\([^"]*\)".*/\1/p' | head -1)

echo "| command | pseudonyms | --reveal | ratio |${BASE:+ before | ratio to before |}"
echo "|---|---|---|---|${BASE:+---|---|}"
while IFS= read -r cmd; do
    [ -n "$cmd" ] || continue
    # shellcheck disable=SC2086 # the command's words
    set -- $cmd
    : >"$tmp/a"; : >"$tmp/r"; : >"$tmp/b"; : >"$tmp/ra"; : >"$tmp/rb"
    run_us "$WACHTER" "$db" "$@" >/dev/null # warm the cache
    for _ in $(seq 1 "$pairs"); do
        a=$(run_us "$WACHTER" "$db" "$@")
        r=$(run_us "$WACHTER" "$db" --reveal "$@")
        echo "$a" >>"$tmp/a"; echo "$r" >>"$tmp/r"
        awk -v a="$a" -v r="$r" 'BEGIN {print a / r}' >>"$tmp/ra"
        if [ -n "${BASE:-}" ]; then
            b=$(run_us "$BASE" "$BASE_DB" "$@")
            echo "$b" >>"$tmp/b"
            awk -v a="$a" -v b="$b" 'BEGIN {print a / b}' >>"$tmp/rb"
        fi
    done
    row="| \`$cmd\` | $(ms "$(median "$tmp/a")") | $(ms "$(median "$tmp/r")") | $(printf '%.2f' "$(median "$tmp/ra")") |"
    [ -n "${BASE:-}" ] && row="$row $(ms "$(median "$tmp/b")") | $(printf '%.2f' "$(median "$tmp/rb")") |"
    echo "$row"
done <<EOF_CMDS
alerts
--format jsonl alerts
risk --all
${actor:+timeline $actor}
${subject:+who-accessed $subject}
EOF_CMDS
