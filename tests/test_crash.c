/* Crashes, resumption and concurrent writers, as an operator meets them:
 * an ingest killed with SIGKILL anywhere and ingested again, one stopped
 * by a full disk and ingested again, or a file ingested in two parts,
 * ends with the same events and byte for byte the same `alerts --format
 * jsonl` as one uninterrupted ingest; a second writer is refused with a
 * message naming the one that holds the store, whose state stays as it
 * was.
 *
 * The kill test runs 30 kills in CI; WACHTER_CRASH_POINTS=300 runs more. */
#include "scenario.h"

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "detect/rule.h"
#include "store/store_lock.h"

static double now_s(void);

/* The alerts of DIR/DB as JSON lines (owned). */
static char *alerts_of(const char *dir, const char *db)
{
    tu_run r = tu_wachter_db(dir, db, "--format", "jsonl", "alerts", NULL);
    assert_int_equal(r.code, 0);
    free(r.err);
    return tu_unraised(r.out);
}

/* Ingests dir/file into dir/db with --batch batch; the test fails unless
 * it succeeds. */
static void ingest_ok(const char *dir, const char *db, const char *file, const char *batch)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    tu_run r = tu_wachter_db(dir, db, "--format", "jsonl", "ingest", "--batch", batch, path, NULL);
    if (r.code != 0) fail_msg("ingest of %s into %s failed: %s", file, db, r.err);
    tu_free(&r);
}

static void load_ok(const char *dir, const char *db, const char *from)
{
    tu_run r = tu_wachter_db(dir, db, "load", from, NULL);
    if (r.code != 0) fail_msg("load failed: %s", r.err);
    tu_free(&r);
}

/* Writes lines [from, to) of dir/events.jsonl (to < 0: to the end) to
 * dir/name. */
static void lines_to(const char *dir, const char *name, long from, long to)
{
    char cmd[1200];
    if (to < 0)
        snprintf(cmd, sizeof cmd, "tail -n +%ld '%s/events.jsonl' > '%s/%s'", from + 1, dir, dir,
                 name);
    else
        snprintf(cmd, sizeof cmd, "sed -n '%ld,%ldp' '%s/events.jsonl' > '%s/%s'", from + 1, to,
                 dir, dir, name);
    assert_int_equal(system(cmd), 0);
}

/* Whether the texts match; when not, says where they part. */
static int alerts_match(const char *what, const char *want, const char *got)
{
    if (strcmp(want, got) == 0) return 1;
    const char *a = want, *b = got;
    while (*a && *a == *b)
        a++, b++;
    while (a > want && a[-1] != '\n')
        a--, b--;
    print_error("%s: alerts differ from an uninterrupted ingest at\n  want %.300s\n  got  %.300s\n",
                what, a, b);
    return 0;
}

/* Fails, showing the first line that differs, unless the texts match. */
static void same_alerts(const char *what, const char *want, const char *got)
{
    if (!alerts_match(what, want, got)) fail();
}

/* ---- a file ingested in parts ---- */

/* Bulk: clerk0 exports a little early on day 5, which fixes the peer
 * group's reference for the day (no peer had exported yet); the other
 * clerks then export 400 records each; at 10:00 clerk0 exports 2,000: 40x
 * clerk0's own largest, measured against that morning's reference. An
 * ingest stopped before 10:00 and resumed must use the same reference,
 * not one computed anew with the peers' exports of the morning (5x). */
static long bulk_peer_day(sc *s)
{
    for (int i = 0; i < 8; i++) {
        char a[16];
        snprintf(a, sizeof a, "clerk%d", i);
        sc_work(s, a, 0, 5, 20, 8, 16, "ws1");
    }
    int64_t day = SC_DAY0 + 5 * TS_DAY_MS;
    sc_event(s, "clerk0", day + 9 * TS_HOUR_MS, "export", "", "ws1", ",\"results\":50");
    for (int i = 1; i < 8; i++) {
        char a[16];
        snprintf(a, sizeof a, "clerk%d", i);
        sc_event(s, a, day + 9 * TS_HOUR_MS + i * 5 * 60000, "export", "", "ws1",
                 ",\"results\":400");
    }
    long cut = s->n;
    sc_event(s, "clerk0", day + 10 * TS_HOUR_MS, "export", "", "ws1", ",\"results\":2000");
    return cut;
}

