#!/usr/bin/env bash
# bench/run.sh — how fast wachter detects, against the baselines that matter:
# merely reading the bytes (wc -l) and the same detections written as SQL in
# SQLite and PostgreSQL 15, over the same generated file.  Writes
# bench/RESULTS.md, which git does not track (bench/README.md keeps the
# latest figures, bench/ANALYSIS.md what they mean).
#
#   BENCH_SIZES="1M 10M" BENCH_RUNS=3 bench/run.sh
#   bench/run.sh --micro-only   (same environment as the run it completes):
#       only the micro-benchmarks again, then RESULTS.md rewritten with the
#       end-to-end results already in $BENCH_OUT
#   bench/run.sh --queries-only (likewise): only the investigation queries
#       on the largest store again
#
# Environment (all optional):
#   BENCH_SIZES   event counts, e.g. "100k 1M 10M 100M"        (default 1M);
#                 SIZE:RUNS overrides the runs for one size ("1M 10M:1")
#   BENCH_RUNS    runs per step; medians are reported           (default 3)
#   BENCH_WACHTER_RUNS  runs of wachter's own steps at least, where a size
#                 gives fewer ("10M:1": the SQL baselines once, wachter's
#                 steps this often)                             (default 3)
#   BENCH_SEED    generator seed                                (default 1)
#   BENCH_SQL     "sqlite postgres" or a subset, or "none"      (default both)
#   BENCH_FULL_MAX  largest size that gets every step (default: all); above
#                 it only the generator, wc -l, load and --detect-only run,
#                 to show throughput and peak memory at 100M in minutes
#   WACHTER       the binary                       (default build/wachter)
#   BENCH_DATA, BENCH_OUT, BENCH_RESULTS   where data, logs and the report go
#
# Disk: about 200 bytes per event for the file, and ~3x that again for each
# database while it is measured (100M events: ~20 GB file, ~60 GB peak).
set -eu
cd "$(dirname "$0")/.."

WACHTER=${WACHTER:-build/wachter}
DEFAULT_RUNS=${BENCH_RUNS:-3}
RUNS=$DEFAULT_RUNS # per size: see main
WACHTER_RUNS=${BENCH_WACHTER_RUNS:-3}
SIZES=${BENCH_SIZES:-1M}
SEED=${BENCH_SEED:-1}
SQL_ENGINES=${BENCH_SQL:-sqlite postgres}
FULL_MAX=${BENCH_FULL_MAX:-}
DATA=${BENCH_DATA:-bench/data}
OUT=${BENCH_OUT:-bench/out}
RESULTS=${BENCH_RESULTS:-bench/RESULTS.md}
PGBIN=/usr/lib/postgresql/15/bin
TIME=/usr/bin/time

mkdir -p "$DATA" "$OUT"
DATA=$(cd "$DATA" && pwd)
OUT=$(cd "$OUT" && pwd)
NOTES="$OUT/notes.md" # skipped or failed steps, copied into RESULTS.md
[ "${1:-}" = --micro-only ] || : >"$NOTES"

log() { printf 'bench: %s\n' "$*" >&2; }
note() {
    log "$*"
    printf -- '- %s\n' "$*" >>"$NOTES"
}

# "100k" → 100000, "10M" → 10000000.
parse_size() {
    case "$1" in
    *k | *K) echo $((${1%?} * 1000)) ;;
    *m | *M) echo $((${1%?} * 1000000)) ;;
    *[!0-9]* | '') echo "bench: bad size '$1'" >&2 && exit 2 ;;
    *) echo "$1" ;;
    esac
}

# ------------------------------------------------------------------ timing

# measure SIZE STEP RUN LOG CMD... — runs CMD under /usr/bin/time, output to
# LOG, and appends "size step run seconds peak_kb" to times.tsv.  Wall time
# comes from bash's microsecond clock (time's %e has only 10 ms steps, too
# coarse for wc -l on small files); peak RSS from time's %M.  Returns CMD's exit
# status, so callers decide what a failure means.
measure() {
    local size=$1 step=$2 run=$3 logf=$4 tf rc=0 t0 t1
    shift 4
    tf=$(mktemp)
    t0=${EPOCHREALTIME/[.,]/} # µs from bash: no fork, which costs ~20 ms on some VMs
    "$TIME" -f '%M' -o "$tf" "$@" >"$logf" 2>&1 || rc=$?
    t1=${EPOCHREALTIME/[.,]/}
    if [ "$rc" = 0 ]; then
        echo "$size $step $run $(awk -v d=$((t1 - t0)) 'BEGIN {printf "%.3f", d / 1e6}') $(tail -n 1 "$tf")" \
            >>"$OUT/times.tsv"
    fi
    rm -f "$tf"
    return "$rc"
}

