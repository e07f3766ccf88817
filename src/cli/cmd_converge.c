/* wachter convergence [--from T] [--to T] [--min-shared N] [--max-accessors N]
 *                     [--within DAYS] [--max-p P] [--same-unit]: groups of actors sharing several
 * unexplained subjects that few others touched (investigate/converge.h).
 * The period defaults to the 90 days up to the newest event. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli_range.h"
#include "cli/commands.h"
#include "investigate/converge.h"
#include "normalise/ts.h"
#include "store/store_events.h"
#include "util/buf.h"

enum { DEFAULT_DAYS = 90, MAX_ACCESSORS_LIMIT = 64 };

static void json_list(buf *b, const char *const *v, size_t n)
{
    buf_puts(b, "[");
    for (size_t i = 0; i < n; i++) {
        if (i) buf_puts(b, ",");
        buf_json_str(b, v[i]);
    }
    buf_puts(b, "]");
}

static void ring_json(buf *b, const inv_ring *r)
{
    buf_printf(b, "{\"rank\":%d,\"actors\":", r->rank);
    json_list(b, r->actors, r->nactors);
    buf_puts(b, ",\"units\":");
    json_list(b, r->units, r->nactors);
    buf_puts(b, ",\"subjects\":");
    json_list(b, r->subjects, r->nsubjects);
    buf_printf(b, ",\"shared\":%ld,\"expected\":%.4g,\"p\":%.3g,\"p_any\":%.3g,\"score\":%.2f}\n",
               r->shared, r->expected, r->p, r->p_any, r->score);
}

static void ring_table(buf *b, const inv_ring *r)
{
    buf_printf(b, "%4d  %6ld  %9.3g  %9.2g  %9.2g  ", r->rank, r->shared, r->expected, r->p,
               r->p_any);
    for (size_t i = 0; i < r->nactors; i++)
        buf_printf(b, "%s%s (%s)", i ? ", " : "", r->actors[i], r->units[i][0] ? r->units[i] : "?");
    buf_puts(b, "\n        shared without a case:");
    for (size_t i = 0; i < r->nsubjects; i++)
        buf_printf(b, " %s", r->subjects[i]);
    buf_puts(b, "\n");
}

static void report(const cli *c, const inv_conv_opts *o, const inv_convergence *v)
{
    buf b = {0};
    if (c->format == FMT_TABLE) {
        char f[32], t[32];
        ts_format(o->from, f);
        ts_format(o->to, t);
        buf_printf(&b,
                   "%.10s .. %.10s: %ld actors, %ld pairs tested, population %lld; %ld"
                   " subjects ignored (more than %d actors); shared = looked up without a"
                   " case within %d days of each other; groups of pairs with p <= %g\n",
                   f, t, v->actors, v->pairs_tested, (long long)v->population, v->popular_skipped,
                   o->max_accessors, o->within_days, o->max_p);
        buf_printf(&b, "%4s  %6s  %9s  %9s  %9s  %s\n", "RANK", "SHARED", "EXPECTED", "P", "P(ANY)",
                   "ACTORS (UNIT)");
    }
    for (size_t k = 0; k < v->n; k++) {
        if (c->format == FMT_JSONL)
            ring_json(&b, &v->v[k]);
        else
            ring_table(&b, &v->v[k]);
    }
    if (c->format == FMT_TABLE && v->n == 0)
        buf_printf(&b, "no group shares %d or more unexplained subjects (p <= %g)\n", o->min_shared,
                   o->max_p);
    fwrite(b.data ? b.data : "", 1, b.len, c->out);
    buf_free(&b);
}

static int count_opt(const cli *c, int argc, char **argv, int *i, const char *name, int lo, int hi,
                     int *out)
{
    const char *v;
    int rc = cli_opt(c, argc, argv, i, name, &v);
    if (rc <= 0) return rc;
    char *end;
    long n = strtol(v, &end, 10);
    if (*end || n < lo || n > hi) {
        fprintf(c->err, "wachter convergence: %s takes a number from %d to %d\n", name, lo, hi);
        return -1;
    }
    *out = (int)n;
    return 1;
}

static int p_opt(const cli *c, int argc, char **argv, int *i, double *out)
{
    const char *v;
    int rc = cli_opt(c, argc, argv, i, "--max-p", &v);
    if (rc <= 0) return rc;
    char *end;
    *out = strtod(v, &end);
    if (*end || !(*out > 0 && *out <= 1)) {
        fprintf(c->err, "wachter convergence: --max-p takes a probability in (0, 1]\n");
        return -1;
    }
    return 1;
}

static int parse(cli *c, int argc, char **argv, inv_conv_opts *o)
{
    for (int i = 1; i < argc; i++) {
        int rc;
        if (strcmp(argv[i], "--same-unit") == 0)
            o->same_unit = 1;
        else if ((rc = cli_range_opt(c, argc, argv, &i, "convergence", &o->from, &o->to)) != 0 ||
                 (rc = count_opt(c, argc, argv, &i, "--min-shared", 2, 1000000, &o->min_shared)) !=
                     0 ||
                 (rc = count_opt(c, argc, argv, &i, "--max-accessors", 2, MAX_ACCESSORS_LIMIT,
                                 &o->max_accessors)) != 0 ||
                 (rc = count_opt(c, argc, argv, &i, "--within", 0, 36500, &o->within_days)) != 0 ||
                 (rc = cli_format_opt(c, argc, argv, &i)) != 0) {
            if (rc < 0) return -1;
        } else if ((rc = p_opt(c, argc, argv, &i, &o->max_p)) != 0) {
            if (rc < 0) return -1;
        } else {
            cli_usage(c, "convergence", argv[i]);
            return -1;
        }
    }
    return 0;
}

int cmd_converge(cli *c, int argc, char **argv)
{
    inv_conv_opts o = {-1, CLI_TIME_MAX, 3, 5, 0, 30, 0.01};
    if (parse(c, argc, argv, &o) < 0) return 2;
    store *s;
    if (cli_open_store(c, &s) < 0) return 1;
    if (o.to == CLI_TIME_MAX && store_newest_event(s, &o.to) < 0) {
        fprintf(c->err, "wachter convergence: %s\n", store_errmsg(s));
        store_close(s);
        return 1;
    }
    if (o.from < 0)
        o.from = o.to - DEFAULT_DAYS * TS_DAY_MS > 0 ? o.to - DEFAULT_DAYS * TS_DAY_MS : 0;
    inv_convergence v = {0};
    werr e = {0};
    int code = 0;
    if (inv_converge(s, &o, &v, &e) < 0) {
        fprintf(c->err, "wachter convergence: %s\n", e.msg);
        code = 1;
    } else
        report(c, &o, &v);
    inv_convergence_free(&v);
    store_close(s);
    return code;
}
