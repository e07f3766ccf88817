/* stream_lat — how soon a look-up written into `wachter ingest -` can be
 * read back from the store by another process, as an analyst's query or a
 * SIEM's poll would: one event at a time into the pipe, each read back
 * (a fresh read of that event by its time and id, every millisecond)
 * before the next is written. The events are the first lines of EVENTS
 * with new ids, and times a second apart after the store's newest event.
 * The first one also waits for wachter's start and is not counted.
 *
 *   stream_lat WACHTER DB EVENTS N [INGEST OPTION...]
 *
 * Prints "p50 p99 max" in ms (nearest rank) on one line, or a reason on
 * stderr and exits 1. */
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { WAIT_S = 30, LINE_MAX_BYTES = 65536 };

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* line with its "id" value replaced by id and its "ts" by the epoch ms ts,
 * into out. 0, or -1 without an id or a time. */
static int with_id_ts(const char *line, const char *id, long long ts, char *out, size_t cap)
{
    const char *at = strstr(line, "\"id\":\""), *end, *t = strstr(line, "\"ts\":"), *tend;
    if (!at || !(end = strchr(at + 6, '"')) || !t || t < end) return -1;
    t += 5;
    if (*t == '"') {
        if (!(tend = strchr(t + 1, '"'))) return -1;
        tend++;
    } else {
        for (tend = t; *tend >= '0' && *tend <= '9'; tend++) {
        }
    }
    int n = snprintf(out, cap, "%.*s%s%.*s%lld%s", (int)(at + 6 - line), line, id, (int)(t - end),
                     end, ts, tend);
    return n > 0 && (size_t)n < cap ? 0 : -1;
}

/* 1 once the event of this id and time (ms) is stored, 0 before, -1 on
 * error. Its rowid leads with its time (src/store/store_rowid.h). */
static int stored(sqlite3_stmt *find, const char *id, long long ts)
{
    sqlite3_bind_int64(find, 1, ts);
    sqlite3_bind_text(find, 2, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(find);
    sqlite3_reset(find);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE || rc == SQLITE_BUSY ? 0 : -1;
}

/* Starts "wachter --db DB ingest OPTIONS... -" reading the returned fd. */
static int start(char **argv, int nopt, pid_t *pid)
{
    int p[2];
    if (pipe(p) < 0) return -1;
    char **args = calloc((size_t)nopt + 6, sizeof *args);
    int k = 0;
    args[k++] = argv[1];
    args[k++] = "--db";
    args[k++] = argv[2];
    args[k++] = "ingest";
    for (int i = 0; i < nopt; i++)
        args[k++] = argv[5 + i];
    args[k++] = "-";
    if ((*pid = fork()) == 0) {
        dup2(p[0], 0);
        close(p[0]);
        close(p[1]);
        if (!freopen("/dev/null", "w", stdout)) _exit(127);
        execv(argv[1], args);
        _exit(127);
    }
    free(args);
    close(p[0]);
    return *pid > 0 ? p[1] : -1;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double rank(const double *v, int n, double p)
{
    int i = (int)(n * p / 100 + 0.999999);
    return v[i < 1 ? 0 : i - 1];
}

int main(int argc, char **argv)
{
    if (argc < 5 || atoi(argv[4]) < 1) {
        fprintf(stderr, "usage: stream_lat WACHTER DB EVENTS N [INGEST OPTION...]\n");
        return 2;
    }
    int n = atoi(argv[4]);
    FILE *events = fopen(argv[3], "r");
    sqlite3 *db;
    sqlite3_stmt *find, *newest;
    if (!events || sqlite3_open_v2(argv[2], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "SELECT 1 FROM events WHERE rowid BETWEEN ?1 << 21"
                           " AND (?1 << 21 | 2097151) AND id = ?2",
                           -1, &find, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "SELECT coalesce(max(rowid) >> 21, 0) FROM events", -1, &newest,
                           NULL) != SQLITE_OK ||
        sqlite3_step(newest) != SQLITE_ROW) {
        fprintf(stderr, "stream_lat: cannot open %s or %s\n", argv[3], argv[2]);
        return 1;
    }
    long long after = sqlite3_column_int64(newest, 0) + 1000;
    sqlite3_finalize(newest);
    signal(SIGPIPE, SIG_IGN);
    pid_t pid;
    int in = start(argv, argc - 5, &pid);
    if (in < 0) return 1;
    double *ms = calloc((size_t)n, sizeof *ms);
    char *line = malloc(LINE_MAX_BYTES), *ev = malloc(LINE_MAX_BYTES), id[64];
    int ok = 1;
    for (int i = 0; ok && i <= n; i++) {
        snprintf(id, sizeof id, "stream-lat-%ld-%d", (long)getpid(), i);
        long long ts = after + i * 1000LL;
        if (!fgets(line, LINE_MAX_BYTES, events) ||
            with_id_ts(line, id, ts, ev, LINE_MAX_BYTES) < 0) {
            fprintf(stderr, "stream_lat: line %d of %s has no id or ts\n", i + 1, argv[3]);
            ok = 0;
            break;
        }
        double t0 = now();
        if (write(in, ev, strlen(ev)) != (ssize_t)strlen(ev)) {
            fprintf(stderr, "stream_lat: wachter stopped reading\n");
            ok = 0;
            break;
        }
        int seen;
        while ((seen = stored(find, id, ts)) == 0 && now() - t0 < WAIT_S) {
            struct timespec ms1 = {0, 1000000};
            nanosleep(&ms1, NULL);
        }
        if (seen != 1) {
            fprintf(stderr, "stream_lat: event %d not stored after %d s\n", i, WAIT_S);
            ok = 0;
        }
        if (i > 0) ms[i - 1] = (now() - t0) * 1000;
    }
    close(in);
    int status;
    waitpid(pid, &status, 0);
    if (ok) {
        qsort(ms, (size_t)n, sizeof *ms, by_value);
        printf("%.1f %.1f %.1f\n", rank(ms, n, 50), rank(ms, n, 99), ms[n - 1]);
    }
    free(ms);
    free(line);
    free(ev);
    fclose(events);
    sqlite3_finalize(find);
    sqlite3_close(db);
    return ok && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}