# add_row SIZE STEP RUN SECONDS KB — for rows computed from others (totals).
add_row() { echo "$*" >>"$OUT/times.tsv"; }

# seconds/KB of one measured run, for building totals.
row_of() { awk -v s="$1" -v t="$2" -v r="$3" '$1==s && $2==t && $3==r {print $4, $5}' "$OUT/times.tsv"; }

# ------------------------------------------------------------- generator

# bench/gen.c and what it shares with the demo's generator (tools/gen).
build_gen() {
    local f stale=0
    [ -x bench/gen ] || stale=1
    for f in bench/gen.c tools/gen/*; do
        if [ "$f" -nt bench/gen ]; then stale=1; fi
    done
    if [ $stale = 1 ]; then
        log "building bench/gen"
        ${CC:-cc} -std=c11 -O2 -Wall -Wextra -Werror -Itools/gen -o bench/gen bench/gen.c \
            tools/gen/gen.c tools/gen/gen_out.c
    fi
}

# gen_data SIZE N — writes $DATA/SIZE (timed once: it is an input, not a
# contender; its speed is reported for completeness).
gen_data() {
    local size=$1 n=$2 dir="$DATA/$1"
    rm -rf "$dir"
    mkdir -p "$dir"
    measure "$size" gen 1 "$OUT/$size/gen.log" bench/gen -n "$n" -o "$dir" -seed "$SEED"
    # The server process (postgres user) reads these files itself.
    chmod -R a+rX "$dir"
}

# ----------------------------------------------------------------- wachter

# wachter_missing LOG — true when the log says the command or option does not
# exist yet (the core is written in parallel); that is a skip, not a failure.
wachter_missing() { grep -qiE 'unknown (command|option)|unrecognized option|usage:' "$1"; }

# copy_store cp|mv FROM TO — an SQLite store is its file plus, in WAL mode,
# the -wal file that may still hold committed pages. The copy is flushed to
# disk before anything is timed on it: a storing ingest's first checkpoint
# fsyncs the store, and would otherwise wait for the copy's dirty pages too
# (0.7 s of an ingest into the 9M store, copied just before).
copy_store() {
    local x
    rm -f "$3" "$3-wal" "$3-shm"
    for x in "" -wal; do
        if [ -f "$2$x" ]; then "$1" "$2$x" "$3$x" && sync "$3$x"; fi
    done
}

# wachter_runs — how often wachter's own steps run: RUNS, or more where
# WACHTER_RUNS asks for more (they take seconds where the baselines take
# minutes, and a single run on this shared machine says little).
wachter_runs() { echo $((RUNS > WACHTER_RUNS ? RUNS : WACHTER_RUNS)); }

# bench_wachter SIZE FULL — load once, then ingest (storing) and ingest
# --detect-only, each with the default threads and with one (the one-core
# figure), each on a copy of the loaded store, wachter_runs times.  Leaves
# the last default storing run's database as $OUT/SIZE/store.db for query.sh.
bench_wachter() {
    local size=$1 full=$2 dir="$DATA/$1" o="$OUT/$1" r db steps="w_ingest w_ingest1 w_detect w_detect1"
    [ "$full" = yes ] || steps="w_detect w_detect1"
    if [ ! -x "$WACHTER" ]; then
        note "$size: wachter steps skipped: $WACHTER does not exist (run make all)."
        return 0
    fi
    rm -f "$o"/template.db* "$o"/run.db* "$o"/store.db* "$o"/w_*
    if ! measure "$size" w_load 1 "$o/w_load.log" "$WACHTER" --db "$o/template.db" load "$dir"; then
        note "$size: wachter load failed, wachter steps skipped: $(head -n 1 "$o/w_load.log")"
        return 0
    fi
    for step in $steps; do
        local opt=()
        case $step in
        w_ingest1) opt=(--threads 1) ;;
        w_detect) opt=(--detect-only) ;;
        w_detect1) opt=(--detect-only --threads 1) ;;
        esac
        for r in $(seq 1 "$(wachter_runs)"); do
            db="$o/run.db"
            copy_store cp "$o/template.db" "$db"
            if ! measure "$size" "$step" "$r" "$o/$step.$r.log" \
                "$WACHTER" --db "$db" ingest "${opt[@]}" --format jsonl "$dir/events.jsonl"; then
                if wachter_missing "$o/$step.$r.log"; then
                    note "$size: \`wachter ingest ${opt[*]}\` skipped: not implemented yet ($(head -n 1 "$o/$step.$r.log"))."
                else
                    note "$size: \`wachter ingest ${opt[*]}\` failed: $(head -n 1 "$o/$step.$r.log")"
                fi
                break
            fi
            # the JSON summary is the log's last line
            tail -n 1 "$o/$step.$r.log" >"$o/$step.json"
            if [ "$step" = w_ingest ]; then copy_store mv "$db" "$o/store.db"; fi
        done
    done
    rm -f "$o"/run.db*
    if [ "$full" = yes ]; then bench_next "$size"; fi
    # What wachter raised, by rule (not timed): beside the SQL row counts.
    if [ -f "$o/store.db" ] &&
        "$WACHTER" --db "$o/store.db" --format jsonl alerts >"$o/w_alerts.jsonl" 2>/dev/null; then
        grep -o '"rule":"[^"]*"' "$o/w_alerts.jsonl" | cut -d'"' -f4 | sort | uniq -c |
            awk '{printf "%s%s %s", (NR > 1 ? ", " : ""), $2, $1}' >"$o/w_rules.txt" || true
    fi
}

# next_count N — how many events the w_next step ingests: the file's last
# tenth (the first nine tenths are in the store already).
next_count() { echo $(($1 - $1 * 9 / 10)); }

# bench_next SIZE — the daily path: a later ingest into a store that holds
# events already (its runs of postings merge with those of the stored
# events now and then; src/store/store_post.h). The file's first nine tenths go into a
# copy of the loaded store once, untimed; then its last tenth is ingested,
# timed, wachter_runs times, each on a fresh copy of that store.
bench_next() {
    local size=$1 dir="$DATA/$1" o="$OUT/$1" n head r
    n=$(parse_size "$size")
    head=$((n - $(next_count "$n")))
    head -n "$head" "$dir/events.jsonl" >"$o/first.jsonl"
    tail -n +"$((head + 1))" "$dir/events.jsonl" >"$o/next.jsonl"
    copy_store cp "$o/template.db" "$o/base.db"
    if ! "$WACHTER" --db "$o/base.db" ingest --format jsonl "$o/first.jsonl" >"$o/w_first.log" 2>&1; then
        note "$size: ingest of the first nine tenths failed, w_next skipped: $(tail -n 1 "$o/w_first.log")"
        rm -f "$o"/base.db* "$o/first.jsonl" "$o/next.jsonl"
        return 0
    fi
    for r in $(seq 1 "$(wachter_runs)"); do
        copy_store cp "$o/base.db" "$o/run.db"
        if ! measure "$size" w_next "$r" "$o/w_next.$r.log" \
            "$WACHTER" --db "$o/run.db" ingest --format jsonl "$o/next.jsonl"; then
            note "$size: \`wachter ingest\` into a store with events failed: $(tail -n 1 "$o/w_next.$r.log")"
            break
        fi
        tail -n 1 "$o/w_next.$r.log" >"$o/w_next.json"
    done
    rm -f "$o"/base.db* "$o"/run.db* "$o/first.jsonl" "$o/next.jsonl"
}

# ----------------------------------------------------------- micro-benchmarks

# bench_micro SIZE — beside the end-to-end steps: what SQLite alone sustains
# for one row per event (bench/sqlite_floor.c, the ceiling of the storing
# path) and the event parser against cJSON (bench/parse_bench.c), on SIZE's
# file. Markdown to $OUT/micro.md.
bench_micro() {
    local size=$1 n cc=${CC:-cc}
    n=$(parse_size "$size")
    mkdir -p build
    {
        echo "SQLite alone, $n rows of about 200 bytes, the store's settings (\`bench/sqlite_floor.c\`, medians of 3):"
        echo
        if $cc -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -o build/sqlite_floor bench/sqlite_floor.c -lsqlite3 &&
            build/sqlite_floor "$OUT" "$n"; then :; else echo "(failed)"; fi
        echo
        echo "The event parser on the $size file (\`bench/parse_bench.c\`: fast path with cJSON fallback against cJSON alone):"
        echo
        echo '```'
        if [ -f build/libwachter.a ] &&
            $cc -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -Isrc -o build/parse_bench bench/parse_bench.c \
                build/libwachter.a -lcjson -lm &&
            build/parse_bench "$DATA/$size/events.jsonl" "$n"; then :; else echo "(not run: build/libwachter.a missing or build failed)"; fi
        echo '```'
    } >"$OUT/micro.md" 2>&1
}

# ------------------------------------------------------------------ SQLite

bench_sqlite() {
    local size=$1 dir="$DATA/$1" o="$OUT/$1" r db script a b
    db="$o/sqlite.db"
    script="$o/sqlite_import.sql"
    sed "s|@DIR@|$dir|g" bench/sql/sqlite_import.sql >"$script"
    for r in $(seq 1 "$RUNS"); do
        rm -f "$db"
        measure "$size" sq_import "$r" "$o/sq_import.$r.log" sqlite3 "$db" ".read $script" ||
            { note "$size: SQLite import failed: $(tail -n 1 "$o/sq_import.$r.log")" && return 0; }
        measure "$size" sq_queries "$r" "$o/sq_counts.txt" sqlite3 "$db" ".read bench/sql/sqlite.sql" ||
            { note "$size: SQLite queries failed: $(tail -n 1 "$o/sq_counts.txt")" && return 0; }
        a=$(row_of "$size" sq_import "$r")
        b=$(row_of "$size" sq_queries "$r")
        add_row "$size" sq_total "$r" $(echo "$a $b" | awk '{printf "%.3f %d", $1 + $3, ($2 > $4 ? $2 : $4)}')
    done
    rm -f "$db"
}

# -------------------------------------------------------------- PostgreSQL

PGDIR=""
PGPORT=""
PGUSER_OS="" # runuser -u USER when we are root (initdb refuses root)
SAMPLER=""

as_pg() { if [ -n "$PGUSER_OS" ]; then runuser -u "$PGUSER_OS" -- "$@"; else "$@"; fi; }
# Notices ("database does not exist, skipping") are noise here.
export PGOPTIONS='-c client_min_messages=warning'
psql_bench() { psql -X -q -h 127.0.0.1 -p "$PGPORT" -U bench "$@"; }

# A free TCP port on 127.0.0.1: nothing answers a connect.
free_port() {
    local p
    for p in $(seq 55432 55532); do
        if ! (echo >"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            echo "$p"
            return 0
        fi
    done
    return 1
}

# A private server in a temp dir, reachable only on 127.0.0.1, configured as
# a DBA would for a bulk-loading analytics box (fsync stays on).
pg_start() {
    local mem_kb sb
    [ -x "$PGBIN/initdb" ] || { note "PostgreSQL steps skipped: $PGBIN/initdb not found (scripts/deps.sh bench installs postgresql-15)." && return 1; }
    PGDIR=$(mktemp -d /tmp/wachter-bench-pg.XXXXXX)
    if [ "$(id -u)" = 0 ]; then
        PGUSER_OS=postgres
        id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
        chown "$PGUSER_OS" "$PGDIR"
    fi
    PGPORT=$(free_port) || { note "PostgreSQL skipped: no free port" && return 1; }
    as_pg "$PGBIN/initdb" -D "$PGDIR/data" -U bench --auth=trust -E UTF8 --locale=C.UTF-8 \
        >"$OUT/pg_initdb.log" 2>&1 || { note "initdb failed: see $OUT/pg_initdb.log" && return 1; }
    mem_kb=$(awk '/MemTotal/ {print $2}' /proc/meminfo)
    sb=$((mem_kb / 4 / 1024))
    [ "$sb" -gt 8192 ] && sb=8192
    cat >>"$PGDIR/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PGPORT
unix_socket_directories = '$PGDIR'
shared_buffers = ${sb}MB
effective_cache_size = $((mem_kb / 2 / 1024))MB
work_mem = 256MB
maintenance_work_mem = 1GB
wal_level = minimal
max_wal_senders = 0
max_wal_size = 16GB
checkpoint_timeout = 30min
synchronous_commit = off
EOF
    as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 60 start >/dev/null ||
        { note "PostgreSQL did not start: $(tail -n 3 "$PGDIR/server.log" | tr '\n' ' ')" && return 1; }
    log "PostgreSQL listening on 127.0.0.1:$PGPORT, data in $PGDIR"
}

pg_stop() {
    if [ -n "$SAMPLER" ]; then
        kill "$SAMPLER" 2>/dev/null || true
        wait "$SAMPLER" 2>/dev/null || true
        SAMPLER=""
    fi
    if [ -n "$PGDIR" ]; then
        if [ -f "$PGDIR/data/postmaster.pid" ]; then
            as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null 2>&1 || true
        fi
        rm -rf "$PGDIR"
        PGDIR=""
    fi
}

# The server's memory is in its own processes, not in psql: sample the
# proportional set size (PSS: shared buffers counted once, not per backend)
# of the postmaster and its children every 0.1 s; write the peak (KB) to
# $1 when killed.
pg_sampler() {
    local outf=$1 pm peak=0 cur
    pm=$(head -n 1 "$PGDIR/data/postmaster.pid")
    trap 'echo "$peak" >"$outf"; exit 0' TERM
    while :; do
        cur=$( (cat "/proc/$pm/smaps_rollup"
            for c in $(ps -o pid= --ppid "$pm"); do cat "/proc/$c/smaps_rollup"; done) 2>/dev/null |
            awk '/^Pss:/ {s += $2} END {print s + 0}')
        [ "$cur" -gt "$peak" ] && peak=$cur
        sleep 0.1
    done
}

# pg_measure SIZE STEP RUN LOG psql-args... — measure plus the server's peak.
pg_measure() {
    local size=$1 step=$2 run=$3 logf=$4 peakf rc=0 line
    shift 4
    peakf=$(mktemp)
    pg_sampler "$peakf" &
    SAMPLER=$!
    measure "$size" "$step" "$run" "$logf" psql -X -q -h 127.0.0.1 -p "$PGPORT" -U bench "$@" || rc=$?
    kill "$SAMPLER"
    wait "$SAMPLER" || true
    SAMPLER=""
    if [ "$rc" = 0 ]; then
        # reported peak = psql's own RSS + the server's peak PSS
        line=$(tail -n 1 "$OUT/times.tsv")
        sed -i '$d' "$OUT/times.tsv"
        echo "$line $(cat "$peakf")" | awk '{print $1, $2, $3, $4, $5 + $6}' >>"$OUT/times.tsv"
    fi
    rm -f "$peakf"
    return "$rc"
}

bench_postgres() {
    local size=$1 dir="$DATA/$1" o="$OUT/$1" r a b
    for r in $(seq 1 "$RUNS"); do
        psql_bench -d postgres -c 'DROP DATABASE IF EXISTS bench' -c 'CREATE DATABASE bench' >/dev/null
        pg_measure "$size" pg_import "$r" "$o/pg_import.$r.log" -d bench -v dir="$dir" \
            -f bench/sql/postgres_import.sql ||
            { note "$size: PostgreSQL import failed: $(tail -n 1 "$o/pg_import.$r.log")" && return 0; }
        pg_measure "$size" pg_queries "$r" "$o/pg_counts.txt" -d bench -f bench/sql/postgres.sql ||
            { note "$size: PostgreSQL queries failed: $(tail -n 1 "$o/pg_counts.txt")" && return 0; }
        a=$(row_of "$size" pg_import "$r")
        b=$(row_of "$size" pg_queries "$r")
        add_row "$size" pg_total "$r" $(echo "$a $b" | awk '{printf "%.3f %d", $1 + $3, ($2 > $4 ? $2 : $4)}')
    done
    psql_bench -d postgres -c 'DROP DATABASE IF EXISTS bench' >/dev/null
}

# ------------------------------------------------------------------ report

# built_at — when $WACHTER was built, or "not built".
built_at() { [ -x "$WACHTER" ] && date -u -r "$WACHTER" '+%Y-%m-%d %H:%M UTC' || echo "not built"; }

# wachter_md — the binary the tables were measured with (noted by the full
# run in $OUT/wachter_built) and, after a rerun of a part, the one that
# rerun used, when it differs.
wachter_md() {
    local full now
    now=$(built_at)
    full=$(cat "$OUT/wachter_built" 2>/dev/null || echo "$now")
    printf '`%s`, built %s' "$WACHTER" "$full"
    # make pgo notes its build beside the binary; a plain relink is newer.
    if [ -e "$WACHTER.build" ] && ! [ "$WACHTER" -nt "$WACHTER.build" ]; then
        printf ', %s' "$(cat "$WACHTER.build")"
    fi
    [ "$full" = "$now" ] || printf '; the rerun part (see the load average above) with the build of %s' "$now"
}

machine_md() {
    local cpu ram
    cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
    ram=$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
    cat <<EOF
## Machine

| | |
|---|---|
| CPU | ${cpu:-unknown} |
| cores | $(nproc) |
| RAM | $ram |
| kernel | $(uname -sr) |
| SQLite | $(sqlite3 --version 2>/dev/null | cut -d' ' -f1-2 || echo missing) |
| PostgreSQL | $("$PGBIN/postgres" --version 2>/dev/null || echo missing) |
| compiler | $(${CC:-cc} --version | head -n 1) |
| wachter | $(wachter_md) |
EOF
}

# runs_of SIZE STEP — how many runs of STEP times.tsv holds.
runs_of() { awk -v s="$1" -v t="$2" '$1 == s && $2 == t' "$OUT/times.tsv" | wc -l; }

# size_md SIZE N — the table for one size: medians over runs, ratios to
# wc -l and to PostgreSQL (import + queries), both as time / reference time.
size_md() {
    local size=$1 n=$2 bytes
    bytes=$(stat -c %s "$DATA/$size/events.jsonl")
    echo
    echo "## $n events ($size)"
    echo
    echo "File: $(awk -v b="$bytes" 'BEGIN {printf "%.0f MiB", b / 1048576}'), seed $SEED, $(runs_of "$size" wc) runs per step, wachter's ingests $(runs_of "$size" w_detect1) (generator and \`wachter load\`: one)."
    echo
    echo "| step | events/s | median s | peak RSS MiB | time ÷ wc -l | time ÷ PostgreSQL |"
    echo "|---|---:|---:|---:|---:|---:|"
    awk -v size="$size" -v n="$n" -v nn="$(next_count "$n")" '
        $1 == size { k = $2; t[k, ++c[k]] = $4; if ($5 > m[k]) m[k] = $5 }
        function med(k,   i, j, x, a) {
            for (i = 1; i <= c[k]; i++) a[i] = t[k, i]
            for (i = 2; i <= c[k]; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
            return c[k] % 2 ? a[(c[k] + 1) / 2] : (a[c[k] / 2] + a[c[k] / 2 + 1]) / 2
        }
        function ratio(x, ref) { return ref > 0 ? sprintf("%.2f", x / ref) : "–" }
        END {
            split("gen wc w_load w_ingest w_ingest1 w_next w_detect w_detect1 sq_import sq_queries sq_total pg_import pg_queries pg_total", order, " ")
            name["gen"] = "generator (bench/gen, file + CSVs)"
            name["wc"] = "`wc -l` (read and split lines)"
            name["w_load"] = "`wachter load` (reference CSVs)"
            name["w_ingest"] = "`wachter ingest` (detect + store events)"
            name["w_ingest1"] = "`wachter ingest --threads 1` (one core)"
            name["w_next"] = "`wachter ingest` of the last tenth into a store holding the rest (" nn " events; the daily path)"
            name["w_detect"] = "`wachter ingest --detect-only`"
            name["w_detect1"] = "`wachter ingest --detect-only --threads 1` (one core)"
            name["sq_import"] = "SQLite: import + index"
            name["sq_queries"] = "SQLite: detection queries"
            name["sq_total"] = "**SQLite: total**"
            name["pg_import"] = "PostgreSQL: COPY + index"
            name["pg_queries"] = "PostgreSQL: detection queries"
            name["pg_total"] = "**PostgreSQL: total**"
            wc = ("wc" in c) ? med("wc") : 0
            pg = ("pg_total" in c) ? med("pg_total") : 0
            for (i = 1; i in order; i++) {
                k = order[i]
                if (!(k in c)) continue
                s = med(k)
                e = k == "w_next" ? nn : n # w_next: ratios per event
                printf "| %s | %s | %.3f | %.0f | %s | %s |\n", name[k],
                    (k == "w_load" ? "–" : sprintf("%.0f", s > 0 ? e / s : 0)), s, m[k] / 1024,
                    ratio(s * n / e, wc), ratio(s * n / e, pg)
            }
        }' "$OUT/times.tsv"
    counts_md "$size"
}

# reported DIR STEP WHAT — the JSON summary STEP's last run printed, if any.
reported() {
    [ -s "$1/$2.json" ] || return 0
    echo
    echo "$3 reported: \`$(cat "$1/$2.json")\`"
}

# The SQL engines must agree on every detection; wachter's alert count is
# shown beside them (its rules decide differently: budgeted alerts, not rows).
counts_md() {
    local o="$OUT/$1" sq="$OUT/$1/sq_counts.txt" pg="$OUT/$1/pg_counts.txt"
    [ -s "$sq" ] || [ -s "$pg" ] || return 0
    echo
    echo "Rows each SQL detection returned (they must match between engines):"
    echo
    echo "| detection | SQLite | PostgreSQL |"
    echo "|---|---:|---:|"
    awk -F'|' 'FNR == 1 { f++ } NF == 2 { v[f, $1] = $2; if (!($1 in seen)) { seen[$1] = 1; keys[++nk] = $1 } }
        END { for (i = 1; i <= nk; i++) { k = keys[i]; a = v[1, k]; b = v[2, k]
              printf "| %s | %s | %s |%s\n", k, a == "" ? "–" : a, b == "" ? "–" : b,
                     (a != "" && b != "" && a != b) ? " **MISMATCH**" : "" } }' \
        <(cat "$sq" 2>/dev/null || true) <(cat "$pg" 2>/dev/null || true)
    reported "$o" w_ingest "\`wachter ingest\`"
    if [ -s "$o/w_rules.txt" ]; then
        echo
        echo "wachter's alerts by rule: $(cat "$o/w_rules.txt")."
    fi
    reported "$o" w_ingest1 "\`wachter ingest --threads 1\`"
    reported "$o" w_next "\`wachter ingest\` of the last tenth"
    reported "$o" w_detect "\`wachter ingest --detect-only\`"
    reported "$o" w_detect1 "\`wachter ingest --detect-only --threads 1\`"
}

method_md() {
    cat <<'EOF'

## Method

- One generated file per size (`bench/gen`, seed above): JSON Lines access
  events sorted by time plus the reference CSVs. The file is read once before
  timing, so every contender starts from a warm page cache.
- Each step runs `BENCH_RUNS` times (or as a size says; wachter's own
  steps at least `BENCH_WACHTER_RUNS` times); the table shows the median wall time and
  the highest peak RSS of any run (`/usr/bin/time -f '%e %M'`). For
  PostgreSQL the peak is psql's RSS plus the server processes' peak PSS,
  sampled every 0.1 s (the work happens in the server).
- `wachter ingest` runs on a fresh copy of a store that `wachter load` filled
  once with the reference data.
- SQLite and PostgreSQL run `bench/sql/*_import.sql` (raw lines in, parsed
  by the engine's JSON functions into a typed `events` table, reference
  CSVs, indexes) and then `bench/sql/{sqlite,postgres}.sql` (the detections
  (a)–(k), written as one would: window functions, indexes where a DBA would
  add them). "total" is the two together, per run.
- Ratios are time ÷ reference time: "time ÷ wc -l" = how many times slower
  than reading the bytes; "time ÷ PostgreSQL" < 1 means faster than the
  PostgreSQL total. The row of the last tenth (the daily path: a store that
  already holds the file's first nine tenths, ingested once untimed) is
  compared per event: its time is scaled up to the whole file's events.
EOF
}

write_results() {
    local tmp="$RESULTS.tmp" s
    {
        echo "# wachter benchmark results"
        echo
        echo "Written by \`bench/run.sh\` on $(date -u +%Y-%m-%d) (BENCH_SIZES=\"$SIZES\", BENCH_RUNS=$DEFAULT_RUNS, BENCH_WACHTER_RUNS=$WACHTER_RUNS${FULL_MAX:+, BENCH_FULL_MAX=$FULL_MAX}; done:$DONE)."
        echo
        echo "Load average (1, 5, 15 min) when the run started: $LOAD_BEFORE; when this was written: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores. Anything else running on the machine shows up in the timings."
        echo
        machine_md
        for s in $DONE; do size_md "$s" "$(parse_size "$s")"; done
        echo
        echo "## Investigation queries (largest store)"
        echo
        if [ -s "$OUT/queries.md" ]; then cat "$OUT/queries.md"; else echo "Not measured (no wachter store; see notes)."; fi
        if [ -s "$OUT/micro.md" ]; then
            echo
            echo "## Micro-benchmarks"
            echo
            cat "$OUT/micro.md"
        fi
        echo
        echo "What the figures mean, the profile and the decisions taken: \`bench/ANALYSIS.md\`."
        method_md
        if [ -s "$NOTES" ]; then
            echo
            echo "## Notes: skipped or failed steps"
            echo
            cat "$NOTES"
        fi
    } >"$tmp"
    mv "$tmp" "$RESULTS"
    log "wrote $RESULTS"
}

# -------------------------------------------------------------------- main

cleanup() { pg_stop; }
trap cleanup EXIT
trap 'exit 130' INT TERM

DONE=""        # sizes measured so far
LOAD_BEFORE="" # /proc/loadavg at the start: others' work skews timings

main() {
    local spec s n full first largest=""
    : >"$OUT/times.tsv"
    built_at >"$OUT/wachter_built"
    LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
    build_gen
    case " $SQL_ENGINES " in *" postgres "*) pg_start || SQL_ENGINES=${SQL_ENGINES/postgres/} ;; esac
    for spec in $SIZES; do
        s=${spec%%:*}
        RUNS=$DEFAULT_RUNS
        case $spec in *:*) RUNS=${spec#*:} ;; esac
        n=$(parse_size "$s")
        mkdir -p "$OUT/$s"
        rm -f "$OUT/$s"/*.json "$OUT/$s"/*_counts.txt
        log "== $s: generating $n events"
        gen_data "$s" "$n"
        cat "$DATA/$s/events.jsonl" >/dev/null # warm the page cache for everyone
        log "== $s: wc -l"
        for r in $(seq 1 "$RUNS"); do measure "$s" wc "$r" "$OUT/$s/wc.log" wc -l "$DATA/$s/events.jsonl"; done
        full=yes
        if [ -n "$FULL_MAX" ] && [ "$n" -gt "$(parse_size "$FULL_MAX")" ]; then
            full=no
            note "$s: above BENCH_FULL_MAX=$FULL_MAX: only --detect-only of wachter's steps, no SQL."
        fi
        log "== $s: wachter"
        bench_wachter "$s" "$full"
        if [ "$full" = yes ]; then
            case " $SQL_ENGINES " in *" sqlite "*) log "== $s: SQLite" && bench_sqlite "$s" ;; esac
            case " $SQL_ENGINES " in *" postgres "*) log "== $s: PostgreSQL" && bench_postgres "$s" ;; esac
        fi
        [ -f "$OUT/$s/store.db" ] && largest=$s
        DONE="$DONE $s"
        write_results # after each size, so a long run leaves results as it goes
    done
    pg_stop
    rm -f "$OUT/queries.md" "$OUT/micro.md"
    first=${SIZES%% *}
    first=${first%%:*}
    log "== micro-benchmarks on the $first file"
    bench_micro "$first"
    bench_queries "$largest"
    write_results
}

# bench_queries SIZE — the investigation queries on SIZE's store (none
# when SIZE is empty or has no store).
bench_queries() {
    [ -n "$1" ] && [ -f "$OUT/$1/store.db" ] || return 0
    log "== investigation queries on the $1 store"
    WACHTER="$WACHTER" bench/query.sh "$OUT/$1/store.db" "$DATA/$1" "$RUNS" \
        >"$OUT/queries.md" || note "query.sh failed"
}

# micro_only — the micro-benchmarks on the first size's file, and the report
# rewritten around the end-to-end results of the last full run.
micro_only() {
    local first=${SIZES%% *}
    first=${first%%:*}
    DONE=" $(awk '{print $1}' "$OUT/times.tsv" | uniq | paste -sd ' ')"
    LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg) (micro-benchmarks rerun)"
    log "== micro-benchmarks on the $first file"
    bench_micro "$first"
    write_results
}

# queries_only — the investigation queries on the largest stored size, and
# the report rewritten around the end-to-end results of the last full run.
queries_only() {
    local largest='' spec
    for spec in $SIZES; do
        [ -f "$OUT/${spec%%:*}/store.db" ] && largest=${spec%%:*}
    done
    DONE=" $(awk '{print $1}' "$OUT/times.tsv" | uniq | paste -sd ' ')"
    LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg) (investigation queries rerun)"
    bench_queries "$largest"
    write_results
}

case "${1:-}" in
--micro-only) micro_only ;;
--queries-only) queries_only ;;
*) main "$@" ;;
esac
