/* The two-thread ingest (--threads 2) against the single-threaded one, the
 * reference: on a synthetic organisation's log with bad, blank, over-long
 * and duplicate lines mixed in, both store the same events in the same
 * order, quarantine the same lines, learn the same detection state and
 * raise the same alerts — for batch sizes that end inside the pipeline's
 * chunks, and in detect-only mode. Errors on either side stop it cleanly. */
#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>

#include "demo_gen.h"
#include "store/store_int.h"
#include "detect/detect.h"
#include "enrich/refdata.h"
#include "pipeline/ingest.h"
#include "testutil.h"
#include "util/cpus.h"

typedef struct fixture {
    char *dir; /* org/ (reference data), mixed.jsonl, one store directory per run */
    char org[600], input[600];
    long lines; /* lines in mixed.jsonl that are not blank */
} fixture;

/* Copies the generated events into path, with bad lines, blank lines, an
 * over-long line and repeats of earlier lines mixed in. Returns non-blank lines. */
static long write_mixed(const char *events, const char *path)
{
    FILE *in = fopen(events, "r"), *out = fopen(path, "w");
    assert_non_null(in);
    assert_non_null(out);
    char line[8192], prev[4][8192] = {{0}};
    long i = 0, n = 0;
    while (fgets(line, sizeof line, in)) {
        fputs(line, out), n++;
        if (i % 701 == 0) fputs("not json {\n", out), n++;
        if (i % 997 == 0) fputs("\n", out);
        if (i % 503 == 0 && prev[3][0]) fputs(prev[3], out), n++; /* duplicate */
        if (i % 1499 == 0) {
            fputs("{\"ts\":\"2026-09-01T09:00:00Z\",\"action\":\"view\"}\n", out), n++;
            fputs("{\"ts\":\"2026-09-01T09:00:00Z\",\"actor\":\"\xff\",\"action\":\"view\"}\n",
                  out);
            n++;
        }
        if (i == 9000) {
            fputs("{\"ts\":\"2026-09-01T09:00:00Z\",\"actor\":\"x\",\"action\":\"view\",\"q\":\"",
                  out);
            for (int k = 0; k < 70000; k++)
                fputc('y', out);
            fputs("\"}\n", out), n++;
        }
        memmove(prev[1], prev[0], sizeof prev - sizeof prev[0]);
        snprintf(prev[0], sizeof prev[0], "%s", line);
        i++;
    }
    fclose(in);
    fclose(out);
    return n;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->dir = tu_tmpdir();
    snprintf(f->org, sizeof f->org, "%s/org", f->dir);
    snprintf(f->input, sizeof f->input, "%s/mixed.jsonl", f->dir);
    demo_opts o;
    demo_opts_init(&o);
    o.actors = 60;
    o.days = 20;
    o.seed = 7;
    demo_truth *t = NULL;
    char err[256], events[700];
    if (demo_generate(&o, f->org, &t, err, sizeof err) != 0) fail_msg("%s", err);
    demo_truth_free(t);
    snprintf(events, sizeof events, "%s/events.jsonl", f->org);
    f->lines = write_mixed(events, f->input);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    tu_rmdir(f->dir);
    free(f);
    return 0;
}

/* The summary line without the timings, which differ from run to run. */
static char *counts_of(const char *jsonl)
{
    const char *end = strstr(jsonl, ",\"elapsed_s\"");
    assert_non_null(end);
    return strndup(jsonl, (size_t)(end - jsonl));
}

typedef struct run {
    char *dir, *counts, *errs;
} run;

static run ingest_into_new_store(const fixture *f, const char *threads, const char *batch,
                                 int detect_only)
{
    run r = {tu_tmpdir(), NULL, NULL};
    tu_run t = tu_wachter(r.dir, "load", f->org, NULL);
    assert_int_equal(t.code, 0);
    tu_free(&t);
    if (detect_only)
        t = tu_wachter(r.dir, "--format", "jsonl", "ingest", "--threads", threads, "--batch", batch,
                       "--detect-only", f->input, NULL);
    else
        t = tu_wachter(r.dir, "--format", "jsonl", "ingest", "--threads", threads, "--batch", batch,
                       f->input, NULL);
    if (t.code != 0) fail_msg("ingest --threads %s failed: %s", threads, t.err);
    r.counts = counts_of(t.out);
    r.errs = t.err;
    free(t.out);
    return r;
}

