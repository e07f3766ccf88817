/* sqlite_floor — how many rows a second SQLite itself takes on this machine,
 * one row per event, with the store's own settings (WAL, synchronous=NORMAL,
 * 16 KiB pages, 1 GiB page cache or 16 MB in a first load, commits every
 * 100k rows) and nothing of wachter's: no
 * parsing, no detection. It bounds what `wachter ingest` can reach while it
 * keeps one row per event in SQLite.
 *
 * Rows look like the generator's events (an 11-character id, actor and
 * subject as text, 150 more bytes, time ascending); keys are random 63-bit
 * hashes as in the store. Layouts, from bare to the store's:
 *   append        rowid table, no index
 *   key           + UNIQUE random key (the dedupe index of schema 2)
 *   ts,key        + UNIQUE(ts, key) instead (schema 3)
 *   ts,key+2idx   + (subject, ts) and (actor, ts) kept row by row (the
 *                 look-up indexes of schemas 1-5)
 *   ts,key+day    + (day, subject, ts) and (day, actor, ts) kept row by
 *                 row (schema 6: what a daily ingest did)
 *   ts,key bulk   ts,key while loading with a 16 MB cache, then the two
 *                 day-first indexes built at the end with the sorter
 *                 settings the store used for it (what `wachter ingest`
 *                 did on a first load before schema 7)
 *   ts,key bulk x8  the same with eight rows to an INSERT statement (as
 *                 store_put_events does)
 *   ts,key x8+runs  ts,key with eight rows to a statement, and instead of
 *                 the look-up indexes sorted runs of postings written at
 *                 each commit (floor_runs.c): no index to keep or build,
 *                 so the same for a first load and a daily ingest
 *   ts,key x8+LSM runs  the same, with the runs merged while loading as a
 *                 store would have to: one run per commit, the newest
 *                 FANOUT (4) merged whenever they are of one level
 *   daily: ts,key x8+day  the daily path of the store's layout: the first
 *                 nine tenths loaded as a first load (untimed), then the
 *                 last tenth timed, eight rows to a statement, with the
 *                 day-first indexes kept row by row
 *   daily: ts,key x8+LSM runs  the same for the LSM runs
 *   blocks        events many to a row, with those runs for look-ups,
 *                 de-duplicated by a (ts, key) B-tree (floor_blocks.c);
 *                 also the same for a first load and a daily ingest
 *   blocks, key runs  the same, de-duplicated by sorted runs of (ts, key)
 *   time rowid x8+LSM runs  the store's layout since schema 8: no (ts, key)
 *                 index; the rowid is the time (here in whole seconds, as
 *                 most logs write it) above 21 bits of the key, so the
 *                 table's B-tree de-duplicates; an arrival number per row;
 *                 LSM runs of postings as above
 *   daily: time rowid x8+LSM runs  its daily path
 * Each layout runs RUNS times, interleaved; prints the median rows/s and the
 * time relative to "append" as Markdown rows. Then the other side: finding
 * one subject's events on every day (who-accessed), in the bulk x8 store
 * with its day-first index, and through runs: in the blocks store as
 * written and merged, and in the x8+runs store merged per day and into
 * one.
 *
 *   cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -o build/sqlite_floor \
 *      bench/sqlite_floor.c bench/floor_runs.c bench/floor_blocks.c -lsqlite3
 *   build/sqlite_floor DIR [N [LAYOUT...]]   (N rows, default 1000000;
 *                                           the named layouts, default all) */
#include <sqlite3.h>
#include <stdint.h>

#include "floor.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { RUNS = 3, LAYOUTS = 15, COMMIT_EVERY = 100000, MANY = 8, LOOKUPS = 200 };

static const char *const names[LAYOUTS] = {"append",
                                           "key",
                                           "ts,key",
                                           "ts,key+2idx",
                                           "ts,key+day",
                                           "ts,key bulk",
                                           "ts,key bulk x8",
                                           "ts,key x8+runs",
                                           "ts,key x8+LSM runs",
                                           "daily: ts,key x8+day",
                                           "daily: ts,key x8+LSM runs",
                                           "blocks",
                                           "blocks, key runs",
                                           "time rowid x8+LSM runs",
                                           "daily: time rowid x8+LSM runs"};

