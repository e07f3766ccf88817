#include "emit/emit_protocol.h"

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