/* Volume: the peer median of day 12 is taken when clerk6 (three days of
 * history: compared with peers only) passes 60 look-ups early that
 * morning, the peers' medians then 40; the others' quiet day 11 then
 * closes (their medians 25), and clerk7, new, makes 200 look-ups: under 7x
 * the morning's median. */
static long volume_peer_day(sc *s)
{
    for (int i = 0; i < 6; i++) {
        char a[16];
        snprintf(a, sizeof a, "clerk%d", i);
        sc_work(s, a, 0, 6, 40, 8, 16, "ws1");
        sc_work(s, a, 6, 12, 10, 8, 16, "ws1");
    }
    sc_work(s, "clerk6", 9, 12, 10, 8, 16, "ws1"); /* too short a history of its own */
    int64_t day = SC_DAY0 + 12 * TS_DAY_MS;
    for (int k = 0; k < 70; k++) {
        char subj[16];
        snprintf(subj, sizeof subj, "p%04d", 1 + k % 300);
        sc_event(s, "clerk6", day + 7 * TS_HOUR_MS + k * 30000, "view", subj, "ws1", "");
    }
    for (int i = 0; i < 6; i++) {
        char a[16];
        snprintf(a, sizeof a, "clerk%d", i);
        sc_work(s, a, 12, 13, 10, 8, 9, "ws1");
    }
    long cut = s->n;
    for (int k = 0; k < 200; k++) {
        char subj[16];
        snprintf(subj, sizeof subj, "p%04d", 1 + k % 300);
        sc_event(s, "clerk7", day + 10 * TS_HOUR_MS + k * 30000, "view", subj, "ws1", "");
    }
    return cut;
}

/* off_pattern: the clerks' hours are summed at the day's first look-up,
 * when their history is short (under 500 look-ups: not compared with);
 * they then work the small hours, and clerk0's look-ups without a case at
 * 03:00 are measured against the morning's sum. */
static long off_pattern_peer_day(sc *s)
{
    /* After the store's warm-up (rule_store_warm), when peers count. */
    sc_work(s, "clerk0", 0, RULE_WARM_STORE_DAYS, 20, 8, 16, "ws1");
    int64_t day = SC_DAY0 + RULE_WARM_STORE_DAYS * TS_DAY_MS;
    sc_event(s, "clerk1", day + 30 * 60000, "view", "p0001", "ws2", "");
    for (int i = 1; i < 8; i++) {
        char a[16];
        snprintf(a, sizeof a, "clerk%d", i);
        for (int k = 0; k < 80; k++) {
            char subj[16];
            snprintf(subj, sizeof subj, "p%04d", 1 + (i * 80 + k) % 300);
            sc_event(s, a, day + TS_HOUR_MS + k * 90000, "view", subj, "ws2", "");
        }
    }
    long cut = s->n;
    sc_event(s, "clerk0", day + 3 * TS_HOUR_MS, "view", "p0350", "ws1", "");
    sc_event(s, "clerk0", day + 3 * TS_HOUR_MS + 600000, "view", "p0351", "ws1", "");
    return cut;
}

/* protected: the clerks' rate of protected records among their look-ups
 * without a case is taken at the day's first such look-up; four of them
 * then look up protected records without a case, and clerk0's first such
 * look-up is weighed against the morning's rate. */
static long protected_peer_day(sc *s)
{
    char path[512];
    snprintf(path, sizeof path, "%s/protected.csv", s->dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "subject,category\n");
    for (int i = 350; i < 360; i++)
        fprintf(f, "p%04d,employee\n", i);
    fclose(f);
    sc_work(s, "clerk0", 0, 5, 20, 8, 16, "ws1");
    int64_t day = SC_DAY0 + 5 * TS_DAY_MS;
    sc_event(s, "clerk1", day + 8 * TS_HOUR_MS, "view", "p0350", "ws2", "");
    for (int i = 2; i < 6; i++) {
        char a[16];
        snprintf(a, sizeof a, "clerk%d", i);
        for (int k = 0; k < 10; k++) {
            char subj[16];
            snprintf(subj, sizeof subj, "p%04d", 350 + k);
            sc_event(s, a, day + 9 * TS_HOUR_MS + (i * 10 + k) * 60000, "view", subj, "ws2", "");
        }
    }
    long cut = s->n;
    sc_event(s, "clerk0", day + 11 * TS_HOUR_MS, "view", "p0355", "ws1", "");
    return cut;
}