#define COLUMNS "key INTEGER NOT NULL, id TEXT, ts INTEGER, actor TEXT, subject TEXT, rest TEXT"
#define TIME_COLUMNS "id TEXT, ts INTEGER, actor TEXT, subject TEXT, rest TEXT, arrival INTEGER"
#define INDEXES                                                                                    \
    "CREATE INDEX es ON e(ts / 86400000, subject, ts);"                                            \
    "CREATE INDEX ea ON e(ts / 86400000, actor, ts);"

static const char *const schemas[LAYOUTS] = {
    "CREATE TABLE e(" COLUMNS ");",
    "CREATE TABLE e(" COLUMNS ", UNIQUE(key));",
    "CREATE TABLE e(" COLUMNS ", UNIQUE(ts, key));",
    "CREATE TABLE e(" COLUMNS ", UNIQUE(ts, key));"
    "CREATE INDEX es ON e(subject, ts); CREATE INDEX ea ON e(actor, ts);",
    "CREATE TABLE e(" COLUMNS ", UNIQUE(ts, key));" INDEXES,
    "CREATE TABLE e(" COLUMNS ", UNIQUE(ts, key));",
    "CREATE TABLE e(" COLUMNS ", UNIQUE(ts, key));",
    "CREATE TABLE e(" COLUMNS ", UNIQUE(ts, key));" FLOOR_RUNS_SCHEMA,
    "CREATE TABLE e(" COLUMNS ", UNIQUE(ts, key));" FLOOR_RUNS_SCHEMA,
    "CREATE TABLE e(" COLUMNS ", UNIQUE(ts, key));",
    "CREATE TABLE e(" COLUMNS ", UNIQUE(ts, key));" FLOOR_RUNS_SCHEMA,
    "",
    "",
    "CREATE TABLE e(" TIME_COLUMNS ");" FLOOR_RUNS_SCHEMA,
    "CREATE TABLE e(" TIME_COLUMNS ");" FLOOR_RUNS_SCHEMA,
};
enum {
    BULK = 5,
    BULK8 = 6,
    ROWS_RUNS = 7,
    ROWS_LSM = 8,
    DAILY_ROWS = 9,
    DAILY_LSM = 10,
    BLOCKS = 11,
    KEY_RUNS = 12,
    TIME_LSM = 13,
    DAILY_TIME_LSM = 14
};

/* The layouts whose rowid is the event's time (schema 8). */
static int time_rowid(int l)
{
    return l == TIME_LSM || l == DAILY_TIME_LSM;
}

/* An event's rowid in those: its second above 21 bits of its key. */
static int64_t rowid_of(const floor_event *e)
{
    return (e->ts / 1000 * 1000) << 21 | (e->key & ((1 << 21) - 1));
}

/* Of n events, the first one_run loads untimed: nine tenths for a daily
 * layout (whole statements of eight), none for the others. */
static long untimed(int l, long n)
{
    long first = n - n / 10;
    return l == DAILY_ROWS || l == DAILY_LSM || l == DAILY_TIME_LSM ? first - first % MANY : 0;
}

double floor_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static uint64_t next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* The i-th event: time ascending, 600 ms apart; random key, actor (of
 * 10k) and subject (of 2M). The generator's state is in *arg. */
static void gen_event(void *arg, long i, floor_event *e)
{
    static const char rest[] = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz"
                               "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz"
                               "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrst";
    _Static_assert(sizeof rest == 151, "150 bytes of the rest");
    uint64_t *rng = arg;
    snprintf(e->id, sizeof e->id, "e%010ld", i);
    snprintf(e->actor, sizeof e->actor, "a%05d", (int)(next(rng) % 10000));
    snprintf(e->subject, sizeof e->subject, "%09d", (int)(next(rng) % 2000000) * 397);
    e->key = (int64_t)(next(rng) >> 1);
    e->ts = 1767571200000LL + i * 600;
    e->rest = rest;
}

static int run_sql(sqlite3 *db, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) == SQLITE_OK) return 0;
    fprintf(stderr, "sqlite_floor: %s: %s\n", sql, err);
    sqlite3_free(err);
    return -1;
}

/* Notes the postings of the n rows just inserted: the last rowids, or
 * with time their own. Every generated event is new: a statement that
 * skipped one is an error here (wachter sorts such a group out one by
 * one). 0 or -1. */
static int add_postings(sqlite3 *db, floor_runs *runs, const floor_event *e, int n, int time)
{
    if (sqlite3_changes(db) != n) return -1;
    int64_t last = sqlite3_last_insert_rowid(db);
    for (int r = 0; r < n; r++)
        if (floor_runs_add(runs, e[r].ts / 86400000, e[r].subject, e[r].actor,
                           (uint64_t)(time ? rowid_of(&e[r]) : last - n + 1 + r)) < 0)
            return -1;
    return 0;
}

