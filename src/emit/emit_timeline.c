#include "emit/emit_timeline.h"

#include "emit/emit_int.h"
#include "normalise/ts.h"
#include "util/esc.h"

/* " [A1 A2]" in a table, ,"alert_ids":["A1","A2"] in jsonl. */
static int ids_of(buf *b, enum emit_format f, const inv_alert_ids *ids)
{
    if (f == EMIT_JSONL) {
        int rc = buf_puts(b, ",\"alert_ids\":");
        return rc | emit_json_list(b, ids ? ids->v : NULL, ids ? ids->n : 0);
    }
    int rc = 0;
    for (size_t i = 0; ids && i < ids->n; i++)
        rc |= esc_printf(b, "%s%s", i ? " " : "  [", ids->v[i]);
    return rc | (ids && ids->n ? buf_puts(b, "]") : 0);
}

/* ids: the alerts listing x, shown when not NULL. */
static int access_row(buf *b, enum emit_format f, const inv_timeline *t, const inv_access *x,
                      const inv_alert_ids *ids)
{
    char ts[32], why[300];
    ts_format(x->ts, ts);
    inv_explain_words(t->ref, x, why, sizeof why);
    if (f == EMIT_TABLE) {
        int rc =
            esc_printf(b, "%-20s  access  %-6s  %-7s  %-14s  %-12s  %s", ts, x->system, x->action,
                       x->subject[0] ? x->subject : "-", x->case_id[0] ? x->case_id : "-", why);
        if (ids) rc |= ids_of(b, f, ids);
        return rc | buf_puts(b, "\n");
    }
    int rc = buf_printf(b, "{\"type\":\"access\",\"ts\":\"%s\",\"system\":", ts);
    rc |= buf_json_str(b, x->system);
    rc |= buf_puts(b, ",\"action\":");
    rc |= buf_json_str(b, x->action);
    rc |= buf_puts(b, ",\"subject\":");
    rc |= buf_json_str(b, x->subject);
    rc |= buf_puts(b, ",\"case\":");
    rc |= buf_json_str(b, x->case_id);
    rc |= buf_printf(b, ",\"explained\":%s,\"status\":\"%s\",\"reason\":",
                     emit_json_explained(x->ex.status), inv_explain_code(x->ex.status));
    rc |= buf_json_str(b, why);
    rc |= buf_puts(b, ",\"event\":");
    rc |= buf_json_str(b, x->id);
    if (ids) rc |= ids_of(b, f, ids);
    return rc | buf_puts(b, "}\n");
}

static int alert_row(buf *b, enum emit_format f, const inv_alert *a)
{
    char ts[32];
    ts_format(a->ts, ts);
    int later = a->why && a->why[0];
    if (f == EMIT_TABLE)
        return esc_printf(b, "%-20s  ALERT   %-12s %-8s %5.1f  %s%s%s%s  [%s]\n", ts, a->rule,
                          emit_severity_name(a->severity), a->score, a->reason, later ? " (" : "",
                          later ? a->why : "", later ? ")" : "", a->id);
    int rc = buf_printf(b, "{\"type\":\"alert\",\"ts\":\"%s\",\"id\":", ts);
    rc |= buf_json_str(b, a->id);
    rc |= buf_puts(b, ",\"rule\":");
    rc |= buf_json_str(b, a->rule);
    rc |= buf_printf(b, ",\"severity\":\"%s\",\"score\":%.1f,\"events\":%zu,\"reason\":",
                     emit_severity_name(a->severity), a->score, a->nevents);
    rc |= buf_json_str(b, a->reason);
    if (later) {
        rc |= buf_puts(b, ",\"status\":\"explained-later\",\"why\":");
        rc |= buf_json_str(b, a->why);
    }
    return rc | buf_puts(b, "}\n");
}

static int timeline(buf *b, enum emit_format f, const char *actor, const inv_timeline *t,
                    int with_ids)
{
    static const inv_alert_ids none = {NULL, 0};
    long unexplained = 0;
    size_t i = 0, k = 0;
    int rc = 0;
    if (f == EMIT_TABLE)
        rc |=
            esc_printf(b, "Timeline of %s\n%-20s  %-6s  %-6s  %-7s  %-14s  %-12s  %s\n", actor,
                       "TIME", "KIND", "SYSTEM", "ACTION", "SUBJECT", "STATED CASE", "EXPLANATION");
    /* Both lists are oldest first: merge them. */
    while (i < t->acc.n || k < t->nalerts) {
        if (k == t->nalerts || (i < t->acc.n && t->acc.v[i].ts <= t->alerts[k].ts)) {
            unexplained += explain_is_unexplained(t->acc.v[i].ex.status);
            const inv_alert_ids *ids = !with_ids ? NULL : t->ids ? &t->ids[i] : &none;
            rc |= access_row(b, f, t, &t->acc.v[i++], ids);
        } else
            rc |= alert_row(b, f, &t->alerts[k++]);
    }
    if (f == EMIT_TABLE)
        rc |= esc_printf(b, "%zu access%s (%ld unexplained), %zu alert%s\n", t->acc.n,
                         t->acc.n == 1 ? "" : "es", unexplained, t->nalerts,
                         t->nalerts == 1 ? "" : "s");
    return rc;
}

int emit_timeline(buf *b, enum emit_format f, const char *actor, const inv_timeline *t)
{
    return timeline(b, f, actor, t, 0);
}

int emit_timeline_ids(buf *b, enum emit_format f, const char *actor, const inv_timeline *t)
{
    return timeline(b, f, actor, t, 1);
}
