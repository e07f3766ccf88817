/* sqlite_floor — how many rows a second SQLite itself takes on this machine,
 * one row per event, and nothing of wachter's: no parsing, no detection, no
 * postings or tallies. It bounds what `wachter ingest` can reach while it
 * keeps one row per event in SQLite.
 *
 * Settings as the store's: 16 KiB pages, WAL, synchronous=NORMAL, a 1 GiB
 * page cache (16 MB for the layouts that load as an ingest does), commits
 * every 100k rows. Rows look like the generator's events (an 11-character
 * id, actor and subject as text, 150 more bytes, time ascending, 600 ms
 * apart); keys are random 63-bit hashes as in the store. Layouts:
 *   append        a rowid table, no index, one row to a statement: the
 *                 most SQLite gives for a row
 *   time rowid x8  the store's events table as schema 8 had it (ts stored
 *                 beside the rowid; schema 9 computes it): the rowid is the time (here in
 *                 whole seconds, as most logs write it) above 21 bits of
 *                 the key, so the table's B-tree de-duplicates; an arrival
 *                 number per row; eight rows to an INSERT statement, as
 *                 store_put_events does
 *   daily: time rowid x8  the same, the first nine tenths loaded untimed,
 *                 then the last tenth timed (a later ingest into a store
 *                 that holds events)
 * Each layout runs RUNS times, interleaved; prints the median rows/s and the
 * time a row relative to "append" as Markdown rows.
 *
 * The layouts measured to choose the store's (indexes kept row by row or
 * built at the end, sorted runs of postings, events in blocks) are in git
 * history with their results (bench/ANALYSIS.md).
 *
 *   cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -o build/sqlite_floor \
 *      bench/sqlite_floor.c -lsqlite3
 *   build/sqlite_floor DIR [N [LAYOUT...]]   (N rows, default 1000000;
 *                                           the named layouts, default all) */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { RUNS = 3, LAYOUTS = 3, COMMIT_EVERY = 100000, MANY = 8 };
enum { APPEND = 0, TIME8 = 1, DAILY_TIME8 = 2 };

static const char *const names[LAYOUTS] = {"append", "time rowid x8", "daily: time rowid x8"};

static const char *const schemas[LAYOUTS] = {
    "CREATE TABLE e(key INTEGER NOT NULL, id TEXT, ts INTEGER, actor TEXT, subject TEXT,"
    " rest TEXT);",
    "CREATE TABLE e(id TEXT, ts INTEGER, actor TEXT, subject TEXT, rest TEXT, arrival INTEGER);",
    "CREATE TABLE e(id TEXT, ts INTEGER, actor TEXT, subject TEXT, rest TEXT, arrival INTEGER);",
};

/* One generated event. */
typedef struct event {
    int64_t key, ts;
    char id[24], actor[24], subject[24];
    const char *rest;
} event;

static double now(void)
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
 * 10k) and subject (of 2M) from the generator state *rng. */
static void gen_event(uint64_t *rng, long i, event *e)
{
    static const char rest[] = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz"
                               "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz"
                               "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrst";
    _Static_assert(sizeof rest == 151, "150 bytes of the rest");
    snprintf(e->id, sizeof e->id, "e%010ld", i);
    snprintf(e->actor, sizeof e->actor, "a%05d", (int)(next(rng) % 10000));
    snprintf(e->subject, sizeof e->subject, "%09d", (int)(next(rng) % 2000000) * 397);
    e->key = (int64_t)(next(rng) >> 1);
    e->ts = 1767571200000LL + i * 600;
    e->rest = rest;
}

/* An event's rowid in the time layouts: its second above 21 bits of its key. */
static int64_t rowid_of(const event *e)
{
    return (e->ts / 1000 * 1000) << 21 | (e->key & ((1 << 21) - 1));
}

/* Of n events, the first ones that load untimed: nine tenths for the daily
 * layout (whole statements of eight), none for the others. */
