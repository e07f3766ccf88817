/* wachter correlate [--incidents FILE] [--lookback 30d] [--explained-weight W]
 *                   [--top N]: actors ranked by how improbable their
 * look-ups of incident subjects are by chance (investigate/correlate.h).
 * Without --incidents, the stored incidents are used. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli_range.h"
#include "cli/commands.h"
#include "investigate/correlate.h"
#include "investigate/incident_alerts.h"
#include "normalise/ts.h"
#include "util/buf.h"

typedef struct corr_args {
    const char *file;
    inv_corr_opts o;
    long top;
} corr_args;

static void hit_json(buf *b, const inv_incidents *inc, const inv_hit *h)
{
    const inv_incident *x = &inc->v[h->incident];
    char its[32], lts[32];
    ts_format(x->ts, its);
    ts_format(h->first_ts, lts);
    buf_puts(b, "{\"incident\":");
    buf_json_str(b, x->id);
    buf_puts(b, ",\"subject\":");
    buf_json_str(b, x->subject);
    buf_puts(b, ",\"kind\":");
    buf_json_str(b, x->kind);
    buf_printf(b,
               ",\"incident_ts\":\"%s\",\"first_lookup\":\"%s\",\"days_before\":%.1f,"
               "\"lookups\":%u,\"explained\":%s,\"event\":",
               its, lts, (double)(x->ts - h->first_ts) / TS_DAY_MS, h->lookups,
               h->explained ? "true" : "false");
    buf_json_str(b, h->event_id);
    buf_puts(b, ",\"explanation\":");
    buf_json_str(b, h->why);
    buf_puts(b, "}");
}

static void suspect_json(buf *b, const inv_incidents *inc, const inv_suspect *x)
{
    buf_puts(b, "{\"actor\":");
    buf_json_str(b, x->actor);
    buf_printf(b, ",\"rank\":%d,\"score\":%.2f,\"hits\":%ld,\"incidents\":[", x->rank, x->score,
               x->hits);
    for (size_t i = 0; i < x->nhit; i++) {
        if (i) buf_puts(b, ",");
        buf_json_str(b, inc->v[x->hit[i].incident].id);
    }
    buf_printf(b,
               "],\"lookups\":%lld,\"p\":%.3g,\"p_any\":%.3g,\"expected\":%.4g,"
               "\"explained_hits\":%ld,\"weighted_hits\":%.2f,\"unit\":",
               (long long)x->lookups, x->p, x->p_any, x->expected, x->explained_hits, x->weighted);
    buf_json_str(b, x->unit);
    buf_puts(b, ",\"details\":[");
    for (size_t i = 0; i < x->nhit; i++) {
        if (i) buf_puts(b, ",");
        hit_json(b, inc, &x->hit[i]);
    }
    buf_puts(b, "]}\n");
}

static void suspect_table(buf *b, const inv_incidents *inc, const inv_suspect *x)
{
    buf_printf(b, "%4d  %-12s  %-14s  %4ld  %4ld  %7lld  %8.3g  %9.2g  %9.2g  %6.1f\n", x->rank,
               x->actor, x->unit[0] ? x->unit : "?", x->hits, x->explained_hits,
               (long long)x->lookups, x->expected, x->p, x->p_any, x->score);
    for (size_t i = 0; i < x->nhit; i++) {
        const inv_hit *h = &x->hit[i];
        const inv_incident *y = &inc->v[h->incident];
        char its[32];
        ts_format(y->ts, its);
        its[10] = 0;
        buf_printf(b,
                   "        %s %s at %s on %s: looked up %.1f days before (%u look-up%s);"
                   " %s [%s]\n",
                   y->id, y->kind[0] ? y->kind : "incident", y->subject, its,
                   (double)(y->ts - h->first_ts) / TS_DAY_MS, h->lookups,
                   h->lookups == 1 ? "" : "s", h->why, h->event_id);
    }
}

static void report(const cli *c, const corr_args *a, const inv_incidents *inc,
                   const inv_correlation *r)
{
    buf b = {0};
    if (c->format == FMT_TABLE) {
        buf_printf(&b,
                   "%zu incidents, look-back %.0f days; population %lld subjects; %ld actors"
                   " looked something up in the windows (p_any corrects for all of them)\n",
                   inc->n, (double)a->o.lookback / TS_DAY_MS, (long long)r->population, r->tested);
        buf_printf(&b, "%4s  %-12s  %-14s  %4s  %4s  %7s  %8s  %9s  %9s  %6s\n", "RANK", "ACTOR",
                   "UNIT", "HITS", "EXPL", "LOOKUPS", "EXPECTED", "P", "P(ANY)", "SCORE");
    }
    for (size_t k = 0; k < r->n && (!a->top || (long)k < a->top); k++) {
        if (c->format == FMT_JSONL)
            suspect_json(&b, inc, &r->v[k]);
        else
            suspect_table(&b, inc, &r->v[k]);
    }
    if (c->format == FMT_TABLE && r->n == 0)
        buf_puts(&b, "nobody looked up an incident's subject inside its look-back window\n");
    fwrite(b.data ? b.data : "", 1, b.len, c->out);
    buf_free(&b);
}

static int parse(cli *c, int argc, char **argv, corr_args *a)
{
    const char *v;
    for (int i = 1; i < argc; i++) {
        int rc;
        if ((rc = cli_opt(c, argc, argv, &i, "--incidents", &a->file)) != 0 ||
            (rc = cli_lookback_opt(c, argc, argv, &i, "correlate", &a->o.lookback)) != 0 ||
            (rc = cli_format_opt(c, argc, argv, &i)) != 0) {
            if (rc < 0) return -1;
        } else if ((rc = cli_opt(c, argc, argv, &i, "--explained-weight", &v)) != 0) {
            char *end;
            a->o.explained_weight = rc > 0 ? strtod(v, &end) : -1;
            if (rc < 0 || *end || a->o.explained_weight < 0 || a->o.explained_weight > 1) {
                fprintf(c->err, "wachter correlate: --explained-weight takes 0..1\n");
                return -1;
            }
        } else if ((rc = cli_opt(c, argc, argv, &i, "--top", &v)) != 0) {
            if (rc < 0 || (a->top = atol(v)) <= 0) {
                fprintf(c->err, "wachter correlate: --top takes a positive number\n");
                return -1;
            }
        } else {
            cli_usage(c, "correlate", argv[i]);
            return -1;
        }
    }
    return 0;
}

/* A bad row of the incidents file, on the error stream ctx. */
static void print_bad_row(const char *path, long line, const char *why, void *ctx)
{
    fprintf(ctx, "%s:%ld: %s\n", path, line, why);
}

