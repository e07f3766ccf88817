#!/usr/bin/env bash
# End-to-end checks of the wachter binary: usage errors exit 2 with a
# message, and the investigation commands answer on an empty store.
set -u
W=${1:?usage: tests/cli_test.sh path/to/wachter}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail=0
check() { # name, expected exit code, command...
    local name=$1 want=$2; shift 2
    "$@" >"$dir/out" 2>"$dir/err"
    local got=$?
    if [ "$got" != "$want" ]; then
        echo "FAIL $name: exit $got, want $want"; cat "$dir/out" "$dir/err"; fail=1
    fi
}
db="$dir/t.db"
check "who-accessed needs a subject" 2 "$W" --db "$db" who-accessed
check "timeline needs an actor" 2 "$W" --db "$db" timeline
check "bad --from" 2 "$W" --db "$db" who-accessed X --from yesterday
check "bad --lookback" 2 "$W" --db "$db" correlate --lookback soon
check "incident add needs fields" 2 "$W" --db "$db" incident add --id I-1
check "who-accessed on an empty store" 0 "$W" --db "$db" who-accessed X
check "protocol on an empty store" 0 "$W" --db "$db" protocol X
check "correlate without incidents" 1 "$W" --db "$db" correlate
check "convergence on an empty store" 0 "$W" --db "$db" convergence
check "incident add on an empty store" 0 "$W" --db "$db" incident add --id I-1 --subject X --ts 2026-01-02
grep -q "0 look-ups" "$dir/out" || { echo "FAIL incident add output"; cat "$dir/out"; fail=1; }
[ $fail = 0 ] && echo "cli_test: all passed"
exit $fail
