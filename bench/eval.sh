#!/usr/bin/env bash
# The detection evaluation on organisations wachter has not been written
# against (docs/orggen.md): for each kind and seed, build/wachter-orggen
# writes an organisation; wachter loads its reference data and the rules
# configuration of its kind (police: `kind = police`; port and customs:
# `kind = port`), ingests its month of look-ups, loads the late part
# (cases registered after the look-ups, incidents) and ranks. Then the demo
# organisations (wachter demo --kind K: the municipality and the port) for
# their seeds.
#
# Per organisation: each planted scenario's best insider rank in `risk`,
# the best rank of a benign hard case, alerts per 100 staff per day, and
# how many planted insiders are in the top 20. The bars (issue 31): every
# planted scenario in the top 2 %, no benign hard case in it, at most 2
# alerts per 100 staff per day. Exits 1 when a bar fails, 2 when a run
# itself fails. `risk` lists only actors whose evidence reaches its floor
# (score 50); so that the floor does not hide how close the two are, each
# row also gives the separation below it (`risk --all`): the weakest
# planted scenario's best score against the strongest benign hard case's.
#
# Usage: bench/eval.sh   (make eval)
#   EVAL_KINDS="police port customs"  EVAL_SEEDS="1 2 3"
#   EVAL_ACTORS=1000  EVAL_DAYS=30  DEMO_SEEDS="1 2 3"  (empty: no demo)
#   DEMO_KINDS="municipality port"  (the demo's kinds of organisation)
#   EVAL_KEEP=DIR keeps each run's files (risk.jsonl, alerts.jsonl, ...)
#   EVAL_MD=FILE also writes the tables as Markdown
#   WACHTER=build/wachter  ORGGEN=build/wachter-orggen
#   EVAL_LATE_FIRST=1: a control run that loads the late part (late
#   cases, incidents) before the ingest, as if all reference data had been
#   there in time; not the evaluation
set -u
cd "$(dirname "$0")/.."
W=${WACHTER:-build/wachter}
G=${ORGGEN:-build/wachter-orggen}
KINDS=${EVAL_KINDS-police port customs}
SEEDS=${EVAL_SEEDS-1 2 3}
N=${EVAL_ACTORS:-1000}
D=${EVAL_DAYS:-30}
DEMO_SEEDS=${DEMO_SEEDS-1 2 3}
DEMO_KINDS=${DEMO_KINDS:-municipality port}
command -v jq >/dev/null || { echo "eval: needs jq (apt-get install jq)" >&2; exit 2; }
for b in "$W" "$G"; do [ -x "$b" ] || { echo "eval: $b not built (make all)" >&2; exit 2; }; done

work=$(mktemp -d "${TMPDIR:-/tmp}/wachter-eval.XXXXXX")
trap 'rm -rf "$work"' EXIT
keep=${EVAL_KEEP:-}
[ -n "$keep" ] && mkdir -p "$keep"
md=${EVAL_MD:-}
[ -n "$md" ] && : >"$md"
fail=0
SCEN="departing_exporter vip_burst address_finder colleague_snoop bogus_case"
BENIGN="routine_export late_case night_shift benign_crowd newcomer heavy_user precase_team leaver_normal vip_handler"
details=""
btab=""
bmdtab=""

# scen_ranks TRUTH RISK: "scenario class best-rank count" per scenario
# (rank 0: none of its actors is on the risk list).
scen_ranks() {
  awk -F'\t' 'NR==FNR { rank[$1] = $2; next }
    FNR == 1 { next }
    { split($0, f, ","); a = f[1]; c = f[2]; s = f[3]; cls[s] = c; n[s]++
      r = (a in rank) ? rank[a] : 0
      if (r > 0 && (!(s in best) || best[s] == 0 || r < best[s])) best[s] = r
      if (!(s in best)) best[s] = 0 }
    END { for (s in cls) print s, cls[s], best[s], n[s] }' \
    <(jq -r '[.actor, .rank] | @tsv' "$2") "$1"
}

row() { printf '%-8s %4s | %8s %8s %8s %8s %8s | %-26s | %7s | %-7s | %-20s | %s\n' "$@"; }
mdrow() { [ -n "$md" ] && { printf '|'; printf ' %s |' "$@"; echo; } >>"$md"; return 0; }

