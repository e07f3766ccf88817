/* fuzz_ingest — libFuzzer target for the whole ingest of event lines:
 * parse → normalise → explain → detect → store, through ops_ingest() as
 * `wachter ingest` runs it, on a small organisation loaded once (three
 * units, a leaver, subjects, cases assigned to units).
 *
 * The input is a file of event lines. Invariants, each a finding when
 * broken: the ingest never crashes (the sanitizers watch it) and never
 * fails on a store that works; read = stored + duplicates + quarantined.
 * Events accumulate in the store across inputs (so duplicates and learned
 * state happen); the store is built afresh every RENEW inputs to stay
 * small.
 *
 *   make fuzz [FUZZ_TIME=300]   (clang, -fsanitize=fuzzer,address,undefined) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ops/ops_ingest.h"
#include "ops/ops_load.h"

enum { RENEW = 2000 };

static char dir[] = "/tmp/wachter-fuzz-ingest-XXXXXX";
static char db[sizeof dir + 16];
static store *st;
static long inputs;

static void put(const char *name, const char *text)
{
    char path[sizeof dir + 32];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f || fputs(text, f) < 0 || fclose(f) != 0) abort();
}

static void bad_row(void *ctx, const char *file, long line, const char *reason)
{
    fprintf(stderr, "fuzz_ingest: the organisation does not load: %s:%ld: %s\n", file, line,
            reason);
    abort();
}

static void remove_store(void)
{
    static const char *const ext[] = {"", "-wal", "-shm", "-journal"};
    char path[sizeof db + 16];
    for (size_t i = 0; i < sizeof ext / sizeof *ext; i++) {
        snprintf(path, sizeof path, "%s%s", db, ext[i]);
        unlink(path);
    }
}

/* A new store with the organisation loaded. */
static void open_store(void)
{
    werr e = {0};
    remove_store();
    ops_load_result res;
    refload_report rep = {bad_row, NULL};
    if (store_open(db, &st, &e) < 0 || ops_load(st, dir, 0, &rep, NULL, &res, &e) < 0) {
        fprintf(stderr, "fuzz_ingest: no store: %s\n", e.msg);
        abort();
    }
}

static void cleanup(void)
{
    if (st) store_close(st);
    remove_store();
    static const char *const csv[] = {"actors.csv", "subjects.csv", "cases.csv",
                                      "case_assignments.csv"};
    char path[sizeof dir + 32];
    for (size_t i = 0; i < sizeof csv / sizeof *csv; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, csv[i]);
        unlink(path);
    }
    rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    if (!mkdtemp(dir)) abort();
    snprintf(db, sizeof db, "%s/f.db", dir);
    put("actors.csv", "actor,unit,role,start,end,person,surname,postcode,house_number\n"
                      "clerk0,burgerzaken,clerk,2020-01-01,,900000000,Smit,1000AA,1\n"
                      "clerk1,burgerzaken,clerk,2020-01-01,,900000001,Bakker,1000AA,2\n"
                      "night0,meldkamer,operator,2020-01-01,,800000000,Visser,2000AA,1\n"
                      "tax0,belastingen,clerk,2020-01-01,,,,,\n"
                      "leaver,burgerzaken,clerk,2020-01-01,2026-03-05,,,,\n");
    put("subjects.csv", "subject,surname,postcode,house_number\n"
                        "p0001,Jansen,4001BB,1\n"
                        "p0002,de Vries,4002BB,2\n"
                        "p0003,Smit,1000AA,1\n"
                        "123456782,Bakker,1000AA,2\n");
    put("cases.csv", "case,subject,opened,closed\n"
                     "C-1,p0001,2026-01-01,\n"
                     "C-1,p0002,2026-01-01,\n"
                     "C-2,p0003,2026-01-01,2026-02-01\n");
    put("case_assignments.csv", "case,assignee,from,to\n"
                                "C-1,unit:burgerzaken,2026-01-01,\n"
                                "C-2,clerk1,2026-01-01,\n");
    open_store();
    atexit(cleanup);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (++inputs % RENEW == 0) {
        store_close(st);
        open_store();
    }
    FILE *in = fmemopen(size ? (void *)data : (void *)"", size ? size : 1, "r");
    if (!in) abort();
    if (!size) getc(in); /* an empty file: fmemopen wants a buffer */
    ingest_opts o = {.source = "fuzz", .store_events = 1, .batch = 3, .threads = 1};
    ingest_stats s = {0};
    werr e = {0};
    int rc = ops_ingest(st, in, &o, NULL, &s, &e);
    fclose(in);
    if (rc < 0) {
        fprintf(stderr, "fuzz_ingest: the ingest failed: %s\n", e.msg);
        abort();
    }
    if (s.read != s.stored + s.duplicates + s.quarantined) {
        fprintf(stderr, "fuzz_ingest: read %ld != stored %ld + duplicates %ld + quarantined %ld\n",
                s.read, s.stored, s.duplicates, s.quarantined);
        abort();
    }
    return 0;
}
