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
check "an empty store" 0 "$W" --db "$db" ingest /dev/null
check "who-accessed on an empty store" 0 "$W" --db "$db" who-accessed X
check "protocol on an empty store" 0 "$W" --db "$db" protocol X
check "correlate without incidents" 1 "$W" --db "$db" correlate
check "convergence on an empty store" 0 "$W" --db "$db" convergence
check "incident add on an empty store" 0 "$W" --db "$db" incident add --id I-1 --subject X --ts 2026-01-02
grep -q "0 look-ups" "$dir/out" || { echo "FAIL incident add output"; cat "$dir/out"; fail=1; }

# A store on a full disk: a small tmpfs (mounting needs root; without it
# these cases are skipped, saying so). The load and the ingest fail, exit
# non-zero and say the disk is full and which store (or its audit trail,
# STORE.audit, which the command's entry is written to first).
full="$dir/full"
mkdir -p "$full" "$dir/org"
full_disk() { # name, command...: the command, on a fresh 2 MB file system, must say so
    local name=$1; shift
    if ! mount -t tmpfs -o size=2m wachter-test "$full" 2>"$dir/mount.err"; then
        echo "cli_test: SKIP $name (cannot mount a tmpfs: $(cat "$dir/mount.err"))"
        return
    fi
    "$W" --db "$full/s.db" ingest /dev/null >/dev/null 2>&1 # the store, not yet full
    check "$name" 1 "$W" --db "$full/s.db" "$@"
    if ! grep -Eq "disk full writing $full/s.db(.audit)?: " "$dir/err"; then
        echo "FAIL $name: no 'disk full writing $full/s.db[.audit]: ' in"; cat "$dir/err"; fail=1
    fi
    umount "$full"
}
trap 'umount "$full" 2>/dev/null; rm -rf "$dir"' EXIT
awk 'BEGIN { print "subject,surname,postcode,house_number"
             for (i = 0; i < 100000; i++) printf "s%07d,Surname%d,1234AB,%d\n", i, i, i % 300 }' \
    >"$dir/org/subjects.csv"
awk 'BEGIN { for (i = 0; i < 60000; i++)
               printf "{\"id\":\"e%d\",\"ts\":\"2026-03-02T09:%02d:00Z\",\"actor\":\"clerk%d\",\"action\":\"view\",\"subject\":\"p%d\"}\n", i, i % 60, i % 50, i }' \
    >"$dir/events.jsonl"
full_disk "store.disk-full-load" load "$dir/org"
full_disk "store.disk-full-ingest" ingest "$dir/events.jsonl"

# account.prompt-cancelled: Ctrl-C at the password prompt of a terminal
# (script(1) gives the command one) cancels the login and leaves the
# terminal echoing; backspace edits what was typed.
if command -v script >/dev/null; then
    pdb="$dir/prompt.db"
    WACHTER_NEW_PASSWORD=prompt-pw-12345 "$W" --db "$pdb" account add adm --role administrator >/dev/null
    (sleep 1; printf '\003') | env -u WACHTER_PASSWORD script -qec \
        "$W --db $pdb --as adm account list; echo rc=\$?; stty -a" /dev/null >"$dir/out" 2>&1
    grep -q "cancelled at the prompt" "$dir/out" && grep -q "rc=4" "$dir/out" &&
        grep -q "[; ]echo[; ]" "$dir/out" ||
        { echo "FAIL account.prompt-cancelled"; cat -v "$dir/out"; fail=1; }
    (sleep 1; printf 'wrong\177\177\177\177\177prompt-pw-12345\r') | env -u WACHTER_PASSWORD script -qec \
        "$W --db $pdb --as adm account list; echo rc=\$?" /dev/null >"$dir/out" 2>&1
    grep -q "^adm " "$dir/out" && grep -q "rc=0" "$dir/out" ||
        { echo "FAIL the password prompt's backspace"; cat -v "$dir/out"; fail=1; }
else
    echo "cli_test: SKIP account.prompt-cancelled (no script(1))"
fi

# The audit trail's write-ahead log is emptied when a command ends: it
# does not grow by each command's entry (every command would read it whole
# at its open, slower with every command run), and the entries are in the
# trail itself.
wdb="$dir/walcheck.db"
"$W" --db "$wdb" ingest /dev/null >/dev/null 2>&1
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do "$W" --db "$wdb" alerts >/dev/null 2>&1; done
wal=$(stat -c %s "$wdb.audit-wal" 2>/dev/null || echo 0)
entries=$("$W" --db "$wdb" --format jsonl audit 2>/dev/null | grep -c '"action":"alerts"')
if [ "$wal" -gt 0 ] || [ "$entries" != 12 ]; then
    echo "FAIL the audit trail's log after 12 commands: $wal bytes (want 0), $entries alerts entries (want 12)"
    fail=1
fi

[ $fail = 0 ] && echo "cli_test: all passed"
exit $fail