echo "wachter evaluation: $N staff x $D days; top 2 % = rank <= $((N * 2 / 100))${EVAL_LATE_FIRST:+ (control: late part loaded before the ingest)}"
echo
row kind seed depart vip addr colleag bogus "best benign (rank)" "al/100d" top20 "weakest > benign" bars
row -------- ---- -------- -------- -------- -------- -------- -------------------------- ------- ------- -------------------- ----
mdrow kind seed departing_exporter vip_burst address_finder colleague_snoop bogus_case "best benign hard case (rank)" "alerts/100 staff/day" "insiders in top 20" "risk --all: weakest scenario's score > strongest benign's (its rank)" bars
mdrow --- --- --- --- --- --- --- --- --- --- --- ---
for kind in $KINDS; do
  for seed in $SEEDS; do
    d="$work/$kind-$seed"
    mkdir -p "$d"
    if ! "$G" --kind "$kind" --seed "$seed" --actors "$N" --days "$D" --out "$d/org" 2>"$d/err"; then
      echo "eval: generating $kind seed $seed failed: $(cat "$d/err")" >&2; exit 2
    fi
    db="$d/w.db"
    "$W" --db "$db" load "$d/org/ref" >/dev/null 2>>"$d/err" || { echo "eval: load ref failed ($kind $seed): $(tail -3 "$d/err")" >&2; exit 2; }
    # the rules configuration of the matching kind of organisation
    # (README "Configuring detection"), in force before the ingest
    case "$kind" in police) rk=police ;; port | customs) rk=port ;; *) rk=municipality ;; esac
    printf 'kind = %s\n' "$rk" >"$d/rules.conf"
    "$W" --db "$db" rules load "$d/rules.conf" >/dev/null 2>>"$d/err" || { echo "eval: rules load failed ($kind $seed): $(tail -3 "$d/err")" >&2; exit 2; }
    late() { "$W" --db "$db" load "$d/org/late" >/dev/null 2>>"$d/err" || { echo "eval: load late failed ($kind $seed): $(tail -3 "$d/err")" >&2; exit 2; }; }
    [ -n "${EVAL_LATE_FIRST:-}" ] && late
    "$W" --db "$db" --format jsonl ingest "$d/org/events.jsonl" >"$d/ingest.json" 2>>"$d/err" || { echo "eval: ingest failed ($kind $seed)" >&2; exit 2; }
    [ -z "${EVAL_LATE_FIRST:-}" ] && late
    "$W" --db "$db" --format jsonl risk >"$d/risk.jsonl" || exit 2
    "$W" --db "$db" --format jsonl risk --all >"$d/all.jsonl" || exit 2
    # the weakest scenario's best score, the strongest benign case's score
    # and rank, in the list without its floor
    sep=$(awk -F'\t' 'NR == FNR { sc[$1] = $2; rk[$1] = $3; next }
      FNR == 1 { next }
      { split($0, f, ","); a = f[1]; v = (a in sc) ? sc[a] : 0
        if (f[2] == "insider") { if (!(f[3] in best) || v > best[f[3]]) best[f[3]] = v }
        else if (v > bmax) { bmax = v; brank = rk[a] } }
      END { w = -1; for (s in best) if (w < 0 || best[s] < w) w = best[s]
            if (bmax > 0) printf "%.1f > %.1f (%d)", w, bmax, brank; else printf "%.1f > none", w }' \
      <(jq -r '[.actor, .score, .rank] | @tsv' "$d/all.jsonl") "$d/org/truth.csv")
    "$W" --db "$db" --format jsonl alerts >"$d/alerts.jsonl" || exit 2
    quar=$(jq -r .quarantined "$d/ingest.json")
    [ "$quar" = 0 ] || { echo "eval: $kind seed $seed: $quar lines quarantined: the generator wrote bad input" >&2; fail=1; }
    cut=$((N * 2 / 100))
    scen_ranks "$d/org/truth.csv" "$d/risk.jsonl" >"$d/ranks.txt"
    scen_ranks "$d/org/truth.csv" "$d/all.jsonl" >"$d/ranks_all.txt"
    listed=$(wc -l <"$d/risk.jsonl")
    nalerts=$(wc -l <"$d/alerts.jsonl")
    apd=$(awk -v a="$nalerts" -v n="$N" -v d="$D" 'BEGIN { printf "%.2f", a / (n / 100) / d }')
    ins_total=$(awk -F, '$2 == "insider"' "$d/org/truth.csv" | wc -l)
    ins_top=$(awk -F'\t' 'NR==FNR { if ($2 <= 20) top[$1] = 1; next } FNR > 1 { split($0, f, ","); if (f[2] == "insider" && (f[1] in top)) c++ } END { print c + 0 }' \
      <(jq -r '[.actor, .rank] | @tsv' "$d/risk.jsonl") "$d/org/truth.csv")
    bars=ok
    cols=()
    for s in $SCEN; do
      r=$(awk -v s="$s" '$1 == s { print $3 }' "$d/ranks.txt")
      [ -z "$r" ] && r=0
      if [ "$r" = 0 ]; then cols+=("-"); else cols+=("$r"); fi
      if [ "$r" = 0 ] || [ "$r" -gt "$cut" ]; then bars="FAIL"; cols[${#cols[@]}-1]="${cols[${#cols[@]}-1]}!"; fi
    done
    bb=$(awk '$2 == "benign" && $3 > 0' "$d/ranks.txt" | sort -k3,3n | head -1)
    if [ -n "$bb" ]; then
      bbs=$(echo "$bb" | awk '{ print $1 " (" $3 ")" }'); bbr=$(echo "$bb" | awk '{ print $3 }')
      if [ "$bbr" -le "$cut" ]; then bars="FAIL"; bbs="$bbs!"; fi
    else bbs="none ranked"; fi
    if awk -v a="$apd" 'BEGIN { exit !(a > 2) }'; then bars="FAIL"; apd="$apd!"; fi
    [ "$bars" = FAIL ] && fail=1
    # each benign hard case's best rank in `risk --all` (listed by `risk`
    # when within its first $listed)
    brow="$(printf '%-8s %4s |' "$kind" "$seed")"
    bmd="| $kind | $seed |"
    for s in $BENIGN; do
      r=$(awk -v s="$s" '$1 == s { print $3 }' "$d/ranks_all.txt")
      case "$r" in "" | 0) r="-" ;; *) [ "$r" -le "$cut" ] && [ "$r" -le "$listed" ] && r="$r!" ;; esac
      brow+="$(printf ' %8s' "$r")"; bmd+=" $r |"
    done
    btab+="$brow"$'\n'; bmdtab+="$bmd"$'\n'
    row "$kind" "$seed" "${cols[@]}" "$bbs" "$apd" "$ins_top/$ins_total" "$sep" "$bars"
    mdrow "$kind" "$seed" "${cols[@]}" "$bbs" "$apd" "$ins_top/$ins_total" "$sep" "$bars"
    # what the analyst would see: the rules behind each miss and each
    # benign case on the list's top
    det="$kind seed $seed: alerts by rule: $(jq -r .rule "$d/alerts.jsonl" | sort | uniq -c | sort -rn | awk '{ printf "%s=%s ", $2, $1 }')"$'\n'
    while read -r a c s; do
      r=$(jq -r --arg a "$a" 'select(.actor == $a) | .rank' "$d/risk.jsonl")
      [ -z "$r" ] && r=0
      if { [ "$c" = insider ] && { [ "$r" = 0 ] || [ "$r" -gt "$cut" ]; }; } || { [ "$c" = benign ] && [ "$r" != 0 ] && [ "$r" -le "$cut" ]; }; then
        rules=$(jq -r --arg a "$a" 'select(.actor == $a or ((.actors // []) | index($a))) | "\(.rule)/\(.severity)"' "$d/alerts.jsonl" | sort | uniq -c | awk '{ printf "%s×%s ", $2, $1 }')
        det+="  $c $s $a rank ${r/#0/-}: ${rules:-no alerts}"$'\n'
      fi
    done < <(awk -F, 'NR > 1 { print $1, $2, $3 }' "$d/org/truth.csv")
    details+="$det"
    if [ -n "$keep" ]; then mkdir -p "$keep/$kind-$seed"; cp "$d"/*.jsonl "$d"/*.json "$d"/ranks.txt "$d/org/truth.csv" "$keep/$kind-$seed/"; fi
    rm -rf "$d"
  done
done

if [ -n "$btab" ]; then
  echo
  echo "benign hard cases: best rank of each in risk --all ('-': no alert that counts; '!': listed by risk in the top 2 %)"
  printf '%-8s %4s |' kind seed; for s in $BENIGN; do printf ' %8.8s' "$s"; done; echo
  printf '%s' "$btab"
  if [ -n "$md" ]; then
    printf '\n| kind | seed |' >>"$md"; for s in $BENIGN; do printf ' %s |' "$s" >>"$md"; done
    printf '\n|---|---|' >>"$md"; for s in $BENIGN; do printf -- '---|' >>"$md"; done
    printf '\n%s' "$bmdtab" >>"$md"
  fi
fi

if [ -n "$DEMO_SEEDS" ]; then
  echo
  echo "demo organisations (wachter demo --kind K): $N staff x $D days"
  printf '%-12s %-4s | %-60s | %-30s | %7s | %s\n' kind seed "planted scenarios: best rank" "best benign (rank)" "al/100d" "top20"
  [ -n "$md" ] && printf '\n| demo kind | seed | planted scenarios: best rank | best benign hard case (rank) | alerts/100 staff/day | insiders in top 20 | bars |\n|---|---|---|---|---|---|---|\n' >>"$md"
  for dk in $DEMO_KINDS; do
  for seed in $DEMO_SEEDS; do
    d="$work/demo-$dk-$seed"
    mkdir -p "$d"
    "$W" --db "$d/w.db" --format jsonl demo --kind "$dk" --actors "$N" --days "$D" --seed "$seed" --dir "$d/org" >"$d/demo.json" 2>"$d/err" || { echo "eval: demo $dk seed $seed failed: $(tail -3 "$d/err")" >&2; exit 2; }
    "$W" --db "$d/w.db" --format jsonl risk >"$d/risk.jsonl" || exit 2
    cut=$(jq .top_cut "$d/demo.json")
    planted=$(jq -r '[.plants[] | select(.benign | not) | "\(.scenario)=\(if .rank == 0 then "-" else .rank end)\(if .rank == 0 or .rank > '"$cut"' then "!" else "" end)"] | join(" ")' "$d/demo.json")
    bb=$(jq -r '[.plants[] | select(.benign and .rank > 0)] | sort_by(.rank) | .[0] // empty | "\(.scenario) (\(.rank))\(if .rank <= '"$cut"' then "!" else "" end)"' "$d/demo.json")
    [ -z "$bb" ] && bb="none ranked"
    apd=$(jq -r '.alerts_per_100_staff_day * 100 | round / 100' "$d/demo.json")
    ins=$(jq -r '[.plants[] | select(.benign | not) | .actors[]] | .[]' "$d/demo.json" | sort -u)
    ins_total=$(echo "$ins" | grep -c .)
    ins_top=$(jq -r 'select(.rank <= 20) | .actor' "$d/risk.jsonl" | grep -cxF -f <(echo "$ins"))
    bars=ok
    case "$planted $bb" in *'!'*) bars=FAIL ;; esac
    awk -v a="$apd" 'BEGIN { exit !(a > 2) }' && { bars=FAIL; apd="$apd!"; }
    [ "$bars" = FAIL ] && fail=1
    printf '%-12s %-4s | %-60s | %-30s | %7s | %s %s\n' "$dk" "$seed" "$planted" "$bb" "$apd" "$ins_top/$ins_total" "$bars"
    [ -n "$md" ] && echo "| $dk | $seed | $planted | $bb | $apd | $ins_top/$ins_total | $bars |" >>"$md"
    rm -rf "$d"
  done
  done
fi

echo
echo "'!' marks a bar that fails; '-' an insider not on the risk list at all."
echo "Why (alerts by rule; the rules behind each missed insider and each benign case in the top 2 %):"
printf '%s' "$details"
[ -n "$md" ] && { printf '\n```\n%s```\n' "$details" >>"$md"; }
exit $fail
