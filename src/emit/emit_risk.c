#include "emit/emit_risk.h"
#include "util/esc.h"

static int risk_json(buf *b, const risk_row *r)
{
    int rc = buf_puts(b, "{\"actor\":");
    rc |= buf_json_str(b, r->actor);
    rc |= buf_printf(b, ",\"score\":%.1f,\"rank\":%d,\"alerts\":%ld,\"reasons\":[", r->score,
                     r->rank, r->alerts);
    for (int i = 0; i < r->nreasons; i++) {
        if (i) rc |= buf_put(b, ",", 1);
        rc |= buf_json_str(b, r->reasons[i]);
    }
    return rc | buf_puts(b, "]}\n");
}

/* The strongest reason, and when the actor's function weighed the score,
 * the reason that says so after it. */
static int risk_row_table(buf *b, const risk_row *r)
{
    int w = r->weighed > 1 && r->weighed <= r->nreasons;
    return esc_printf(b, "%4d  %-14s  %7.1f  %6ld  %s%s%s\n", r->rank, r->actor, r->score,
                      r->alerts, r->nreasons ? r->reasons[0] : "", w ? "; " : "",
                      w ? r->reasons[r->weighed - 1] : "");
}

int emit_risk(buf *b, enum emit_format f, const risk_row *rows, size_t n, size_t below, double min)
{
    int rc = 0;
    if (f == EMIT_TABLE)
        rc = esc_printf(b, "%4s  %-14s  %7s  %6s  %s\n", "RANK", "ACTOR", "SCORE", "ALERTS",
                        "STRONGEST REASON");
    for (size_t i = 0; i < n; i++)
        rc |= f == EMIT_JSONL ? risk_json(b, &rows[i]) : risk_row_table(b, &rows[i]);
    if (f == EMIT_TABLE && below)
        rc |= buf_printf(b, "(%zu more with alerts below a score of %g: wachter risk --all)\n",
                         below, min);
    return rc;
}
