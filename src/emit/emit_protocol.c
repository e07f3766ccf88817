#include "emit/emit_protocol.h"

#include <stdio.h>

#include "normalise/ts.h"
#include "util/esc.h"

int emit_protocol_begin(buf *b, enum emit_format f, const char *subject)
{
    if (f != EMIT_TABLE) return 0;
    return esc_printf(b, "Accesses to the record of %s\n%-20s  %-24s  %-8s  %-8s  %-24s  %s\n",
                      subject, "TIME", "ORGANISATION UNIT", "SYSTEM", "ACTION", "PURPOSE", "CASE");
}

int emit_protocol_row(buf *b, enum emit_format f, const inv_protocol_row *r)
{
    char ts[32];
    ts_format(r->ts, ts);
    const char *unit = r->unit[0] ? r->unit : "(unit not registered)";
    if (f == EMIT_TABLE)
        return esc_printf(b, "%-20s  %-24s  %-8s  %-8s  %-24s  %s\n", ts, unit, r->system,
                          r->action, r->purpose[0] ? r->purpose : "-",
                          r->case_id[0] ? r->case_id : "-");
    const char *k[] = {"unit", "system", "action", "purpose", "case"};
    const char *v[] = {unit, r->system, r->action, r->purpose, r->case_id};
    int rc = buf_printf(b, "{\"ts\":\"%s\"", ts);
    for (size_t i = 0; i < sizeof k / sizeof *k; i++) {
        rc |= buf_printf(b, ",\"%s\":", k[i]);
        rc |= buf_json_str(b, v[i]);
    }
    return rc | buf_puts(b, "}\n");
}

int emit_protocol_end(buf *b, enum emit_format f, long n)
{
    return f == EMIT_TABLE ? buf_printf(b, "%ld accesses\n", n) : 0;
}

/* A time as a quoted date, null when open (0 or past the year 9999). */
static int date_or_null(buf *b, int64_t ms)
{
    if (ms <= 0 || ms >= INT64_C(253402300800000)) return buf_puts(b, "null");
    char t[32];
    ts_format(ms, t);
    return buf_printf(b, "\"%.10s\"", t);
}

int emit_letter_begin(buf *b, const char *subject, int64_t from, int64_t to)
{
    int rc = buf_puts(b, "{\"subject\":");
    rc |= buf_json_str(b, subject);
    rc |= buf_puts(b, ",\"from\":");
    rc |= date_or_null(b, from);
    rc |= buf_puts(b, ",\"to\":");
    rc |= date_or_null(b, to);
    return rc | buf_puts(b, ",\"rows\":[");
}

int emit_letter_row(buf *b, const inv_letter_row *r, int first)
{
    char t[32], by[200];
    ts_format(r->ts, t);
    if (!r->by_case)
        snprintf(by, sizeof by, "zonder zaak");
    else if (r->case_opened > 0) {
        char o[32];
        ts_format(r->case_opened, o);
        snprintf(by, sizeof by, "zaak van %s, geopend %.10s",
                 r->unit[0] ? r->unit : "de organisatie", o);
    } else
        snprintf(by, sizeof by, "zaak van %s", r->unit[0] ? r->unit : "de organisatie");
    int rc = buf_printf(b, "%s{\"date\":\"%.10s\",\"ts\":%lld,\"unit\":", first ? "" : ",", t,
                        (long long)r->ts);
    rc |= buf_json_str(b, r->unit[0] ? r->unit : "(afdeling onbekend)");
    rc |= buf_puts(b, ",\"system\":");
    rc |= buf_json_str(b, r->system);
    rc |= buf_puts(b, ",\"purpose\":");
    rc |= buf_json_str(b, r->purpose ? r->purpose : "(niet vermeld)");
    rc |= buf_puts(b, ",\"explained_by\":");
    rc |= buf_json_str(b, by);
    return rc | buf_puts(b, "}");
}

int emit_letter_end(buf *b)
{
    return buf_puts(b, "]}");
}