static void run_free(run *r)
{
    free(r->counts);
    free(r->errs);
    tu_rmdir(r->dir);
}

/* What must be equal between the two runs: tables in a fixed order. */
static const char *const checked[] = {
    "SELECT * FROM events ORDER BY rowid", /* the same events in the same order */
    "SELECT source, line, reason, hex(raw) FROM quarantine ORDER BY key",
    "SELECT id, ts, actor, rule, severity, score, reason FROM alerts ORDER BY id",
    "SELECT * FROM alert_events ORDER BY alert_id, event_id, subject",
    "SELECT * FROM alert_actors ORDER BY alert_id, actor",
    "SELECT actor, layout, hex(state) FROM actor_state ORDER BY actor",
    "SELECT rule, layout, snapshot, hex(data) FROM rule_log ORDER BY seq",
    "SELECT * FROM actor_day ORDER BY actor, day",
};

static void same_store(const run *a, const run *b)
{
    for (size_t i = 0; i < sizeof checked / sizeof *checked; i++) {
        char *x = tu_rows(a->dir, checked[i]), *y = tu_rows(b->dir, checked[i]);
        if (strcmp(x, y) != 0) fail_msg("differs: %s", checked[i]);
        free(x);
        free(y);
    }
}

static void compare_threads(const fixture *f, const char *batch)
{
    run one = ingest_into_new_store(f, "1", batch, 0);
    run two = ingest_into_new_store(f, "2", batch, 0);
    assert_string_equal(one.counts, two.counts);
    assert_string_equal(one.errs, two.errs); /* quarantine messages, in input order */
    same_store(&one, &two);
    /* The input is what it should be: alerts, quarantined lines, duplicates. */
    char *alerts = tu_rows(one.dir, "SELECT id FROM alerts");
    assert_true(tu_count_lines(alerts, "a-") >= 20);
    free(alerts);
    char want[64];
    snprintf(want, sizeof want, "\"read\":%ld,", f->lines);
    assert_non_null(strstr(one.counts, want));
    assert_null(strstr(one.counts, "\"quarantined\":0,"));
    assert_null(strstr(one.counts, "\"duplicates\":0,"));
    assert_non_null(strstr(one.errs, "mixed.jsonl:2: quarantined: malformed JSON\n"));
    assert_non_null(strstr(one.errs, "quarantined: line longer than 65536 bytes"));
    /* The alerts a person reads are the same too. */
    tu_run x = tu_wachter(one.dir, "--format", "jsonl", "alerts", NULL);
    tu_run y = tu_wachter(two.dir, "--format", "jsonl", "alerts", NULL);
    assert_string_equal(tu_unraised(x.out), tu_unraised(y.out));
    tu_free(&x);
    tu_free(&y);
    /* Ingesting again: everything a duplicate, nothing new, on both. */
    x = tu_wachter(one.dir, "--format", "jsonl", "ingest", "--threads", "1", f->input, NULL);
    y = tu_wachter(two.dir, "--format", "jsonl", "ingest", "--threads", "2", f->input, NULL);
    char *cx = counts_of(x.out), *cy = counts_of(y.out);
    assert_string_equal(cx, cy);
    assert_non_null(strstr(cx, "\"stored\":0,"));
    free(cx);
    free(cy);
    tu_free(&x);
    tu_free(&y);
    same_store(&one, &two);
    run_free(&one);
    run_free(&two);
}

static void test_same_store_batch_7(void **state)
{
    compare_threads(*state, "7");
}

static void test_same_store_batch_1000(void **state)
{
    compare_threads(*state, "1000");
}

static void test_same_store_batch_default(void **state)
{
    compare_threads(*state, "100000");
}

/* The look-up tallies that investigations read instead of the events
 * (actor_day: distinct subjects and events per actor and UTC day) say what
 * the events say, over many commits and with actors not in actors.csv. */
