#include "emit/emit_dashboard.h"

#include <stdio.h>

#include "emit/emit_int.h"
#include "normalise/ts.h"
#include "util/esc.h"

enum { P_NONE, P_MONTH, P_DAYS, P_QUEUE, P_RULES, P_COUNTS, P_UNITS, P_INGEST, P_FUNCS, P_END };
/* The summary's flag among want's bits. */
#define SUMMARY (1u << 31)

static const char *key(const emit_doc *d, int p)
{
    switch (p) {
    case P_DAYS:
        return "alerts_per_day";
    case P_QUEUE:
        return "queue";
    case P_RULES:
        return d->want & SUMMARY ? "rules" : "dispositions";
    case P_UNITS:
        return "top_units";
    case P_INGEST:
        return "ingest";
    case P_FUNCS:
        return "risk_by_function";
    default:
        return NULL;
    }
}

static const char *const heads[] = {[P_DAYS] = "alerts per day and rule:\n",
                                    [P_RULES] = "alerts by rule and outcome:\n",
                                    [P_UNITS] = "units whose staff's alerts weigh most:\n"};

static int is_array(int p)
{
    return p == P_DAYS || p == P_RULES || p == P_UNITS || p == P_FUNCS;
}

/* Moves on to part p: closes an array left open, opens the next ones
 * (empty arrays, or null for an object nothing rendered). */
static void go(emit_doc *d, int p)
{
    while (d->part < p) {
        if (d->f == EMIT_JSONL && is_array(d->part)) d->rc |= buf_puts(d->b, "]");
        int next = d->part + 1;
        while (next < P_END && !(d->want & (1u << next)))
            next++;
        d->part = next;
        d->rows = 0;
        if (next == P_END) return;
        if (d->f != EMIT_JSONL) {
            if (next < (int)(sizeof heads / sizeof *heads) && heads[next])
                d->rc |= buf_puts(d->b, heads[next]);
            continue;
        }
        if (!key(d, next)) continue; /* members written by the part itself */
        emit_doc_key(d, key(d, next));
        if (is_array(next))
            d->rc |= buf_puts(d->b, "[");
        else if (next != p)
            d->rc |= buf_puts(d->b, "null");
    }
}

static int on_day(int64_t day, const char *rule, int64_t n, void *ctx)
{
    emit_doc *d = ctx;
    go(d, P_DAYS);
    char t[32];
    ts_format(day * TS_DAY_MS, t);
    if (d->f != EMIT_JSONL)
        return d->rc |= esc_printf(d->b, "  %.10s  %-16s  %lld\n", t, rule, (long long)n);
    emit_doc_row(d);
    d->rc |= buf_printf(d->b, "{\"day\":\"%.10s\",\"rule\":", t);
    d->rc |= buf_json_str(d->b, rule);
    return d->rc |= buf_printf(d->b, ",\"n\":%lld}", (long long)n);
}

static int on_queue(const ops_dash_queue *q, void *ctx)
{
    emit_doc *d = ctx;
    go(d, P_QUEUE);
    if (d->f != EMIT_JSONL) {
        d->rc |= buf_printf(d->b, "open queue: %lld, the oldest %lld days old;", (long long)q->open,
                            (long long)q->oldest_days);
        for (int i = 0; i < OPS_AGES; i++)
            d->rc |= buf_printf(d->b, " %s %lld", ops_age_name(i), (long long)q->ages[i]);
        return d->rc |= buf_puts(d->b, "\n");
    }
    d->rc |= buf_printf(d->b, "{\"open\":%lld,\"oldest_days\":%lld,\"ages\":[", (long long)q->open,
                        (long long)q->oldest_days);
    for (int i = 0; i < OPS_AGES; i++)
        d->rc |= buf_printf(d->b, "%s{\"bucket\":\"%s\",\"n\":%lld}", i ? "," : "", ops_age_name(i),
                            (long long)q->ages[i]);
    return d->rc |= buf_puts(d->b, "]}");
}

static int on_rule(const store_dash_rule *r, void *ctx)
{
    emit_doc *d = ctx;
    go(d, P_RULES);
    if (d->f != EMIT_JSONL)
        return d->rc |= esc_printf(d->b,
                                   "  %-16s  alerts %lld, open %lld, confirmed %lld, benign %lld,"
                                   " false positive %lld, duplicate %lld\n",
                                   r->rule, (long long)r->alerts, (long long)r->open,
                                   (long long)r->confirmed, (long long)r->benign,
                                   (long long)r->false_positive, (long long)r->duplicate);
    emit_doc_row(d);
    d->rc |= buf_puts(d->b, "{\"rule\":");
    d->rc |= buf_json_str(d->b, r->rule);
    return d->rc |=
           buf_printf(d->b,
                      ",\"alerts\":%lld,\"open\":%lld,\"confirmed\":%lld,\"benign\":%lld,"
                      "\"false_positive\":%lld,\"duplicate\":%lld}",
                      (long long)r->alerts, (long long)r->open, (long long)r->confirmed,
                      (long long)r->benign, (long long)r->false_positive, (long long)r->duplicate);
}

static int on_unit(const char *unit, double risk, int64_t people, void *ctx)
{
    emit_doc *d = ctx;
    go(d, P_UNITS);
    if (d->f != EMIT_JSONL)
        return d->rc |= esc_printf(d->b, "  %-20s  risk %.1f, %lld people\n", *unit ? unit : "-",
                                   risk, (long long)people);
    emit_doc_row(d);
    d->rc |= buf_puts(d->b, "{\"unit\":");
    d->rc |= buf_json_str(d->b, unit);
    return d->rc |= buf_printf(d->b, ",\"risk\":%.1f,\"people\":%lld}", risk, (long long)people);
}