/* One alert gathers more events than it lists (ALERT_MAX_EVENTS): clerk0
 * makes 100 look-ups without a case in one day, cut in the middle. The
 * alert lists the day's first ones whichever commit they came in. */
static long many_events_day(sc *s)
{
    sc_work(s, "clerk0", 0, 5, 20, 8, 16, "ws1");
    int64_t day = SC_DAY0 + 5 * TS_DAY_MS;
    long cut = 0;
    for (int k = 0; k < 100; k++) {
        if (k == 50) cut = s->n;
        char subj[16];
        snprintf(subj, sizeof subj, "p%04d", 301 + k % 99);
        sc_event(s, "clerk0", day + 9 * TS_HOUR_MS + k * 60000, "view", subj, "ws1", "");
    }
    return cut;
}

typedef struct split_case {
    const char *id; /* docs/bad-input.md */
    long (*build)(sc *s);
} split_case;

static const split_case splits[] = {
    {"resume-bulk-peer-reference", bulk_peer_day},
    {"resume-volume-peer-reference", volume_peer_day},
    {"resume-off-pattern-peer-reference", off_pattern_peer_day},
    {"resume-protected-peer-reference", protected_peer_day},
    {"resume-alert-events", many_events_day},
};

/* Each case's events ingested whole, in two parts cut where an ingest
 * killed mid-day would resume, and as resumed (part 1, then the whole
 * file again): the same alerts. */
static void test_parts_give_the_same_alerts(void **state)
{
    int bad = 0;
    for (size_t i = 0; i < sizeof splits / sizeof *splits; i++) {
        sc s = sc_new();
        long cut = splits[i].build(&s);
        fclose(s.ev);
        s.ev = NULL;
        load_ok(s.dir, "whole.db", s.dir);
        load_ok(s.dir, "parts.db", s.dir);
        ingest_ok(s.dir, "whole.db", "events.jsonl", "1000");
        lines_to(s.dir, "part1.jsonl", 0, cut);
        lines_to(s.dir, "part2.jsonl", cut, -1);
        ingest_ok(s.dir, "parts.db", "part1.jsonl", "1000");
        ingest_ok(s.dir, "parts.db", "part2.jsonl", "1000");
        /* As after a kill once part 1 was committed: the whole file again. */
        load_ok(s.dir, "resumed.db", s.dir);
        ingest_ok(s.dir, "resumed.db", "part1.jsonl", "1000");
        ingest_ok(s.dir, "resumed.db", "events.jsonl", "1000");
        char *want = alerts_of(s.dir, "whole.db"), *got = alerts_of(s.dir, "parts.db");
        char *again = alerts_of(s.dir, "resumed.db");
        assert_true(strlen(want) > 0);
        bad += !alerts_match(splits[i].id, want, got);
        bad += !alerts_match(splits[i].id, want, again);
        free(want);
        free(got);
        free(again);
        sc_free(&s);
    }
    assert_int_equal(bad, 0);
}

/* ---- the demo's organisation, for the kill test ---- */

typedef struct demo {
    char *dir;
    long events;
    char *alerts;      /* of an uninterrupted ingest, owned */
    long stored, quar; /* its events and quarantined lines */
    double seconds;    /* how long it took */
} demo;

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

static const char *BATCH = "2000";

static long count(const char *dir, const char *db, const char *sql)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, db);
    sqlite3 *h;
    assert_int_equal(sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    long n = (long)tu_sql_int(h, sql);
    sqlite3_close(h);
    return n;
}

/* A small organisation from the demo's generator, loaded into base.db,
 * and its events ingested once without interruption into whole.db. Skips
 * the test without the generator. */
