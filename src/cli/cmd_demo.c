/* wachter demo [--actors N] [--days D] [--seed S] [--dir DIR]: builds a
 * synthetic organisation with planted insiders and hard benign cases, runs
 * load → ingest → risk on it, and shows a person where each plant ranked. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/commands.h"
#include "demo/demo_gen.h"
#include "detect/detect.h"
#include "input/refload.h"
#include "pipeline/ingest.h"
#include "score/risk.h"
#include "store/store_events.h"
#include "util/buf.h"

typedef struct demo_args {
    demo_opts o;
    const char *dir;
} demo_args;

static int parse(cli *c, int argc, char **argv, demo_args *a)
{
    demo_opts_init(&a->o);
    a->dir = "demo-org";
    for (int i = 1; i < argc; i++) {
        const char *v;
        int rc;
        if ((rc = cli_opt(c, argc, argv, &i, "--actors", &v)) != 0) {
            if (rc < 0) return -1;
            a->o.actors = atoi(v);
        } else if ((rc = cli_opt(c, argc, argv, &i, "--days", &v)) != 0) {
            if (rc < 0) return -1;
            a->o.days = atoi(v);
        } else if ((rc = cli_opt(c, argc, argv, &i, "--seed", &v)) != 0) {
            if (rc < 0) return -1;
            a->o.seed = strtoull(v, NULL, 10);
        } else if ((rc = cli_opt(c, argc, argv, &i, "--dir", &v)) != 0) {
            if (rc < 0) return -1;
            a->dir = v;
        } else if ((rc = cli_format_opt(c, argc, argv, &i)) != 0) {
            if (rc < 0) return -1;
        } else {
            cli_usage(c, "demo", argv[i]);
            return -1;
        }
    }
    return 0;
}

/* Rank of actor in rows, or 0 when they have no alerts at all. */
static int rank_of(const risk_row *rows, size_t n, const char *actor)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(rows[i].actor, actor) == 0) return rows[i].rank;
    return 0;
}

/* Best (lowest) rank among a plant's actors; 0 when none ranked. */
static int plant_rank(const demo_plant *p, const risk_row *rows, size_t n)
{
    int best = 0;
    for (int k = 0; k < p->nactors; k++) {
        int r = rank_of(rows, n, p->actors[k]);
        if (r && (!best || r < best)) best = r;
    }
    return best;
}

/* Which plant, if any, an actor belongs to. */
static const demo_plant *plant_of(const demo_truth *t, const char *actor)
{
    for (size_t i = 0; i < t->nplants; i++)
        for (int k = 0; k < t->plants[i].nactors; k++)
            if (strcmp(t->plants[i].actors[k], actor) == 0) return &t->plants[i];
    return NULL;
}

static int count_alerts(store *s, long *n)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT count(*) FROM alerts");
    if (!st || sqlite3_step(st) != SQLITE_ROW) return -1;
    *n = (long)sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return 0;
}

static void report_table(const cli *c, const demo_truth *t, const risk_row *rows, size_t n,
                         int cut, const ingest_stats *st, long alerts, double gen_s)
{
    FILE *o = c->out;
    double per100 = 100.0 * alerts / t->actors / t->days;
    fprintf(o, "\nwachter demo — %d staff, %d days, %ld look-ups (generated in %.1f s)\n\n",
            t->actors, t->days, t->events, gen_s);
    fprintf(o, "ingest+detect: %ld events in %.2f s = %.0f events/s; %ld quarantined\n",
            st->read, st->elapsed, st->elapsed > 0 ? st->read / st->elapsed : 0,
            st->quarantined);
    fprintf(o, "alerts: %ld = %.2f per 100 staff per day (budget: 2)\n\n", alerts, per100);
    fprintf(o, "Planted insiders (found = an insider in the top 2 %%, rank <= %d):\n", cut);
    for (size_t i = 0; i < t->nplants; i++) {
        const demo_plant *p = &t->plants[i];
        if (p->benign) continue;
        int r = plant_rank(p, rows, n);
        char rank[16];
        snprintf(rank, sizeof rank, "%d", r);
        fprintf(o, "  %-7s %-18s rank %-5s %s\n", r && r <= cut ? "FOUND" : "MISSED",
                p->scenario, r ? rank : "-", p->description);
    }
    fprintf(o, "\nHard benign cases (must stay out of the top %d):\n", cut);
    for (size_t i = 0; i < t->nplants; i++) {
        const demo_plant *p = &t->plants[i];
        if (!p->benign) continue;
        int r = plant_rank(p, rows, n); /* the one nearest the top matters */
        char rank[16];
        snprintf(rank, sizeof rank, "%d", r);
        fprintf(o, "  %-7s %-18s rank %-5s %s\n", r && r <= cut ? "FLAGGED" : "ok", p->scenario,
                r ? rank : "-", p->description);
    }
    fprintf(o, "\nTop of `wachter risk`:\n");
    for (size_t i = 0; i < n && (int)i < cut + 5; i++) {
        const demo_plant *p = plant_of(t, rows[i].actor);
        fprintf(o, "  %3d  %-10s %7.1f  %-26s %s\n", rows[i].rank, rows[i].actor, rows[i].score,
                p ? p->scenario : "-", rows[i].nreasons ? rows[i].reasons[0] : "");
    }
}

