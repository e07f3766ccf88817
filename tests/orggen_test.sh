#!/usr/bin/env bash
# wachter-orggen (the evaluation's second generator, docs/orggen.md) is
# deterministic and writes valid input: for each kind, the same seed gives
# the same files and another seed other events; its reference data loads
# with no bad row (before the ingest and the late part after it), its
# events ingest with nothing quarantined, and its truth names every
# planted scenario.
set -u
W=${1:?usage: tests/orggen_test.sh path/to/wachter path/to/wachter-orggen}
G=${2:?usage: tests/orggen_test.sh path/to/wachter path/to/wachter-orggen}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail=0
bad() { echo "FAIL orggen_test: $*"; fail=1; }
for kind in police port customs; do
    for s in a:7 b:7 c:8; do
        "$G" --kind "$kind" --seed "${s#*:}" --actors 150 --days 14 --out "$dir/${s%:*}" ||
            bad "$kind: wachter-orggen exited $?"
    done
    diff -r "$dir/a" "$dir/b" >/dev/null || bad "$kind: seed 7 twice gave different files"
    cmp -s "$dir/a/events.jsonl" "$dir/c/events.jsonl" && bad "$kind: seeds 7 and 8 gave the same events"
    db="$dir/$kind.db"
    "$W" --db "$db" load "$dir/a/ref" >/dev/null 2>"$dir/err" || bad "$kind: load ref exited $?: $(head -3 "$dir/err")"
    "$W" --db "$db" --format jsonl ingest "$dir/a/events.jsonl" >"$dir/ingest" 2>"$dir/err" ||
        bad "$kind: ingest exited $?: $(head -3 "$dir/err")"
    grep -q '"quarantined":0[,}]' "$dir/ingest" || bad "$kind: lines quarantined: $(cat "$dir/ingest") $(head -3 "$dir/err")"
    events=$(sed -n 's/^EVENTS=//p' "$dir/a/meta.env")
    grep -q "\"stored\":$events[,}]" "$dir/ingest" || bad "$kind: not all $events events stored: $(cat "$dir/ingest")"
    "$W" --db "$db" load "$dir/a/late" >/dev/null 2>"$dir/err" || bad "$kind: load late exited $?: $(head -3 "$dir/err")"
    for scen in departing_exporter vip_burst address_finder colleague_snoop bogus_case \
        routine_export late_case night_shift benign_crowd newcomer heavy_user; do
        grep -q ",$scen\$" "$dir/a/truth.csv" || bad "$kind: truth.csv names no actor for $scen"
    done
    [ "$(wc -l <"$dir/a/late/cases.csv")" -gt 1 ] || bad "$kind: no late-registered cases"
    [ "$(wc -l <"$dir/a/late/incidents.csv")" -gt 1 ] || bad "$kind: no incidents"
    rm -rf "$dir/a" "$dir/b" "$dir/c"
done
[ $fail = 0 ] && echo "orggen_test: 3 kinds deterministic, loaded and ingested with nothing quarantined"
exit $fail
