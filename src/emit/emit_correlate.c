#include "emit/emit_correlate.h"

#include "normalise/ts.h"
#include "util/esc.h"

static int hit_json(buf *b, const inv_incidents *inc, const inv_hit *h)
{
    const inv_incident *x = &inc->v[h->incident];
    char its[32], lts[32];
    ts_format(x->ts, its);
    ts_format(h->first_ts, lts);
    int rc = buf_puts(b, "{\"incident\":");
    rc |= buf_json_str(b, x->id);
    rc |= buf_puts(b, ",\"subject\":");
    rc |= buf_json_str(b, x->subject);
    rc |= buf_puts(b, ",\"kind\":");
    rc |= buf_json_str(b, x->kind);
    rc |= buf_printf(b,
                     ",\"incident_ts\":\"%s\",\"first_lookup\":\"%s\",\"days_before\":%.1f,"
                     "\"lookups\":%u,\"explained\":%s,\"event\":",
                     its, lts, (double)(x->ts - h->first_ts) / TS_DAY_MS, h->lookups,
                     h->explained ? "true" : "false");
    rc |= buf_json_str(b, h->event_id);
    rc |= buf_puts(b, ",\"explanation\":");
    rc |= buf_json_str(b, h->why);
    return rc | buf_puts(b, "}");
}

static int suspect_json(buf *b, const inv_incidents *inc, const inv_suspect *x)
{
    int rc = buf_puts(b, "{\"actor\":");
    rc |= buf_json_str(b, x->actor);
    rc |= buf_printf(b, ",\"rank\":%d,\"score\":%.2f,\"hits\":%ld,\"incidents\":[", x->rank,
                     x->score, x->hits);
    for (size_t i = 0; i < x->nhit; i++) {
        if (i) rc |= buf_puts(b, ",");
        rc |= buf_json_str(b, inc->v[x->hit[i].incident].id);
    }
    rc |= buf_printf(b,
                     "],\"lookups\":%lld,\"p\":%.3g,\"p_any\":%.3g,\"expected\":%.4g,"
                     "\"explained_hits\":%ld,\"weighted_hits\":%.2f,\"unit\":",
                     (long long)x->lookups, x->p, x->p_any, x->expected, x->explained_hits,
                     x->weighted);
    rc |= buf_json_str(b, x->unit);
    rc |= buf_puts(b, ",\"details\":[");
    for (size_t i = 0; i < x->nhit; i++) {
        if (i) rc |= buf_puts(b, ",");
        rc |= hit_json(b, inc, &x->hit[i]);
    }
    return rc | buf_puts(b, "]}\n");
}

static int suspect_table(buf *b, const inv_incidents *inc, const inv_suspect *x)
{
    int rc = esc_printf(b, "%4d  %-14s  %-14s  %4ld  %4ld  %7lld  %8.3g  %9.2g  %9.2g  %6.1f\n",
                        x->rank, x->actor, x->unit[0] ? x->unit : "?", x->hits, x->explained_hits,
                        (long long)x->lookups, x->expected, x->p, x->p_any, x->score);
    for (size_t i = 0; i < x->nhit; i++) {
        const inv_hit *h = &x->hit[i];
        const inv_incident *y = &inc->v[h->incident];
        char its[32];
        ts_format(y->ts, its);
        its[10] = 0;
        rc |= esc_printf(b,
                         "        %s %s at %s on %s: looked up %.1f days before (%u look-up%s);"
                         " %s [%s]\n",
                         y->id, y->kind[0] ? y->kind : "incident", y->subject, its,
                         (double)(y->ts - h->first_ts) / TS_DAY_MS, h->lookups,
                         h->lookups == 1 ? "" : "s", h->why, h->event_id);
    }
    return rc;
}

int emit_correlate(buf *b, enum emit_format f, const inv_incidents *inc, const inv_corr_opts *o,
                   const inv_correlation *r, long top)
{
    int rc = 0;
    if (f == EMIT_TABLE) {
        rc |= esc_printf(b,
                         "%zu incidents, look-back %.0f days; population %lld subjects; %ld"
                         " actors looked something up in the windows (p_any corrects for all"
                         " of them)\n",
                         inc->n, (double)o->lookback / TS_DAY_MS, (long long)r->population,
                         r->tested);
        rc |=
            esc_printf(b, "%4s  %-14s  %-14s  %4s  %4s  %7s  %8s  %9s  %9s  %6s\n", "RANK", "ACTOR",
                       "UNIT", "HITS", "EXPL", "LOOKUPS", "EXPECTED", "P", "P(ANY)", "SCORE");
    }
    for (size_t k = 0; k < r->n && (!top || (long)k < top); k++)
        rc |= f == EMIT_JSONL ? suspect_json(b, inc, &r->v[k]) : suspect_table(b, inc, &r->v[k]);
    if (f == EMIT_TABLE && r->n == 0)
        rc |= buf_puts(b, "nobody looked up an incident's subject inside its look-back window\n");
    return rc;
}