static void test_tallies_match_events(void **state)
{
    const fixture *f = *state;
    fixture g = *f;
    snprintf(g.input, sizeof g.input, "%s/stranger.jsonl", f->dir);
    char cmd[2000];
    snprintf(cmd, sizeof cmd, "cp '%s' '%s'", f->input, g.input);
    assert_int_equal(system(cmd), 0);
    FILE *in = fopen(g.input, "a");
    assert_non_null(in);
    const char *subjects[] = {"s-1", "s-2", "s-1", "", "s-3"};
    for (int i = 0; i < 5; i++)
        fprintf(in,
                "{\"ts\":\"2026-09-0%dT09:00:0%dZ\",\"actor\":\"stranger\","
                "\"action\":\"view\",\"subject\":\"%s\"}\n",
                1 + i / 4, i, subjects[i]);
    fclose(in);
    run r = ingest_into_new_store(&g, "1", "1000", 0);
    char *tally = tu_rows(r.dir, "SELECT actor, day, subjects, events FROM actor_day"
                                 " ORDER BY actor, day");
    char *events = tu_rows(r.dir, "SELECT actor, ts / 86400000 AS day,"
                                  " count(DISTINCT nullif(subject, '')), count(*)"
                                  " FROM events GROUP BY actor, day ORDER BY actor, day");
    assert_true(tu_count_lines(events, "|") > 100);
    /* an actor not in actors.csv: two subjects and an event without one on
     * the first day, one subject on the next */
    assert_non_null(strstr(events, "stranger|20697|2|4\nstranger|20698|1|1\n"));
    assert_string_equal(tally, events);
    free(tally);
    free(events);
    run_free(&r);
    unlink(g.input);
}

/* Detect-only keeps no events or alerts in the store: compare the alerts as
 * the engine writes them, through its callback. */
static void note_alert(const store_alert *a, int is_new, void *ctx)
{
    FILE *m = ctx;
    fprintf(m, "%d|%s|%lld|%s|%s|%d|%.6f|%s|", is_new, a->id, (long long)a->ts, a->actor, a->rule,
            a->severity, a->score, a->reason);
    for (size_t i = 0; i < a->n; i++)
        fprintf(m, "%s/%s,", a->events[i], a->subjects[i]);
    fputc('\n', m);
}

/* A store in a fresh directory loaded with the fixture's organisation, its
 * reference data and a detection engine (storing alerts when keep_alerts). */
typedef struct engine {
    char *dir;
    store *s;
    refdata *r;
    det_engine *d;
} engine;

static engine engine_open(const fixture *f, int keep_alerts)
{
    engine e = {.dir = tu_tmpdir()};
    char path[700];
    tu_run t = tu_wachter(e.dir, "load", f->org, NULL);
    assert_int_equal(t.code, 0);
    tu_free(&t);
    snprintf(path, sizeof path, "%s/t.db", e.dir);
    assert_int_equal(store_open(path, &e.s, &(werr){0}), 0);
    werr we = {0};
    assert_int_equal(refdata_load(e.s, 0, &e.r, &we), 0);
    assert_int_equal(det_new(e.r, keep_alerts ? e.s : NULL, &e.d, &we), 0);
    return e;
}

static void engine_close(engine *e)
{
    det_free(e->d);
    refdata_free(e->r);
    store_close(e->s);
    tu_rmdir(e->dir);
}

static char *detect_only_alerts(const fixture *f, int threads, long batch, ingest_stats *st)
{
    engine e = engine_open(f, 0);
    char *text;
    size_t len;
    FILE *m = open_memstream(&text, &len);
    det_on_alert(e.d, note_alert, m);
    FILE *in = fopen(f->input, "rb");
    ingest_opts o = {.source = "in", .store_events = 0, .batch = batch, .threads = threads};
    assert_int_equal(ingest_stream(e.s, e.d, in, &o, st, NULL), 0);
    fclose(in);
    fclose(m);
    engine_close(&e);
    return text;
}

static void test_detect_only_same_alerts(void **state)
{
    const fixture *f = *state;
    long batches[] = {7, 1000};
    for (size_t b = 0; b < 2; b++) {
        ingest_stats s1, s2;
        char *one = detect_only_alerts(f, 1, batches[b], &s1);
        char *two = detect_only_alerts(f, 2, batches[b], &s2);
        assert_true(tu_count_lines(one, "|a-") >= 20);
        assert_string_equal(one, two);
        assert_int_equal(s1.read, s2.read);
        assert_int_equal(s1.read, f->lines);
        assert_int_equal(s1.stored, 0);
        assert_int_equal(s2.stored, 0);
        assert_int_equal(s1.duplicates, s2.duplicates);
        assert_int_equal(s1.quarantined, s2.quarantined);
        assert_true(s1.quarantined > 0);
        assert_int_equal(s1.detected, s2.detected);
        assert_int_equal(s1.alerts, s2.alerts);
        assert_int_equal(s1.bytes, s2.bytes);
        free(one);
        free(two);
    }
}