static demo demo_new(void)
{
    const char *gen = getenv("WACHTER_DEMOGEN");
    if (!gen || !getenv("WACHTER")) skip();
    demo d = {tu_tmpdir(), 0, NULL, 0, 0, 0};
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "'%s' --actors 150 --days 30 --seed 3 '%s/org' >/dev/null", gen,
             d.dir);
    assert_int_equal(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "cp '%s/org/events.jsonl' '%s/events.jsonl'", d.dir, d.dir);
    assert_int_equal(system(cmd), 0);
    char org[512];
    snprintf(org, sizeof org, "%s/org", d.dir);
    load_ok(d.dir, "base.db", org);
    snprintf(cmd, sizeof cmd, "cp '%s/base.db' '%s/whole.db'", d.dir, d.dir);
    assert_int_equal(system(cmd), 0);
    double t0 = now_s();
    ingest_ok(d.dir, "whole.db", "events.jsonl", BATCH);
    d.seconds = now_s() - t0;
    d.alerts = alerts_of(d.dir, "whole.db");
    d.stored = count(d.dir, "whole.db", "SELECT count(*) FROM events");
    d.quar = count(d.dir, "whole.db", "SELECT count(*) FROM quarantine");
    d.events = d.stored + d.quar;
    assert_true(d.stored > 10000);
    return d;
}

static void demo_free(demo *d)
{
    free(d->alerts);
    tu_rmdir(d->dir);
}

/* The demo's file in three parts: the same alerts as whole. */
static void test_demo_in_parts(void **state)
{
    demo d = demo_new();
    long cuts[] = {0, d.events / 3 + 17, 2 * d.events / 3 + 5, -1};
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "cp '%s/base.db' '%s/parts.db'", d.dir, d.dir);
    assert_int_equal(system(cmd), 0);
    for (int p = 0; p < 3; p++) {
        char name[32];
        snprintf(name, sizeof name, "part%d.jsonl", p);
        lines_to(d.dir, name, cuts[p], cuts[p + 1]);
        ingest_ok(d.dir, "parts.db", name, BATCH);
    }
    char *got = alerts_of(d.dir, "parts.db");
    same_alerts("resume-in-parts: the demo in three parts", d.alerts, got);
    free(got);
    demo_free(&d);
}

/* Starts "$WACHTER --db dir/db ingest --batch BATCH dir/events.jsonl" with
 * its output thrown away; returns its pid. */
static pid_t start_ingest(const char *dir, const char *db)
{
    char path[512], ev[512];
    snprintf(path, sizeof path, "%s/%s", dir, db);
    snprintf(ev, sizeof ev, "%s/events.jsonl", dir);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        FILE *null = freopen("/dev/null", "w", stdout);
        null = freopen("/dev/null", "w", stderr);
        (void)null;
        execl(getenv("WACHTER"), "wachter", "--db", path, "ingest", "--batch", BATCH, ev,
              (char *)NULL);
        _exit(127);
    }
    return pid;
}

/* `crash-killed-ingest-resumed`: kill -9 a storing ingest at random
 * points spread over its run (before and after the first commit, during
 * commits, during the end-of-file analyses and the last commit), ingest
 * the same file again, and compare with the uninterrupted ingest: the same
 * events and quarantine, byte-identical alerts. */
static void test_killed_and_resumed_is_exact(void **state)
{
    demo d = demo_new();
    const char *env = getenv("WACHTER_CRASH_POINTS");
    int points = env && atoi(env) > 0 ? atoi(env) : 30;
    unsigned seed = (unsigned)time(NULL);
    if (getenv("WACHTER_CRASH_SEED")) seed = (unsigned)atoi(getenv("WACHTER_CRASH_SEED"));
    srand(seed);
    int before = 0, during = 0, after = 0;
    char cmd[1024];
    for (int k = 0; k < points; k++) {
        snprintf(cmd, sizeof cmd, "cp '%s/base.db' '%s/k.db' && rm -f '%s/k.db-journal'", d.dir,
                 d.dir, d.dir);
        assert_int_equal(system(cmd), 0);
        /* Up to 10% past the uninterrupted run's time (a kill may land
         * during the last commit or after it), every third near the end. */
        double at = d.seconds * 1.1 * rand() / RAND_MAX;
        if (k % 3 == 2) /* every third near the end: the analyses, the last commit */
            at = d.seconds * (0.75 + 0.5 * rand() / RAND_MAX);
        pid_t pid = start_ingest(d.dir, "k.db");
        struct timespec ts = {(time_t)at, (long)((at - (time_t)at) * 1e9)};
        nanosleep(&ts, NULL);
        kill(pid, SIGKILL);
        int status;
        assert_int_equal(waitpid(pid, &status, 0), pid);
        long kept = count(d.dir, "k.db", "SELECT count(*) FROM events");
        before += kept == 0;
        during += kept > 0 && kept < d.stored;
        after += kept == d.stored;
        ingest_ok(d.dir, "k.db", "events.jsonl", BATCH);
        char *got = alerts_of(d.dir, "k.db");
        char what[160];
        snprintf(what, sizeof what,
                 "crash-killed-ingest-resumed: killed after %.3f s with %ld events stored"
                 " (seed %u)",
                 at, kept, seed);
        same_alerts(what, d.alerts, got);
        free(got);
        assert_int_equal(count(d.dir, "k.db", "SELECT count(*) FROM events"), d.stored);
        assert_int_equal(count(d.dir, "k.db", "SELECT count(*) FROM quarantine"), d.quar);
    }
    print_message("%d kills (seed %u): %d before the first commit, %d between commits, %d after"
                  " the last\n",
                  points, seed, before, during, after);
    demo_free(&d);
}

