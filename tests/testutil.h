/* testutil — shared helpers for the cmocka tests: temporary directories,
 * files, and running the CLI in-process with captured output. */
#ifndef WACHTER_TESTUTIL_H
#define WACHTER_TESTUTIL_H
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "store/store_int.h"

/* A fresh directory under /tmp; the returned path is static per call site
 * use: copy it if you need two. */
static inline char *tu_tmpdir(void)
{
    char *t = strdup("/tmp/wachter-test-XXXXXX");
    assert_non_null(mkdtemp(t));
    return t;
}

static inline void tu_rmdir(char *dir)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
    free(dir);
}

static inline void tu_write(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

typedef struct tu_run {
    int code;
    char *out, *err; /* owned */
} tu_run;

/* Runs wachter with argv (argc of them, argv[0] the program) in-process,
 * capturing what it prints. */
static inline tu_run tu_main(int argc, char **argv)
{
    tu_run r = {0};
    size_t on, en;
    FILE *out = open_memstream(&r.out, &on), *err = open_memstream(&r.err, &en);
    r.code = cli_main(argc, argv, out, err);
    fclose(out);
    fclose(err);
    return r;
}

/* Runs "wachter --db DIR/DB [--reveal] ARGS..." in-process (ap: the
 * args, ending with NULL). reveal: the real account ids in the output,
 * as the tests of detection assert them; 0 shows the pseudonyms an
 * analyst sees (tests/test_pseudonym.c). */
static inline tu_run tu_wachter_runv(const char *dir, const char *db, int reveal, va_list ap)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, db);
    char *argv[32] = {"wachter", "--db", path, "--reveal"};
    int argc = reveal ? 4 : 3;
    for (const char *a; argc < 31 && (a = va_arg(ap, const char *));)
        argv[argc++] = (char *)a;
    argv[argc] = NULL;
    return tu_main(argc, argv);
}

/* Runs "wachter --db DIR/DB --reveal ARGS..." in-process (ap: the args,
 * ending with NULL): the tests of what is detected name real accounts. */
static inline tu_run tu_wachter_dbv(const char *dir, const char *db, va_list ap)
{
    return tu_wachter_runv(dir, db, 1, ap);
}

/* Runs "wachter --db DIR/DB ARGS..." in-process (args end with NULL). */
static inline tu_run tu_wachter_db(const char *dir, const char *db, ...)
{
    va_list ap;
    va_start(ap, db);
    tu_run r = tu_wachter_dbv(dir, db, ap);
    va_end(ap);
    return r;
}

/* Runs "wachter --db DIR/t.db ARGS..." in-process (args end with NULL). */
static inline tu_run tu_wachter(const char *dir, ...)
{
    va_list ap;
    va_start(ap, dir);
    tu_run r = tu_wachter_dbv(dir, "t.db", ap);
    va_end(ap);
    return r;
}

/* Runs "wachter --db DIR/DB [--as AS] ARGS..." in-process with
 * WACHTER_PASSWORD pw (NULL: unset; unset again after), args ending with
 * NULL: acting as an account (issue 34's tests). */
static inline tu_run tu_as(const char *dir, const char *db, const char *as, const char *pw, ...)
{
    if (pw)
        setenv("WACHTER_PASSWORD", pw, 1);
    else
        unsetenv("WACHTER_PASSWORD");
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, db);
    char *argv[32] = {"wachter", "--db", path};
    int argc = 3;
    if (as) {
        argv[argc++] = "--as";
        argv[argc++] = (char *)as;
    }
    va_list ap;
    va_start(ap, pw);
    for (const char *a; argc < 31 && (a = va_arg(ap, const char *));)
        argv[argc++] = (char *)a;
    va_end(ap);
    argv[argc] = NULL;
    tu_run r = tu_main(argc, argv);
    unsetenv("WACHTER_PASSWORD");
    return r;
}

/* wachter demo runs its generator from beside the wachter binary, but in
 * a test wachter runs in-process: the generator is the one beside
 * $WACHTER (which make test sets), unless WACHTER_DEMOGEN says. */
static inline void tu_demogen_beside_wachter(void)
{
    const char *w = getenv("WACHTER");
    if (!getenv("WACHTER_DEMOGEN") && w && strrchr(w, '/')) {
        char gen[600];
        snprintf(gen, sizeof gen, "%.*s/wachter-demogen", (int)(strrchr(w, '/') - w), w);
        setenv("WACHTER_DEMOGEN", gen, 1);
    }
}

/* Removes every ,"raised":"..." member from s (alerts --format jsonl):
 * when an alert was raised is the wall clock's, which two stores of the
 * same events do not share. Returns s. */
static inline char *tu_unraised(char *s)
{
    char *w = s;
    for (const char *r = s; *r;) {
        if (strncmp(r, ",\"raised\":\"", 11) == 0) {
            const char *end = strchr(r + 11, '"');
            if (end) {
                r = end + 1;
                continue;
            }
        }
        *w++ = *r++;
    }
    *w = 0;
    return s;
}

static inline void tu_free(tu_run *r)
{
    free(r->out);
    free(r->err);
}

/* Ingests the file events into DIR/t.db; the test fails unless the ingest
 * succeeds and prints counts (e.g. "\"stored\":2"). */
static inline void tu_ingest_expect(const char *dir, const char *events, const char *counts)
{
    tu_run r = tu_wachter(dir, "--format", "jsonl", "ingest", events, NULL);
    assert_int_equal(r.code, 0);
    if (!strstr(r.out, counts)) fail_msg("ingest printed %s, not %s", r.out, counts);
    tu_free(&r);
}

/* Counts the lines of s that contain needle. */
static inline int tu_count_lines(const char *s, const char *needle)
{
    int n = 0;
    for (const char *line = s; line && *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        char *copy = strndup(line, len);
        n += strstr(copy, needle) != NULL;
        free(copy);
        line = end ? end + 1 : NULL;
    }
    return n;
}

/* The first column of sql's one row on db, as an integer; the test fails
 * when there is no row. */
static inline sqlite3_int64 tu_sql_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    sqlite3_int64 v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* Every row of sql in the store under dir, one line per row, columns by '|'. */
static inline char *tu_rows(const char *dir, const char *sql)
{
    char path[700];
    snprintf(path, sizeof path, "%s/t.db", dir);
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) fail_msg("%s", sqlite3_errmsg(db));
    char *text;
    size_t len;
    FILE *m = open_memstream(&text, &len);
    while (sqlite3_step(st) == SQLITE_ROW) {
        for (int c = 0; c < sqlite3_column_count(st); c++) {
            const unsigned char *v = sqlite3_column_text(st, c);
            fprintf(m, "%s%s", c ? "|" : "", v ? (const char *)v : "NULL");
        }
        fputc('\n', m);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    fclose(m);
    return text;
}

/* The single number sql gives in the store under dir. */
static inline long tu_count_of(const char *dir, const char *sql)
{
    char *n = tu_rows(dir, sql);
    long v = atol(n);
    free(n);
    return v;
}
#endif