/* A store error part-way stops the reader too: the ingest fails with the
 * store's message instead of hanging, and what was committed stays. The
 * input is four times the fixture's, more than the chunks in flight hold,
 * so the reader is still at work (or waiting for a chunk) when it happens. */
static void test_store_error_stops_both_threads(void **state)
{
    const fixture *f = *state;
    const char *threads[] = {"1", "2"};
    long kept[2];
    char big[700], cmd[4000];
    snprintf(big, sizeof big, "%s/big.jsonl", f->dir);
    snprintf(cmd, sizeof cmd, "cat '%s' '%s' '%s' '%s' > '%s'", f->input, f->input, f->input,
             f->input, big);
    assert_int_equal(system(cmd), 0);
    for (int k = 0; k < 2; k++) {
        char *dir = tu_tmpdir(), path[700];
        tu_run t = tu_wachter(dir, "load", f->org, NULL);
        tu_free(&t);
        snprintf(path, sizeof path, "%s/t.db", dir);
        sqlite3 *db;
        assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
        assert_int_equal(sqlite3_exec(db,
                                      "CREATE TRIGGER boom BEFORE INSERT ON events"
                                      " WHEN (SELECT count(*) FROM events) >= 2500"
                                      " BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;",
                                      NULL, NULL, NULL),
                         SQLITE_OK);
        sqlite3_close(db);
        t = tu_wachter(dir, "ingest", "--threads", threads[k], "--batch", "1000", big, NULL);
        assert_int_equal(t.code, 1);
        assert_non_null(strstr(t.err, "store error: disk on fire"));
        tu_free(&t);
        char *n = tu_rows(dir, "SELECT count(*) FROM events");
        kept[k] = atol(n);
        free(n);
        tu_rmdir(dir);
    }
    assert_int_equal(kept[0], kept[1]);
    assert_true(kept[0] > 0 && kept[0] <= 2500);
    unlink(big);
}

/* A stream (ingest - from a pipe that stays open): what has arrived is
 * stored and its alerts written about commit_after seconds later, while
 * the writer still holds the pipe open and a batch is far from full; the
 * whole-population analyses (convergence) run every analyse_every seconds
 * instead of only at the end. The writer sends the whole input, then
 * watches the store from a connection of its own until it holds every
 * event and every alert a file ingest raises (or gives up after 30 s), and
 * only then closes the pipe. */
typedef struct streamer {
    const fixture *f;
    const char *dir;    /* the store being ingested into */
    int fd;             /* the pipe's write end, closed when done */
    long want;          /* events the store is to hold before the pipe closes */
    const char *alerts; /* and the alerts (ALERTS rows) */
    long seen;
    char *seen_alerts;
} streamer;

static const char *ALERTS = "SELECT id, rule, actor FROM alerts ORDER BY id";

static void *stream_input(void *p)
{
    streamer *w = p;
    FILE *in = fopen(w->f->input, "rb");
    char buf[65536];
    size_t n;
    while (in && (n = fread(buf, 1, sizeof buf, in)) > 0)
        if (write(w->fd, buf, n) != (ssize_t)n) break;
    if (in) fclose(in);
    for (int i = 0; i < 1500; i++) {
        usleep(20000);
        w->seen = tu_count_of(w->dir, "SELECT count(*) FROM events");
        free(w->seen_alerts);
        w->seen_alerts = tu_rows(w->dir, ALERTS);
        if (w->seen == w->want && strcmp(w->seen_alerts, w->alerts) == 0) break;
    }
    close(w->fd);
    return NULL;
}

