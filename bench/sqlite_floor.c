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
 *                 row (schema 6: what a daily ingest does)
 *   ts,key bulk   ts,key while loading with a 16 MB cache, then the two
 *                 day-first indexes built at the end with the sorter
 *                 settings of store_sorted_build() (what `wachter ingest`
 *                 did on a first load)
 *   ts,key bulk x8  the same with eight rows to an INSERT statement (what
 *                 it does now: store_put_events)
 * Each layout runs RUNS times, interleaved; prints the median rows/s and the
 * time relative to "append" as Markdown rows.
 *
 *   cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -o build/sqlite_floor \
 *      bench/sqlite_floor.c -lsqlite3
 *   build/sqlite_floor DIR [N]        (N rows, default 1000000) */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { RUNS = 3, LAYOUTS = 7, COMMIT_EVERY = 100000, MANY = 8 };

static const char *const names[LAYOUTS] = {
    "append", "key", "ts,key", "ts,key+2idx", "ts,key+day", "ts,key bulk", "ts,key bulk x8"};

#define COLUMNS "key INTEGER NOT NULL, id TEXT, ts INTEGER, actor TEXT, subject TEXT, rest TEXT"
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
};
enum { BULK = 5, BULK8 = 6 };

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

static int run_sql(sqlite3 *db, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) == SQLITE_OK) return 0;
    fprintf(stderr, "sqlite_floor: %s: %s\n", sql, err);
    sqlite3_free(err);
    return -1;
}

/* Seconds to insert n rows in layout l into a new database at path; < 0 on error. */
static double one_run(const char *path, int l, long n)
{
    char side[600];
    remove(path);
    snprintf(side, sizeof side, "%s-wal", path);
    remove(side);
    sqlite3 *db;
    sqlite3_stmt *st = NULL;
    double t = -1;
    int bulk = l == BULK || l == BULK8, rows = l == BULK8 ? MANY : 1; /* to a statement */
    char sql[600] = "INSERT OR IGNORE INTO e VALUES(?,?,?,?,?,?)";
    for (int r = 1; r < rows; r++) strcat(sql, ",(?,?,?,?,?,?)");
    if (sqlite3_open(path, &db) != SQLITE_OK) goto done;
    if (run_sql(db, "PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                    " PRAGMA cache_size=-1048576; PRAGMA temp_store=MEMORY;"
                    " PRAGMA mmap_size=1073741824") < 0 ||
        (bulk && run_sql(db, "PRAGMA cache_size=-16384") < 0) || run_sql(db, schemas[l]) < 0)
        goto done;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) goto done;
    char rest[151], id[MANY][24], actor[MANY][24], subject[MANY][24];
    for (int i = 0; i < 150; i++) rest[i] = (char)('a' + i % 26);
    rest[150] = 0;
    uint64_t rng = 88172645463325252ULL;
    double t0 = now();
    if (run_sql(db, "BEGIN") < 0) goto done;
    for (long i = 0; i < n; i += rows) {
        for (int r = 0, p = 1; r < rows; r++, p += 6) {
            snprintf(id[r], sizeof id[r], "e%010ld", i + r);
            snprintf(actor[r], sizeof actor[r], "a%05d", (int)(next(&rng) % 10000));
            snprintf(subject[r], sizeof subject[r], "%09d", (int)(next(&rng) % 2000000) * 397);
            sqlite3_bind_int64(st, p, (int64_t)(next(&rng) >> 1));
            sqlite3_bind_text(st, p + 1, id[r], -1, SQLITE_STATIC);
            sqlite3_bind_int64(st, p + 2, 1767571200000LL + (i + r) * 600);
            sqlite3_bind_text(st, p + 3, actor[r], -1, SQLITE_STATIC);
            sqlite3_bind_text(st, p + 4, subject[r], -1, SQLITE_STATIC);
            sqlite3_bind_text(st, p + 5, rest, 150, SQLITE_STATIC);
        }
        if (sqlite3_step(st) != SQLITE_DONE) goto done;
        sqlite3_reset(st);
        if ((i + rows) % COMMIT_EVERY < (long)rows && run_sql(db, "COMMIT; BEGIN") < 0) goto done;
    }
    if (run_sql(db, "COMMIT") < 0) goto done;
    if (bulk && (run_sql(db, "PRAGMA cache_size=-4096; PRAGMA temp_store=FILE;"
                             " PRAGMA threads=2") < 0 ||
                 run_sql(db, INDEXES) < 0))
        goto done;
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

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: sqlite_floor DIR [ROWS]\n");
        return 2;
    }
    long n = argc > 2 ? atol(argv[2]) : 1000000;
    n -= n % MANY; /* whole statements of eight */
    char path[512];
    snprintf(path, sizeof path, "%s/floor.db", argv[1]);
    double t[LAYOUTS][RUNS];
    for (int r = 0; r < RUNS; r++)
        for (int l = 0; l < LAYOUTS; l++)
            if ((t[l][r] = one_run(path, l, n)) < 0) return 1;
    double base = 0;
    printf("| layout | rows/s | median s | time ÷ append |\n|---|---:|---:|---:|\n");
    for (int l = 0; l < LAYOUTS; l++) {
        qsort(t[l], RUNS, sizeof t[l][0], cmp);
        double m = t[l][RUNS / 2];
        if (l == 0) base = m;
        printf("| %s | %.0f | %.3f | %.2f |\n", names[l], (double)n / m, m, m / base);
    }
    return 0;
}