int cmd_correlate(cli *c, int argc, char **argv)
{
    corr_args a = {NULL, {INV_LOOKBACK_MS, 0.25}, 0};
    if (parse(c, argc, argv, &a) < 0) return 2;
    store *s;
    if (cli_open_store(c, &s) < 0) return 1;
    inv_incidents inc = {0};
    inv_correlation r = {0};
    werr e = {0};
    long bad = 0;
    int code = 1;
    if (a.file ? inv_incidents_read_csv(a.file, &inc, print_bad_row, c->err, &bad, &e) < 0
               : inv_incidents_stored(s, &inc, &e) < 0) {
        fprintf(c->err, a.file ? "%s\n" : "wachter correlate: %s\n", e.msg);
        goto done;
    }
    if (inc.n == 0) {
        fprintf(c->err, "wachter correlate: no incidents %s\n",
                a.file ? "in that file" : "stored (give --incidents FILE)");
        goto done;
    }
    if (inv_correlate(s, &inc, &a.o, &r, &e) < 0) {
        fprintf(c->err, "wachter correlate: %s\n", e.msg);
        goto done;
    }
    report(c, &a, &inc, &r);
    code = bad ? 3 : 0;
done:
    inv_correlation_free(&r);
    inv_incidents_free(&inc);
    store_close(s);
    return code;
}