/* Binds e as the row at parameter p: as in COLUMNS, or with time its
 * rowid first and TIME_COLUMNS (arrival: its number i). */
static void bind_row(sqlite3_stmt *st, int p, const floor_event *e, int time, long i)
{
    if (time) sqlite3_bind_int64(st, p++, rowid_of(e));
    else sqlite3_bind_int64(st, p++, e->key);
    sqlite3_bind_text(st, p, e->id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, p + 1, e->ts);
    sqlite3_bind_text(st, p + 2, e->actor, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, p + 3, e->subject, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, p + 4, e->rest, 150, SQLITE_STATIC);
    if (time) sqlite3_bind_int64(st, p + 5, i);
}

/* Inserts events from..to (from a multiple of rows) with st, rows to a
 * statement, committing every COMMIT_EVERY, noting postings in runs when
 * there are runs. 0 or -1. */
static int insert_range(sqlite3 *db, sqlite3_stmt *st, floor_runs *runs, uint64_t *rng, long from,
                        long to, int rows, int time)
{
    floor_event e[MANY];
    if (run_sql(db, "BEGIN") < 0) return -1;
    for (long i = from; i < to; i += rows) {
        for (int r = 0; r < rows; r++) {
            gen_event(rng, i + r, &e[r]);
            bind_row(st, r * (time ? 7 : 6) + 1, &e[r], time, i + r);
        }
        if (sqlite3_step(st) != SQLITE_DONE) return -1;
        sqlite3_reset(st);
        if (runs && add_postings(db, runs, e, rows, time) < 0) return -1;
        if ((i + rows) % COMMIT_EVERY < (long)rows &&
            ((runs && floor_runs_flush(runs) < 0) || run_sql(db, "COMMIT; BEGIN") < 0))
            return -1;
    }
    return (runs && floor_runs_flush(runs) < 0) || run_sql(db, "COMMIT") < 0 ? -1 : 0;
}

/* Builds the look-up indexes with the sorter settings the store used for
 * them before schema 7, then sets the 16 MB cache back. 0 or -1. */
static int build_indexes(sqlite3 *db)
{
    return run_sql(db, "PRAGMA cache_size=-4096; PRAGMA temp_store=FILE; PRAGMA threads=2") < 0 ||
                   run_sql(db, INDEXES) < 0 || run_sql(db, "PRAGMA cache_size=-16384") < 0
               ? -1
               : 0;
}

/* Seconds to insert n rows in layout l into a new database at path (a
 * daily layout: the last tenth of them, after the rest untimed); < 0 on
 * error. keep: leave the database open in *kept (else closed and removed). */
static double one_run(const char *path, int l, long n, sqlite3 **kept)
{
    char side[600];
    remove(path);
    snprintf(side, sizeof side, "%s-wal", path);
    remove(side);
    sqlite3 *db;
    sqlite3_stmt *st = NULL;
    double t = -1;
    int bulk = l == BULK || l == BULK8 || l >= ROWS_RUNS; /* a 16 MB cache */
    int time = time_rowid(l);
    int runs_of = l == ROWS_RUNS || l == ROWS_LSM || l == DAILY_LSM || time;
    int rows = l == BULK8 || l == DAILY_ROWS || runs_of ? MANY : 1;
    long first = untimed(l, n);
    floor_runs *runs = NULL;
    const char *row = time ? "(?,?,?,?,?,?,?)" : "(?,?,?,?,?,?)";
    char sql[1000];
    snprintf(sql, sizeof sql, "INSERT OR IGNORE INTO e%s VALUES%s",
             time ? "(rowid, id, ts, actor, subject, rest, arrival)" : "", row);
    for (int r = 1; r < rows; r++)
        strcat(strcat(sql, ","), row);
    uint64_t rng = 88172645463325252ULL;
    if (sqlite3_open(path, &db) != SQLITE_OK) goto done;
    if (run_sql(db, "PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                    " PRAGMA cache_size=-1048576; PRAGMA temp_store=MEMORY;"
                    " PRAGMA mmap_size=1073741824") < 0 ||
        (bulk && run_sql(db, "PRAGMA cache_size=-16384") < 0) || run_sql(db, schemas[l]) < 0)
        goto done;
    if (l == BLOCKS || l == KEY_RUNS) {
        t = floor_blocks_load(db, l == KEY_RUNS, gen_event, &rng, n, COMMIT_EVERY);
        goto done;
    }
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK ||
        (runs_of && !(runs = floor_runs_new(db, l != ROWS_RUNS))))
        goto done;
    if (first && (insert_range(db, st, runs, &rng, 0, first, rows, time) < 0 ||
                  (l == DAILY_ROWS && build_indexes(db) < 0)))
        goto done;
    double t0 = floor_now();
    if (insert_range(db, st, runs, &rng, first, n, rows, time) < 0 ||
        ((l == BULK || l == BULK8) && build_indexes(db) < 0))
        goto done;
    t = floor_now() - t0;
