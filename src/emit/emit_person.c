#include "emit/emit_person.h"

#include "emit/emit.h"
#include "emit/emit_int.h"
#include "normalise/ts.h"

static int risk(buf *b, const ops_person_page *p)
{
    const risk_row *r = &p->risk;
    int rc = buf_printf(b, "\"risk\":{\"score\":%.1f,\"rank\":", p->ranked ? r->score : 0.0);
    rc |= p->ranked ? buf_printf(b, "%d", r->rank) : buf_puts(b, "null");
    rc |= buf_printf(b, ",\"ranked\":%zu,\"alerts\":%ld,\"rules\":%d,\"reasons\":", p->ranked_of,
                     p->ranked ? r->alerts : 0L, p->ranked ? r->nrules : 0);
    rc |= emit_json_list(b, (const char *const *)r->reasons, p->ranked ? (size_t)r->nreasons : 0);
    return rc | buf_puts(b, "}");
}

static int alert(buf *b, const inv_alert *a)
{
    char t[32];
    ts_format(a->ts, t);
    int rc = buf_puts(b, "{\"id\":");
    rc |= buf_json_str(b, a->id);
    rc |= buf_printf(b, ",\"ts\":%lld,\"time\":\"%s\",\"rule\":", (long long)a->ts, t);
    rc |= buf_json_str(b, a->rule);
    rc |= buf_printf(b, ",\"severity\":\"%s\",\"score\":%.1f,\"events\":%zu,\"reason\":",
                     emit_severity_name(a->severity), a->score, a->nevents);
    rc |= buf_json_str(b, a->reason);
    rc |= buf_printf(b, ",\"status\":\"%s\",\"why\":", a->why[0] ? "explained-later" : "new");
    rc |= buf_json_str(b, a->why);
    return rc | buf_puts(b, "}");
}

int emit_person(buf *b, const ops_person_page *p)
{
    int rc = buf_puts(b, "{\"actor\":");
    rc |= buf_json_str(b, p->actor);
    rc |= buf_printf(b, ",\"registered\":%s,\"unit\":", p->registered ? "true" : "false");
    rc |= buf_json_str(b, p->unit);
    rc |= buf_puts(b, ",\"role\":");
    rc |= buf_json_str(b, p->role);
    rc |= buf_puts(b, ",");
    rc |= risk(b, p);
    rc |= buf_puts(b, ",\"alerts\":[");
    for (size_t i = 0; i < p->nalerts; i++) {
        if (i) rc |= buf_puts(b, ",");
        rc |= alert(b, &p->alerts[i]);
    }
    rc |= buf_puts(b, "],\"risk_over_time\":[");
    for (size_t i = 0; i < p->ndays; i++) {
        char t[32];
        ts_format(p->days[i].day, t);
        rc |= buf_printf(b, "%s{\"day\":\"%.10s\",\"ts\":%lld,\"score\":%.1f,\"alerts\":%ld}",
                         i ? "," : "", t, (long long)p->days[i].day, p->days[i].score,
                         p->days[i].alerts);
    }
    return rc | buf_puts(b, "]}");
}
