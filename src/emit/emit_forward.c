#include "emit/emit_forward.h"

#include <inttypes.h>

#include "emit/emit_int.h"
#include "util/esc.h"

int emit_fwd_result(buf *b, enum emit_format f, const ops_fwd_result *r, const werr *failed)
{
    if (f == EMIT_TABLE) {
        int rc = esc_printf(b, "forwarded %" PRId64 " alert%s to %s as %s", r->sent,
                            r->sent == 1 ? "" : "s", r->dest, r->payload ? r->payload : "-");
        if (r->sent) rc |= esc_printf(b, " (%s .. %s)", r->first, r->last);
        rc |= buf_printf(b, "; cursor %" PRId64 ", %" PRId64 " pending", r->cursor, r->pending);
        if (failed) rc |= esc_printf(b, "; failed: %s", failed->msg);
        return rc | buf_puts(b, "\n");
    }
    int rc = buf_puts(b, "{\"to\":") | buf_json_str(b, r->dest);
    rc |= buf_puts(b, ",\"payload\":") | buf_json_str(b, r->payload ? r->payload : "");
    rc |= buf_printf(b, ",\"sent\":%" PRId64 ",\"first\":", r->sent);
    rc |= r->sent ? buf_json_str(b, r->first) : buf_puts(b, "null");
    rc |= buf_puts(b, ",\"last\":");
    rc |= r->sent ? buf_json_str(b, r->last) : buf_puts(b, "null");
    rc |= buf_printf(b, ",\"cursor\":%" PRId64 ",\"pending\":%" PRId64, r->cursor, r->pending);
    if (failed) rc |= buf_puts(b, ",\"error\":") | buf_json_str(b, failed->msg);
    return rc | buf_puts(b, "}\n");
}

int emit_fwd_status_begin(buf *b, enum emit_format f)
{
    if (f != EMIT_TABLE) return 0;
    return buf_printf(b, "%-40s  %-8s  %8s  %8s  %8s  %-20s  %s\n", "DESTINATION", "PAYLOAD",
                      "CURSOR", "SENT", "PENDING", "LAST DELIVERY", "LAST ERROR");
}

int emit_fwd_status(buf *b, enum emit_format f, const store_fwd *d)
{
    char ok[40], err_at[40];
    int json = f == EMIT_JSONL;
    emit_when(d->last_ok, json, ok);
    emit_when(d->error_at, json, err_at);
    if (!json) {
        int rc = esc_printf(b, "%-40s  %-8s", d->dest, d->payload);
        rc |= buf_printf(b, "  %8" PRId64 "  %8" PRId64 "  %8" PRId64 "  %-20s  ", d->seq, d->sent,
                         d->pending, ok);
        if (*d->last_error)
            rc |= esc_printf(b, "%s (%s)", d->last_error, err_at);
        else
            rc |= buf_puts(b, "-");
        return rc | buf_puts(b, "\n");
    }
    int rc = buf_puts(b, "{\"to\":") | buf_json_str(b, d->dest);
    rc |= buf_puts(b, ",\"payload\":") | buf_json_str(b, d->payload);
    rc |= buf_printf(b,
                     ",\"cursor\":%" PRId64 ",\"sent\":%" PRId64 ",\"pending\":%" PRId64
                     ",\"last_ok\":%s,\"last_error\":",
                     d->seq, d->sent, d->pending, ok);
    rc |= buf_json_str(b, d->last_error);
    return rc | buf_printf(b, ",\"error_at\":%s}\n", err_at);
}