done:
    if (t < 0) fprintf(stderr, "sqlite_floor: %s\n", sqlite3_errmsg(db));
    sqlite3_finalize(st);
    floor_runs_free(runs);
    if (kept && t >= 0) {
        *kept = db;
        return t;
    }
    sqlite3_close(db);
    remove(path);
    remove(side);
    return t;
}

/* How many events of subject the row layout holds, read as wachter reads
 * them: day by day through the day-first index, every column; -1 on error. */
static long rows_lookup(sqlite3 *db, const char *subject)
{
    static const char sql[] =
        "WITH RECURSIVE period(day) AS (SELECT (SELECT min(ts) FROM e) / 86400000"
        " UNION ALL SELECT day + 1 FROM period WHERE day < (SELECT max(ts) FROM e) / 86400000)"
        " SELECT e.key, e.id, e.actor, e.rest FROM period CROSS JOIN e"
        " ON e.ts / 86400000 = period.day AND e.subject = ?1";
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return -1;
    sqlite3_bind_text(st, 1, subject, -1, SQLITE_STATIC);
    long n = 0;
    while (sqlite3_step(st) == SQLITE_ROW)
        n++;
    sqlite3_finalize(st);
    return n;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* floor_is for the x8+runs store: ref is the row's rowid; every column
 * is read, as wachter would show them. */
static int row_is(sqlite3 *db, uint64_t ref, const char *subject)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT subject, key, id, actor, rest FROM e WHERE rowid = ?", -1,
                           &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int64(st, 1, (int64_t)ref);
    int rc = sqlite3_step(st) != SQLITE_ROW
                 ? -1
                 : strcmp((const char *)sqlite3_column_text(st, 0), subject) == 0;
    sqlite3_finalize(st);
    return rc;
}

/* Reads the subjects of LOOKUPS events spread over the n events (those
 * someone looked up, as who-accessed is asked of), generated again. */
static void pick_subjects(long n, char subjects[LOOKUPS][24])
{
    uint64_t rng = 88172645463325252ULL;
    floor_event e;
    for (long i = 0; i < n; i++) {
        gen_event(&rng, i, &e);
        if (i % (n / LOOKUPS) == 0 && i / (n / LOOKUPS) < LOOKUPS)
            strcpy(subjects[i / (n / LOOKUPS)], e.subject);
    }
}

/* Looks up every subject: with is NULL through the row store's index,
 * else through runs checked with is. The milliseconds of each in ms, the
 * events found in found. 0 or -1. */
static int time_lookups(sqlite3 *db, floor_is is, char subjects[LOOKUPS][24], double *ms,
                        long *found)
{
    for (int i = 0; i < LOOKUPS; i++) {
        double t0 = floor_now();
        found[i] = is ? floor_runs_lookup(db, subjects[i], is) : rows_lookup(db, subjects[i]);
        ms[i] = (floor_now() - t0) * 1000;
        if (found[i] < 0) return -1;
    }
    return 0;
}

/* Times LOOKUPS look-ups of stored subjects: in the bulk x8 store through
 * its index; in the blocks store with its runs as written, then merged;
 * in the x8+runs store with its runs merged per day, then into one. All
 * must find the same events. Prints a Markdown table. */