static void report_json(const cli *c, const demo_truth *t, const risk_row *rows, size_t n,
                        int cut, const ingest_stats *st, long alerts)
{
    buf b = {0};
    buf_printf(&b, "{\"actors\":%d,\"days\":%d,\"events\":%ld,\"top_cut\":%d,\"alerts\":%ld,"
                   "\"alerts_per_100_staff_day\":%.3f,\"events_per_s\":%.0f,\"plants\":[",
               t->actors, t->days, t->events, cut, alerts, 100.0 * alerts / t->actors / t->days,
               st->elapsed > 0 ? st->read / st->elapsed : 0);
    for (size_t i = 0; i < t->nplants; i++) {
        const demo_plant *p = &t->plants[i];
        buf_printf(&b, "%s{\"scenario\":", i ? "," : "");
        buf_json_str(&b, p->scenario);
        buf_printf(&b, ",\"benign\":%s,\"rank\":%d,\"actors\":[", p->benign ? "true" : "false",
                   plant_rank(p, rows, n));
        for (int k = 0; k < p->nactors; k++) {
            if (k) buf_puts(&b, ",");
            buf_json_str(&b, p->actors[k]);
        }
        buf_puts(&b, "]}");
    }
    buf_puts(&b, "]}\n");
    fwrite(b.data, 1, b.len, c->out);
    buf_free(&b);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int cmd_demo(cli *c, int argc, char **argv)
{
    demo_args a;
    if (parse(c, argc, argv, &a) < 0) return 2;
    char err[512], path[4096];
    demo_truth *t = NULL;
    store *s = NULL;
    refdata *r = NULL;
    det_engine *d = NULL;
    risk_row *rows = NULL;
    size_t n = 0;
    FILE *in = NULL;
    int code = 1;
    double t0 = now_s();
    if (demo_generate(&a.o, a.dir, &t, err, sizeof err) < 0) {
        fprintf(c->err, "wachter demo: %s\n", err);
        return 1;
    }
    double gen_s = now_s() - t0;
    if (cli_open_store(c, &s) < 0) goto done;
    int64_t have = 0;
    if (store_count_events(s, &have) < 0 || have > 0) {
        fprintf(c->err, "wachter demo: %s already holds events; the demo needs an empty store"
                        " (remove it or pass another --db)\n", c->db);
        goto done;
    }
    refload_counts rc;
    if (refload_dir(s, a.dir, 1, c->err, &rc) < 0) goto done;
    werr e = {0};
    if (refdata_load(s, 0, &r, err, sizeof err) < 0) {
        fprintf(c->err, "wachter demo: %s\n", err);
        goto done;
    }
    if (det_new(r, s, &d, &e) < 0) {
        fprintf(c->err, "wachter demo: %s\n", e.msg);
        goto done;
    }
    snprintf(path, sizeof path, "%s/events.jsonl", a.dir);
    if (!(in = fopen(path, "rb"))) {
        fprintf(c->err, "wachter demo: %s: cannot open\n", path);
        goto done;
    }
    ingest_opts io = {.source = path,
                      .store_events = 1,
                      .batch = 100000,
                      .on_bad = cmd_ingest_quarantined,
                      .on_bad_ctx = c->err};
    ingest_stats st;
    long alerts;
    if (ingest_stream(s, d, in, &io, &st, &e) < 0) {
        fprintf(c->err, "%s\n", e.msg);
        goto done;
    }
    if (risk_rank(s, 0, &rows, &n) < 0 || count_alerts(s, &alerts) < 0) goto done;
    int cut = (int)ceil(0.02 * t->actors);
    if (c->format == FMT_JSONL) report_json(c, t, rows, n, cut, &st, alerts);
    else report_table(c, t, rows, n, cut, &st, alerts, gen_s);
    code = 0;
done:
    if (in) fclose(in);
    risk_free(rows, n);
    det_free(d);
    refdata_free(r);
    store_close(s);
    demo_truth_free(t);
    return code;
}
