#include "emit/emit.h"

#include <string.h>

#include "normalise/ts.h"

static const char *const sev_names[] = {"none", "low", "medium", "high", "critical"};

const char *emit_severity_name(int severity)
{
    return severity >= 1 && severity <= 4 ? sev_names[severity] : "none";
}

int emit_severity_parse(const char *s)
{
    for (int i = 1; i <= 4; i++)
        if (strcmp(s, sev_names[i]) == 0) return i;
    return -1;
}

/* Appends the distinct non-empty entries of v as a JSON array. */
static int json_set(buf *b, const char *const *v, size_t n)
{
    int rc = buf_put(b, "[", 1);
    size_t written = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        if (!v[i] || !v[i][0]) continue;
        int dup = 0;
        for (size_t k = 0; k < i && !dup; k++) dup = v[k] && strcmp(v[k], v[i]) == 0;
        if (dup) continue;
        if (written++) rc |= buf_put(b, ",", 1);
        rc |= buf_json_str(b, v[i]);
    }
    return rc | buf_put(b, "]", 1);
}

int emit_alert_json(buf *b, const store_alert *a)
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
    rc |= buf_puts(b, ",\"reason\":");
    rc |= buf_json_str(b, a->reason);
    return rc | buf_puts(b, "}");
}

int emit_alert_header(buf *b)
{
    return buf_printf(b, "%-20s  %-14s  %-12s  %-8s  %5s  %s\n", "TIME", "ACTOR", "RULE",
                      "SEVERITY", "SCORE", "REASON");
}

int emit_alert_row(buf *b, const store_alert *a)
{
    char ts[32];
    ts_format(a->ts, ts);
    return buf_printf(b, "%-20s  %-14s  %-12s  %-8s  %5.1f  %s\n", ts, a->actor, a->rule,
                      emit_severity_name(a->severity), a->score, a->reason);
}

int emit_risk_json(buf *b, const risk_row *r)
{
    int rc = buf_puts(b, "{\"actor\":");
    rc |= buf_json_str(b, r->actor);
    rc |= buf_printf(b, ",\"score\":%.1f,\"rank\":%d,\"alerts\":%ld,\"reasons\":[", r->score,
                     r->rank, r->alerts);
    for (int i = 0; i < r->nreasons; i++) {
        if (i) rc |= buf_put(b, ",", 1);
        rc |= buf_json_str(b, r->reasons[i]);
    }
    return rc | buf_puts(b, "]}");
}

int emit_risk_header(buf *b)
{
    return buf_printf(b, "%4s  %-14s  %7s  %6s  %s\n", "RANK", "ACTOR", "SCORE", "ALERTS",
                      "STRONGEST REASON");
}

int emit_risk_row(buf *b, const risk_row *r)
{
    return buf_printf(b, "%4d  %-14s  %7.1f  %6ld  %s\n", r->rank, r->actor, r->score, r->alerts,
                      r->nreasons ? r->reasons[0] : "");
}