static int lookups(const char *dir, long n)
{
    enum { STORES = 4, WAYS = 6, AS_WRITTEN = 0, PER_DAY = 1, ALL_DAYS = 2 };
    static const struct {
        const char *name;
        int store, merge;
        floor_is is;
    } way[WAYS] = {
        {"ts,key bulk x8, through its day-first index", 0, AS_WRITTEN, NULL},
        {"blocks, a run per commit and day", 1, AS_WRITTEN, floor_blocks_is},
        {"blocks, the runs merged into one", 1, ALL_DAYS, floor_blocks_is},
        {"ts,key x8+runs, the runs merged into one a day", 2, PER_DAY, row_is},
        {"ts,key x8+runs, the runs merged into one", 2, ALL_DAYS, row_is},
        {"ts,key x8+LSM runs, as merged while loading", 3, AS_WRITTEN, row_is},
    };
    static const int layout[STORES] = {BULK8, BLOCKS, ROWS_RUNS, ROWS_LSM};
    char path[STORES][600];
    sqlite3 *db[STORES] = {NULL, NULL, NULL, NULL};
    static char subjects[LOOKUPS][24];
    double ms[WAYS][LOOKUPS], merge[WAYS] = {0};
    long found[WAYS][LOOKUPS], hits = 0;
    int rc = 1;
    if (n < LOOKUPS) return 0;
    for (int k = 0; k < STORES; k++) {
        snprintf(path[k], sizeof path[k], "%s/floor%d.db", dir, k);
        if (one_run(path[k], layout[k], n, &db[k]) < 0) goto done;
    }
    pick_subjects(n, subjects);
    for (int w = 0; w < WAYS; w++) {
        sqlite3 *d = db[way[w].store];
        if (way[w].merge != AS_WRITTEN &&
            (merge[w] = floor_runs_merge(d, way[w].merge == PER_DAY)) < 0)
            goto done;
        if (time_lookups(d, way[w].is, subjects, ms[w], found[w]) < 0) goto done;
    }
    for (int i = 0; i < LOOKUPS; i++) {
        for (int w = 1; w < WAYS; w++)
            if (found[w][i] != found[0][i]) {
                fprintf(stderr, "sqlite_floor: subject %s: %ld events through the index, %ld %s\n",
                        subjects[i], found[0][i], found[w][i], way[w].name);
                goto done;
            }
        hits += found[0][i];
    }
    printf("\nFinding one subject's events on every day, %d subjects looked up (%ld events"
           " found in all):\n\n| layout | p50 ms | p99 ms | merging took |\n|---|---:|---:|---:|\n",
           LOOKUPS, hits);
    for (int w = 0; w < WAYS; w++) {
        qsort(ms[w], LOOKUPS, sizeof ms[w][0], cmp);
        printf("| %s | %.2f | %.2f | ", way[w].name, ms[w][LOOKUPS / 2], ms[w][LOOKUPS * 99 / 100]);
        if (way[w].merge == AS_WRITTEN)
            printf("– |\n");
        else
            printf("%.2f s |\n", merge[w]);
    }
    rc = 0;
done:
    if (rc) fprintf(stderr, "sqlite_floor: look-ups failed\n");
    for (int k = 0; k < STORES; k++) {
        char side[sizeof path[k] + 8];
        sqlite3_close(db[k]);
        snprintf(side, sizeof side, "%.600s-wal", path[k]);
        remove(path[k]);
        remove(side);
    }
    return rc;
}

/* 1 when layout l is to run: every one when no names were given. */
static int chosen(int l, int argc, char **argv)
{
    if (argc <= 3) return 1;
    for (int i = 3; i < argc; i++)
        if (strcmp(argv[i], names[l]) == 0) return 1;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: sqlite_floor DIR [ROWS [LAYOUT...]]\n");
        return 2;
    }
    long n = argc > 2 ? atol(argv[2]) : 1000000;
    n -= n % MANY; /* whole statements of eight */
    char path[512];
    snprintf(path, sizeof path, "%s/floor.db", argv[1]);
    double t[LAYOUTS][RUNS];
    for (int r = 0; r < RUNS; r++)
        for (int l = 0; l < LAYOUTS; l++)
            if (chosen(l, argc, argv) && (t[l][r] = one_run(path, l, n, NULL)) < 0) return 1;
    double base = 0; /* seconds a row, appended */
    printf("| layout | rows/s | median s | time a row ÷ append |\n|---|---:|---:|---:|\n");
    for (int l = 0; l < LAYOUTS; l++) {
        if (!chosen(l, argc, argv)) continue;
        qsort(t[l], RUNS, sizeof t[l][0], cmp);
        double m = t[l][RUNS / 2], timed = (double)(n - untimed(l, n));
        if (l == 0) base = m / timed;
        if (base > 0)
            printf("| %s | %.0f | %.3f | %.2f |\n", names[l], timed / m, m, m / timed / base);
        else
            printf("| %s | %.0f | %.3f | – |\n", names[l], timed / m, m);
    }
    return lookups(argv[1], n);
}
