#include "emit/emit_quarantine.h"

#include "normalise/ts.h"
#include "util/esc.h"

int emit_quarantine_begin(buf *b, enum emit_format f)
{
    if (f != EMIT_TABLE) return 0;
    return esc_printf(b, "%-24s  %7s  %-40s  %s\n", "SOURCE", "LINE", "REASON",
                      "RAW (first 60 bytes)");
}

int emit_quarantined_line(buf *b, enum emit_format f, const store_quarantined *q)
{
    int rc;
    if (f == EMIT_JSONL) {
        char at[32];
        ts_format(q->at, at);
        rc = buf_puts(b, "{\"source\":");
        rc |= buf_json_str(b, q->source);
        rc |= buf_printf(b, ",\"line\":%ld,\"reason\":", q->line);
        rc |= buf_json_str(b, q->reason);
        rc |= buf_printf(b, ",\"quarantined_at\":\"%s\",\"raw\":\"", at);
        /* Raw bytes may be invalid UTF-8: shown as \u00XX escapes of each byte. */
        for (size_t i = 0; i < q->nraw; i++) {
            unsigned char ch = (unsigned char)q->raw[i];
            if (ch < 0x20 || ch >= 0x7f || ch == '"' || ch == '\\')
                rc |= buf_printf(b, "\\u%04x", ch);
            else
                rc |= buf_put(b, &q->raw[i], 1);
        }
        return rc | buf_puts(b, "\"}\n");
    }
    rc = esc_printf(b, "%-24s  %7ld  %-40s  ", q->source, q->line, q->reason);
    rc |= esc_bytes(b, q->raw, q->nraw < 60 ? q->nraw : 60);
    return rc | buf_puts(b, "\n");
}
