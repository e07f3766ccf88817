#include "emit/emit_converge.h"

#include "emit/emit_int.h"
#include "normalise/ts.h"
#include "util/esc.h"

static int ring_json(buf *b, const inv_ring *r)
{
    int rc = buf_printf(b, "{\"rank\":%d,\"actors\":", r->rank);
    rc |= emit_json_list(b, r->actors, r->nactors);
    rc |= buf_puts(b, ",\"units\":");
    rc |= emit_json_list(b, r->units, r->nactors);
    rc |= buf_puts(b, ",\"subjects\":");
    rc |= emit_json_list(b, r->subjects, r->nsubjects);
    return rc | buf_printf(b,
                           ",\"shared\":%ld,\"expected\":%.4g,\"p\":%.3g,\"p_any\":%.3g,"
                           "\"score\":%.2f}\n",
                           r->shared, r->expected, r->p, r->p_any, r->score);
}

static int ring_table(buf *b, const inv_ring *r)
{
    int rc = esc_printf(b, "%4d  %6ld  %9.3g  %9.2g  %9.2g  ", r->rank, r->shared, r->expected,
                        r->p, r->p_any);
    for (size_t i = 0; i < r->nactors; i++)
        rc |= esc_printf(b, "%s%s (%s)", i ? ", " : "", r->actors[i],
                         r->units[i][0] ? r->units[i] : "?");
    rc |= buf_puts(b, "\n        shared without a case:");
    for (size_t i = 0; i < r->nsubjects; i++)
        rc |= esc_printf(b, " %s", r->subjects[i]);
    return rc | buf_puts(b, "\n");
}

int emit_converge(buf *b, enum emit_format f, const inv_conv_opts *o, const inv_convergence *v)
{
    int rc = 0;
    if (f == EMIT_TABLE) {
        char from[32], to[32];
        ts_format(o->from, from);
        ts_format(o->to, to);
        rc |= esc_printf(b,
                         "%.10s .. %.10s: %ld actors, %ld pairs tested, population %lld; %ld"
                         " subjects ignored (more than %d actors); shared = looked up without a"
                         " case within %d days of each other; groups of pairs with p <= %g\n",
                         from, to, v->actors, v->pairs_tested, (long long)v->population,
                         v->popular_skipped, o->max_accessors, o->within_days, o->max_p);
        rc |= esc_printf(b, "%4s  %6s  %9s  %9s  %9s  %s\n", "RANK", "SHARED", "EXPECTED", "P",
                         "P(ANY)", "ACTORS (UNIT)");
    }
    for (size_t k = 0; k < v->n; k++)
        rc |= f == EMIT_JSONL ? ring_json(b, &v->v[k]) : ring_table(b, &v->v[k]);
    if (f == EMIT_TABLE && v->n == 0)
        rc |= esc_printf(b, "no group shares %d or more unexplained subjects (p <= %g)\n",
                         o->min_shared, o->max_p);
    return rc;
}