/* ---- a full disk ---- */

/* `resume-disk-full`: the store on a small tmpfs (mounting needs root;
 * without it the test is skipped, saying so) fills part-way through the
 * demo's ingest, which exits 1 saying "disk full writing PATH: ..."; the
 * file system grown, the same file ingested again gives the same events,
 * quarantine and byte for byte the same alerts as one uninterrupted
 * ingest on ordinary disk. The disk fills at points spread over the
 * growth from the loaded store to the whole one, among them a commit that
 * merges the look-up index (a failed delete there once lost the message:
 * "store error: not an error"). */
static const struct {
    const char *when;
    double at; /* share of the store's growth the file system holds */
    int some;  /* whether some batches must have been committed */
} FULL_AT[] = {
    {"at or before the first commit", 0.05, 0},
    {"after the first commits", 0.2, 1},
    {"a third of the way", 0.35, 1},
    {"half-way", 0.5, 1},
    {"mid-way, merging the look-up index", 0.633, 1},
    {"three quarters of the way", 0.75, 1},
    {"nine tenths of the way", 0.9, 1},
    {"near the end", 0.99, 1},
    /* the store's growth, and more for the last commit's journal */
    {"in the last commit, after the end-of-file analyses", 1.06, 1},
};

static void test_disk_full_resumed_is_exact(void **state)
{
    char *mnt = tu_tmpdir(), cmd[1024];
    snprintf(cmd, sizeof cmd, "mount -t tmpfs -o size=1m wachter-test '%s' 2>/dev/null", mnt);
    if (system(cmd) != 0) {
        print_message("resume-disk-full: SKIP (cannot mount a tmpfs on %s)\n", mnt);
        tu_rmdir(mnt);
        skip();
    }
    *state = mnt; /* unmounted by unmount(), whatever happens here */
    demo d = demo_new();
    struct stat base, whole;
    char path[1024];
    snprintf(path, sizeof path, "%s/base.db", d.dir);
    assert_int_equal(stat(path, &base), 0);
    snprintf(path, sizeof path, "%s/whole.db", d.dir);
    assert_int_equal(stat(path, &whole), 0);
    for (size_t c = 0; c < sizeof FULL_AT / sizeof *FULL_AT; c++) {
        long kib = (long)((base.st_size + FULL_AT[c].at * (whole.st_size - base.st_size)) / 1024);
        snprintf(cmd, sizeof cmd,
                 "rm -f '%s'/k.db* && mount -o remount,size=%ldk '%s' && cp '%s/base.db' '%s/k.db'",
                 mnt, kib, mnt, d.dir, mnt);
        assert_int_equal(system(cmd), 0);
        char ev[512], what[200];
        snprintf(ev, sizeof ev, "%s/events.jsonl", d.dir);
        tu_run r =
            tu_wachter_db(mnt, "k.db", "--format", "jsonl", "ingest", "--batch", BATCH, ev, NULL);
        snprintf(path, sizeof path, "disk full writing %s/k.db: ", mnt);
        if (r.code != 1 || !strstr(r.err, path))
            fail_msg("resume-disk-full, %s (%ld KiB): exit %d, want 1 and '%s' in: %s",
                     FULL_AT[c].when, kib, r.code, path, r.err);
        tu_free(&r);
        long kept = count(mnt, "k.db", "SELECT count(*) FROM events");
        if ((FULL_AT[c].some && kept <= 0) || kept >= d.stored)
            fail_msg("resume-disk-full, %s: %ld of %ld events stored before the disk filled,"
                     " want %s",
                     FULL_AT[c].when, kept, d.stored,
                     FULL_AT[c].some ? "some, not all" : "not all");
        snprintf(cmd, sizeof cmd, "mount -o remount,size=%ldk '%s'",
                 (long)(whole.st_size / 1024) * 3, mnt);
        assert_int_equal(system(cmd), 0);
        r = tu_wachter_db(mnt, "k.db", "--format", "jsonl", "ingest", "--batch", BATCH, ev, NULL);
        char dup[64];
        snprintf(dup, sizeof dup, "\"duplicates\":%ld,", kept);
        if (r.code != 0 || !strstr(r.out, dup))
            fail_msg("resume-disk-full, %s: the resumed ingest exit %d, want 0 and %s in: %s%s",
                     FULL_AT[c].when, r.code, dup, r.out, r.err);
        tu_free(&r);
        char *got = alerts_of(mnt, "k.db");
        snprintf(what, sizeof what, "resume-disk-full: the disk full %s (%ld KiB, %ld events kept)",
                 FULL_AT[c].when, kib, kept);
        same_alerts(what, d.alerts, got);
        free(got);
        assert_int_equal(count(mnt, "k.db", "SELECT count(*) FROM events"), d.stored);
        assert_int_equal(count(mnt, "k.db", "SELECT count(*) FROM quarantine"), d.quar);
        print_message("disk full %s (%ld KiB): %ld events kept, resumed exactly\n", FULL_AT[c].when,
                      kib, kept);
    }
    demo_free(&d);
}

