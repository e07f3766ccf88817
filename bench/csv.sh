#!/usr/bin/env bash
# bench/csv.sh — what CSV and syslog input cost against JSON Lines: the
# same N events written three ways (JSON Lines; a Dutch-style CSV export
# with ';' and its own column names; RFC 5424 syslog with structured data
# and key=value pairs), each ingested into a fresh store in rounds, the
# three in turn within a round, so the machine's drift hits them alike.
# Prints each format's median events/s and its ratio to JSON Lines.
#
#   bench/csv.sh [-n ROUNDS] [-e EVENTS] [-w WACHTER] [-- INGEST OPTIONS...]
#   e.g. bench/csv.sh -e 200000                     (a quick look)
#        bench/csv.sh -e 2000000 -n 5 -- --detect-only
# Defaults: 3 rounds, 100000 events, build/wachter, a storing ingest.
set -eu
rounds=3 events=100000 w=build/wachter
while getopts n:e:w: o; do
    case $o in
    n) rounds=$OPTARG ;;
    e) events=$OPTARG ;;
    w) w=$OPTARG ;;
    *) exit 2 ;;
    esac
done
shift $((OPTIND - 1))
[ "${1:-}" = -- ] && shift
w=$(realpath "$w")
tmp=$(mktemp -d /tmp/wachter-bench-csv-XXXXXX)
trap 'rm -rf "$tmp"' EXIT

python3 - "$events" "$tmp" <<'PY'
import sys, random, datetime
n, d = int(sys.argv[1]), sys.argv[2]
rnd = random.Random(37)
t0 = datetime.datetime(2026, 3, 2, 7, 0, tzinfo=datetime.timezone.utc)
with open(f"{d}/e.jsonl", "w") as j, open(f"{d}/e.csv", "w") as c, open(f"{d}/e.log", "w") as s:
    c.write("Kenmerk;Tijdstip;Gebruiker;Systeem;Actie;BSN;Doelbinding\n")
    for i in range(n):
        t = t0 + datetime.timedelta(milliseconds=i * 250 + rnd.randrange(250))
        ts = t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"
        actor = f"u{rnd.randrange(2000):04d}"
        subj = f"{rnd.randrange(10**9):09d}"
        act = rnd.choice(["view", "view", "view", "search", "update"])
        purpose = rnd.choice(["bijstand", "paspoort", "parkeren"])
        j.write(f'{{"id":"e{i}","ts":"{ts}","actor":"{actor}","system":"brp",'
                f'"action":"{act}","subject":"{subj}","purpose":"{purpose}"}}\n')
        c.write(f"e{i};{ts};{actor};brp;{act};{subj};{purpose}\n")
        s.write(f'<134>1 {ts} gw01 brp - - [req@32473 id="e{i}" user="{actor}" bsn="{subj}"]'
                f' action={act} doel={purpose}\n')
PY

csvmap="id=Kenmerk,ts=Tijdstip,actor=Gebruiker,system=Systeem,action=Actie,subject=BSN,purpose=Doelbinding"
logmap="id=sd.req@32473.id,ts=time,actor=sd.req@32473.user,system=app,action=msg.action,subject=sd.req@32473.bsn,purpose=msg.doel"
run() { # format, then ingest's arguments; prints events/s
    rm -f "$tmp"/s.db*
    "$w" --db "$tmp/s.db" --format jsonl ingest "$@" 2>/dev/null |
        python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["events_per_s"] if r["quarantined"]==0 else "QUARANTINED")'
}
declare -A got
for r in $(seq "$rounds"); do
    got[json]+="$(run "$@" "$tmp/e.jsonl") "
    got[csv]+="$(run "$@" --input csv --map "$csvmap" "$tmp/e.csv") "
    got[syslog]+="$(run "$@" --input syslog --map "$logmap" "$tmp/e.log") "
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
base=$(echo "${got[json]}" | median)
echo "bench/csv.sh: $events events, $rounds rounds, ingest $*"
for f in json csv syslog; do
    m=$(echo "${got[$f]}" | median)
    printf '%-7s median %10.0f events/s  (%s of JSON Lines)  rounds: %s\n' "$f" "$m" \
        "$(awk -v a="$m" -v b="$base" 'BEGIN {printf "%.2f", a / b}')" "${got[$f]}"
done