static int on_ingest(const store_dash_ingest *i, int64_t now, void *ctx)
{
    emit_doc *d = ctx;
    go(d, P_INGEST);
    char last[40];
    emit_when(i->last_event, d->f == EMIT_JSONL, last);
    double rate = (double)i->last_hour / 3600.0;
    if (d->f != EMIT_JSONL)
        return d->rc |= buf_printf(d->b,
                                   "ingest: %lld events, the last at %s, %.2f events per second"
                                   " in the last hour, %lld quarantined lines\n",
                                   (long long)i->events, last, rate, (long long)i->quarantined);
    return d->rc |= buf_printf(d->b,
                               "{\"events\":%lld,\"last_event\":%s,"
                               "\"events_per_second_last_hour\":%.3f,\"quarantined\":%lld}",
                               (long long)i->events, last, rate, (long long)i->quarantined);
}

/* One analysed function; in a table under a heading of its own, shown
 * only when a function has been analysed. */
static int on_function(const char *unit, const char *role, const char *band, int risk,
                       int64_t people, int64_t alerts, void *ctx)
{
    emit_doc *d = ctx;
    go(d, P_FUNCS);
    char fn[300];
    snprintf(fn, sizeof fn, "%s/%s", unit, role);
    if (d->f != EMIT_JSONL) {
        if (d->rows++ == 0) d->rc |= buf_puts(d->b, "risk by function (latest analysis):\n");
        return d->rc |= esc_printf(d->b, "  %-36s  %-9s  risk %2d, %lld people, %lld alerts\n", fn,
                                   band, risk, (long long)people, (long long)alerts);
    }
    emit_doc_row(d);
    d->rc |= buf_puts(d->b, "{\"function\":");
    d->rc |= buf_json_str(d->b, fn);
    d->rc |= buf_puts(d->b, ",\"unit\":");
    d->rc |= buf_json_str(d->b, unit);
    d->rc |= buf_puts(d->b, ",\"role\":");
    d->rc |= buf_json_str(d->b, role);
    d->rc |= buf_puts(d->b, ",\"band\":");
    d->rc |= buf_json_str(d->b, band);
    return d->rc |= buf_printf(d->b, ",\"risk\":%d,\"people\":%lld,\"alerts\":%lld}", risk,
                               (long long)people, (long long)alerts);
}

static int on_month(const char *month, int64_t from, int64_t to, void *ctx)
{
    emit_doc *d = ctx;
    go(d, P_MONTH);
    char a[40], b[40];
    emit_when(from, d->f == EMIT_JSONL, a);
    emit_when(to, d->f == EMIT_JSONL, b);
    if (d->f != EMIT_JSONL)
        return d->rc |= esc_printf(d->b, "management summary %s (%s to %s)\n", month, a, b);
    emit_doc_key(d, "month");
    d->rc |= buf_json_str(d->b, month);
    emit_doc_key(d, "from");
    d->rc |= buf_puts(d->b, a);
    emit_doc_key(d, "to");
    return d->rc |= buf_puts(d->b, b);
}

static int on_counts(const store_dash_counts *c, void *ctx)
{
    emit_doc *d = ctx;
    go(d, P_COUNTS);
    double days = (double)c->median_close_ms / (double)TS_DAY_MS;
    if (d->f != EMIT_JSONL)
        return d->rc |= buf_printf(d->b,
                                   "dossiers opened %lld, closed %lld\n"
                                   "alerts closed %lld, median time to close %.1f days\n"
                                   "unmaskings asked %lld, approved %lld, refused %lld\n",
                                   (long long)c->dossiers_opened, (long long)c->dossiers_closed,
                                   (long long)c->alerts_closed, days, (long long)c->unmask_asked,
                                   (long long)c->unmask_approved, (long long)c->unmask_refused);
    emit_doc_key(d, "dossiers");
    d->rc |= buf_printf(d->b, "{\"opened\":%lld,\"closed\":%lld}", (long long)c->dossiers_opened,
                        (long long)c->dossiers_closed);
    emit_doc_key(d, "alerts_closed");
    d->rc |= buf_printf(d->b, "%lld", (long long)c->alerts_closed);
    emit_doc_key(d, "median_days_to_close");
    d->rc |= buf_printf(d->b, "%.2f", days);
    emit_doc_key(d, "unmaskings");
    return d->rc |= buf_printf(d->b, "{\"asked\":%lld,\"approved\":%lld,\"refused\":%lld}",
                               (long long)c->unmask_asked, (long long)c->unmask_approved,
                               (long long)c->unmask_refused);
}

void emit_dashboard_begin(emit_doc *d, buf *b, enum emit_format f)
{
    emit_doc_begin(d, b, f);
    d->want = 1u << P_DAYS | 1u << P_QUEUE | 1u << P_RULES | 1u << P_UNITS | 1u << P_INGEST |
              1u << P_FUNCS;
}

void emit_dashboard_fns(ops_dashboard_fns *fns)
{
    *fns = (ops_dashboard_fns){on_day, on_queue, on_rule, on_unit, on_ingest, on_function};
}

void emit_summary_begin(emit_doc *d, buf *b, enum emit_format f)
{
    emit_doc_begin(d, b, f);
    d->want = SUMMARY | 1u << P_MONTH | 1u << P_RULES | 1u << P_COUNTS | 1u << P_UNITS;
}

void emit_summary_fns(ops_summary_fns *fns)
{
    *fns = (ops_summary_fns){on_month, on_rule, on_counts, on_unit};
}

int emit_dashboard_end(emit_doc *d)
{
    go(d, P_END);
    return emit_doc_end(d);
}