/* Teardown: unmounts the test's tmpfs (its path in *state) and removes
 * the mount point. */
static int unmount(void **state)
{
    char *mnt = *state, cmd[600];
    if (!mnt) return 0;
    snprintf(cmd, sizeof cmd, "umount '%s'", mnt);
    int rc = system(cmd);
    tu_rmdir(mnt);
    return rc == 0 ? 0 : -1;
}

/* ---- two writers ---- */

/* `second-writer-refused`: while one process writes a store, a second
 * ingest, load or incident add is refused at once, exit 1, with a message
 * naming the holder's pid, its operation and since when; readers go on
 * reading; and what the holder's store holds is untouched. Then, with the
 * holder gone, the same ingest runs. */
static void test_second_writer_refused(void **state)
{
    sc s = sc_new();
    sc_work(&s, "clerk0", 0, 10, 20, 8, 16, "ws1");
    sc_event(&s, "clerk0", SC_DAY0 + 10 * TS_DAY_MS + 3 * TS_HOUR_MS, "view", "p0350", "ws9", "");
    fclose(s.ev);
    s.ev = NULL;
    load_ok(s.dir, "t.db", s.dir);
    char path[512];
    snprintf(path, sizeof path, "%s/events.jsonl", s.dir);
    tu_ingest_expect(s.dir, path, "\"stored\":201");
    char *alerts = alerts_of(s.dir, "t.db");
    char *learned = tu_rows(s.dir, "SELECT actor, layout, hex(state) FROM actor_state");

    /* The holder: another process, that holds the store as an ingest. */
    int go[2], done[2];
    assert_int_equal(pipe(go), 0);
    assert_int_equal(pipe(done), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        char db[512], c;
        close(go[0]);
        close(done[1]); /* so that the read below ends if the test does */
        snprintf(db, sizeof db, "%s/t.db", s.dir);
        store *st;
        werr e = {0};
        if (store_open(db, &st, &e) < 0 || store_writer_begin(st, "ingest feed.jsonl", &e) < 0)
            _exit(1);
        if (write(go[1], "x", 1) != 1) _exit(1);
        if (read(done[0], &c, 1) != 1) _exit(1);
        store_writer_end(st);
        store_close(st);
        _exit(0);
    }
    close(go[1]);
    close(done[0]);
    char c;
    assert_int_equal(read(go[0], &c, 1), 1);
    char holder[64];
    snprintf(holder, sizeof holder, "is being written by pid %ld (ingest feed.jsonl) since ",
             (long)pid);
    struct {
        const char *what;
        const char *args[8];
    } writers[] = {
        {"ingest", {"ingest", path, NULL}},
        {"load", {"load", s.dir, NULL}},
        {"incident add",
         {"incident", "add", "--id", "I1", "--subject", "p0350", "--ts", "2026-03-20T00:00:00Z"}},
    };
    for (size_t i = 0; i < sizeof writers / sizeof *writers; i++) {
        const char **a = writers[i].args;
        tu_run r =
            tu_wachter_db(s.dir, "t.db", a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], NULL);
        if (r.code != 1 || !strstr(r.err, holder) || !strstr(r.err, "one writer at a time"))
            fail_msg("second-writer-refused (%s): exit %d, said: %s", writers[i].what, r.code,
                     r.err);
        tu_free(&r);
    }
    /* Readers read on. */
    char *during = alerts_of(s.dir, "t.db");
    assert_string_equal(during, alerts);
    free(during);
    char *after = tu_rows(s.dir, "SELECT actor, layout, hex(state) FROM actor_state");
    assert_string_equal(after, learned);
    free(after);
    assert_int_equal(tu_count_of(s.dir, "SELECT count(*) FROM incidents"), 0);

    /* The holder ends: the same ingest runs, finding everything stored. */
    assert_int_equal(write(done[1], "x", 1), 1);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_int_equal(WEXITSTATUS(status), 0);
    tu_ingest_expect(s.dir, path, "\"duplicates\":201");
    close(go[0]);
    close(done[1]);
    free(alerts);
    free(learned);
    sc_free(&s);
}