static long untimed(int l, long n)
{
    long first = n - n / 10;
    return l == DAILY_TIME8 ? first - first % MANY : 0;
}

static int run_sql(sqlite3 *db, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) == SQLITE_OK) return 0;
    fprintf(stderr, "sqlite_floor: %s: %s\n", sql, err);
    sqlite3_free(err);
    return -1;
}

/* Binds e as the row at parameter p: the append layout's columns, or with
 * time its rowid first and arrival (its number i) last. */
static void bind_row(sqlite3_stmt *st, int p, const event *e, int time, long i)
{
    sqlite3_bind_int64(st, p++, time ? rowid_of(e) : e->key);
    sqlite3_bind_text(st, p, e->id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, p + 1, e->ts);
    sqlite3_bind_text(st, p + 2, e->actor, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, p + 3, e->subject, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, p + 4, e->rest, 150, SQLITE_STATIC);
    if (time) sqlite3_bind_int64(st, p + 5, i);
}

/* Inserts events from..to (from a multiple of rows) with st, rows to a
 * statement, committing every COMMIT_EVERY. Every generated event is new:
 * a statement that skipped one is an error here. 0 or -1. */
static int insert_range(sqlite3 *db, sqlite3_stmt *st, uint64_t *rng, long from, long to, int rows,
                        int time)
{
    event e[MANY];
    if (run_sql(db, "BEGIN") < 0) return -1;
    for (long i = from; i < to; i += rows) {
        for (int r = 0; r < rows; r++) {
            gen_event(rng, i + r, &e[r]);
            bind_row(st, r * (time ? 7 : 6) + 1, &e[r], time, i + r);
        }
        if (sqlite3_step(st) != SQLITE_DONE) return -1;
        sqlite3_reset(st);
        if (sqlite3_changes(db) != rows) return -1;
        if ((i + rows) % COMMIT_EVERY < (long)rows && run_sql(db, "COMMIT; BEGIN") < 0) return -1;
    }
    return run_sql(db, "COMMIT");
}

/* Seconds to insert n rows in layout l into a new database at path (the
 * daily layout: the last tenth of them, after the rest untimed); < 0 on
 * error. */
static double one_run(const char *path, int l, long n)
{
    char side[600];
    remove(path);
    snprintf(side, sizeof side, "%s-wal", path);
    remove(side);
    sqlite3 *db;
    sqlite3_stmt *st = NULL;
    double t = -1;
    int time = l != APPEND;
    int rows = time ? MANY : 1;
    long first = untimed(l, n);
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
        (time && run_sql(db, "PRAGMA cache_size=-16384") < 0) || run_sql(db, schemas[l]) < 0)
        goto done;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) goto done;
    if (first && insert_range(db, st, &rng, 0, first, rows, time) < 0) goto done;
    double t0 = now();
    if (insert_range(db, st, &rng, first, n, rows, time) < 0) goto done;
    t = now() - t0;
done:
    if (t < 0) fprintf(stderr, "sqlite_floor: %s\n", sqlite3_errmsg(db));
    sqlite3_finalize(st);
    sqlite3_close(db);
    remove(path);
    remove(side);
    return t;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
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
            if (chosen(l, argc, argv) && (t[l][r] = one_run(path, l, n)) < 0) return 1;
    double base = 0; /* seconds a row, appended */
    printf("| layout | rows/s | median s | time a row ÷ append |\n|---|---:|---:|---:|\n");
    for (int l = 0; l < LAYOUTS; l++) {
        if (!chosen(l, argc, argv)) continue;
        qsort(t[l], RUNS, sizeof t[l][0], cmp);
        double m = t[l][RUNS / 2], timed = (double)(n - untimed(l, n));
        if (l == APPEND) base = m / timed;
        if (base > 0)
            printf("| %s | %.0f | %.3f | %.2f |\n", names[l], timed / m, m, m / timed / base);
        else
            printf("| %s | %.0f | %.3f | – |\n", names[l], timed / m, m);
    }
    return 0;
}