static void test_stream_commits_while_open(void **state)
{
    const fixture *f = *state;
    signal(SIGPIPE, SIG_IGN); /* an ingest that stops reading fails the test, not the run */
    engine ref = engine_open(f, 1);
    FILE *in = fopen(f->input, "rb");
    ingest_opts o = {.source = "in", .store_events = 1, .batch = 100000, .threads = 1};
    ingest_stats want;
    assert_int_equal(ingest_stream(ref.s, ref.d, in, &o, &want, NULL), 0);
    fclose(in);
    assert_true(want.stored > 0 && want.stored < o.batch);
    char *want_alerts = tu_rows(ref.dir, ALERTS);
    assert_non_null(strstr(want_alerts, "|convergence|"));
    for (int threads = 1; threads <= 2; threads++) {
        engine e = engine_open(f, 1);
        int fds[2];
        assert_int_equal(pipe(fds), 0);
        streamer w = {f, e.dir, fds[1], want.stored, want_alerts, 0, NULL};
        pthread_t th;
        assert_int_equal(pthread_create(&th, NULL, stream_input, &w), 0);
        in = fdopen(fds[0], "rb");
        o = (ingest_opts){.source = "stdin",
                          .store_events = 1,
                          .batch = 100000,
                          .threads = threads,
                          .commit_after = 0.2,
                          .analyse_every = 0.3};
        ingest_stats st;
        assert_int_equal(ingest_stream(e.s, e.d, in, &o, &st, NULL), 0);
        fclose(in);
        pthread_join(th, NULL);
        if (w.seen != want.stored)
            fail_msg("--threads %d: %ld of %ld events stored while the pipe was open", threads,
                     w.seen, want.stored);
        assert_string_equal(w.seen_alerts, want_alerts); /* convergence's too */
        free(w.seen_alerts);
        assert_int_equal(st.stored, want.stored);
        assert_int_equal(st.quarantined, want.quarantined);
        char *alerts = tu_rows(e.dir, ALERTS);
        assert_string_equal(alerts, want_alerts); /* and no more once it ends */
        free(alerts);
        engine_close(&e);
    }
    free(want_alerts);
    engine_close(&ref);
}

/* A read error is reported where it happened, by both. */
static void test_read_error_reported(void **state)
{
    const fixture *f = *state;
    for (int threads = 1; threads <= 2; threads++) {
        engine e = engine_open(f, 1);
        char *text;
        size_t len;
        FILE *m = open_memstream(&text, &len);
        FILE *in = fopen(e.dir, "rb"); /* a directory: opens, but reading fails */
        assert_non_null(in);
        ingest_opts o = {.source = "dir", .store_events = 1, .batch = 10, .threads = threads};
        ingest_stats st;
        werr we = {0};
        assert_int_equal(ingest_stream(e.s, e.d, in, &o, &st, &we), -1);
        fprintf(m, "%s\n", we.msg); /* as wachter ingest prints it */
        fclose(in);
        fclose(m);
        assert_string_equal(text, "dir: read error after line 0\n");
        free(text);
        engine_close(&e);
    }
}

static void test_options_checked(void **state)
{
    char *dir = tu_tmpdir();
    tu_run t = tu_wachter(dir, "ingest", "--threads", "3", "-", NULL);
    assert_int_equal(t.code, 2);
    assert_non_null(strstr(t.err, "--threads takes 1 or 2"));
    tu_free(&t);
    const char *bad[] = {"soon", "-1", "1s", ""};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        t = tu_wachter(dir, "ingest", "--commit-after", bad[i], "-", NULL);
        assert_int_equal(t.code, 2);
        assert_non_null(strstr(t.err, "--commit-after takes seconds"));
        tu_free(&t);
    }
    tu_rmdir(dir);
}

/* cpus_name_thread names the calling thread, as the pipeline names its
 * threads for top -H, perf and gdb. */
static void *named(void *p)
{
    cpus_name_thread("wachter-test");
    FILE *f = fopen("/proc/thread-self/comm", "r");
    if (f && !fgets(p, 32, f)) *(char *)p = 0;
    if (f) fclose(f);
    return NULL;
}

static void test_threads_named(void **state)
{
    char comm[32] = "";
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, named, comm), 0);
    pthread_join(th, NULL);
    if (access("/proc/thread-self/comm", R_OK) != 0) skip(); /* not Linux */
    assert_string_equal(comm, "wachter-test\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_store_batch_7),
        cmocka_unit_test(test_same_store_batch_1000),
        cmocka_unit_test(test_same_store_batch_default),
        cmocka_unit_test(test_tallies_match_events),
        cmocka_unit_test(test_detect_only_same_alerts),
        cmocka_unit_test(test_store_error_stops_both_threads),
        cmocka_unit_test(test_stream_commits_while_open),
        cmocka_unit_test(test_read_error_reported),
        cmocka_unit_test(test_options_checked),
        cmocka_unit_test(test_threads_named),
    };
    return cmocka_run_group_tests_name("pipeline", tests, setup, teardown);
}
