#include "emit/emit_alerts.h"

#include <stdio.h>
#include <string.h>

#include "normalise/ts.h"
#include "util/esc.h"

/* Appends the distinct non-empty entries of v as a JSON array. */
static int json_set(buf *b, const char *const *v, size_t n)
{
    int rc = buf_put(b, "[", 1);
    size_t written = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        if (!v[i] || !v[i][0]) continue;
        int dup = 0;
        for (size_t k = 0; k < i && !dup; k++)
            dup = v[k] && strcmp(v[k], v[i]) == 0;
        if (dup) continue;
        if (written++) rc |= buf_put(b, ",", 1);
        rc |= buf_json_str(b, v[i]);
    }
    return rc | buf_put(b, "]", 1);
}

static int alert_json(buf *b, const store_alert *a)
{
    char ts[32];
    ts_format(a->ts, ts);
    int rc = buf_puts(b, "{\"id\":");
    rc |= buf_json_str(b, a->id);
    rc |= buf_printf(b, ",\"ts\":\"%s\",\"actor\":", ts);
    rc |= buf_json_str(b, a->actor);
    rc |= buf_puts(b, ",\"rule\":");
    rc |= buf_json_str(b, a->rule);
    rc |= buf_printf(b, ",\"severity\":\"%s\",\"score\":%.1f,\"subjects\":",
                     emit_severity_name(a->severity), a->score);
    rc |= json_set(b, a->subjects, a->n);
    rc |= buf_puts(b, ",\"events\":");
    rc |= json_set(b, a->events, a->n);
    if (a->nactors) { /* an alert about a subject: every actor it counts for */
        rc |= buf_puts(b, ",\"actors\":");
        rc |= json_set(b, a->actors, a->nactors);
    }
    rc |= buf_puts(b, ",\"reason\":");
    rc |= buf_json_str(b, a->reason);
    if (emit_alert_later(a)) {
        rc |= buf_puts(b, ",\"status\":");
        rc |= buf_json_str(b, a->status);
        rc |= buf_puts(b, ",\"why\":");
        rc |= buf_json_str(b, a->why ? a->why : "");
    }
    if (a->raised) { /* read back (schema 26): when raised, and the unit */
        char raised[32];
        ts_format(a->raised, raised);
        rc |= buf_printf(b, ",\"raised\":\"%s\",\"unit\":", raised);
        rc |= buf_json_str(b, a->unit ? a->unit : "");
    }
    return rc | buf_puts(b, "}\n");
}

int emit_alert_later(const store_alert *a)
{
    return a->status && strcmp(a->status, STORE_EXPLAINED_LATER) == 0;
}

int emit_alerts_begin(buf *b, enum emit_format f)
{
    if (f != EMIT_TABLE) return 0;
    return esc_printf(b, "%-20s  %-14s  %-12s  %-8s  %5s  %s\n", "TIME", "ACTOR", "RULE",
                      "SEVERITY", "SCORE", "REASON");
}

int emit_alert(buf *b, enum emit_format f, const store_alert *a)
{
    if (f == EMIT_JSONL) return alert_json(b, a);
    char ts[32], who[96];
    ts_format(a->ts, ts);
    /* An alert naming several actors: the first "+ the others" (the
     * reason names them). */
    if (a->nactors > 1)
        snprintf(who, sizeof who, "%.60s +%zu", a->actor, a->nactors - 1);
    else
        snprintf(who, sizeof who, "%s", a->actor);
    int later = emit_alert_later(a);
    return esc_printf(b, "%-20s  %-14s  %-12s  %-8s  %5.1f  %s%s%s%s\n", ts, who, a->rule,
                      emit_severity_name(a->severity), a->score, a->reason, later ? " (" : "",
                      later && a->why ? a->why : "", later ? ")" : "");
}
