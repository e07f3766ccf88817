/* fuzz_csv — libFuzzer target for the reference CSV loader: a file's bytes
 * through refload_file (csvfile, libcsv) into a store.
 *
 * The input's first byte chooses the file (actors.csv, subjects.csv, ...)
 * and whether it loads with --replace; the rest is the file. Before each
 * input the table holds two known rows. Invariants, any broken one aborts:
 *  - the load never fails for the file's content (only a store failure
 *    may fail it) and never crashes;
 *  - either the file was refused (bad rows reported, at least one) and the
 *    table is unchanged, row for row; or it loaded, nothing was reported,
 *    and the table holds every row (with --replace: exactly the rows
 *    loaded);
 *  - every text stored is UTF-8 without control characters;
 *  - for incidents.csv, `correlate --incidents` (inv_incidents_read_csv)
 *    accepts the file exactly when load does, with as many incidents.
 *
 *   make fuzz-csv [FUZZ_TIME=300]   (clang, -fsanitize=fuzzer,address,undefined) */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input/refload.h"
#include "investigate/incident.h"
#include "store/store_int.h"
#include "util/utf8.h"

static const struct {
    const char *file, *table, *seed;
} tables[] = {
    {"actors.csv", "actors",
     "INSERT INTO actors(actor,unit,role,start_ts) VALUES('b1','front','clerk',0),"
     "('b2','back','clerk',0)"},
    {"subjects.csv", "subjects",
     "INSERT INTO subjects(subject,surname) VALUES('B1','V'),('B2','S')"},
    {"cases.csv", "cases",
     "INSERT INTO cases(case_id,subject,opened) VALUES('C1','B1',0),('C2','B2',0)"},
    {"case_assignments.csv", "case_assignments",
     "INSERT INTO case_assignments(case_id,assignee,from_ts) VALUES('C1','b1',0),('C2','b2',0)"},
    {"protected.csv", "protected", "INSERT INTO protected VALUES('B1','vip'),('B2','sensitive')"},
    {"incidents.csv", "incidents", "INSERT INTO incidents VALUES('I1','B1',0,''),('I2','B2',0,'')"},
};
enum { NTABLES = sizeof tables / sizeof *tables };

static store *st;
static char dir[64];

/* Removes the store and the files written, when the fuzzer exits. */
static void cleanup(void)
{
    static const char *const other[] = {"f.db", "f.db-wal", "f.db-shm", "f.db-journal"};
    char p[160];
    store_close(st);
    for (size_t i = 0; i < NTABLES + 4; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, i < NTABLES ? tables[i].file : other[i - NTABLES]);
        unlink(p);
    }
    rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    snprintf(dir, sizeof dir, "/tmp/wachter-fuzz-csv-XXXXXX");
    if (!mkdtemp(dir)) abort();
    char db[128];
    snprintf(db, sizeof db, "%s/f.db", dir);
    werr e = {0};
    if (store_open(db, &st, &e) < 0) {
        fprintf(stderr, "fuzz_csv: %s\n", e.msg);
        abort();
    }
    atexit(cleanup);
    return 0;
}

static void exec(const char *sql)
{
    if (sqlite3_exec(store_db(st), sql, NULL, NULL, NULL) != SQLITE_OK) {
        fprintf(stderr, "fuzz_csv: %s: %s\n", sql, sqlite3_errmsg(store_db(st)));
        abort();
    }
}

/* Every row of table as text, and checks each text value it holds. */
static char *rows(const char *table, long *n)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY 1, 2", table);
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(store_db(st), sql, -1, &q, NULL) != SQLITE_OK) abort();
    char *text;
    size_t len;
    FILE *m = open_memstream(&text, &len);
    *n = 0;
    while (sqlite3_step(q) == SQLITE_ROW) {
        for (int c = 0; c < sqlite3_column_count(q); c++) {
            const char *v = (const char *)sqlite3_column_text(q, c);
            int vn = sqlite3_column_bytes(q, c);
            if (sqlite3_column_type(q, c) == SQLITE_TEXT) {
                if (utf8_invalid_at(v, (size_t)vn) >= 0) {
                    fprintf(stderr, "fuzz_csv: %s holds a value that is not UTF-8\n", table);
                    abort();
                }
                for (int i = 0; i < vn; i++)
                    if ((unsigned char)v[i] < 0x20 || v[i] == 0x7F) {
                        fprintf(stderr, "fuzz_csv: %s holds a control character\n", table);
                        abort();
                    }
            }
            fprintf(m, "%s%.*s", c ? "|" : "", vn, v ? v : "NULL");
        }
        fputc('\n', m);
        (*n)++;
    }
    sqlite3_finalize(q);
    fclose(m);
    return text;
}

static void count_report(void *ctx, const char *file, long line, const char *reason)
{
    (void)file;
    (void)line;
    (void)reason;
    (*(long *)ctx)++;
}

static void count_bad(const char *path, long line, const char *why, void *ctx)
{
    (void)path;
    (void)line;
    (void)why;
    (void)ctx;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 200000) return 0;
    int t = data[0] % NTABLES, replace = data[0] / NTABLES & 1;
    char path[128], sql[256];
    snprintf(path, sizeof path, "%s/%s", dir, tables[t].file);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data + 1, 1, size - 1, f) != size - 1) abort();
    fclose(f);

    snprintf(sql, sizeof sql, "DELETE FROM %s", tables[t].table);
    exec(sql);
    exec(tables[t].seed);
    long nbefore, nafter, reported = 0;
    char *before = rows(tables[t].table, &nbefore);

    refload_counts n = {0};
    refload_report rep = {count_report, &reported};
    werr e = {0};
    if (refload_file(st, path, tables[t].file, replace, &rep, &n, &e) < 0) {
        fprintf(stderr, "fuzz_csv: the load failed: %s\n", e.msg);
        abort();
    }
    char *after = rows(tables[t].table, &nafter);
    if (n.files + n.refused != 1) abort();
    if (n.refused) {
        if (n.bad < 1 || reported < 2 || strcmp(before, after) != 0) {
            fprintf(stderr, "fuzz_csv: refused, but bad %ld, reported %ld, table %s\n", n.bad,
                    reported, strcmp(before, after) ? "changed" : "unchanged");
            abort();
        }
    } else if (n.bad || reported || (replace ? nafter != n.rows : nafter < n.rows)) {
        fprintf(stderr, "fuzz_csv: loaded %ld rows, bad %ld, reported %ld, table has %ld\n", n.rows,
                n.bad, reported, nafter);
        abort();
    }
    if (t == NTABLES - 1) {
        inv_incidents inc = {0};
        long bad = 0;
        werr ie = {0};
        int rc = inv_incidents_read_csv(path, &inc, count_bad, NULL, &bad, &ie);
        if ((rc == 0) != (n.files == 1) || (rc == 0 && (long)inc.n != n.rows)) {
            fprintf(stderr, "fuzz_csv: load %s %ld rows, correlate's reader %s %zu (%s)\n",
                    n.files ? "took" : "refused", n.rows, rc == 0 ? "took" : "refused", inc.n,
                    ie.msg);
            abort();
        }
        inv_incidents_free(&inc);
    }
    free(before);
    free(after);
    return 0;
}