/* `second-writer-waits`: with --wait=SECONDS a second writer waits that
 * long and then is refused, saying so; with --wait it waits until the
 * holder has finished, and then runs. */
static void test_second_writer_waits(void **state)
{
    sc s = sc_new();
    sc_work(&s, "clerk0", 0, 3, 20, 8, 16, "ws1");
    fclose(s.ev);
    s.ev = NULL;
    load_ok(s.dir, "t.db", s.dir);
    int go[2];
    assert_int_equal(pipe(go), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        char db[512];
        close(go[0]);
        snprintf(db, sizeof db, "%s/t.db", s.dir);
        store *st;
        werr e = {0};
        if (store_open(db, &st, &e) < 0 || store_writer_begin(st, "load org", &e) < 0) _exit(1);
        if (write(go[1], "x", 1) != 1) _exit(1);
        sleep(3);
        store_writer_end(st);
        store_close(st);
        _exit(0);
    }
    close(go[1]);
    char c;
    assert_int_equal(read(go[0], &c, 1), 1);
    char path[512];
    snprintf(path, sizeof path, "%s/events.jsonl", s.dir);
    tu_run r = tu_wachter_db(s.dir, "t.db", "--wait=soon", "ingest", path, NULL);
    assert_int_equal(r.code, CLI_EXIT_USAGE);
    assert_non_null(strstr(r.err, "--wait= takes a number of seconds (1 to 604800), not 'soon'"));
    tu_free(&r);
    double t0 = now_s();
    r = tu_wachter_db(s.dir, "t.db", "--wait=1", "ingest", path, NULL);
    assert_int_equal(r.code, 1);
    if (!strstr(r.err, "(load org) since ") || !strstr(r.err, "it still was after 1 s"))
        fail_msg("second-writer-waits: said %s", r.err);
    assert_true(now_s() - t0 >= 0.9);
    tu_free(&r);
    r = tu_wachter_db(s.dir, "t.db", "--wait", "--format", "jsonl", "ingest", path, NULL);
    if (r.code != 0 || !strstr(r.out, "\"stored\":60"))
        fail_msg("second-writer-waits: exit %d: %s %s", r.code, r.out, r.err);
    tu_free(&r);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    close(go[0]);
    sc_free(&s);
}

/* `second-writer-refused`, two real ingests: while one wachter ingests a
 * stream (its standard input, held open here), a second ingest of the
 * same events is refused naming the first's pid; the first, finished,
 * leaves the same alerts as one ingest alone. */
