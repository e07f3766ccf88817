/* emit_demo — the demo's report and its JSON summary. */
#include "emit/emit_demo.h"

#include <stdio.h>
#include "util/esc.h"

/* The plants of one kind (insiders or benign cases), one row each. */
static int plant_rows(buf *b, const demo_result *r, int benign)
{
    const demo_truth *t = r->truth;
    int rc = 0;
    for (size_t i = 0; i < t->nplants; i++) {
        const demo_plant *p = &t->plants[i];
        if ((p->benign != 0) != benign) continue;
        /* for a benign case, the one of its actors nearest the top matters */
        int k = demo_plant_rank(p, r->rows, r->nrows);
        char rank[16];
        snprintf(rank, sizeof rank, "%d", k);
        const char *verdict = benign ? (k && k <= r->cut ? "FLAGGED" : "ok")
                                     : (k && k <= r->cut ? "FOUND" : "MISSED");
        rc |= esc_printf(b, "  %-7s %-18s rank %-5s %s\n", verdict, p->scenario, k ? rank : "-",
                         p->description);
    }
    return rc;
}

int emit_demo_table(buf *b, const demo_result *r)
{
    const demo_truth *t = r->truth;
    const ingest_stats *st = &r->ingest;
    double per100 = 100.0 * r->alerts / t->actors / t->days;
    int rc =
        esc_printf(b, "\nwachter demo — %d staff, %d days, %ld look-ups (generated in %.1f s)\n\n",
                   t->actors, t->days, t->events, r->gen_s);
    rc |= esc_printf(b, "ingest+detect: %ld events in %.2f s = %.0f events/s; %ld quarantined\n",
                     st->read, st->elapsed, st->elapsed > 0 ? st->read / st->elapsed : 0,
                     st->quarantined);
    rc |= esc_printf(b, "alerts: %ld = %.2f per 100 staff per day (budget: 2)\n\n", r->alerts,
                     per100);
    rc |= esc_printf(b, "Planted insiders (found = an insider in the top 2 %%, rank <= %d):\n",
                     r->cut);
    rc |= plant_rows(b, r, 0);
    rc |= esc_printf(b, "\nHard benign cases (must stay out of the top %d):\n", r->cut);
    rc |= plant_rows(b, r, 1);
    rc |= esc_printf(b, "\nTop of `wachter risk`:\n");
    for (size_t i = 0; i < r->nrows && (int)i < r->cut + 5; i++) {
        const risk_row *row = &r->rows[i];
        const demo_plant *p = demo_plant_of(t, row->actor);
        rc |= esc_printf(b, "  %3d  %-14s %7.1f  %-26s %s\n", row->rank, row->actor, row->score,
                         p ? p->scenario : "-", row->nreasons ? row->reasons[0] : "");
    }
    return rc ? -1 : 0;
}

int emit_demo_json(buf *b, const demo_result *r)
{
    const demo_truth *t = r->truth;
    const ingest_stats *st = &r->ingest;
    int rc = buf_printf(b,
                        "{\"actors\":%d,\"days\":%d,\"events\":%ld,\"top_cut\":%d,\"alerts\":%ld,"
                        "\"alerts_per_100_staff_day\":%.3f,\"events_per_s\":%.0f,\"plants\":[",
                        t->actors, t->days, t->events, r->cut, r->alerts,
                        100.0 * r->alerts / t->actors / t->days,
                        st->elapsed > 0 ? st->read / st->elapsed : 0);
    for (size_t i = 0; i < t->nplants; i++) {
        const demo_plant *p = &t->plants[i];
        rc |= buf_printf(b, "%s{\"scenario\":", i ? "," : "");
        rc |= buf_json_str(b, p->scenario);
        rc |= buf_printf(b, ",\"benign\":%s,\"rank\":%d,\"actors\":[", p->benign ? "true" : "false",
                         demo_plant_rank(p, r->rows, r->nrows));
        for (int k = 0; k < p->nactors; k++) {
            if (k) rc |= buf_puts(b, ",");
            rc |= buf_json_str(b, p->actors[k]);
        }
        rc |= buf_puts(b, "]}");
    }
    rc |= buf_puts(b, "]}\n");
    return rc ? -1 : 0;
}
