/* wachter quarantine: every bad input line with its source, line number,
 * reason and the raw bytes. */
#include "cli/commands.h"
#include "normalise/ts.h"
#include "store/store_quarantine.h"
#include "util/buf.h"

int cmd_quarantine(cli *c, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        int rc = cli_format_opt(c, argc, argv, &i);
        if (rc < 0) return 2;
        if (rc == 0) return cli_usage(c, "quarantine", argv[i]);
    }
    store *s;
    if (cli_open_store(c, &s) < 0) return 1;
    store_quarantine_cursor *qc;
    if (store_quarantine_open(s, &qc) < 0) {
        fprintf(c->err, "wachter quarantine: %s\n", store_errmsg(s));
        store_close(s);
        return 1;
    }
    buf b = {0};
    if (c->format == FMT_TABLE)
        fprintf(c->out, "%-24s  %7s  %-40s  %s\n", "SOURCE", "LINE", "REASON", "RAW (first 60 bytes)");
    store_quarantined q;
    while (store_quarantine_next(qc, &q) == 1) {
        const char *src = q.source;
        long line = q.line;
        const char *reason = q.reason;
        const char *raw = q.raw;
        int n = (int)q.n;
        buf_reset(&b);
        if (c->format == FMT_JSONL) {
            char at[32];
            ts_format(q.at, at);
            /* Raw bytes may be invalid UTF-8: shown as \u00XX escapes of each byte. */
            buf_puts(&b, "{\"source\":");
            buf_json_str(&b, src);
            buf_printf(&b, ",\"line\":%ld,\"reason\":", line);
            buf_json_str(&b, reason);
            buf_printf(&b, ",\"quarantined_at\":\"%s\",\"raw\":\"", at);
            for (int i = 0; i < n; i++) {
                unsigned char ch = (unsigned char)raw[i];
                if (ch < 0x20 || ch >= 0x7f || ch == '"' || ch == '\\') buf_printf(&b, "\\u%04x", ch);
                else buf_put(&b, &raw[i], 1);
            }
            buf_puts(&b, "\"}\n");
        } else {
            buf_printf(&b, "%-24s  %7ld  %-40s  ", src, line, reason);
            for (int i = 0; i < n && i < 60; i++) {
                unsigned char ch = (unsigned char)raw[i];
                buf_put(&b, ch < 0x20 || ch >= 0x7f ? "?" : &raw[i], 1);
            }
            buf_puts(&b, "\n");
        }
        fwrite(b.data, 1, b.len, c->out);
    }
    buf_free(&b);
    store_quarantine_close(qc);
    store_close(s);
    return 0;
}