static void test_two_ingests_at_once(void **state)
{
    demo d = demo_new();
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "cp '%s/base.db' '%s/two.db'", d.dir, d.dir);
    assert_int_equal(system(cmd), 0);
    int in[2];
    assert_int_equal(pipe(in), 0);
    char path[512], ev[512];
    snprintf(path, sizeof path, "%s/two.db", d.dir);
    snprintf(ev, sizeof ev, "%s/events.jsonl", d.dir);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(in[1]);
        dup2(in[0], 0);
        FILE *null = freopen("/dev/null", "w", stdout);
        null = freopen("/dev/null", "w", stderr);
        (void)null;
        execl(getenv("WACHTER"), "wachter", "--db", path, "ingest", "-", (char *)NULL);
        _exit(127);
    }
    close(in[0]);
    FILE *feed = fdopen(in[1], "w"), *src = fopen(ev, "r");
    assert_non_null(feed);
    assert_non_null(src);
    char line[65536];
    for (long n = 0; n < d.events / 2 && fgets(line, sizeof line, src); n++)
        fputs(line, feed);
    fflush(feed);
    /* The first holds the store once its lock file names it. */
    char lockfile[600], want[64], text[256] = "";
    snprintf(lockfile, sizeof lockfile, "%s.lock", path);
    snprintf(want, sizeof want, "pid %ld\n", (long)pid);
    for (int i = 0; i < 1000 && strncmp(text, want, strlen(want)) != 0; i++) {
        struct timespec ts = {0, 10000000};
        nanosleep(&ts, NULL);
        FILE *f = fopen(lockfile, "r");
        text[0] = 0;
        if (f) {
            size_t n = fread(text, 1, sizeof text - 1, f);
            text[n] = 0;
            fclose(f);
        }
    }
    snprintf(want, sizeof want, "is being written by pid %ld (ingest stdin) since ", (long)pid);
    tu_run r = tu_wachter_db(d.dir, "two.db", "ingest", ev, NULL);
    if (r.code != 1 || !strstr(r.err, want))
        fail_msg("second-writer-refused: exit %d, said: %s", r.code, r.err);
    tu_free(&r);
    while (fgets(line, sizeof line, src))
        fputs(line, feed);
    fclose(src);
    fclose(feed);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_int_equal(WEXITSTATUS(status), 0);
    char *got = alerts_of(d.dir, "two.db");
    same_alerts("second-writer-refused: the first ingest's alerts", d.alerts, got);
    free(got);
    assert_int_equal(count(d.dir, "two.db", "SELECT count(*) FROM events"), d.stored);
    demo_free(&d);
}

/* A killed writer leaves no lock behind: the kernel releases it. */
static void test_killed_writer_leaves_no_lock(void **state)
{
    sc s = sc_new();
    sc_work(&s, "clerk0", 0, 3, 20, 8, 16, "ws1");
    fclose(s.ev);
    s.ev = NULL;
    load_ok(s.dir, "t.db", s.dir);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        char db[512];
        snprintf(db, sizeof db, "%s/t.db", s.dir);
        store *st;
        werr e = {0};
        if (store_open(db, &st, &e) < 0 || store_writer_begin(st, "ingest x", &e) < 0) _exit(1);
        pause();
        _exit(0);
    }
    /* Wait until it holds the store, then kill it. */
    char lockfile[600];
    snprintf(lockfile, sizeof lockfile, "%s/t.db.lock", s.dir);
    for (int i = 0; i < 200; i++) {
        FILE *f = fopen(lockfile, "r");
        char line[64] = "";
        if (f) {
            if (!fgets(line, sizeof line, f)) line[0] = 0;
            fclose(f);
        }
        if (strncmp(line, "pid ", 4) == 0) break;
        struct timespec ts = {0, 10000000};
        nanosleep(&ts, NULL);
    }
    kill(pid, SIGKILL);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    char path[512];
    snprintf(path, sizeof path, "%s/events.jsonl", s.dir);
    tu_ingest_expect(s.dir, path, "\"stored\":60");
    sc_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parts_give_the_same_alerts),
        cmocka_unit_test(test_second_writer_refused),
        cmocka_unit_test(test_second_writer_waits),
        cmocka_unit_test(test_killed_writer_leaves_no_lock),
        cmocka_unit_test(test_demo_in_parts),
        cmocka_unit_test(test_two_ingests_at_once),
        cmocka_unit_test(test_killed_and_resumed_is_exact),
        cmocka_unit_test_teardown(test_disk_full_resumed_is_exact, unmount),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
